"""Drafting from the public data: every state of a date, measured before it; the bodies of the
date; facts merged; the built-in corpus reproduced byte for byte."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

import collsec.cli  # noqa: F401  (registers the commands)
from collsec.cli.app import app
from collsec.crisis import run_crisis
from collsec.scenarios import load_scenario
from collsec.scenarios.draft import build, draft, to_yaml
from collsec.scenarios.load import parse_yaml, validate

CORPUS = Path(__file__).resolve().parents[2] / "src" / "collsec" / "corpus"
runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, list(args))


def test_india_pakistan_1965_from_flags_alone_checks_and_runs(shared_data, tmp_path):
    out = tmp_path / "ipk.yaml"
    r = invoke(
        "scenario", "new", "india-pakistan-1965", "--date", "1965-08-05",
        "--aggressor", "PAK", "--target", "IND", "--severity", "0.5", "--stakes", "0.6",
        "--data-dir", str(shared_data), "--out", str(out),
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert invoke("check", str(out)).exit_code == 0
    s = load_scenario(out)
    assert len(s.actors) > 100 and {"IND", "PAK", "USA", "RUS"} <= set(s.actors)
    ids = [b.id for b in s.bodies]
    assert {"UNSC", "UNGA", "SEATO", "CENTO"} <= set(ids)  # Pakistan's alliances of 1965
    result = run_crisis(s, draws=200)
    assert "IND" in result.self_defence  # the target defends itself in every attack
    assert sum(result.probabilities.values()) == pytest.approx(1.0)


def test_a_draft_without_a_threat_is_incomplete_and_refused(shared_data, tmp_path):
    out = tmp_path / "draft.yaml"
    r = invoke("scenario", "new", "draft", "--date", "1950-06-25", "--data-dir",
               str(shared_data), "--out", str(out))  # fmt: skip
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert "incomplete: add threat" in text
    check = invoke("check", str(out))
    assert check.exit_code == 2 and "threat" in check.output
    run = invoke("run", str(out))
    assert run.exit_code == 2 and "threat" in run.output and "Traceback" not in run.output


@pytest.mark.parametrize(
    ("day", "expect"),
    [
        ("1950-06-25", {"TAW", "RUS", "YUG", "IND", "EGY"}),
        ("1971-11-01", {"CHN", "RUS"}),  # the PRC seated from 25 Oct 1971
        ("1990-08-02", {"CUB", "YEM", "MAL"}),
    ],
)
def test_the_drafted_security_council_is_the_council_of_the_date(shared_data, day, expect):
    data = draft("x", dt.date.fromisoformat(day), data_dir=shared_data)
    council = next(b for b in data["bodies"] if b["id"] == "UNSC")
    assert expect <= set(council["members"])
    assert len(council["members"]) == (11 if day < "1966" else 15)


def test_league_years_draft_the_assembly_and_ask_for_the_council(shared_data):
    data = draft("x", dt.date(1935, 10, 3), data_dir=shared_data)
    ids = {b["id"]: b for b in data["bodies"]}
    assert set(ids) >= {"LNC", "LNA"} and "UNSC" not in ids
    assert set(ids["LNC"]["members"]) == {"UKG", "FRN", "ITA", "RUS"}
    assert "USA" in ids["LNA"]["non_members"] and "ITA" not in ids["LNA"]["non_members"]
    assert any(n.startswith("League Council:") for n in data["notes"])


@pytest.mark.parametrize(
    ("day", "league"),
    [("1939-12-14", True), ("1939-12-15", False), ("1941-06-22", False), ("1946-03-02", False)],
)
def test_league_bodies_are_drafted_only_while_they_sat(shared_data, day, league):
    # The Council's 107th session (14 Dec 1939) was its last; the Assembly met once more,
    # in April 1946, only to dissolve the League.
    data = draft("x", dt.date.fromisoformat(day), data_dir=shared_data)
    ids = {b["id"] for b in data["bodies"]}
    assert ({"LNC", "LNA"} <= ids) if league else not ({"LNC", "LNA"} & ids)


@pytest.mark.parametrize(("day", "away"), [("1950-06-25", True), ("1950-09-01", False)])
def test_a_draft_seats_the_soviet_union_absent_while_it_boycotted_the_council(
    shared_data, day, away
):
    threat = {"aggressor": "PRK", "target": "ROK", "date": dt.date.fromisoformat(day)}
    data = draft("x", threat["date"], threat=threat, data_dir=shared_data)
    assert (data["actors"]["RUS"].get("absent") == ["UNSC"]) is away
    assert any(b["id"] == "UNSC" and "RUS" in b["members"] for b in data["bodies"])


def test_a_league_body_in_a_scenario_after_its_last_session_takes_no_decision():
    scenario = load_scenario(CORPUS / "scenarios" / "ethiopia-1935.yaml")
    later = scenario.model_copy(
        update={"threat": scenario.threat.model_copy(update={"date": dt.date(1940, 4, 8)})}
    )
    records = {r.id: r for r in run_crisis(later, draws=20).bodies}
    for body in ("LNC", "LNA"):
        assert records[body].adopted is None and not records[body].drafts
        assert "could not act on 1940-04-08" in records[body].note


def test_measures_are_taken_before_the_date_with_their_sources(shared_data):
    threat = {"aggressor": "IRQ", "target": "KUW", "date": dt.date(1990, 8, 2),
              "severity": 1.0, "stakes": 0.8}  # fmt: skip
    data = draft("x", threat["date"], threat, data_dir=shared_data)
    usa = data["actors"]["USA"]
    assert usa["capability_source"] == "COW NMC 6.0 cinc 1990"
    assert "session 44" in usa["affinity_source"]  # the session closed before August 1990
    assert usa["trade_source"] == "COW trade v4.0, 1989" and 0 < usa["trade_with_aggressor"] < 1
    assert usa["major_power"] and usa["nuclear"]
    assert set(usa["affinity"]) == {"IRQ", "KUW"}
    assert sum(data["actors"]["IRQ"]["trade_share"].values()) <= 1
    parsed, lines = parse_yaml("x", to_yaml(data, "test"))
    validate("x", parsed, lines)


def test_facts_override_the_draft_and_add_what_no_data_set_gives(shared_data):
    facts, _ = parse_yaml("f", (CORPUS / "facts" / "korea-1950.yaml").read_text())
    parsed, lines = parse_yaml("b", build(facts, "facts/korea-1950.yaml", shared_data))
    s = validate("b", parsed, lines)
    assert s.actors["RUS"].absent == ("UNSC",) and s.actors["CHN"].pledges.defense == ("RUS",)
    assert s.threat.aggressor == "PRK" and s.icb == 132


@pytest.mark.slow
def test_the_built_in_corpus_is_reproduced_byte_for_byte(shared_data, tmp_path):
    """`collsec scenario build corpus/facts/*.yaml --out-dir corpus/scenarios` made every file."""
    facts = sorted((CORPUS / "facts").glob("*.yaml"))
    assert len(facts) >= 47
    r = invoke("scenario", "build", *map(str, facts), "--out-dir", str(tmp_path),
               "--data-dir", str(shared_data))  # fmt: skip
    assert r.exit_code == 0, r.output
    for path in facts:
        built = (tmp_path / path.name).read_bytes()
        assert built == (CORPUS / "scenarios" / path.name).read_bytes(), path.name
