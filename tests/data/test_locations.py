"""Capitals: every state of the case years has one; moves by year; distances."""

import pandas as pd
import pytest

from collsec.data.cow import load_states, states_in
from collsec.data.locations import (
    capital,
    capital_name,
    capitals,
    distance_km,
    great_circle_km,
)
from collsec.errors import InputError

CASE_YEARS = (1931, 1935, 1950, 1990, 1999, 2001, 2011)


@pytest.mark.parametrize("year", CASE_YEARS)
def test_every_state_of_a_case_year_has_a_capital(shared_data, year):
    for code in states_in(year, shared_data):
        lat, lon = capital(code, year)
        assert -90 <= lat <= 90 and -180 <= lon <= 180, code


def test_every_cow_state_has_a_capital(shared_data):
    codes = set(load_states(shared_data).stateabb)
    assert codes <= set(capitals().stateabb)
    assert set(capitals().stateabb) <= codes  # no stray code


def test_seats_cover_all_years_without_gap_or_overlap():
    for code, rows in capitals().groupby("stateabb", sort=False):
        seats = list(rows.itertuples())
        assert pd.isna(seats[0].from_year) and pd.isna(seats[-1].to_year), code
        for a, b in zip(seats, seats[1:], strict=False):
            assert a.from_year is pd.NA or a.from_year <= a.to_year, code
            assert b.from_year == a.to_year + 1, code


def test_the_table_is_well_formed():
    table = capitals()
    assert table.lat.between(-90, 90).all() and table.lon.between(-180, 180).all()
    assert table.capital.str.len().gt(0).all()


def test_capitals_that_moved():
    assert capital_name("CHN", 1931) == "Nanjing" and capital_name("CHN", 1950) == "Beijing"
    assert capital_name("RUS", 1914) == "St. Petersburg" and capital_name("RUS") == "Moscow"
    assert capital_name("TUR", 1914) == "Istanbul" and capital_name("TUR", 1950) == "Ankara"
    assert capital("GMY") == capital("GMY", 1935) == pytest.approx((52.52, 13.40))
    assert capital_name("GFR") == "Bonn" and capital_name("YUG") == "Belgrade"
    assert capital_name("LIT", 1935) == "Kaunas" and capital_name("LIT", 1991) == "Vilnius"


def test_unknown_code_is_an_input_error():
    with pytest.raises(InputError, match="XYZ"):
        capital("XYZ")


def test_great_circle_distances():
    assert great_circle_km((0, 0), (0, 0)) == 0
    assert great_circle_km((0, 0), (0, 180)) == pytest.approx(20015.1, abs=0.1)  # pi * R
    assert great_circle_km((90, 0), (-90, 0)) == pytest.approx(20015.1, abs=0.1)
    a, b = capital("UKG"), capital("FRN")
    assert great_circle_km(a, b) == pytest.approx(great_circle_km(b, a))
    assert great_circle_km(a, b) == pytest.approx(344, abs=5)  # London - Paris
    assert distance_km("USA", "RUS") == pytest.approx(7820, rel=0.01)  # Washington - Moscow
    assert distance_km("PRK", "ROK") == pytest.approx(195, abs=10)  # Pyongyang - Seoul
    assert distance_km("JPN", "CHN", 1931) < distance_km("JPN", "CHN", 1950) + 500
