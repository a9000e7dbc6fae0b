"""The fitting procedure (collsec.validation.fit): the search, the bounds, what fitted.yaml
says, and the rule that matters most: test cases never reach the fit."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collsec.crisis.params import prior_params
from collsec.scenarios import load_scenario
from collsec.validation.corpus import builtin_corpus, corpus_cases
from collsec.validation.fit import (
    CENTRED,
    LOGLIK_WEIGHT,
    OUTCOME,
    RESPONSE_VALUES,
    RESPONSE_WEIGHT,
    RESULT_WEIGHT,
    SETTLED,
    STAGE_ONE,
    WAR,
    WAR_VALUES,
    Fit,
    anchors,
    bootstrap,
    centre,
    coordinate_search,
    cross_validate,
    distance,
    fit,
    fit_outcomes,
    fit_votes,
    held_in_stage_one,
    outcome_loss,
    profile,
    searched,
    shrinkage,
    stage2_loss,
    starting_points,
    to_yaml_data,
    tolerance,
    value_of,
    vote_data,
    vote_params,
    with_values,
)
from collsec.validation.records import load_record
from tests.corpora import copy_corpus, first_test_case


def test_the_search_never_raises_the_loss_and_moves_toward_the_minimum():
    seen = []

    def objective(p):
        loss = round((p.concern_scale - 3.0) ** 2, 6)  # a step-free bowl with its floor at 3
        seen.append(loss)
        return {"loss": loss}

    start = prior_params().model_copy(update={"concern_scale": 1.0})
    found, best = coordinate_search(("concern_scale",), objective, start, passes=4)
    assert best["loss"] < objective(start)["loss"]
    assert abs(found.concern_scale - 3.0) < abs(start.concern_scale - 3.0)
    again, _ = coordinate_search(("concern_scale",), objective, start, passes=4)
    assert again == found  # deterministic


def test_a_pass_that_gains_less_than_settled_ends_the_search():
    calls = []

    def objective(p):
        calls.append(p)
        return {"loss": -SETTLED / 100 * p.concern_scale}  # always a gain, always a tiny one

    coordinate_search(("concern_scale",), objective, prior_params(), passes=4)
    per_pass = 6  # one trial per step
    assert len(calls) == 1 + per_pass  # one pass, not four


def test_a_value_on_the_edge_of_a_step_moves_into_the_step_and_the_loss_stays():
    """The search stops on the edge of a step of its loss; centring moves the value inward,
    away from the cliff, without leaving the step."""

    def objective(p):
        return {"loss": 0.0 if 2.0 <= p.concern_scale <= 4.0 else 10.0}  # a step from 2 to 4

    start = prior_params().model_copy(update={"concern_scale": 2.0})
    found, best, moved = centre(("concern_scale", "indivisibility"), objective, start)
    assert 2.0 < found.concern_scale <= 3.0  # inward, not past the middle of the step
    assert best["loss"] == 0.0
    assert moved["concern_scale"][0] == 2.0 and moved["concern_scale"][1] == found.concern_scale
    assert "indivisibility" not in moved  # the loss does not depend on it: it is left alone
    assert centre(("concern_scale",), objective, start)[0] == found  # deterministic


def test_centring_never_raises_the_loss_beyond_its_allowance_and_keeps_the_bounds():
    def objective(p):  # a bowl: no step, every move costs something
        return {"loss": 40 * (p.concern_scale - 1.5) ** 2 + 8 * (1 - p.indivisibility)}

    start = prior_params().model_copy(update={"concern_scale": 1.5, "indivisibility": 1.0})
    found, best, _ = centre(("concern_scale", "indivisibility"), objective, start)
    assert best["loss"] <= objective(start)["loss"] + 2 * CENTRED  # at most one allowance a move
    assert 0.0 <= found.indivisibility <= 1.0
    assert abs(found.concern_scale - 1.5) < 0.2


@settings(max_examples=60, deadline=None)
@given(
    edges=st.lists(st.floats(0.2, 3.0), min_size=1, max_size=6, unique=True),
    levels=st.lists(st.integers(0, 5), min_size=7, max_size=7),
    start=st.floats(0.3, 2.9),
)
def test_centring_never_leaves_the_step_it_starts_on(edges, levels, start):
    """Whatever the steps of a loss, centring stays on the level it starts on: it never crosses
    an edge to a step that costs more."""
    edges = sorted(edges)

    def step_of(x):
        return sum(x >= e for e in edges)

    def objective(p):
        return {"loss": float(levels[step_of(p.concern_scale)])}

    params = prior_params().model_copy(update={"concern_scale": start})
    found, best, _ = centre(("concern_scale",), objective, params)
    assert best["loss"] <= objective(params)["loss"] + CENTRED
    assert best == objective(found)
    if levels[step_of(found.concern_scale)] > levels[step_of(start)]:
        pytest.fail("centring moved to a dearer step")


def test_the_loss_counts_the_share_of_the_draws_that_miss():
    """The stage-2 loss charges a case by how many of its draws miss the record, so that it
    does not jump by a whole case when a near tie flips; the report's modal counts ride along."""
    from collsec.crisis import run_crisis
    from collsec.validation.records import Record

    scenario = load_scenario("korea-1950")
    params = prior_params()
    r = run_crisis(scenario, params, draws=40, seed=2)
    for result in ("aggression_reversed", "aggression_prevailed"):
        record = Record(name="korea-1950", response="sanctions", result=result)
        out = outcome_loss([(scenario, record)], params, draws=40, seed=2)
        p = r.probabilities[result]
        assert out["expected_results_missed"] == pytest.approx(1 - p)
        assert out["expected_missed"] == pytest.approx(
            1 - r.response_probabilities.get("sanctions", 0)
        )
        assert out["results_missed"] == (r.result != result)
        assert out["loss"] == pytest.approx(
            RESPONSE_WEIGHT * out["expected_missed"]
            + RESULT_WEIGHT * (1 - p)
            - LOGLIK_WEIGHT * out["loglik"]
        )


