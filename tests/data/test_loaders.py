"""Readers of the public data: values read independently from the files, clear errors."""

import csv
from datetime import date

import pytest

from collsec.crisis import run_crisis
from collsec.data.cow import capabilities, states_on
from collsec.data.locations import capital
from collsec.data.unga import ideal_points
from collsec.errors import DataMissingError, InputError
from collsec.scenarios import load_scenario
from collsec.scenarios.draft import draft_scenario


def _cinc_from_file(shared_data, code, year):
    with open(shared_data / "cow-nmc" / "NMC-60-abridged.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["stateabb"] == code and int(row["year"]) == year:
                return float(row["cinc"])
    raise AssertionError("row not found")


def test_cinc_equals_the_file(shared_data):
    got = capabilities(1950, ["USA", "PRK"], shared_data)
    assert got["USA"] == _cinc_from_file(shared_data, "USA", 1950)
    assert got["PRK"] == _cinc_from_file(shared_data, "PRK", 1950)


def test_unknown_code_and_missing_year_are_input_errors(shared_data):
    with pytest.raises(InputError, match="XYZ"):
        capabilities(1950, ["XYZ"], shared_data)
    with pytest.raises(InputError, match="1950"):
        capabilities(1950, ["KUW"], shared_data)  # Kuwait became a state in 1961
    with pytest.raises(InputError, match="1816-2016"):
        capabilities(2030, ["USA"], shared_data)


def test_ideal_points_cover_members_only(shared_data):
    points = ideal_points(1950, ["USA", "RUS", "PRK"], shared_data)
    assert points["PRK"] is None  # not a UN member
    assert points["USA"] > points["RUS"]
    assert ideal_points(1931, ["USA"], shared_data) == {"USA": None}  # League years


def test_states_on_a_day_follow_the_spells(shared_data):
    before, after = (
        states_on(date(1990, 5, 1), shared_data),
        states_on(date(1990, 8, 2), shared_data),
    )
    assert "YAR" in before and "YEM" not in before
    assert "YEM" in after and "YAR" not in after


def test_every_case_state_has_a_capital(shared_data):
    for year in (1931, 1935, 1950, 1990, 1999, 2001, 2011):
        for code in states_on(date(year, 6, 30), shared_data):
            lat, lon = capital(code)
            assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_missing_data_dir_explains(monkeypatch, tmp_path):
    monkeypatch.delenv("COLLSEC_DATA_DIR", raising=False)
    with pytest.raises(DataMissingError, match="COLLSEC_DATA_DIR"):
        capabilities(1950, ["USA"])
    with pytest.raises(DataMissingError, match="Correlates of War"):
        capabilities(1950, ["USA"], tmp_path)


def test_a_fresh_draft_is_a_valid_scenario_that_runs(shared_data, tmp_path):
    path = tmp_path / "draft.yaml"
    path.write_text(draft_scenario("draft-1950", 1950, ["PRK", "ROK", "USA", "RUS"], shared_data))
    scenario = load_scenario(path)
    assert scenario.actors["USA"].capability == pytest.approx(0.284443)
    assert scenario.actors["PRK"].alignment is None
    assert run_crisis(scenario).response == "none"  # no bodies yet: the author adds them
