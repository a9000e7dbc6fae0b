"""IGO membership: full members by year, the members of a date, the organisations of states."""

import csv
import gzip
from datetime import date

import pytest

from collsec.data.igo import (
    KEY_ORGANISATIONS,
    ORGANISATIONS,
    existed,
    members,
    members_on,
    memberships,
    organisations_of,
    statuses,
)
from collsec.errors import DataMissingError, InputError

NATO_1949 = {"USA", "CAN", "UKG", "FRN", "BEL", "NTH", "LUX", "NOR", "DEN", "ICE", "POR", "ITA"}


def test_nato_founders_and_the_eu_of_28(shared_data):
    assert set(members("NATO", 1949, shared_data)) == NATO_1949
    assert members("NATO", 1948, shared_data) == []
    assert not existed("NATO", 1948, shared_data) and existed("NATO", 1949, shared_data)
    eu = members("EU", 2013, shared_data)
    assert len(eu) == 28 and "CRO" in eu and "CRO" not in members("EU", 2012, shared_data)


def test_the_league(shared_data):
    assert "GMY" in members("LoN", 1927, shared_data)
    assert "GMY" not in members("LoN", 1934, shared_data)
    assert "USA" not in members("LoN", 1930, shared_data)
    assert len(members("LoN", 1935, shared_data)) == 57  # the README's count
    assert "RUS" in members("LoN", 1935, shared_data)  # joined September 1934


def test_values_equal_the_file(shared_data):
    path = shared_data / "igo" / "cow_igo_v3_key_orgs_state_year_1920_2014.csv"
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["year"] == "1975"]
    for org in ("UN", "OAU", "LOAS", "COE", "NAM"):
        got = statuses(org, 1975, shared_data)
        assert sum(v == "full" for v in got.values()) == sum(r[org] == "1" for r in rows)
        assert sum(v == "observer" for v in got.values()) == sum(r[org] == "3" for r in rows)


def test_associates_and_observers_are_not_members(shared_data):
    csto = statuses("CSTO", 2014, shared_data)
    observers = {c for c, s in csto.items() if s == "observer"}
    assert observers and not observers & set(members("CSTO", 2014, shared_data))


def test_the_long_file_for_other_organisations_and_early_years(shared_data):
    from collsec.data.cow import codes_by_number

    path = shared_data / "igo" / "cow_igo_v3_state_year_long_1816_2014.csv.gz"
    with gzip.open(path, "rt", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["year"] in ("1900", "1990")]
    codes = codes_by_number(shared_data)

    def full(org, year):
        return {
            codes[int(r["ccode"])]
            for r in rows
            if (r["ioname"], r["year"], r["status"]) == (org, str(year), "1")
        }

    assert set(members("OAS", 1900, shared_data)) == full("OAS", 1900)  # before 1920
    assert set(members("ICCSLT", 1900, shared_data)) == full("ICCSLT", 1900)  # not a key org
    assert set(members("NATO", 1990, shared_data)) == full("NATO", 1990)  # both files agree
    assert "USA" in full("ICCSLT", 1900) and existed("ICCSLT", 1900, shared_data)


def test_memberships_and_organisations_of(shared_data):
    usa = memberships("USA", 1990, data_dir=shared_data)
    assert {"UN", "NATO", "OAS", "ANZUS", "OSCE"} <= set(usa) and "LOAS" not in usa
    found = organisations_of(["IRQ", "KUW", "USA"], 1990, data_dir=shared_data)
    assert found["LOAS"] == ["IRQ", "KUW"] and found["NATO"] == ["USA"]
    assert list(found) == [o for o in KEY_ORGANISATIONS if o in found]
    assert "WPact" not in found


def test_un_members_on_a_date_follow_china_and_the_state_list(shared_data):
    before = members_on("UN", date(1971, 6, 1), shared_data)
    after = members_on("UN", date(1971, 11, 1), shared_data)
    assert "TAW" in before.members and "CHN" not in before.members
    assert "CHN" in after.members and "TAW" not in after.members
    gulf = members_on("UN", date(1990, 8, 2), shared_data).members
    assert {"GFR", "GDR", "YEM", "NAM"} <= set(gulf) and not {"GMY", "YAR", "YPR"} & set(gulf)
    assert "YAR" in members_on("UN", date(1990, 3, 1), shared_data).members
    assert "SSD" not in members_on("UN", date(2011, 1, 15), shared_data).members
    assert "SSD" in members_on("UN", date(2011, 12, 15), shared_data).members
    assert len(members_on("UN", date(2014, 6, 1), shared_data).members) == 193
    assert members_on("UN", date(1935, 10, 3), shared_data).members == ()  # no UN yet


def test_after_2014_carried_forward_and_the_league_in_1946(shared_data):
    late = members_on("NATO", date(2021, 6, 1), shared_data)
    assert late.year == 2014 and len(late.members) == 28 and "carried forward" in late.note
    early_1946 = members_on("LoN", date(1946, 3, 1), shared_data)
    assert early_1946.year == 1945 and early_1946.members and "1945" in early_1946.note
    assert members_on("LoN", date(1946, 6, 1), shared_data).members == ()
    assert "year-level" in members_on("UN", date(1990, 8, 2), shared_data).note


def test_the_table_of_names(shared_data):
    assert set(KEY_ORGANISATIONS) <= set(ORGANISATIONS)
    path = shared_data / "igo" / "cow_igo_v3_key_orgs_state_year_1920_2014.csv"
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert set(ORGANISATIONS) == set(header[3:])
    assert ORGANISATIONS["LOAS"].startswith("League of Arab States")


def test_errors(shared_data):
    with pytest.raises(InputError, match="did you mean LOAS"):
        members("Arab League", 1990, shared_data)
    with pytest.raises(InputError, match="did you mean NATO"):
        members("nato", 1990, shared_data)
    with pytest.raises(InputError, match="1816-2014"):
        members("UN", 2015, shared_data)
    with pytest.raises(InputError, match="XYZ"):
        memberships("XYZ", 1990, data_dir=shared_data)


def test_missing_file(tmp_path):
    (tmp_path / "cow-states").mkdir()
    with pytest.raises(DataMissingError, match="cow_igo_v3_key_orgs"):
        members("UN", 1990, tmp_path)
