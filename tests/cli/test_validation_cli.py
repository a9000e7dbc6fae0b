"""The validation commands' text output."""

from __future__ import annotations

import pytest

from collsec.cli.validation import grouped


def test_one_reason_for_many_drafts_is_said_once():
    warnings = [f"S/RES/{k}: votes not read (no data directory)" for k in range(6)]
    warnings.append("A/RES/1: votes not read (file broken)")
    assert grouped(warnings) == [
        "S/RES/0, S/RES/1, S/RES/2, S/RES/3 and 2 more: votes not read (no data directory)",
        "A/RES/1: votes not read (file broken)",
    ]
    assert grouped([]) == []


def test_the_cli_searches_as_the_fit_does():
    """``collsec fit --starts`` and ``--draws`` default to the fit's own numbers (each is
    written twice: the CLI imports the fit lazily)."""
    import inspect

    from collsec.cli.validation import fit
    from collsec.validation.fit import SEARCH_DRAWS, STARTS

    defaults = inspect.signature(fit).parameters
    assert defaults["starts"].default == STARTS
    assert defaults["draws"].default == SEARCH_DRAWS


def test_validate_loss_scores_the_training_cases_once_per_seed(tmp_path):
    """``collsec validate loss``: one line per seed, the same seed the same loss, JSON alike,
    and a test case never counted (a corpus of one training and one test case); roll calls not
    read are said."""
    import json

    from typer.testing import CliRunner

    import collsec.cli  # noqa: F401  (registers the commands)
    from collsec.cli.app import app
    from tests.corpora import copy_corpus, first_test_case

    copy_corpus(tmp_path, ("north-korea-nuclear-2006", first_test_case()))
    args = ["validate", "loss", "--corpus", str(tmp_path), "-n", "50", "--seed", "4"]
    out = CliRunner().invoke(app, [*args, "--seed", "4", "--json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)["seeds"]
    assert [r["seed"] for r in rows] == [4, 4]
    assert rows[0] == rows[1]
    assert rows[0]["responses_missed"] + rows[0]["results_missed"] <= 2  # one training case
    text = CliRunner().invoke(app, args)
    assert text.exit_code == 0 and "mean loss" in text.output and "Traceback" not in text.output
    (tmp_path / "empty").mkdir()  # a data directory without the roll calls
    missing = CliRunner().invoke(app, [*args, "--data-dir", str(tmp_path / "empty")])
    assert missing.exit_code == 0 and "votes not read" in missing.output


def test_validate_cv_compares_in_sample_and_out_of_fold(tmp_path):
    import json

    from typer.testing import CliRunner

    import collsec.cli  # noqa: F401  (registers the commands)
    from collsec.cli.app import app
    from tests.corpora import copy_corpus, first_test_case

    runner = CliRunner()
    copy_corpus(tmp_path, ("korea-1950", "gulf-1990", first_test_case()))
    args = ["validate", "cv", "--corpus", str(tmp_path), "--folds", "2", "-n", "5"]
    r = runner.invoke(app, [*args, "--workers", "1"])
    assert r.exit_code == 0, r.output
    assert "out of fold" in r.output and "in sample" in r.output
    assert "member votes" in r.output and "out-of-fold score" in r.output
    data = json.loads(runner.invoke(app, [*args, "--json"]).output)
    assert data["cases"] == 2 and {"in_sample_response", "predicted_response"} <= set(
        data["rows"][0]
    )
    missed = sum(
        row[f"predicted_{level}"] != row[level]
        for row in data["rows"]
        for level in ("response", "result")
    )
    share = 1 - data["votes"]["right"] / data["votes"]["n"]
    assert data["score"] == pytest.approx(2 * missed + 200 * share, abs=0.01)
    priors = json.loads(runner.invoke(app, [*args, "--shrink", "inf", "--json"]).output)
    assert set(priors["shrink"].values()) == {"inf"}
    assert priors["values"][0] == priors["values"][1]
    war = json.loads(runner.invoke(app, [*args, "--shrink-war", "0", "--json"]).output)
    assert war["shrink"]["decisiveness"] == 0.0 and war["shrink"]["concern_scale"] == "inf"
    bad = runner.invoke(app, [*args, "--shrink", "-1"])
    assert bad.exit_code != 0 and "shrink" in bad.output
    free = [*args, "--shrink", "inf", "--search", "thresholds.sponsor", "--json"]
    free = json.loads(runner.invoke(app, free).output)["shrink"]
    assert free["thresholds.sponsor"] == 0.0 and free["concern_scale"] == "inf"
    fold = {row["case"]: row["fold"] for row in data["rows"]}
    assert data["fold_seed"] is None and fold == {"gulf-1990": 0, "korea-1950": 1}  # name order
    dealt = [
        json.loads(runner.invoke(app, [*args, "--fold-seed", str(k), "--json"]).output)
        for k in (3, 3)
    ]
    assert dealt[0] == dealt[1] and dealt[0]["fold_seed"] == 3  # the same seed, the same folds
    assert sorted(r["case"] for r in dealt[0]["rows"]) == sorted(fold)  # every case, once
    orders = {
        tuple(
            r["fold"]
            for r in json.loads(
                runner.invoke(app, [*args, "--fold-seed", str(k), "--json"]).output
            )["rows"]
        )
        for k in range(8)
    }
    assert len(orders) == 2  # some seeds deal the two cases the other way
    wrong = runner.invoke(app, [*args, "--search", "nonsense"])
    assert wrong.exit_code != 0 and "nonsense" in wrong.output and "--search" in wrong.output
    assert "Traceback" not in wrong.output


def test_the_cli_offers_the_anchors_the_fit_accepts():
    """``--anchor`` is an enum of the CLI (written twice: the CLI imports the fit lazily)."""
    from collsec.cli.validation import Anchor
    from collsec.validation.fit import ANCHORS, check_anchor

    assert tuple(a.value for a in Anchor) == ANCHORS
    with pytest.raises(ValueError, match="stage1"):
        check_anchor("posterior")


def test_validate_cv_anchored_at_stage_one_refits_it_in_each_fold(tmp_path):
    import json

    from typer.testing import CliRunner

    import collsec.cli  # noqa: F401  (registers the commands)
    from collsec.cli.app import app
    from collsec.crisis.params import PRIORS
    from collsec.validation.fit import OUTCOME, STAGE_ONE
    from tests.corpora import copy_corpus

    copy_corpus(tmp_path, ("korea-1950", "gulf-1990"))
    args = ["validate", "cv", "--corpus", str(tmp_path), "--folds", "2", "-n", "5", "--json"]
    found = CliRunner().invoke(app, [*args, "--shrink", "inf", "--anchor", "stage1"])
    assert found.exit_code == 0, found.output
    found = json.loads(found.output)
    assert found["anchor"] == "stage1"
    one, other = found["values"]  # each fold's stage 1 saw the other fold's case only
    assert all(one[n] == other[n] == PRIORS[n] for n in OUTCOME if n not in STAGE_ONE)
    assert any(one[n] != other[n] for n in STAGE_ONE)