def test_the_starts_begin_with_the_given_point_and_spread_within_bounds():
    p = prior_params()
    points = starting_points(p, OUTCOME, 5, seed=0)
    assert len(points) == 5 and points[0] == p
    assert points == starting_points(p, OUTCOME, 5, seed=0)  # seeded
    assert points[1:] != starting_points(p, OUTCOME, 5, seed=1)[1:]
    for q in points[1:]:
        for name in OUTCOME:
            a, b = value_of(p, name), value_of(q, name)
            if name.startswith("thresholds."):
                assert abs(b - a) <= 0.5
            elif name == "indivisibility":
                assert 0 <= b <= 1
            else:
                assert min(a / 2, a * 2) - 1e-12 <= b <= max(a / 2, a * 2) + 1e-12, name
    assert starting_points(p, OUTCOME, 1, seed=0) == [p]


def test_the_parameters_the_fit_was_given_are_a_start_of_their_own():
    p = prior_params()
    given = with_values(p, {"thresholds.force": 0.2, "war_cost": 0.9, "partisanship": 3.0})
    points = starting_points(p, OUTCOME, 4, seed=0, given=given)
    assert len(points) == 4 and points[0] == p
    second = points[1]
    assert value_of(second, "thresholds.force") == 0.2 and second.war_cost == 0.9
    assert second.partisanship == p.partisanship  # not searched in stage 2: stage 1's value
    assert points[2:] == starting_points(p, OUTCOME, 3, seed=0)[1:]  # the rest as before
    assert starting_points(p, OUTCOME, 4, seed=0, given=p) == starting_points(p, OUTCOME, 4, 0)
    assert starting_points(p, OUTCOME, 1, seed=0, given=given) == [p]


def test_the_last_fit_is_a_start_after_the_given_one():
    p = prior_params()
    given = with_values(p, {"thresholds.force": 0.2})
    warm = with_values(p, {"war_cost": 0.9, "partisanship": 3.0})
    points = starting_points(p, OUTCOME, 4, seed=0, given=given, warm=warm)
    assert len(points) == 4 and points[:2] == starting_points(p, OUTCOME, 2, 0, given=given)
    third = points[2]
    assert third.war_cost == 0.9 and value_of(third, "thresholds.force") == value_of(
        p, "thresholds.force"
    )
    assert third.partisanship == p.partisanship  # not searched in stage 2: stage 1's value
    assert points[3:] == starting_points(p, OUTCOME, 2, seed=0)[1:]  # the spread as before
    # a warm start equal to a point already there is not repeated
    assert starting_points(p, OUTCOME, 4, 0, given=given, warm=given) == starting_points(
        p, OUTCOME, 4, 0, given=given
    )
    assert starting_points(p, OUTCOME, 2, 0, given=given, warm=warm) == points[:2]


