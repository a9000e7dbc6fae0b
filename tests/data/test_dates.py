"""The date rule shared by the yearly readers: the last full year before, carried after."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collsec.data.dates import check_day, last_full_year_before, year_of
from collsec.errors import InputError


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2100, 12, 31)))
def test_the_year_read_is_always_before_the_date_and_in_the_data(day):
    got = last_full_year_before(day, 1900, 2014, "X")
    assert got.year <= 2014 and date(got.year, 12, 31) < day
    assert got.carried == (day.year - 1 > 2014)
    assert day.isoformat() in got.note


def test_notes_say_why():
    assert last_full_year_before(date(1990, 8, 2), 1870, 2014, "COW trade v4.0").note == (
        "COW trade v4.0 1989 (the last full year before 1990-08-02)"
    )
    assert "carried forward" in year_of(date(2020, 1, 1), 1816, 2016, "CINC").note
    assert year_of(date(2016, 12, 31), 1816, 2016, "CINC").carried is False


def test_a_date_with_nothing_measured_before_it_or_not_a_date():
    with pytest.raises(InputError, match="after 1870-12-31"):
        last_full_year_before(date(1870, 6, 1), 1870, 2014, "COW trade v4.0")
    for bad in ("1990-08-02", 1990, datetime(1990, 8, 2)):
        with pytest.raises(InputError, match="calendar date"):
            check_day(bad)
