"""The Security Council of a date, member by member, and its recorded votes."""

import csv
from datetime import date

import pytest

from collsec.data.cow import states_on
from collsec.data.unsc import (
    UN_NAMES,
    china_seat,
    council_on,
    council_vote,
    council_votes,
    load_council_votes,
    member_code,
)
from collsec.errors import DataMissingError, InputError

P5_ROC = ("TAW", "FRN", "RUS", "UKG", "USA")
P5 = ("CHN", "FRN", "RUS", "UKG", "USA")


@pytest.mark.parametrize(
    ("day", "permanent", "elected"),
    [
        (date(1950, 6, 25), P5_ROC, {"CUB", "ECU", "EGY", "IND", "NOR", "YUG"}),
        (date(1965, 8, 5), P5_ROC, {"BOL", "CDI", "JOR", "MAL", "NTH", "URU"}),
        (
            date(1971, 10, 24),
            P5_ROC,
            {"ARG", "BEL", "BUI", "ITA", "JPN", "NIC", "POL", "SIE", "SOM", "SYR"},
        ),
        (
            date(1971, 10, 25),
            P5,
            {"ARG", "BEL", "BUI", "ITA", "JPN", "NIC", "POL", "SIE", "SOM", "SYR"},
        ),
        (
            date(1990, 8, 2),
            P5,
            {"CAN", "COL", "CUB", "CDI", "ETH", "FIN", "MAL", "ROM", "YEM", "DRC"},
        ),
        (
            date(2014, 9, 1),
            P5,
            {"ARG", "AUL", "CHA", "CHL", "JOR", "LIT", "LUX", "NIG", "ROK", "RWA"},
        ),
    ],
)
def test_the_council_member_by_member(shared_data, day, permanent, elected):
    council = council_on(day, shared_data)
    assert council.permanent == permanent
    assert set(council.elected) == elected and len(council.elected) == len(elected)
    assert council.members == council.permanent + council.elected
    assert council.size == len(council.members) == (11 if day.year < 1966 else 15)
    assert str(day.year) in council.source


def test_china_seat_and_its_notes(shared_data):
    assert china_seat(date(1948, 1, 1), shared_data) == "CHN"  # the ROC governing China
    assert china_seat(date(1949, 12, 8), shared_data) == "TAW"  # COW starts Taiwan
    assert china_seat(date(1971, 10, 24), shared_data) == "TAW"
    assert china_seat(date(1971, 10, 25), shared_data) == "CHN"  # GA res. 2758
    before = council_on(date(1971, 10, 24), shared_data)
    assert any("2758" in n for n in before.notes)
    assert not any("China" in n for n in council_on(date(1990, 8, 2), shared_data).notes)


def test_yemen_before_unification_and_russia_after_the_ussr(shared_data):
    early = council_on(date(1990, 3, 1), shared_data)
    assert "YAR" in early.elected and "YEM" not in early.elected
    assert any("22" in n and "YAR" in n for n in early.notes)
    late = council_on(date(1991, 12, 30), shared_data)
    assert "RUS" in late.permanent and any("Russian Federation" in n for n in late.notes)


@pytest.mark.parametrize(
    ("day", "away"),
    [("1950-01-12", False), ("1950-01-13", True), ("1950-06-27", True), ("1950-08-01", False)],
)
def test_the_soviet_boycott_of_1950(shared_data, day, away):
    council = council_on(date.fromisoformat(day), shared_data)
    assert "RUS" in council.permanent  # still a member, only absent
    assert ("RUS" in council.boycotting) is away
    assert any("boycotting" in n for n in council.notes) is away


def test_every_member_of_every_date_was_a_state_but_the_soviet_republics(shared_data):
    for year in range(1946, 2017):
        day = date(year, 7, 1)
        council = council_on(day, shared_data)
        alive = set(states_on(day, shared_data))
        outside = set(council.members) - alive
        assert outside <= {"UKR", "BLR"}, (year, outside)
        for code in outside:
            assert any(code in n and "not a COW system member" in n for n in council.notes)