def test_values_are_clipped_to_their_bounds():
    p = with_values(prior_params(), {"indivisibility": 7.0, "war_cost": -1.0, "decisiveness": 0.0})
    assert (p.indivisibility, p.war_cost, p.decisiveness) == (1.0, 0.0, 0.05)
    assert value_of(with_values(p, {"thresholds.force": 2.5}), "thresholds.force") == 2.5


def test_fitted_yaml_gives_no_standard_error_to_a_searched_parameter():
    errors = {"affinity": 0.1, "power": 0.2, "thresholds.force": 0.3, "thresholds.band": 0.4}
    result = Fit(prior_params(), errors, 10, ["a"], 1.0, {"loglik": -1.0, "missed": 0})
    values = to_yaml_data(result, "collsec fit")["values"]
    assert values["partisanship"]["se"] == 0.1 and values["thresholds.band"]["se"] == 0.4
    for name in {*OUTCOME, *WAR}:
        assert "se" not in values[name], name  # power_cost and thresholds.force were searched


def test_stage_3_refits_the_restitution_with_the_patrons_pressure():
    """The two decide together what a stopped aggression hands back; a stage that refits one
    must refit the other, and the renunciation of a called-off threat, which decides how
    crises that never came to blows end, with them."""
    for stage in (OUTCOME, WAR):
        wanted = {"restitution", "patron_pressure", "renunciation", "decisiveness", "stalemate"}
        assert wanted <= set(stage)


def test_fitted_yaml_gives_back_the_fitted_values_exactly():
    import yaml

    fitted = with_values(
        prior_params(), {"concern_scale": 1.8899999999999, "thresholds.force": 1 / 3}
    )
    result = Fit(fitted, {}, 10, ["a"], 1.0, {"loglik": -1.0, "missed": 0})
    values = yaml.safe_load(yaml.safe_dump(to_yaml_data(result, "collsec fit")))["values"]
    assert values["concern_scale"]["value"] == fitted.concern_scale  # not 1.89
    assert values["thresholds.force"]["value"] == fitted.thresholds.force


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """Two training cases and one test case of the built-in corpus, copied."""
    return copy_corpus(tmp_path, ("korea-1950", "gulf-1990", first_test_case()))


def test_a_test_case_never_reaches_the_fit(small_corpus):
    cases, _ = corpus_cases(small_corpus)
    quick = {"reps": 0, "draws": 5, "rounds": 1, "passes": 1, "shrink": 0.0}  # with a search
    before = fit(cases, prior_params(), **quick)
    assert sorted(before.cases) == ["gulf-1990", "korea-1950"]
    # Rewrite the test case's record into its opposite: the fit must not move.
    test_case = next(c for c in cases if c.name not in before.cases)
    record = load_record(test_case.record)
    response = "none" if record.response == "authorised_force" else "authorised_force"
    text = test_case.record.read_text(encoding="utf-8")
    flipped = re.sub(r"(?m)^response: .*$", f"response: {response}", text)
    assert flipped != text
    test_case.record.write_text(flipped, encoding="utf-8")
    assert load_record(test_case.record).response == response
    after = fit(corpus_cases(small_corpus)[0], prior_params(), **quick)
    assert after.params == before.params and after.outcome == before.outcome


def test_the_best_start_wins_whatever_the_number_of_workers(small_corpus):
    train = [c for c in corpus_cases(small_corpus)[0] if c.name in ("korea-1950", "gulf-1990")]
    args = (train, prior_params(), 5, 0, 1)
    one, found = fit_outcomes(*args, starts=3, workers=1, shrink=0.0)
    two, again = fit_outcomes(*args, starts=3, workers=2, shrink=0.0)
    assert one == two and found == again
    # the winner is the start that does best on the fresh draws, not on the search's own
    assert found["rescored"][found["start"]] == min(found["rescored"])
    assert found["starts"][found["start"]] == found["loss"]
    assert found["fresh"]["loss"] == pytest.approx(min(found["rescored"]), abs=1e-3)
    single, alone = fit_outcomes(*args, starts=1, shrink=0.0)
    assert found["fresh"]["loss"] <= alone["fresh"]["loss"] + 1e-9  # start 0 is the single search


