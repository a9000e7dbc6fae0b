"""Great-power and nuclear status on a date, from the two tables shipped with collsec."""

from datetime import date, timedelta

import pytest

from collsec.data.powers import major_power, major_powers, nuclear, nuclear_states
from collsec.errors import InputError


@pytest.mark.parametrize(
    ("code", "day", "expected"),
    [
        ("USA", date(1898, 1, 1), False),
        ("USA", date(1950, 6, 25), True),
        ("UKG", date(1816, 1, 1), True),
        ("FRN", date(1942, 1, 1), False),
        ("FRN", date(1960, 6, 1), True),
        ("GMY", date(1922, 1, 1), False),
        ("GMY", date(1935, 10, 3), True),
        ("GMY", date(1960, 1, 1), False),
        ("GMY", date(1999, 3, 24), True),
        ("ITA", date(1935, 10, 3), True),
        ("ITA", date(1950, 1, 1), False),
        ("RUS", date(1920, 1, 1), False),
        ("RUS", date(1950, 6, 25), True),
        ("CHN", date(1931, 9, 18), False),
        ("CHN", date(1950, 6, 25), True),
        ("JPN", date(1931, 9, 18), True),
        ("JPN", date(1970, 1, 1), False),
        ("JPN", date(1995, 1, 1), True),
        ("AUH", date(1900, 1, 1), True),
        ("IND", date(2020, 1, 1), False),
    ],
)
def test_major_powers_of_the_cow_list(code, day, expected):
    got = major_power(code, day)
    assert got.value is expected and "majors2016" in got.source


def test_open_spells_are_carried_forward_and_say_so():
    assert "carried forward" in major_power("USA", date(2020, 1, 1)).source
    assert "carried" not in major_power("USA", date(2010, 1, 1)).source


@pytest.mark.parametrize(
    ("code", "first"),
    [
        ("USA", date(1945, 7, 16)),
        ("RUS", date(1949, 8, 29)),
        ("UKG", date(1952, 10, 3)),
        ("FRN", date(1960, 2, 13)),
        ("CHN", date(1964, 10, 16)),
        ("IND", date(1974, 5, 18)),
        ("PAK", date(1998, 5, 28)),
        ("PRK", date(2006, 10, 9)),
    ],
)
def test_nuclear_from_the_first_test(code, first):
    assert nuclear(code, first - timedelta(days=1)).value is False
    got = nuclear(code, first)
    assert got.value is True and "tested" in got.source


def test_israel_undeclared_and_south_africa_dismantled():
    israel = nuclear("ISR", date(1973, 10, 6))
    assert israel.value and "undeclared" in israel.source and "Cohen" in israel.source
    assert not nuclear("ISR", date(1960, 6, 1)).value
    assert nuclear("SAF", date(1985, 1, 1)).value
    after = nuclear("SAF", date(1995, 1, 1))
    assert not after.value and "dismantled" in after.source
    assert not nuclear("IRN", date(2020, 1, 1)).value


def test_tables_are_well_formed_and_use_cow_codes(shared_data):
    from collsec.data.cow import codes_by_number

    known = set(codes_by_number(shared_data).values())
    for table in (major_powers(), nuclear_states()):
        assert set(table.code) <= known
        for row in table.itertuples():
            assert row.end is None or row.start < row.end
    assert set(nuclear_states().status) <= {"tested", "undeclared", "dismantled"}
    assert nuclear_states().source.str.len().min() > 10  # every row names its source


def test_bad_input():
    with pytest.raises(InputError, match="COW letter code"):
        major_power("usa", date(1950, 1, 1))
    with pytest.raises(InputError, match="calendar date"):
        nuclear("USA", "1950-01-01")