def test_elected_terms_and_split_seats(shared_data):
    council = council_on(date(1965, 8, 5), shared_data)
    assert council.terms["BOL"] == (1964, 1965) and council.terms["MAL"] == (1965, 1965)
    assert any("split seat" in n for n in council.notes)
    assert council.names["CDI"] == "Côte d'Ivoire"


def test_dates_outside_the_file(shared_data):
    assert council_on(date(1946, 1, 16), shared_data) is None  # before its first meeting
    assert council_on(date(1946, 1, 17), shared_data).size == 11
    with pytest.raises(InputError, match="1946-2025"):
        council_on(date(2026, 1, 1), shared_data)
    with pytest.raises(InputError, match="calendar date"):
        council_on("1990-08-02", shared_data)


def test_every_member_name_in_the_files_maps(shared_data):
    votes = load_council_votes(shared_data)
    assert votes.code.notna().all()
    path = shared_data / "unsc-membership" / "unsc_members_by_year_1946_2025.csv"
    with open(path, newline="", encoding="utf-8") as f:
        names = {r["country_un_name"] for r in csv.DictReader(f)}
    for name in names | set(votes.member_state):
        assert member_code(name, shared_data)
    assert member_code("Viet Nam", shared_data) == "DRV" == UN_NAMES["Viet Nam"]
    assert member_code("Ethipia", shared_data) == "ETH"  # a typo in one row of the file
    with pytest.raises(InputError, match="Atlantis"):
        member_code("Atlantis", shared_data)


def test_voters_are_members_of_the_council_of_the_vote(shared_data):
    votes = load_council_votes(shared_data)
    voters = {}
    for day, code in zip(votes.day, votes.code, strict=True):
        voters.setdefault(day, set()).add(code)
    for day, codes in voters.items():
        assert codes <= set(council_on(day, shared_data).members), day


def test_a_vetoed_draft_member_by_member(shared_data):
    (vote,) = council_votes("s/2011/612", shared_data)
    assert vote.day == date(2011, 10, 4) and vote.outcome == "Not adopted - veto"
    assert vote.resolution is None and vote.drafts == ("S/2011/612",)
    assert {c for c, v in vote.votes.items() if v == "no"} == {"RUS", "CHN"}
    assert {c for c, v in vote.votes.items() if v == "abstain"} == {"BRA", "IND", "LEB", "SAF"}
    assert sum(v == "yes" for v in vote.votes.values()) == 9 and vote.absent == ()


def test_an_adopted_resolution_and_a_draft_voted_twice(shared_data):
    (vote,) = council_votes("S/2001/921", shared_data)  # resolution 1373, 28 Sep 2001
    assert vote.resolution.startswith("1373") and set(vote.votes.values()) == {"yes"}
    assert vote.day == date(2001, 9, 28) and len(vote.votes) == 15
    twice = council_votes("S/2020/667", shared_data)
    assert len(twice) == 2 and twice[0].day < twice[1].day


def test_absent_members_and_duplicate_rows(shared_data):
    votes = load_council_votes(shared_data)
    sizes = votes.groupby("vote_id").size()
    short = int(sizes[sizes == 14].index[0])
    assert len(council_vote(short, shared_data).absent) == 1
    doubled = council_vote(1722, shared_data)
    assert any("two rows" in n for n in doubled.notes) and len(doubled.votes) == 15


def test_bad_draft_and_vote_ids(shared_data):
    with pytest.raises(InputError, match="S/YYYY/NNN"):
        council_votes("resolution 678", shared_data)
    with pytest.raises(InputError, match="1994-2025"):
        council_votes("S/1990/999", shared_data)
    with pytest.raises(InputError, match="vote_id"):
        council_vote(999_999, shared_data)


def test_missing_file(tmp_path):
    (tmp_path / "cow-states").mkdir()
    with pytest.raises(DataMissingError, match="unsc_members_by_year"):
        council_on(date(1990, 8, 2), tmp_path)