def test_the_winner_is_scored_on_as_many_fresh_draws_as_asked(small_corpus):
    train = [c for c in corpus_cases(small_corpus)[0] if c.name in ("korea-1950", "gulf-1990")]
    _, few = fit_outcomes(train, prior_params(), 5, 0, 1, starts=2, rescore_draws=40, shrink=0)
    _, many = fit_outcomes(train, prior_params(), 5, 0, 1, starts=2, rescore_draws=400, shrink=0)
    assert few["fresh"]["draws"] == 40 and many["fresh"]["draws"] == 400
    assert len(few["rescored"]) == len(few["starts"]) == 2


def test_the_tolerance_goes_out_from_the_fitted_value_until_the_loss_rises_by_one_miss():
    values = [0.5, 0.8, 0.95, 1.05, 1.2, 1.5]
    assert tolerance(1.0, values, [5, 1, 0.1, 0.2, 3, 0.5]) == (0.8, 1.05)  # 1.5 lies past 1.2
    assert tolerance(1.0, values, [0] * 6) == (0.5, 1.5)  # flat at least to the last step
    assert tolerance(1.0, values, [2.0] * 6) == (1.0, 1.0)  # one miss more at the first step
    assert tolerance(1.0, values, [2.0] * 6, limit=2.5) == (0.5, 1.5)


def test_the_profile_moves_one_parameter_at_a_time_whatever_the_workers(small_corpus):
    train = [c for c in corpus_cases(small_corpus)[0] if c.name in ("korea-1950", "gulf-1990")]
    names = ("concern_scale", "thresholds.force")
    one = profile(train, prior_params(), names, draws=10, workers=1)
    assert one == profile(train, prior_params(), names, draws=10, workers=2)
    pairs = [(load_scenario(c.scenario), load_record(c.record)) for c in train]
    base = outcome_loss(pairs, prior_params(), 10, 2)["loss"]  # the profile's own draws
    for name in names:
        fitted = value_of(prior_params(), name)
        values, rises = one[name]["values"], one[name]["rises"]
        assert len(values) == len(rises) == 6 and sorted(values) == values
        assert values[0] < fitted < values[-1]
        moved = with_values(prior_params(), {name: values[-1]})
        assert rises[-1] == pytest.approx(outcome_loss(pairs, moved, 10, 2)["loss"] - base)
        low, high = one[name]["tolerance"]
        assert low <= fitted <= high and {low, high} <= {fitted, *values}
    written = to_yaml_data(Fit(prior_params(), {}, 1, ["a"], 1.0, {"loglik": 0, "missed": 0},
                               one), "collsec fit")["values"]  # fmt: skip
    assert written["concern_scale"]["tolerance"] == list(one["concern_scale"]["tolerance"])
    assert len(written["thresholds.force"]["loss_rise"]) == 6
    assert "tolerance" not in written["war_cost"]  # not profiled here


def test_the_built_in_corpus_is_where_the_cases_are():
    assert (builtin_corpus() / "scenarios" / "korea-1950.yaml").is_file()


def test_stage_one_asks_a_regional_body_for_a_sponsor_among_its_members():
    """The decision likelihood tables a regional force only when one of the body's members
    could sponsor it, as the engine does; and it leaves out a body the engine does not seize."""
    import numpy as np

    from collsec.crisis.interests import features
    from collsec.crisis.situation import situation
    from collsec.institutions import Tool
    from collsec.validation.fit import MEASURES, body_observations, design
    from collsec.validation.records import Record

    fixture = Path(__file__).parents[1] / "crisis" / "fixtures" / "korea-mini.yaml"
    pact = "{name: Pact, scope: regional, rule: {veto_holders: all}, tools: [condemnation, force]}"
    params = prior_params()
    record = Record(name="korea-mini", response="none", result="aggression_prevailed")

    def observed(members: str, able_codes: tuple[str, ...]):
        body = f"bodies=[{{id: R, institution: {pact}, members: {members}}}]"
        scenario = load_scenario(fixture, ("actors.RUS.absent=false", body))
        sit = situation(scenario, params)
        half = params.concern_half_distance_km
        x = {
            k: design(features(sit, scenario, Tool(m), True, False, half), k)
            for k, m in enumerate(MEASURES)
        }
        able = np.isin(np.arange(sit.n), [sit.index[c] for c in able_codes])
        return body_observations(0, scenario, record, sit, x, params, able), x, sit

    (obs,), x, sit = observed("[ROK, CUB, ECU]", ("USA", "CUB"))
    assert len(obs.sponsors) == 1  # Cuba sits in the body; the United States does not
    assert np.array_equal(obs.sponsors[0], x[2][sit.index["CUB"]])
    (obs,), _, _ = observed("[ROK, CUB, ECU]", ("USA",))
    assert len(obs.sponsors) == 0 and 2 not in obs.tabled  # no member to field a force
    assert observed("[PRK, CUB, EGY]", ("USA",))[0] == []  # the aggressor's own body: not seized


