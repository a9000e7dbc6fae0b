"""COW readers: values equal the file's, -9 is missing, spells, clear errors."""

from datetime import date

import pytest

from collsec.data.cow import (
    capabilities,
    load_capabilities,
    load_states,
    state_name,
    states_in,
    states_on,
)
from collsec.errors import DataMissingError, InputError

from .conftest import cinc_in_file


def test_cinc_equals_the_file_row(shared_data, nmc_rows):
    got = capabilities(1950, ["USA", "RUS", "PRK"], shared_data)
    assert list(got) == ["USA", "RUS", "PRK"]
    for code in got:
        assert got[code] == cinc_in_file(nmc_rows, code, 1950)
    assert got["USA"] > got["RUS"] > got["PRK"] > 0


def test_every_cinc_of_a_case_year_is_the_file_value(shared_data, nmc_rows):
    table = load_capabilities(shared_data)
    for year in (1931, 1935, 1990, 2011):
        in_file = {r["stateabb"]: float(r["cinc"]) for r in nmc_rows if int(r["year"]) == year}
        assert capabilities(year, list(in_file), shared_data) == in_file
        assert table[table.year == year].cinc.sum() == pytest.approx(sum(in_file.values()))


def test_capabilities_table_is_tidy_and_minus_nine_is_missing(shared_data, nmc_rows):
    table = load_capabilities(shared_data)
    assert list(table.columns) == [
        "stateabb", "ccode", "year", "cinc", "milex", "milper", "irst", "pec", "tpop", "upop",
    ]  # fmt: skip
    assert len(table) == len(nmc_rows)
    assert not (table.drop(columns=["stateabb"]) == -9).any().any()
    coded_missing = sum(r["milex"] == "-9" for r in nmc_rows)
    assert coded_missing > 0 and table.milex.isna().sum() == coded_missing
    assert table.year.between(1816, 2016).all() and table.cinc.between(0, 1).all()
    per_year = table.groupby("year").cinc.sum()
    assert per_year.between(0.99, 1.08).all()  # the README: 1.00 - 1.07, not renormalised


def test_states_drop_the_empty_columns_and_read_dates(shared_data, state_rows):
    states = load_states(shared_data)
    assert list(states.columns) == ["stateabb", "ccode", "name", "start", "end"]
    assert len(states) == len(state_rows)
    usa = states[states.stateabb == "USA"].iloc[0]
    assert usa["name"] == "United States of America"
    assert (usa.start, usa.end) == (date(1816, 1, 1), date(2016, 12, 31))


def test_states_in_a_year_and_on_a_day(shared_data):
    y1990 = states_in(1990, shared_data)
    assert {"GFR", "GDR", "GMY", "YAR", "YPR", "YEM", "KUW", "IRQ"} <= set(y1990)
    assert len(y1990) == len(set(y1990))
    before, after = (
        states_on(date(1990, 5, 1), shared_data),
        states_on(date(1990, 8, 2), shared_data),
    )
    assert "YAR" in before and "YEM" not in before
    assert "YEM" in after and "YAR" not in after
    assert "KUW" not in states_in(1950, shared_data) and "PRK" in states_in(1950, shared_data)
    assert "ETH" in states_in(1935, shared_data) and "ETH" in states_in(1936, shared_data)


def test_state_name(shared_data):
    assert state_name("RUS", shared_data) == "Russia"
    assert state_name("PRK", shared_data) == "North Korea"
    with pytest.raises(InputError, match="QQQ"):
        state_name("QQQ", shared_data)


def test_unknown_code_names_it_and_suggests(shared_data):
    with pytest.raises(InputError, match="XYZ") as err:
        capabilities(1950, ["USA", "XYZ"], shared_data)
    assert "Correlates of War state code" in str(err.value)
    with pytest.raises(InputError, match="did you mean USA"):
        capabilities(1950, ["usa"], shared_data)
    with pytest.raises(InputError, match="did you mean RUS"):
        capabilities(1950, ["USSR"], shared_data)


def test_a_code_without_data_that_year_says_so(shared_data):
    with pytest.raises(InputError, match="KUW.*not a state of the system in 1950"):
        capabilities(1950, ["KUW"], shared_data)  # Kuwait: a state from 1961


