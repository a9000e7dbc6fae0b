"""Drafted actors: measured values with their sources, notes on what the author must state."""

import pytest

from collsec.data.draft import draft_actors, draft_notes
from collsec.errors import InputError

from .conftest import cinc_in_file


def test_korea_1950(shared_data, nmc_rows):
    actors = draft_actors(1950, ["USA", "RUS", "PRK"], shared_data)
    assert [a["code"] for a in actors] == ["USA", "RUS", "PRK"]
    usa, rus, prk = actors
    assert usa["capability"] == round(cinc_in_file(nmc_rows, "USA", 1950), 6) == 0.284443
    assert usa["name"] == "United States of America" and prk["name"] == "North Korea"
    assert usa["alignment"] > rus["alignment"] and prk["alignment"] is None
    assert usa["alignment"] == round(usa["alignment"], 3)
    assert usa["sources"]["capability"] == "COW NMC 6.0 cinc 1950"
    assert usa["sources"]["alignment"] == "UNGA ideal point session 5"
    assert prk["sources"]["alignment"] is None
    assert prk["location"] == {"lat": pytest.approx(39.04), "lon": pytest.approx(125.76)}
    assert set(usa) == {"code", "name", "capability", "alignment", "location", "sources"}


def test_manchuria_1931_has_no_measured_alignment(shared_data):
    actors = draft_actors(1931, ["JPN", "CHN"], shared_data)
    assert all(a["alignment"] is None for a in actors)
    assert "Nanjing" in actors[1]["sources"]["location"]  # the capital of 1931
    notes = draft_notes(1931, actors)
    assert any("League" in n and "JPN, CHN" in n for n in notes)


def test_notes_list_each_actor_without_an_ideal_point(shared_data):
    actors = draft_actors(1950, ["USA", "PRK", "ROK"], shared_data)
    notes = draft_notes(1950, actors)
    assert [n.split(":")[0] for n in notes[1:]] == ["alignment of PRK", "alignment of ROK"]
    assert "raw COW CINC of 1950" in notes[0]
    assert draft_notes(1950, []) == []


def test_bad_actors_are_input_errors(shared_data):
    with pytest.raises(InputError, match="XYZ"):
        draft_actors(1950, ["USA", "XYZ"], shared_data)
    with pytest.raises(InputError, match="KUW"):
        draft_actors(1950, ["KUW"], shared_data)


def test_a_fresh_draft_is_a_valid_scenario_that_runs(shared_data, tmp_path):
    """The lead's `scenario new` writes these actors; the file must load and run."""
    from collsec.crisis import run_crisis
    from collsec.scenarios import load_scenario
    from collsec.scenarios.draft import draft_scenario

    path = tmp_path / "draft.yaml"
    path.write_text(draft_scenario("draft-1950", 1950, ["PRK", "ROK", "USA", "RUS"], shared_data))
    scenario = load_scenario(path)
    assert scenario.actors["USA"].capability == pytest.approx(0.284443)
    assert scenario.actors["PRK"].alignment is None
    assert run_crisis(scenario).response == "none"  # no bodies yet: the author adds them