def test_stage_one_asks_a_draft_of_condemnation_or_sanctions_for_a_keen_member():
    """The decision likelihood's share of adopted drafts that were tabled: 1 at a margin of 0
    (a yes voter tables it) or with the target seated (the complainant tables), falling as
    the margin rises, 0 with nobody present who could table it."""
    import numpy as np

    from collsec.crisis.interests import features
    from collsec.crisis.situation import situation
    from collsec.institutions import Tool
    from collsec.validation.fit import (
        COLUMNS,
        MEASURES,
        _magnitudes,
        _tabled_if_adopted,
        body_observations,
        design,
    )
    from collsec.validation.records import Record

    fixture = Path(__file__).parents[1] / "crisis" / "fixtures" / "korea-mini.yaml"
    record = Record(name="korea-mini", response="none", result="aggression_prevailed")

    def council(margin: float, *sets: str):
        p = prior_params()
        p = p.model_copy(update={"thresholds": p.thresholds.model_copy(update={"sponsor": margin})})
        scenario = load_scenario(fixture, ("actors.RUS.absent=false", *sets))
        sit = situation(scenario, p)
        half = p.concern_half_distance_km
        x = {
            k: design(features(sit, scenario, Tool(m), True, False, half), k)
            for k, m in enumerate(MEASURES)
        }
        able = np.zeros(sit.n, dtype=bool)
        obs = body_observations(0, scenario, record, sit, x, p, able)[0]
        magnitudes = np.array([_magnitudes(p)[c] for c in COLUMNS])
        t = p.thresholds
        thresholds = np.array([t.condemnation, t.sanctions, t.force])
        return [_tabled_if_adopted(obs, m, magnitudes, thresholds, t.band) for m in (0, 1, 2)]

    assert council(0.0) == [1.0, 1.0, 1.0]
    shares = [council(margin) for margin in (0.0, 0.2, 0.5, 1.0, 3.0)]
    for m in (0, 1):
        column = [row[m] for row in shares]
        assert column == sorted(column, reverse=True) and 0 <= column[-1] < column[0] == 1
    assert all(row[2] == 1.0 for row in shares)  # force has its own sponsors
    seated = (
        "bodies=[{id: UNSC, institution: unsc-1946, members: [USA, UKG, FRN, TAW, RUS, ROK],"
        " permanent: [USA, UKG, FRN, TAW, RUS]}]"
    )
    assert council(3.0, seated)[:2] == [1.0, 1.0]  # the complainant sits


def test_the_bootstrap_is_the_same_whatever_the_number_of_workers(small_corpus):
    train = [c for c in corpus_cases(small_corpus)[0] if c.name in ("korea-1950", "gulf-1990")]
    data = vote_data(train, prior_params())
    one = bootstrap(data, prior_params(), 3, 0, workers=1)
    assert np.array_equal(one, bootstrap(data, prior_params(), 3, 0, workers=2))
    assert np.isfinite(one).all() and one.any()  # resamples of two cases do move the fit