@pytest.mark.parametrize("year", [1815, 2017, 1950.5, "1950", True])
def test_a_year_outside_the_data_is_an_input_error(shared_data, year):
    with pytest.raises(InputError, match="1816-2016"):
        capabilities(year, ["USA"], shared_data)
    with pytest.raises(InputError, match="1816-2016"):
        states_in(year, shared_data)


def test_missing_data_dir_explains(monkeypatch, tmp_path):
    monkeypatch.delenv("COLLSEC_DATA_DIR", raising=False)
    with pytest.raises(DataMissingError, match="COLLSEC_DATA_DIR"):
        capabilities(1950, ["USA"])
    with pytest.raises(DataMissingError, match="Correlates of War"):
        load_capabilities(tmp_path)
    with pytest.raises(DataMissingError, match="states2016.csv"):
        load_states(tmp_path)


def test_a_file_without_the_expected_columns_is_named(tmp_path):
    (tmp_path / "cow-nmc").mkdir()
    (tmp_path / "cow-nmc" / "NMC-60-abridged.csv").write_text("stateabb,ccode,year\nUSA,2,1950\n")
    with pytest.raises(DataMissingError, match="cinc"):
        load_capabilities(tmp_path)


def test_loads_are_cached_and_copies(shared_data):
    a, b = load_capabilities(shared_data), load_capabilities(shared_data)
    assert a is not b and a.equals(b)
    a.loc[0, "cinc"] = -1.0
    assert load_capabilities(shared_data).loc[0, "cinc"] != -1.0


def test_states_after_the_list_are_carried_forward(shared_data):
    from collsec.data.cow import END_OF_LIST, states_note

    assert states_on(date(2020, 6, 1), shared_data) == states_on(END_OF_LIST, shared_data)
    assert "SSD" in states_on(date(2020, 6, 1), shared_data)
    assert "carried forward" in states_note(date(2020, 6, 1))
    assert "carried" not in states_note(date(1990, 8, 2))
    with pytest.raises(InputError, match="calendar date"):
        states_on(1990, shared_data)


def test_codes_by_number_is_the_state_list(shared_data, state_rows):
    from collsec.data.cow import codes_by_number

    codes = codes_by_number(shared_data)
    assert {int(r["ccode"]): r["stateabb"] for r in state_rows} == dict(codes)
    assert codes[365] == "RUS" and codes[713] == "TAW" and codes[255] == "GMY"
    with pytest.raises(TypeError):
        codes[1] = "XXX"  # a read-only view of the cached map


def test_capabilities_on_a_date(shared_data, nmc_rows):
    from collsec.data.cow import capabilities_on, capability_year

    got = capabilities_on(date(1990, 8, 2), ["IRQ", "KUW"], shared_data)
    assert got == {c: cinc_in_file(nmc_rows, c, 1990) for c in ("IRQ", "KUW")}
    assert capability_year(date(1990, 8, 2)).year == 1990
    late = capability_year(date(2021, 3, 1))
    assert late.year == 2016 and late.carried and "carried forward to 2021-03-01" in late.note
    assert capabilities_on(date(2021, 3, 1), ["USA"], shared_data) == {
        "USA": cinc_in_file(nmc_rows, "USA", 2016)
    }
    with pytest.raises(InputError, match="1816"):
        capability_year(date(1815, 6, 18))


@pytest.mark.parametrize(
    "day",
    [date(1920, 1, 10), date(1950, 6, 25), date(1965, 8, 5), date(1990, 8, 2), date(2001, 9, 11)],
)
def test_the_states_of_a_date_equal_the_spells_of_the_file(shared_data, state_rows, day):
    def spell(r, prefix):
        return date(int(r[f"{prefix}year"]), int(r[f"{prefix}month"]), int(r[f"{prefix}day"]))

    alive = {r["stateabb"] for r in state_rows if spell(r, "st") <= day <= spell(r, "end")}
    got = states_on(day, shared_data)
    assert set(got) == alive and len(got) == len(alive)
    numbers = {r["stateabb"]: int(r["ccode"]) for r in state_rows}
    assert [numbers[c] for c in got] == sorted(numbers[c] for c in got)
