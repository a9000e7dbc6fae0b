"""The crisis engine on a small Korea sketch: rules, determinism, counterfactual routes."""

from pathlib import Path

import pytest

from collsec.crisis import RESULTS, EngineParams, run_crisis
from collsec.crisis.params import prior_params
from collsec.errors import InputError
from collsec.scenarios import load_scenario
from collsec.voting.rules import Vote

FORCE = ("authorised_force", "regional_action", "collective_defence", "unilateral")
KOREA = Path(__file__).parent / "fixtures" / "korea-mini.yaml"


def korea(*sets):
    return load_scenario(KOREA, sets)


def test_same_seed_same_result_and_json():
    a = run_crisis(korea(), draws=500, seed=7)
    b = run_crisis(korea(), draws=500, seed=7)
    assert a.model_dump_json() == b.model_dump_json()


def test_probabilities_are_a_distribution():
    r = run_crisis(korea(), draws=300, seed=3)
    assert set(r.probabilities) == set(RESULTS)
    assert sum(r.probabilities.values()) == pytest.approx(1.0)


def test_soviet_absence_lets_force_pass_and_is_named_as_the_cause():
    r = run_crisis(korea())
    council = r.bodies[0]
    assert council.adopted.value == "force"
    assert council.draft(council.adopted).votes["RUS"] == Vote.ABSENT
    assert r.response == "authorised_force"
    assert r.main_cause == "absent:RUS"


def test_soviet_presence_means_a_veto_then_the_general_assembly():
    # The route (a veto of every draft, then the Assembly) under the priors, where the Soviet
    # Union opposes every measure; with the fitted vote rule it lets a condemnation of North
    # Korea pass (a vote miss, docs/validation.md section 5).
    r = run_crisis(korea("actors.USSR.absent=false"), prior_params())
    council, assembly = r.bodies[0], r.bodies[1]
    assert council.adopted is None
    assert all(d.decision.vetoed_by == ("RUS",) for d in council.drafts)
    assert assembly.adopted is not None and assembly.drafts
    assert "veto:RUS" in r.causes


def test_without_the_assembly_a_veto_leaves_no_authorised_force():
    r = run_crisis(
        korea(
            "actors.USSR.absent=false",
            "bodies=[{id: UNSC, institution: unsc-1946, "
            "members: [USA, UKG, FRN, TAW, RUS, CUB, ECU, EGY, IND, NOR, YUG], "
            "permanent: [USA, UKG, FRN, TAW, RUS]}]",
        )
    )
    assert r.response not in ("authorised_force",)
    assert r.main_cause == "veto:RUS"


def test_an_unattributed_attack_can_only_be_condemned():
    s = korea("threat.kind=non_state", "threat.attribution=0.0")
    r = run_crisis(s, draws=50)
    assert r.attribution_probability == 0.0
    assert r.causes[0] == "attribution_failed"
    assert r.response in ("none", "condemnation")
    assert r.result == "aggression_prevailed"


def test_intelligence_sharing_raises_attribution():
    base = run_crisis(korea("threat.kind=cyber", "threat.attribution=0.4"))
    shared = run_crisis(
        korea("threat.kind=cyber", "threat.attribution=0.4", "options.intelligence_sharing=0.5")
    )
    assert shared.attribution_probability == pytest.approx(0.7)
    assert base.attribution_probability == pytest.approx(0.4)


def test_a_weaker_aggressor_is_never_more_likely_to_prevail():
    strong = run_crisis(korea("actors.PRK.capability=0.2"), draws=2000, seed=1)
    weak = run_crisis(korea("actors.PRK.capability=0.002"), draws=2000, seed=1)
    assert weak.deterrence.p_prevail <= strong.deterrence.p_prevail


def test_lower_indivisibility_lowers_distant_support():
    high = run_crisis(korea(), EngineParams(indivisibility=1.0))
    low = run_crisis(korea(), EngineParams(indivisibility=0.0))
    assert high.scorecard["indivisibility"].value >= low.scorecard["indivisibility"].value


def test_bad_draws_and_seed_are_input_errors():
    with pytest.raises(InputError, match="draws"):
        run_crisis(korea(), draws=0)
    with pytest.raises(InputError, match="seed"):
        run_crisis(korea(), seed=-1)


def test_without_any_body_a_committed_strong_state_acts_alone():
    # On the priors: which state acts depends on the weights (with the shipped ones, Taiwan).
    r = run_crisis(korea("bodies=[]", "actors.RUS.absent=false"), prior_params(), draws=200)
    assert r.response == "unilateral"
    assert "unilateral:USA" in r.causes
    assert "USA" in r.coalition.members and r.result == "aggression_reversed"


def test_without_any_body_and_nobody_strong_enough_nothing_happens():
    r = run_crisis(
        korea("bodies=[]", "actors.RUS.absent=false", "actors.PRK.capability=0.9"), draws=50
    )
    assert r.response not in FORCE and r.result == "aggression_prevailed"


def test_run_crisis_applies_a_counterfactual_to_a_loaded_scenario_as_load_does():
    """``run_crisis(scenario, counterfactual=...)`` on a scenario loaded without it gives
    what loading it with the counterfactual gives (an override that sets an item of a list,
    such as ``bodies.LNC.institution``, used to fail on the loaded scenario's tuples)."""
    loaded = load_scenario("manchuria-1931")
    direct = run_crisis(loaded, prior_params(), draws=50, counterfactual="art15-council")
    via_load = run_crisis(
        load_scenario("manchuria-1931", counterfactual="art15-council"), prior_params(), draws=50
    )
    assert direct.bodies == via_load.bodies and direct.result == via_load.result
