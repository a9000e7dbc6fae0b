"""ATOP pledges: directed pairs as in the file, the year before the date, clear errors."""

import gzip
from datetime import date

import pytest

from collsec.data.atop import PLEDGES, load_pledges, partners, pledge_year, pledges, pledges_before
from collsec.errors import DataMissingError, InputError


def _pair(table, a, b):
    rows = table[(table.code1 == a) & (table.code2 == b)]
    return None if rows.empty else rows.iloc[0]


def test_nato_usa_pledged_to_defend_the_uk_from_1949(shared_data):
    assert _pair(pledges(1948, data_dir=shared_data), "USA", "UKG") is None
    row = _pair(pledges(1950, data_dir=shared_data), "USA", "UKG")
    assert row.defense and not row.offense
    assert _pair(pledges(1950, data_dir=shared_data), "UKG", "USA").defense


def test_the_sino_soviet_treaty_of_1950(shared_data):
    table = pledges(1950, data_dir=shared_data)
    assert _pair(table, "RUS", "CHN").defense and _pair(table, "CHN", "RUS").defense
    assert _pair(table, "RUS", "CHN").nonagg  # the treaty of 14 Feb 1950 adds it
    assert not _pair(pledges(1949, data_dir=shared_data), "RUS", "CHN").nonagg
    assert _pair(pledges(1960, data_dir=shared_data), "RUS", "CHN").defense
    assert _pair(pledges(1985, data_dir=shared_data), "RUS", "CHN") is None  # lapsed 1980


def test_usa_korea_from_the_1953_treaty_and_a_one_way_japan_pledge(shared_data):
    assert _pair(pledges(1952, data_dir=shared_data), "USA", "ROK") is None
    assert _pair(pledges(1954, data_dir=shared_data), "USA", "ROK").defense
    usa = partners("USA", 1954, data_dir=shared_data)
    assert "ROK" in usa["to"] and "ROK" in usa["from"]
    assert "JPN" in usa["to"] and "JPN" not in usa["from"]  # directed: the 1951 treaty


def test_rows_equal_the_file(shared_data):
    with gzip.open(shared_data / "atop" / "atop5_1_directed_dyad_year.csv.gz", "rt") as f:
        header = f.readline().strip().split(",")
        rows = [dict(zip(header, line.strip().split(","), strict=True)) for line in f]
    in_1990 = [r for r in rows if r["year"] == "1990"]
    table = pledges(1990, data_dir=shared_data)
    assert len(table) == len(in_1990)
    assert list(table.columns) == ["code1", "code2", *PLEDGES]
    for kind in PLEDGES:
        assert table[kind].sum() == sum(r[f"atop_{kind}"] == "1" for r in in_1990)
    assert len(load_pledges(shared_data)) == len(rows)


def test_codes_filter_keeps_pairs_inside(shared_data):
    table = pledges(1990, ["USA", "UKG", "FRN", "IRQ"], data_dir=shared_data)
    assert set(table.code1) | set(table.code2) <= {"USA", "UKG", "FRN", "IRQ"}
    assert _pair(table, "USA", "FRN").defense


def test_the_year_before_the_date_and_after_the_data(shared_data):
    assert pledge_year(date(1954, 12, 1)).year == 1953
    assert "last full year before 1954-12-01" in pledge_year(date(1954, 12, 1)).note
    late = pledge_year(date(2021, 5, 1))
    assert late.year == 2018 and late.carried and "carried forward" in late.note
    before = pledges_before(date(1950, 6, 25), data_dir=shared_data)
    assert before.equals(pledges(1949, data_dir=shared_data))


@pytest.mark.parametrize("year", [1814, 2019, 1950.0, "1950"])
def test_years_out_of_range(shared_data, year):
    with pytest.raises(InputError, match="1815-2018"):
        pledges(year, data_dir=shared_data)


def test_unknown_code_and_kind(shared_data):
    with pytest.raises(InputError, match="XYZ"):
        pledges(1950, ["USA", "XYZ"], data_dir=shared_data)
    with pytest.raises(InputError, match="defense"):
        partners("USA", 1950, kind="alliance", data_dir=shared_data)


def test_missing_file(tmp_path):
    (tmp_path / "cow-states").mkdir()
    with pytest.raises(DataMissingError, match="atop5_1"):
        pledges(1950, data_dir=tmp_path)


# A member pair of each alliance preset and a year of its treaty, to check `defends_members`
# against ATOP: the bodies the engine lets defend their members at once (phase A) are those
# whose treaty ATOP codes as a defence pledge; CENTO's Pact is consultation only.
ALLIANCE_PAIRS = {
    "nato": (1960, "USA", "UKG"),
    "warsaw-pact": (1960, "RUS", "POL"),
    "seato": (1960, "USA", "THI"),
    "cento": (1960, "TUR", "IRN"),
    "anzus": (1960, "AUL", "NEW"),
    "csto": (2010, "RUS", "ARM"),
    "gcc": (2005, "SAU", "KUW"),
    "oas": (1960, "USA", "BRA"),
    "arab-league": (1960, "EGY", "SAU"),
}


@pytest.mark.parametrize("key", sorted(ALLIANCE_PAIRS))
def test_an_alliance_defends_its_members_only_where_atop_codes_a_defence_pledge(key, shared_data):
    from collsec.institutions import presets

    year, a, b = ALLIANCE_PAIRS[key]
    row = _pair(pledges(year, data_dir=shared_data), a, b)
    pledged = row is not None and bool(row.defense)
    assert presets()[key].defends_on(date(year, 6, 30)) == pledged


def test_every_alliance_that_defends_its_members_is_checked_against_atop():
    from collsec.institutions import presets

    defending = {k for k, inst in presets().items() if inst.defends_members}
    assert defending <= set(ALLIANCE_PAIRS)
