"""Scoring a corpus: accuracy at three levels beside baselines, on a small corpus copied from
the built-in one (a case whose file is broken is kept with its error, never lost)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import collsec.cli  # noqa: F401  (registers the commands)
from collsec.cli.app import app
from collsec.validation.corpus import corpus_cases
from collsec.validation.score import MISS_CLASSES, evaluate, miss_class, summary
from tests.corpora import copy_corpus

NAMES = ("korea-1950", "gulf-1990", "manchuria-1931")


@pytest.fixture
def small(tmp_path):
    return copy_corpus(tmp_path, NAMES)


def test_summary_counts_the_cases_and_the_baselines(small):
    cases, unpaired = corpus_cases(small)
    ev = evaluate(cases, draws=20)
    s = summary(ev)
    assert s["cases"] == 3 and not unpaired
    # majority class of the three records: two authorised_force, one condemnation
    assert s["baselines"]["majority_response"] == {"value": "authorised_force", "accuracy": 0.6667}
    votes = s["votes"]
    assert votes["n"] == len(ev.votes) > 0
    assert votes["baselines"]["all_yes"] == round(
        sum(v.recorded == "yes" for v in ev.votes) / votes["n"], 4
    )
    assert 0 <= votes["accuracy"] <= 1


def test_training_cases_outside_the_fit_form_their_own_part(small):
    from collsec.validation.score import report

    cases, _ = corpus_cases(small)
    ev = evaluate(cases, draws=10, fitted_cases=frozenset({"korea-1950"}))
    parts = {r.case: r.split for r in ev.cases}
    assert parts == {"korea-1950": "train", "gulf-1990": "unfitted", "manchuria-1931": "unfitted"}
    data = report(ev)
    assert data["train"]["cases"] == 1 and data["unfitted"]["cases"] == 2
    assert all(v.split == parts[v.case] for v in ev.votes)
    assert "unfitted" not in report(evaluate(cases, draws=10))  # no list: no such part


def test_votes_are_split_by_what_the_engine_did_with_the_draft(small):
    from collsec.crisis import run_crisis
    from collsec.institutions import Tool
    from collsec.scenarios import load_scenario

    cases, _ = corpus_cases(small)
    ev = evaluate(cases, draws=20)
    groups = summary(ev)["votes"]["by_engine_decision"]
    assert sum(g["n"] for g in groups.values()) == len(ev.votes)  # a partition of the votes
    korea = run_crisis(load_scenario(small / "scenarios" / "korea-1950.yaml"), draws=20)
    council = next(b for b in korea.bodies if b.id == "UNSC")
    for v in ev.votes:
        if v.case == "korea-1950" and v.body == "UNSC":
            draft = council.draft(Tool(v.measure))
            expected = "not tabled" if draft is None else "adopted"
            expected = expected if draft is None or draft.decision.adopted else "not adopted"
            assert v.engine_decision == expected


def test_each_draft_weighs_alike_in_the_per_draft_accuracy():
    from collsec.validation.score import VoteRow, per_draft

    def row(symbol, member, recorded, predicted):
        return VoteRow("c", "test", "UNGA", symbol, "condemnation", member, recorded, predicted, "")

    big = [row("A", f"M{k}", "yes", "abstain") for k in range(98)]  # 98 votes, all missed
    small = [row("B", "X", "yes", "yes"), row("B", "Y", "no", "yes")]  # 2 votes, half right
    out = per_draft(big + small)
    assert out["drafts"] == 2
    assert out["accuracy"] == 0.25  # (0 + 1/2) / 2, where the pooled share is 1/100
    assert out["all_yes"] == 0.75  # (1 + 1/2) / 2
    assert per_draft([]) == {"drafts": 0, "accuracy": None, "all_yes": None}


def test_a_broken_case_is_reported_not_lost(small):
    (small / "scenarios" / "gulf-1990.yaml").write_text("name: gulf-1990\n", encoding="utf-8")
    cases, _ = corpus_cases(small)
    ev = evaluate(cases, draws=10)
    errors = [r for r in ev.cases if r.error]
    assert [r.case for r in errors] == ["gulf-1990"] and len(ev.cases) == 3


def test_a_decision_by_a_body_the_scenario_does_not_seat_is_named_once(small):
    record = small / "records" / "korea-1950.yaml"
    text = record.read_text(encoding="utf-8")
    extra = (
        "  - {body: XYZ, measure: condemnation, adopted: true, source: a test}\n"
        "  - {body: XYZ, measure: other, adopted: true, source: a test}\n"
    )
    record.write_text(text.replace("decisions:\n", "decisions:\n" + extra, 1), encoding="utf-8")
    cases, _ = corpus_cases(small)
    ev = evaluate(cases, draws=10)
    named = [w for w in ev.warnings if "XYZ" in w]
    assert len(named) == 1 and named[0].startswith("korea-1950 (XYZ): ")
    assert not [w for w in ev.warnings if "XYZ" not in w and "does not seat" in w]


@pytest.mark.parametrize(
    "recorded, predicted, expected",
    [
        ("sanctions", "sanctions", "war_result"),
        ("none", "collective_defence", "pledge_fires"),
        ("condemnation", "collective_defence", "pledge_fires"),
        ("authorised_force", "regional_action", "force_route"),
        ("unilateral", "condemnation", "short_of_force"),
        ("sanctions", "condemnation", "too_weak"),
        ("condemnation", "none", "too_weak"),
        ("none", "condemnation", "too_strong"),
        ("sanctions", "regional_action", "too_strong"),
    ],
)
def test_a_miss_is_classed_by_what_the_engine_got_wrong(recorded, predicted, expected):
    assert miss_class(recorded, predicted) == expected
    assert expected in MISS_CLASSES


def test_validate_prints_json_and_a_figure(small, tmp_path):
    figure = tmp_path / "v.png"
    r = CliRunner().invoke(
        app, ["validate", "--corpus", str(small), "-n", "10", "--json", "--figure", str(figure)]
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert {"train", "test", "all", "cases", "vote_misses"} <= set(data)
    u = data["all"]["uncertainty"]
    assert set(u["intervals"]) == {"response", "result", "both"}
    low, high = u["intervals"]["both"]
    assert low <= data["all"]["both"] <= high
    both = u["paired"]["both_vs_majority"]
    assert both["better"] + both["worse"] <= data["all"]["cases"]
    votes = data["all"]["votes"]
    diff = votes["accuracy"] - votes["baselines"]["all_yes"]
    assert u["votes_vs_all_yes"]["difference"] == pytest.approx(diff, abs=2e-4)
    for row in data["cases"]:
        assert (row["miss"] is None) == (row["both"] or bool(row["error"]))
    assert figure.exists() and figure.with_suffix(".svg").exists()


def test_validate_refuses_a_folder_that_is_not_a_corpus(tmp_path):
    r = CliRunner().invoke(app, ["validate", "--corpus", str(tmp_path)])
    assert r.exit_code == 2 and "scenarios" in r.output
