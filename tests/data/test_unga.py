"""Assembly: ideal points (the old year rule and the session before a date), roll calls."""

import csv
import gzip
import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collsec.data.cow import codes_by_number
from collsec.data.unga import (
    assembly_votes,
    ideal_points,
    ideal_points_before,
    ideal_points_in,
    load_ideal_points,
    measured_session,
    session_before,
    session_of,
)
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


# --- the session measured before a date; roll calls --------------------------------------


@pytest.fixture(scope="module")
def last_roll_call(shared_data):
    """Each session's last roll-call date, read with the csv module."""
    path = shared_data / "unga-votes" / "un_roll_calls_1946_2019.csv.gz"
    out = {}
    with gzip.open(path, "rt", newline="") as f:
        for r in csv.DictReader(f):
            day = date.fromisoformat(r["date"])
            s = int(r["session"])
            out[s] = max(out.get(s, day), day)
    return out


def test_sessions_around_september(shared_data, last_roll_call):
    assert last_roll_call[43] == date(1989, 4, 5) and last_roll_call[44] == date(1989, 12, 6)
    assert session_before(date(1989, 9, 1), shared_data) == 43
    assert session_before(date(1989, 9, 30), shared_data) == 43  # session 44 under way
    assert session_before(date(1989, 12, 6), shared_data) == 43  # its last roll call that day
    assert session_before(date(1989, 12, 7), shared_data) == 44
    assert session_before(date(1990, 8, 2), shared_data) == 44
    assert session_before(date(1950, 6, 25), shared_data) == 4  # not session 5 (Sept 1950)


def test_before_the_first_session_and_after_the_roll_calls(shared_data):
    assert session_before(date(1946, 12, 7), shared_data) is None
    assert session_before(date(1946, 12, 8), shared_data) == 1
    assert session_before(date(1931, 9, 18), shared_data) is None
    assert session_before(date(2020, 12, 31), shared_data) == 74
    assert session_before(date(2021, 1, 1), shared_data) == 75  # 31 Dec 2020 is before it
    assert session_before(date(2023, 6, 1), shared_data) == 77
    session, note = measured_session(date(2030, 1, 1), shared_data)
    assert session == 78 and "carried forward" in note


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1946, 1, 1), max_value=date(2020, 12, 31)))
def test_the_rule_against_the_file(shared_data, last_roll_call, day):
    closed = [s for s, end in last_roll_call.items() if end < day]
    assert session_before(day, shared_data) == (max(closed) if closed else None)


def test_a_session_without_estimates_is_stepped_over(shared_data):
    session, note = measured_session(date(1965, 8, 5), shared_data)
    assert session_before(date(1965, 8, 5), shared_data) == 19
    assert session == 18 and "session 19 has no ideal-point estimates" in note
    got = ideal_points_before(date(1965, 8, 5), ["IND", "PAK"], shared_data)
    assert got == ideal_points_in(18, ["IND", "PAK"], shared_data)
    assert None not in got.values()


def test_ideal_points_before_a_date_equal_the_file(shared_data, ideal_rows):
    got = ideal_points_before(date(1950, 6, 25), ["USA", "RUS", "TAW", "CHN"], shared_data)
    assert got["USA"] == _point_in_file(ideal_rows, 2, 4)  # session 4 (1949-50)
    assert got["TAW"] == _point_in_file(ideal_rows, 713, 4) and got["CHN"] is None
    league = ideal_points_before(date(1935, 10, 3), ["ITA", "ETH"], shared_data)
    assert league == {"ITA": None, "ETH": None}
    with pytest.raises(InputError, match="session 1-78"):
        ideal_points_in(79, ["USA"], shared_data)


def test_a_roll_call_member_by_member(shared_data):
    path = shared_data / "unga-votes" / "un_votes_1946_2019.csv.gz"
    with gzip.open(path, "rt", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["rcid"] == "3000"]
    vote = assembly_votes(3000, shared_data)
    words = {"1": "yes", "2": "abstain", "3": "no"}
    assert len(vote.votes) == len(rows)
    codes = codes_by_number(shared_data)
    assert vote.votes == {codes[int(r["ccode"])]: words[r["vote_code"]] for r in rows}
    assert vote.session >= 1 and vote.day.year >= 1946
    assert vote.symbol.startswith("R/41/") and vote.day == date(1986, 12, 4)
    with pytest.raises(InputError, match="rcid"):
        assembly_votes(10**9, shared_data)