def test_the_fit_says_which_roll_calls_it_could_not_read(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus", ("bosnia-1992",))  # a training case with roll calls
    (tmp_path / "empty").mkdir()
    said: list[str] = []
    quick = {"reps": 0, "draws": 5, "rounds": 1, "passes": 1, "starts": 1}
    fit(corpus_cases(corpus)[0], prior_params(), tmp_path / "empty", say=said.append, **quick)
    notes = [m for m in said if m.startswith("note:")]
    assert notes and all("votes not read" in m for m in notes), said


@pytest.mark.parametrize("command", [["fit"], ["validate"], ["validate", "loss"]])
def test_a_data_directory_that_does_not_exist_is_refused_before_any_work(tmp_path, command):
    from typer.testing import CliRunner

    import collsec.cli  # noqa: F401  (registers the commands)
    from collsec.cli.app import app

    r = CliRunner().invoke(app, [*command, "--data-dir", str(tmp_path / "nowhere")])
    assert r.exit_code == 2 and "does not exist" in r.output, r.output
    assert "Traceback" not in r.output


def test_the_vote_likelihoods_gradient_is_its_slope_the_deference_included():
    from scipy.optimize import approx_fprime

    from collsec.validation.fit import COLUMNS, VoteData, _nll

    rng = np.random.default_rng(4)
    n, k = 60, len(COLUMNS)
    data = VoteData(
        x=rng.normal(size=(n, k)) * 0.1,  # supports of the order of the thresholds
        measure=rng.integers(0, 3, n),
        vote=rng.integers(0, 3, n),
        case=np.zeros(n, dtype=int),
        lead=np.where(rng.random(n) < 0.5, rng.random(n), 0.0),
    )
    theta = np.concatenate([rng.uniform(0.1, 1.0, k), [0.3, 0.8, 1.2, 0.5, 0.4]])
    prior = np.full(k, 0.5)
    _, grad = _nll(theta, data, prior)
    slope = approx_fprime(theta, lambda t: _nll(t, data, prior)[0], 1e-6)
    assert np.allclose(grad, slope, rtol=1e-4, atol=1e-3)
    assert abs(grad[-1]) > 1e-3  # the deference moves the likelihood


def test_the_deference_is_written_to_fitted_yaml_with_its_error():
    params = prior_params()
    params = params.model_copy(
        update={"thresholds": params.thresholds.model_copy(update={"deference": 0.37})}
    )
    errors = {"thresholds.deference": 0.05}
    result = Fit(params, errors, 10, ["x"], 1.0, {"loglik": -1.0, "missed": 0})
    values = to_yaml_data(result, "collsec fit")["values"]
    assert values["thresholds.deference"] == {"value": 0.37, "se": 0.05}


def test_cross_validation_runs_each_training_case_once_out_of_its_fold(small_corpus):
    cases, _ = corpus_cases(small_corpus)
    quick = {"folds": 2, "draws": 5, "passes": 1}
    found = cross_validate(cases, prior_params(), **quick)
    assert [r["case"] for r in found["rows"]] == ["gulf-1990", "korea-1950"]  # no test case
    assert [r["fold"] for r in found["rows"]] == [0, 1]  # name order, dealt in turn
    assert len(found["values"]) == 2 and all(set(v) == set(OUTCOME) for v in found["values"])
    # every training vote is scored once, out of its fold
    train = [c for c in cases if c.name in ("korea-1950", "gulf-1990")]
    assert found["votes"]["n"] == len(vote_data(train, prior_params()).vote)
    assert 0 <= found["votes"]["right"] <= found["votes"]["n"]
    assert cross_validate(cases, prior_params(), workers=2, **quick) == found


@given(
    st.sampled_from(OUTCOME),
    st.floats(0.01, 40.0),
    st.floats(0.05, 4.0),
)
def test_the_pull_toward_the_priors_is_zero_at_the_prior_and_grows_with_the_distance(
    name, value, weight
):
    prior = prior_params()
    at_prior = with_values(prior_params(), {name: value_of(prior, name)})
    assert shrinkage(at_prior, weight) == 0.0
    moved = with_values(prior, {name: value})
    farther = with_values(
        prior, {name: value_of(prior, name) + 2 * (value - value_of(prior, name))}
    )
    pull = shrinkage(moved, weight)
    assert pull >= 0 and shrinkage(farther, weight) >= pull - 1e-12
    assert shrinkage(moved, 2 * weight) == pytest.approx(2 * pull)
    assert shrinkage(moved, 0.0) == 0.0


def test_a_weight_is_as_far_from_its_prior_doubled_as_halved():
    assert distance("restitution", 2.0, 1.0) == pytest.approx(-distance("restitution", 0.5, 1.0))
    # a threshold, or a weight whose prior is 0, by its difference
    assert distance("thresholds.force", 1.8, 1.3) == pytest.approx(0.5 / 1.3)
    assert distance("renunciation", 0.25, 0.0) == pytest.approx(0.5)


def test_the_stage_2_loss_is_the_outcome_loss_plus_the_pull(small_corpus):
    train = [c for c in corpus_cases(small_corpus)[0] if c.name in ("korea-1950", "gulf-1990")]
    pairs = [(load_scenario(c.scenario), load_record(c.record)) for c in train]
    params = with_values(prior_params(), {"restitution": 3.0, "thresholds.force": 1.0})
    plain = outcome_loss(pairs, params, 5, 0)
    pulled = stage2_loss(pairs, params, 5, 0, shrink=2.0)
    assert pulled["shrinkage"] > 0
    assert pulled["shrinkage"] == pytest.approx(shrinkage(params, 2.0))
    assert pulled["loss"] == pytest.approx(plain["loss"] + pulled["shrinkage"])


def test_an_infinite_pull_leaves_the_searched_values_at_their_priors(small_corpus):
    cases, _ = corpus_cases(small_corpus)
    away = with_values(prior_params(), {"thresholds.force": 0.7, "decisiveness": 4.0})
    params, outcome = fit_outcomes(
        [c for c in cases if c.name in ("korea-1950", "gulf-1990")],
        away,
        5,
        0,
        1,
        shrink=math.inf,
    )
    assert all(value_of(params, n) == value_of(prior_params(), n) for n in OUTCOME)
    assert outcome["fresh"]["shrinkage"] == 0.0
    found = cross_validate(cases, away, folds=2, draws=5, passes=1, shrink=math.inf)
    assert all(v == {n: value_of(prior_params(), n) for n in OUTCOME} for v in found["values"])


def test_a_strong_pull_keeps_the_search_nearer_its_priors(small_corpus):
    cases, _ = corpus_cases(small_corpus)
    quick = {"folds": 2, "draws": 5, "passes": 1}
    free = cross_validate(cases, prior_params(), **quick)
    held = cross_validate(cases, prior_params(), shrink=50.0, **quick)
    prior = prior_params()

    def far(values):
        return sum(distance(n, v, value_of(prior, n)) ** 2 for n, v in values.items())

    assert sum(map(far, held["values"])) <= sum(map(far, free["values"]))
    assert set(held["shrink"].values()) == {50.0}


def test_the_likelihood_asks_a_sponsor_of_force_for_the_margin_as_the_engine_does():
    """A council that adopted nothing is likelier the keener a force's sponsor must be, and
    a margin of 0 is the rule without one."""
    import dataclasses

    import numpy as np

    from collsec.crisis.interests import features
    from collsec.crisis.situation import situation
    from collsec.institutions import Tool
    from collsec.validation.fit import (
        COLUMNS,
        MEASURES,
        TAIL,
        _magnitudes,
        body_observations,
        decisions_nll,
        design,
    )
    from collsec.validation.records import Record

    fixture = Path(__file__).parents[1] / "crisis" / "fixtures" / "korea-mini.yaml"
    params = prior_params()
    scenario = load_scenario(fixture)  # the Soviet Union away: no veto
    sit = situation(scenario, params)
    half = params.concern_half_distance_km
    x = {
        k: design(features(sit, scenario, Tool(m), True, False, half), k)
        for k, m in enumerate(MEASURES)
    }
    able = np.ones(sit.n, bool)
    record = Record(name="korea-mini", response="none", result="aggression_prevailed")
    observed = [
        o for o in body_observations(0, scenario, record, sit, x, params, able) if 2 in o.tabled
    ]
    assert observed  # a council that could have tabled force
    magnitudes = _magnitudes(params)
    theta = np.array([magnitudes[c] for c in COLUMNS] + [value_of(params, n) for n in TAIL])
    nll = [
        decisions_nll(
            theta, [dataclasses.replace(o, keen=None, margin=(0, 0, m)) for o in observed]
        )
        for m in (0.0, 0.5, 2.0)
    ]
    assert nll[0] > nll[1] > nll[2]  # "nothing adopted" likelier as force is tabled less


def test_the_default_fit_keeps_the_values_it_holds_at_their_priors_and_says_so(small_corpus):
    cases, _ = corpus_cases(small_corpus)
    found = fit(cases, prior_params(), reps=0, draws=5, rounds=1, passes=1)
    held = [n for n, w in written_pulls(found).items() if w == "inf"]
    assert held and all(value_of(found.params, n) == value_of(prior_params(), n) for n in held)
    assert not set(to_yaml_data(found, "collsec fit")["outcome"]["centred"]) & set(held)


def written_pulls(found) -> dict:
    return to_yaml_data(found, "collsec fit")["outcome"]["shrink"]


def test_a_value_held_at_its_prior_is_not_searched_and_the_others_are(small_corpus):
    train = [c for c in corpus_cases(small_corpus)[0] if c.name in ("korea-1950", "gulf-1990")]
    away = with_values(prior_params(), {"thresholds.force": 0.7, "decisiveness": 4.0})
    pull = {**dict.fromkeys(RESPONSE_VALUES, math.inf), **dict.fromkeys(WAR_VALUES, 0.0)}
    assert searched(pull) == WAR_VALUES
    params, outcome = fit_outcomes(train, away, 5, 0, 1, starts=2, shrink=pull)
    assert all(value_of(params, n) == value_of(prior_params(), n) for n in RESPONSE_VALUES)
    assert outcome["fresh"]["shrinkage"] == 0.0  # no pull on the searched ones
    assert shrinkage(with_values(prior_params(), {"decisiveness": 4.0}), pull) == 0.0


def test_anchored_at_stage_one_the_values_it_fits_stay_where_it_put_them(small_corpus):
    cases, _ = corpus_cases(small_corpus)
    quick = {"reps": 0, "draws": 5, "rounds": 1, "passes": 1, "shrink": math.inf}
    at_priors = fit(cases, prior_params(), anchor="priors", **quick)
    at_stage_one = fit(cases, prior_params(), anchor="stage1", **quick)
    prior = prior_params()
    assert all(value_of(at_priors.params, n) == value_of(prior, n) for n in OUTCOME)
    others = [n for n in OUTCOME if n not in STAGE_ONE]
    assert all(value_of(at_stage_one.params, n) == value_of(prior, n) for n in others)
    # stage 1 moved some of the values it fits, and they stay moved
    assert any(value_of(at_stage_one.params, n) != value_of(prior, n) for n in STAGE_ONE)
    assert to_yaml_data(at_stage_one, "collsec fit")["outcome"]["anchor"] == "stage1"
    assert anchors(at_stage_one.params) == {
        n: value_of(at_stage_one.params, n) if n in STAGE_ONE else value_of(prior, n)
        for n in OUTCOME
    }
    with pytest.raises(ValueError, match="anchor"):
        fit(cases, prior_params(), anchor="elsewhere", **quick)


def test_stage_one_given_the_held_values_fits_the_rest_of_the_vote_rule_at_them(small_corpus):
    cases, _ = corpus_cases(small_corpus)
    prior = prior_params()
    data = vote_data([c for c in cases if c.name in ("korea-1950", "gulf-1990")], prior)
    free, _ = fit_votes(data, prior)
    given, _ = fit_votes(data, prior, held=STAGE_ONE)
    at_free, at_given = vote_params(free, prior), vote_params(given, prior)
    assert all(value_of(at_given, n) == pytest.approx(value_of(prior, n)) for n in STAGE_ONE)
    assert any(value_of(at_free, n) != pytest.approx(value_of(prior, n)) for n in STAGE_ONE)
    # the weights stage 2 keeps are refitted at the held values, not copied from the free fit
    kept = ("partisanship", "thresholds.band")
    assert any(value_of(at_given, n) != pytest.approx(value_of(at_free, n)) for n in kept)
    assert held_in_stage_one("conditional") == STAGE_ONE
    assert held_in_stage_one("priors") == held_in_stage_one("stage1") == ()
    with pytest.raises(ValueError, match="not a value stage 1 fits"):
        fit_votes(data, prior, held=("decisiveness",))


@pytest.mark.parametrize("weight", [0.0, 0.3])
def test_the_vote_term_scores_the_threat_weight_it_is_given(weight, shared_data):
    # Stage 2 scores the votes on rows built once, at the start; a search that moves the
    # weight of a threat must see the votes it changes (the Council's sanctions on North
    # Korea's and Iran's programmes are votes on threats).
    from collsec.validation.fit import vote_data, vote_error, with_values

    names = {"north-korea-nuclear-2006", "iran-nuclear-2006", "korea-1950"}
    cases = [c for c in corpus_cases()[0] if c.name in names]
    start, moved = prior_params(), with_values(prior_params(), {"threat_weight": weight})
    built_at_start = vote_data(cases, start, shared_data)  # the Council's votes 1994-2025
    assert built_at_start.threatened.any() and not built_at_start.threatened.all()
    rebuilt = vote_data(cases, moved, shared_data)
    assert vote_error(built_at_start, moved) == vote_error(rebuilt, moved)
    assert vote_error(built_at_start, moved) != vote_error(built_at_start, start)
    assert vote_error(rebuilt, start) == vote_error(built_at_start, start)  # and back
