"""Assembly ideal points: values equal the file's, session = year - 1945, None where none."""

import math

import pytest

from collsec.data.unga import ideal_points, load_ideal_points, session_of
from collsec.errors import DataMissingError, InputError


def _point_in_file(ideal_rows, ccode, session):
    (row,) = [r for r in ideal_rows if int(r["ccode"]) == ccode and int(r["session"]) == session]
    return float(row["IdealPointAll"])


def test_values_equal_the_file_in_session_year_minus_1945(shared_data, ideal_rows):
    assert session_of(1990) == 45
    got = ideal_points(1990, ["USA", "RUS", "IRQ", "KUW"], shared_data)
    assert got["USA"] == _point_in_file(ideal_rows, 2, 45)
    assert got["RUS"] == _point_in_file(ideal_rows, 365, 45)
    assert got["IRQ"] == _point_in_file(ideal_rows, 645, 45)
    assert got["USA"] > max(got["RUS"], got["KUW"], got["IRQ"])
    assert got["RUS"] > ideal_points(1980, ["RUS"], shared_data)["RUS"]  # the Gorbachev years


def test_non_members_have_none(shared_data):
    got = ideal_points(1950, ["USA", "RUS", "PRK", "ROK", "CHN", "TAW"], shared_data)
    assert got["PRK"] is None and got["ROK"] is None  # UN members from 1991
    assert got["CHN"] is None and got["TAW"] is not None  # the ROC held China's seat to 1971
    assert got["USA"] > got["RUS"]
    assert ideal_points(1999, ["YUG", "ALB"], shared_data)["YUG"] is None  # FRY, 1993-99
    assert set(ideal_points(1964, ["USA", "RUS"], shared_data).values()) == {None}  # no votes


def test_league_years_are_all_none(shared_data):
    assert ideal_points(1931, ["USA", "JPN", "CHN"], shared_data) == dict.fromkeys(
        ["USA", "JPN", "CHN"]
    )
    assert ideal_points(1945, ["UKG"], shared_data) == {"UKG": None}


def test_unknown_code_and_a_year_after_the_data(shared_data):
    with pytest.raises(InputError, match="XYZ"):
        ideal_points(1990, ["XYZ"], shared_data)
    with pytest.raises(InputError, match="up to 2023"):
        ideal_points(2024, ["USA"], shared_data)


def test_the_table_is_tidy(shared_data, ideal_rows):
    table = load_ideal_points(shared_data)
    assert len(table) == len(ideal_rows)
    assert list(table.columns[:5]) == ["ccode", "stateabb", "session", "year", "ideal_point"]
    agree = ["usa_agree", "russia_agree", "brazil_agree", "china_agree", "india_agree"]
    assert set(agree) | {"israel_agree", "ideal_point_q5", "ideal_point_q95"} <= set(table.columns)
    assert (table.year == table.session + 1945).all()
    assert table.stateabb.notna().all()  # every ccode is in the COW list
    na_in_file = sum(r["ChinaAgree"] == "NA" for r in ideal_rows)
    assert na_in_file > 0 and table.china_agree.isna().sum() == na_in_file
    usa = table[(table.stateabb == "USA")]
    assert (usa.usa_agree == 1).all()
    shares = table[agree].stack().dropna()
    assert shares.between(0, 1).all()
    assert all(math.isfinite(x) for x in table.ideal_point)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(DataMissingError, match="IdealpointestimatesAll"):
        load_ideal_points(tmp_path)
