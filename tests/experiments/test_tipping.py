"""Tipping points of a case (collsec.experiments.tipping): each reported change is real and
the nearest tried, the bounds hold, and the command shows them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import collsec.cli  # noqa: F401  (registers the commands)
from collsec.cli.app import app
from collsec.crisis import EngineParams, run_crisis
from collsec.experiments.tipping import FITTED, STEPS, tipping_points
from collsec.scenarios import load_scenario
from collsec.validation.fit import stepped, with_values

DRAWS = 50


def outcome(scenario, params):
    r = run_crisis(scenario, params, draws=DRAWS, seed=0, explain=False)
    return r.response, r.result


@pytest.fixture(scope="module")
def berlin():
    scenario = load_scenario("berlin-1958")
    return scenario, tipping_points(scenario, draws=DRAWS)


def test_every_change_reported_is_the_nearest_step_that_changes_the_outcome(berlin):
    scenario, tipping = berlin
    base = EngineParams()
    assert (tipping.response, tipping.result) == outcome(scenario, base)
    assert [p.name for p in tipping.points] == list(FITTED)
    tips = [(p, t) for p in tipping.points for t in (p.below, p.above) if t is not None]
    assert tips, "a case the fit leaves near a threshold has tipping points"
    for point, tip in tips:
        moved = with_values(base, {point.name: tip.value})
        assert outcome(scenario, moved) == (tip.response, tip.result)
        assert (tip.response, tip.result) != (tipping.response, tipping.result)
        sign = 1.0 if tip.step > 0 else -1.0
        for step in (s for s in STEPS if s < abs(tip.step)):
            nearer = with_values(base, {point.name: stepped(point.value, sign * step)})
            assert outcome(scenario, nearer) == (tipping.response, tipping.result)


def test_a_parameter_at_its_bound_is_not_moved_past_it(berlin):
    _, tipping = berlin
    at_zero = [p for p in tipping.points if p.value == 0.0]
    assert at_zero  # the fit leaves some weights at 0 (alliance, regional request)
    assert all(p.below is None for p in at_zero)


def test_the_fragile_parameters_are_those_a_small_move_tips(berlin):
    _, tipping = berlin
    fragile = tipping.fragile(0.02)
    assert all(
        any(t is not None and abs(t.step) <= 0.02 for t in (p.below, p.above)) for p in fragile
    )
    assert set(tipping.fragile(0.5)) >= set(fragile)


def test_the_command_prints_the_tipping_points_and_their_json():
    runner = CliRunner()
    text = runner.invoke(app, ["run", "berlin-1958", "--tipping", "--draws", str(DRAWS)])
    assert text.exit_code == 0, text.output
    assert "not an uncertainty interval" in text.output
    out = runner.invoke(app, ["run", "berlin-1958", "--tipping", "--json", "-n", str(DRAWS)])
    data = json.loads(out.output)
    assert data["scenario"] == "berlin-1958" and len(data["points"]) == len(FITTED)
    tipped = [p["name"] for p in data["points"] if p["below"] or p["above"]]
    assert tipped and all(name in text.output for name in tipped)  # the table lists each
    assert f"{len(FITTED) - len(tipped)} other parameters change nothing" in text.output
    both = runner.invoke(app, ["run", "korea-1950", "-c", "ussr-present", "--compare", "--tipping"])
    assert both.exit_code == 2 and "--tipping" in both.output and "Traceback" not in both.output
