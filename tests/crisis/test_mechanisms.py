"""The mechanisms of format 2, each on the Korea sketch with the prior parameters (so that a
refit of the defaults cannot hide a broken rule): self-defence, treaty pledges, co-aggressors,
treaty areas (of a body and of its members' pledges, read where the attack struck), pledges
that bind against outsiders, the procedural referral, Art. 27(3), forces in place,
populations, dated powers, costs of enforcement, explanations, a stopped aggression undone as
far as it took something, and an API that applies what it is given."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collsec.crisis import run_crisis
from collsec.crisis.deliberation import phase_of
from collsec.crisis.params import prior_params
from collsec.errors import InputError
from collsec.institutions import LADDER, Tool
from collsec.scenarios import load_scenario
from collsec.voting.rules import Vote

KOREA = Path(__file__).parent / "fixtures" / "korea-mini.yaml"
P = prior_params()
PACT = (
    "bodies=[{id: PACT, institution: nato, members: [ROK, USA, UKG, FRN]}]",
    "actors.RUS.absent=false",
)
PLEDGE = "actors.USA.pledges={defense: [ROK]}"
EUROPE = "{lat: 50.0, lon: 10.0}"  # in the North Atlantic Treaty's area (Art. 6)


def korea(*sets):
    return load_scenario(KOREA, sets)


def test_the_target_defends_itself_and_a_treaty_defender_joins_it():
    strong = "actors.PRK.capability=0.02"
    alone = run_crisis(korea("bodies=[]", "actors.RUS.absent=false", strong), P, draws=400, seed=3)
    assert alone.self_defence == ("ROK",)
    helped = run_crisis(
        korea(
            "bodies=[]", "actors.RUS.absent=false", strong, "actors.USA.pledges={defense: [ROK]}"
        ),
        P,
        draws=400,
        seed=3,
    )
    assert "USA" in helped.self_defence
    assert helped.deterrence.p_prevail < alone.deterrence.p_prevail


def test_a_pledge_to_the_aggressor_is_not_fighting_beside_it_but_a_co_aggressor_is():
    pledged = run_crisis(korea("actors.RUS.pledges={defense: [PRK]}"), P)
    assert pledged.coalition is None or "RUS" not in pledged.coalition.aggressor_side
    fighting = run_crisis(korea("threat.co_aggressors=[RUS]"), P)
    council = fighting.bodies[0]
    assert all(d.votes["RUS"] in (Vote.NO, Vote.ABSENT) for d in council.drafts)
    assert fighting.deterrence.p_prevail > run_crisis(korea(), P).deterrence.p_prevail


def test_a_treaty_area_bounds_collective_defence():
    inside = korea(*PACT, f"threat.theatre={EUROPE}")
    outside = korea(*PACT)
    assert phase_of(inside, inside.bodies[0]) == "defence"
    assert phase_of(outside, outside.bodies[0]) == "regional"  # Korea is outside Art. 6


def test_a_pledge_between_members_of_a_pact_reaches_only_the_pacts_area():
    def defends(*sets):
        return "USA" in run_crisis(korea(*sets), P, draws=50, seed=1).self_defence

    assert defends(PLEDGE)  # no pact drawing an area: the pledge binds anywhere
    assert not defends(*PACT, PLEDGE)  # Korea lies outside Art. 6
    assert defends(*PACT, PLEDGE, f"threat.theatre={EUROPE}")


def test_the_place_struck_not_the_theatre_decides_the_treaty_area():
    # 11 September: the attack fell in New York, the war is fought in Afghanistan
    struck = korea(*PACT, PLEDGE, f"threat.struck={EUROPE}")
    assert struck.struck() != struck.theatre()
    assert phase_of(struck, struck.bodies[0]) == "defence"
    assert "USA" in run_crisis(struck, P, draws=50, seed=1).self_defence
    assert korea(*PACT).struck() == korea(*PACT).theatre()  # by default the theatre


def test_a_pledge_binds_against_outsiders_not_between_two_partners():
    def defends(*sets):
        return "USA" in run_crisis(korea(*sets), P, draws=50, seed=1).self_defence

    assert defends(PLEDGE)
    assert not defends("actors.USA.pledges={defense: [ROK, PRK]}")  # bound to both sides
    within = korea(
        "bodies=[{id: PACT, institution: nato, members: [ROK, USA, UKG, FRN, PRK]}]",
        "actors.RUS.absent=false",
        f"threat.theatre={EUROPE}",
    )
    assert phase_of(within, within.bodies[0]) == "regional"  # a dispute among its members


def test_a_veto_is_referred_to_the_assembly_by_a_procedural_vote():
    r = run_crisis(korea("actors.USSR.absent=false"), P)
    assembly = next(b for b in r.bodies if b.id == "UNGA")
    assert assembly.referral is not None and assembly.referral.adopted
    assert assembly.referral.vetoed_by == ()  # a procedural vote knows no veto


def test_the_assembly_recommends_force_only_after_uniting_for_peace():
    june = run_crisis(korea("actors.USSR.absent=false"), P)
    later = run_crisis(korea("actors.USSR.absent=false", "threat.date=1950-12-01"), P)
    measures = {b.id: [d.measure.value for d in b.drafts] for b in june.bodies}
    assert "force" not in measures["UNGA"]
    later_measures = {b.id: [d.measure.value for d in b.drafts] for b in later.bodies}
    assert (
        later.bodies[1].drafts == ()
        or "force" in later_measures["UNGA"]
        or (
            "force" not in {d.measure.value for d in later.bodies[0].drafts if d.decision.vetoed_by}
        )
    )


def test_parties_bound_to_abstain_abstain():
    inline = (
        "bodies=[{id: UNSC, institution: {name: Council, scope: global, seats: 11, "
        "permanent: [USA, UKG, FRN, TAW, RUS], rule: {quota: 7, veto_holders: permanent, "
        "parties_abstain: true}, tools: [condemnation]}, "
        "members: [USA, UKG, FRN, TAW, RUS, CUB, ECU, EGY, IND, NOR, ROK]}]"
    )
    r = run_crisis(korea(inline), P)
    assert all(d.votes["ROK"] == Vote.ABSTAIN for d in r.bodies[0].drafts)


def test_forces_in_place_fight_from_the_first_day():
    r = run_crisis(
        korea("bodies=[]", "actors.RUS.absent=false", "actors.USA.forces_in_place=0.05"),
        P,
        draws=200,
    )
    assert "USA" in r.self_defence


def test_a_garrison_fights_where_it_stands_its_state_only_by_pledge_or_will():
    """Forces in place field themselves, not their state's whole power, unless the state is
    pledged to defend the target (or joins a coalition)."""
    base = ("bodies=[]", "actors.RUS.absent=false", "actors.PRK.capability=0.1")
    garrison = "actors.USA.forces_in_place=0.01"
    alone = run_crisis(korea(*base), P, draws=1000, seed=2)
    held = run_crisis(korea(*base, garrison), P, draws=1000, seed=2)
    pledged = run_crisis(korea(*base, garrison, PLEDGE), P, draws=1000, seed=2)
    # the garrison (0.01 of the United States' 0.2844) adds little against North Korea's 0.1;
    # pledged, the United States brings what it can project across the Pacific
    assert alone.deterrence.p_reversed <= held.deterrence.p_reversed
    assert held.deterrence.p_reversed < 0.2 * pledged.deterrence.p_reversed
    assert "USA" in held.self_defence and "USA" in pledged.self_defence


def test_the_others_reckon_on_a_garrison_as_only_itself(monkeypatch):
    """A ready member counts on the power the others bring: a garrison fighting where it stands
    brings itself, not its state's whole power (the Soviet garrison here is not pledged)."""
    import collsec.crisis.engine as engine

    seen = []

    def spy(ready, power, target, enemy, params):
        seen.append((ready.copy(), power.copy()))
        return join(ready, power, target, enemy, params)

    join = engine.join_with_confidence
    monkeypatch.setattr(engine, "join_with_confidence", spy)
    scenario = korea("actors.RUS.forces_in_place=0.01")
    result = run_crisis(scenario, P, draws=20)
    assert result.response == "authorised_force" and "RUS" in result.self_defence
    assert seen
    i = list(scenario.actors).index("RUS")
    garrison = scenario.actors["RUS"].capability * 0.01
    for ready, power in seen:
        assert ready[i] and power[i] == pytest.approx(garrison)


def test_a_population_sits_in_no_body():
    import yaml

    from collsec.scenarios.load import validate

    data = yaml.safe_load(KOREA.read_text(encoding="utf-8"))
    data["actors"]["POP"] = {
        "name": "People",
        "kind": "non_state",
        "part_of": "PRK",
        "capability": 0.0001,
        "location": {"lat": 39.0, "lon": 125.7},
    }
    s = validate("korea", data)
    assembly = next(b for b in s.bodies if b.id == "UNGA")
    assert "POP" not in s.members(assembly)


def test_enforcement_against_a_nuclear_great_power_costs_more():
    plain = run_crisis(korea(), P).positions["USA"]["force"]
    strong = run_crisis(korea("actors.PRK.nuclear=true"), P).positions["USA"]["force"]
    assert strong.terms["cost"] > plain.terms["cost"] and strong.support < plain.support


@pytest.mark.parametrize("w", [0.0, 0.4, 1.0])
def test_a_threat_carries_the_threat_weight_of_the_concern_for_the_act(w):
    params = P.model_copy(update={"threat_weight": w})
    act = run_crisis(korea(), params).positions
    threat = run_crisis(korea("threat.stage=threatened"), params).positions
    for code in ("USA", "UKG", "FRN", "TAW", "IND", "NOR"):
        for measure in ("sanctions", "force"):  # no majority habit: concern is all severity
            done = act[code][measure].terms["concern"]
            assert threat[code][measure].terms["concern"] == pytest.approx(w * done, abs=1e-3), code
    assert act == run_crisis(korea(), P).positions  # an act under way weighs as it did


@settings(max_examples=25, deadline=None)
@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_a_heavier_threat_never_lowers_anyone_s_support(low, high):
    low, high = sorted((low, high))
    threat = korea("threat.stage=threatened")
    at = [run_crisis(threat, P.model_copy(update={"threat_weight": w})) for w in (low, high)]
    for code, measures in at[0].positions.items():
        for measure, position in measures.items():
            assert position.support <= at[1].positions[code][measure].support + 1e-9, code


def test_a_vote_is_explained_by_its_terms():
    for code, measures in run_crisis(korea(), P).positions.items():
        for position in measures.values():
            t = position.terms
            total = t["concern"] + t["partisanship"] + t["alliance"] - t["cost"]
            total -= t["non_intervention"]
            if abs(position.support) < 1e5:  # the parties' support is capped
                assert position.support == pytest.approx(total, abs=1e-3), code


@given(st.floats(0.0, 2.0))
def test_an_elected_council_member_adds_the_deference_times_the_permanent_members_lead(shift):
    params = P.model_copy(
        update={"thresholds": P.thresholds.model_copy(update={"deference": shift})}
    )
    result = run_crisis(korea("actors.RUS.absent=false"), params, draws=20)
    band = params.thresholds.band
    council = result.bodies[0]
    assert council.deference == shift
    for draft in council.drafts:
        present = [m for m in council.permanent if draft.votes[m] != Vote.ABSENT]
        lead = sum(draft.votes[m] == Vote.YES for m in present) / len(present)
        assert draft.lead == pytest.approx(lead)
        for member, vote in draft.votes.items():
            position = result.positions[member][draft.measure.value]
            permanent = member in council.permanent
            gap = position.support - position.threshold + (0.0 if permanent else shift * lead)
            # positions are rounded to 4 decimals: skip gaps within that of either edge
            near_edge = min(abs(gap), abs(gap + band)) <= 1e-3
            if abs(position.support) < 1e5 and not near_edge:
                expect = Vote.YES if gap >= 0 else Vote.NO if gap < -band else Vote.ABSTAIN
                assert vote == expect, member


def test_elected_members_follow_no_lead_the_permanent_members_do_not_give():
    # every permanent member against: the deference adds nothing, however large
    from collsec.crisis.deliberation import ballot

    support = {"P1": -1.0, "P2": -1.0, "E1": 0.2, "E2": -0.3}.__getitem__
    votes, lead = ballot(["P1", "P2", "E1", "E2"], ["P1", "P2"], [], support, 0.5, 0.5, 10.0)
    assert lead == 0.0
    assert votes["E1"] == Vote.ABSTAIN and votes["E2"] == Vote.NO
    # one of two present for, one absent: the lead is that one's
    support = {"P1": 1.0, "P2": -1.0, "E1": 0.2, "E2": -0.3}.__getitem__
    votes, lead = ballot(["P1", "P2", "E1", "E2"], ["P1", "P2"], ["P2"], support, 0.5, 0.5, 0.4)
    assert lead == 1.0 and votes["P2"] == Vote.ABSENT
    assert votes["E1"] == Vote.YES and votes["E2"] == Vote.ABSTAIN


def test_the_deference_makes_elected_members_readier_not_the_assembly():
    low = run_crisis(korea(), P, draws=20)
    high_p = P.model_copy(update={"thresholds": P.thresholds.model_copy(update={"deference": 1.0})})
    high = run_crisis(korea(), high_p, draws=20)
    order = {Vote.NO: 0, Vote.ABSTAIN: 1, Vote.YES: 2, Vote.ABSENT: -1}
    for member, position in high.positions.items():
        for measure, p in position.items():
            assert p.vote == low.positions[member][measure].vote  # positions do not move
    council, before = high.bodies[0], low.bodies[0]
    for draft in council.drafts:
        was = before.draft(draft.measure)
        for member in council.permanent:  # the permanent members vote their interests
            assert draft.votes[member] in (
                high.positions[member][draft.measure.value].vote,
                Vote.ABSENT,
            )
        if was is not None and was.lead == draft.lead:
            for member, vote in draft.votes.items():
                assert order[vote] >= order[was.votes[member]], member
    assert all(b.deference == 0.0 for b in high.bodies if b.id != "UNSC")


def test_the_api_applies_the_counterfactual_it_is_given():
    base = run_crisis(load_scenario("korea-1950"), P)
    cf = run_crisis(load_scenario("korea-1950"), P, counterfactual="ussr-present")
    assert base.bodies[0].drafts[0].votes["RUS"] == Vote.ABSENT
    assert cf.bodies[0].drafts[0].votes["RUS"] != Vote.ABSENT
    assert cf.counterfactual == "ussr-present"
    with pytest.raises(InputError, match="counterfactuals"):
        run_crisis(load_scenario("korea-1950"), P, counterfactual="no-such-thing")
    over = run_crisis(load_scenario("korea-1950"), P, overrides=("actors.USSR.absent=false",))
    assert over.bodies[0].drafts[0].votes["RUS"] != Vote.ABSENT


def test_an_incomplete_draft_is_refused():
    from collsec.scenarios.load import validate

    s = validate("draft", {"name": "d", "title": "d", "actors": {
        "AAA": {"name": "A", "capability": 0.1, "location": {"lat": 0, "lon": 0}}}})  # fmt: skip
    assert s.incomplete()
    with pytest.raises(InputError, match="threat"):
        run_crisis(s, P)


def test_whoever_must_take_ground_needs_the_offence_margin():
    from collsec.crisis.deterrence import war_probabilities

    even = P.model_copy(update={"offence_margin": 0.0})
    margin = P.model_copy(update={"offence_margin": 1.1})  # about 3:1
    rev0, prev0 = war_probabilities(1.0, 1.0, even, under_way=True)
    assert rev0 == pytest.approx(prev0)  # equal sides, no margin: even odds
    rev, prev = war_probabilities(1.0, 1.0, margin, under_way=True)
    assert rev < rev0 and prev > prev0  # under way: the defenders must retake the ground
    rev, prev = war_probabilities(1.0, 1.0, margin, under_way=False)
    assert rev > rev0 and prev < prev0  # threatened: the aggressor must take it
    rev3, prev3 = war_probabilities(3.0, 1.0, margin, under_way=True)
    assert rev3 == pytest.approx(rev0, abs=0.02)  # a 3:1 superiority buys back even odds


@pytest.mark.parametrize("severity", [0.2, 0.5, 1.0])
def test_a_stopped_aggression_is_undone_as_far_as_it_took_something(severity):
    """An aggressor far weaker than its target stops; it hands back what it took with
    probability severity ** restitution, else the crisis ends where it stands (stalemate)."""
    weak = korea("actors.PRK.capability=0.001", f"threat.severity={severity}")
    for g in (0.0, 1.0, 2.0):
        r = run_crisis(weak, P.model_copy(update={"restitution": g}), draws=2000, seed=4)
        assert r.deterrence.backs_down_probability == 1.0
        p = r.probabilities
        assert p["aggression_reversed"] + p["stalemate"] == pytest.approx(1.0)
        assert p["aggression_reversed"] == pytest.approx(severity**g, abs=0.04)
    threatened = korea("actors.PRK.capability=0.001", "threat.stage=threatened")
    r = run_crisis(threatened, P.model_copy(update={"restitution": 2.0}), draws=500, seed=4)
    assert r.probabilities["deterred"] == 1.0  # a threat not carried out has nothing to undo


@pytest.mark.parametrize(
    ("rule", "exponent"),
    [("stopped", "restitution"), ("renounced", "renunciation")],
    ids=["a stopped aggression is reversed", "a called-off threat is given up"],
)
@given(low=st.floats(0, 1), high=st.floats(0, 1), g=st.floats(0, 10))
def test_the_graver_the_act_the_more_often_its_end_settles_it(rule, exponent, low, high, g):
    """Both ends of a crisis without a war follow severity ** exponent: never less often
    settled for a graver act, and always for a conquest (reversed) or an invasion called off
    (deterred)."""
    from collsec.crisis import deterrence

    settles = getattr(deterrence, rule)
    low, high = sorted((low, high))
    u = np.linspace(0, 1, 101, endpoint=False)
    params = P.model_copy(update={exponent: g})
    assert settles(low, u, params).sum() <= settles(high, u, params).sum()
    assert settles(1.0, u, params).all()


@pytest.mark.parametrize("severity", [0.2, 0.5, 1.0])
def test_a_called_off_threat_ends_the_crisis_as_far_as_much_was_threatened(severity):
    """An aggressor far weaker than its target calls off its threat: it is deterred with
    probability severity ** renunciation, else the claim stays and the crisis ends in a
    stalemate; the restitution of a stopped aggression plays no part (nothing was taken)."""
    weak = korea(
        "actors.PRK.capability=0.001", "threat.stage=threatened", f"threat.severity={severity}"
    )
    for r in (0.0, 1.0, 2.0):
        params = P.model_copy(update={"renunciation": r, "restitution": 5.0})
        out = run_crisis(weak, params, draws=2000, seed=4)
        assert out.deterrence.backs_down_probability == 1.0
        p = out.probabilities
        assert p["deterred"] + p["stalemate"] == pytest.approx(1.0)
        assert p["deterred"] == pytest.approx(severity**r, abs=0.04)


@pytest.mark.parametrize("affinity", [-0.5, 0.3, 0.9])
def test_a_patron_presses_its_client_to_hand_back_what_it_took(affinity):
    """A great power close to the aggressor (affinity L) makes a stopped aggression reversed
    with probability 1 - (1 - severity ** g) * (1 - h * L); a hostile one has no lever."""
    weak = korea(
        "actors.PRK.capability=0.001",
        "threat.severity=0.5",
        "actors.RUS.major_power=true",
        f"affinities=[{{between: [RUS, PRK], value: {affinity}, reason: test}}]",
    )
    from collsec.crisis.deterrence import patron
    from collsec.crisis.situation import situation

    sit = situation(weak, P)
    who, leverage = patron(sit)
    assert leverage == pytest.approx(max(affinity, 0.0))
    assert who == (sit.index["RUS"] if affinity > 0 else None)
    for h in (0.0, 1.0):
        params = P.model_copy(update={"restitution": 2.0, "patron_pressure": h})
        r = run_crisis(weak, params, draws=2000, seed=4)
        assert r.deterrence.backs_down_probability == 1.0
        expected = 1 - (1 - 0.5**2) * (1 - h * max(affinity, 0.0))
        assert r.probabilities["aggression_reversed"] == pytest.approx(expected, abs=0.04)
        assert r.deterrence.patron == ("RUS" if affinity > 0 else None)
    threatened = korea(
        "actors.RUS.major_power=true",
        f"affinities=[{{between: [RUS, PRK], value: {affinity}, reason: test}}]",
        "threat.stage=threatened",
    )
    r = run_crisis(threatened, P, draws=50, seed=4)
    assert r.deterrence.patron is None and r.deterrence.patron_leverage == 0.0  # nothing taken


def test_a_patron_that_would_condemn_its_client_restrains_it_before_it_goes_on():
    """patron_restraint x the leverage of a patron whose support for a condemnation reaches
    the threshold is a cost of going on (rule K); a patron that would not condemn costs
    nothing, and at the prior (0) nothing changes."""
    from collsec.crisis.deterrence import aggressor_goes_on, patron, restraining_patron
    from collsec.crisis.interests import support
    from collsec.crisis.situation import situation

    client = korea(
        "actors.RUS.major_power=true",
        "affinities=[{between: [RUS, PRK], value: 0.6, reason: test}]",
    )
    sit = situation(client, P)
    s = support(sit, client, P, Tool.CONDEMNATION)
    at = sit.index["RUS"]
    willing = dataclasses.replace(s, threshold=float(s.total[at]) - 0.01)
    unwilling = dataclasses.replace(s, threshold=float(s.total[at]) + 0.01)
    closest = patron(sit)
    assert restraining_patron(*closest, willing) == pytest.approx(0.6)
    assert restraining_patron(*closest, unwilling) == 0.0
    assert restraining_patron(None, 0.0, willing) == 0.0  # no patron, no restraint
    go0, _, _ = aggressor_goes_on(0.5, 0.9, 0.05, 0.0, P)
    at_prior, _, _ = aggressor_goes_on(0.5, 0.9, 0.05, 0.0, P, 0.6)
    assert at_prior == pytest.approx(go0)  # prior 0: today's engine
    pressed = P.model_copy(update={"patron_restraint": 1.0})
    go, _, _ = aggressor_goes_on(0.5, 0.9, 0.05, 0.0, pressed, 0.6)
    assert go == pytest.approx(go0 - 0.6)


def test_a_great_power_on_the_aggressors_side_or_the_target_is_no_patron():
    from collsec.crisis.deterrence import patron
    from collsec.crisis.situation import situation

    close = "affinities=[{between: [RUS, PRK], value: 0.9, reason: test}]"
    ally = korea("actors.RUS.major_power=true", close, "threat.co_aggressors=[RUS]")
    assert patron(situation(ally, P)) == (None, 0.0)
    target = korea("actors.RUS.major_power=true", close, "threat.target=RUS")
    assert patron(situation(target, P)) == (None, 0.0)


@given(
    severity=st.floats(0, 1),
    low=st.floats(0, 1),
    high=st.floats(0, 1),
    h=st.floats(0, 1),
    g=st.floats(0, 10),
)
def test_more_leverage_never_makes_a_reversal_less_likely(severity, low, high, h, g):
    from collsec.crisis.deterrence import stopped

    low, high = sorted((low, high))
    u = np.linspace(0, 1, 101, endpoint=False)
    params = P.model_copy(update={"restitution": g, "patron_pressure": h})
    assert stopped(severity, u, params, low).sum() <= stopped(severity, u, params, high).sum()
    full = P.model_copy(update={"restitution": g, "patron_pressure": 1.0})
    assert stopped(severity, u, full, 1.0).all()  # a patron with full sway undoes it all


ANY = "actors.RUS.absent=false"
REGIONAL = "{name: Pact, scope: regional, rule: {veto_holders: all}, tools: [condemnation, force]}"


def test_a_regional_body_does_not_turn_on_its_own_member_for_an_outsider():
    with_aggressor = korea(
        ANY, f"bodies=[{{id: R, institution: {REGIONAL}, members: [PRK, CUB, EGY]}}]"
    )
    idle = run_crisis(with_aggressor, P).bodies[0]
    assert idle.drafts == () and "aggressor is a member" in idle.note
    both = korea(ANY, f"bodies=[{{id: R, institution: {REGIONAL}, members: [PRK, ROK, CUB, EGY]}}]")
    assert run_crisis(both, P).bodies[0].drafts != ()  # a dispute among its members


def test_a_council_leaves_the_settlement_of_a_dispute_among_members_to_their_regional_body():
    council = (
        "{id: UNSC, institution: unsc-1946, members: [USA, UKG, FRN, TAW, RUS, CUB, ECU, EGY,"
        " IND, NOR, YUG], permanent: [USA, UKG, FRN, TAW, RUS]}"
    )

    rule = "{veto_holders: all, exclude_parties: true}"  # the parties to the dispute not counted
    institution = f"{{name: Region, scope: regional, rule: {rule}, tools: [condemnation]}}"

    def run(members):
        region = f"{{id: R, institution: {institution}, members: [{members}]}}"
        result = run_crisis(korea(ANY, f"bodies=[{council}, {region}]"), P)
        return {b.id: b for b in result.bodies}

    apart = run("ROK, CUB, EGY")  # the aggressor is not a member: the Council condemns
    assert apart["UNSC"].draft(Tool.CONDEMNATION) is not None and not apart["UNSC"].note
    both = run("PRK, ROK, CUB, EGY")
    assert both["R"].adopted is not None
    assert both["UNSC"].draft(Tool.CONDEMNATION) is None  # settlement is left to R
    assert "left to R" in both["UNSC"].note
    tabled = [d.measure for d in both["UNSC"].drafts]
    assert tabled and Tool.CONDEMNATION not in tabled  # enforcement stays the Council's


def test_a_regional_force_needs_a_member_ready_and_able_to_field_it():
    # Cuba and Ecuador are ready but, beside South Korea, no match for the North; the United
    # States is both, so the Council (which authorises any state) tables force and they do not
    strong = "actors.PRK.capability=0.02"
    council = (
        "{id: UNSC, institution: unsc-1946, members: [USA, UKG, FRN, TAW, RUS, CUB, ECU, EGY,"
        " IND, NOR, YUG], permanent: [USA, UKG, FRN, TAW, RUS]}"
    )
    small = korea(
        ANY,
        strong,
        f"bodies=[{council}, {{id: R, institution: {REGIONAL}, members: [ROK, CUB, ECU]}}]",
    )
    tabled = {b.id: {d.measure.value for d in b.drafts} for b in run_crisis(small, P).bodies}
    assert "force" in tabled["UNSC"]
    assert tabled["R"] and "force" not in tabled["R"]


def test_a_global_body_may_authorise_any_state_a_regional_body_only_its_members():
    from collsec.crisis.deliberation import may_table_force
    from collsec.institutions import presets

    ready = np.array([False, True, False])
    assert may_table_force(presets()["unsc"], ready, [0, 2])  # the ready state sits elsewhere
    assert not may_table_force(presets()["nato"], ready, [0, 2])
    assert may_table_force(presets()["nato"], ready, [1, 2])
    assert not may_table_force(presets()["unsc"], np.zeros(3, bool), [0, 1, 2])


def _with_sponsor(margin: float, params=P):
    return params.model_copy(
        update={"thresholds": params.thresholds.model_copy(update={"sponsor": margin})}
    )


@given(st.floats(0.0, 3.0))
def test_a_draft_is_tabled_only_when_a_member_present_would_sponsor_it(margin):
    result = run_crisis(korea("actors.RUS.absent=false"), _with_sponsor(margin), draws=5)
    for body in result.bodies:
        tabled = {d.measure for d in body.drafts}
        for measure in (Tool.SANCTIONS, Tool.CONDEMNATION):
            if body.adopted is not None and LADDER.index(measure) > LADDER.index(body.adopted):
                continue  # below the measure adopted: never reached
            keen = [
                m
                for m in body.members
                if result.positions[m][measure.value].support
                >= result.positions[m][measure.value].threshold + margin
            ]
            if measure in tabled:
                assert keen, (body.id, measure)
            elif measure in body.unsponsored:
                assert not keen, (body.id, measure)


def test_the_keener_a_sponsor_must_be_the_fewer_drafts_of_every_measure():
    # no force sponsor (North Korea strong enough): the Council tables sanctions, then nothing
    strong = "actors.PRK.capability=0.5"
    order = [0.0, 0.3, 0.6, 1.0, 2.0, 100.0]
    runs = [run_crisis(korea(strong), _with_sponsor(m), draws=5) for m in order]
    counts = [len(r.bodies[0].drafts) for r in runs]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1] == 0
    assert runs[0].bodies[0].adopted == Tool.SANCTIONS
    assert runs[-1].bodies[0].unsponsored == (Tool.SANCTIONS, Tool.CONDEMNATION)
    assert all(b.adopted is None for b in runs[-1].bodies)
    # a force draft needs a state ready and able to field it, and as keen as any sponsor
    assert run_crisis(korea(), _with_sponsor(0.0), draws=5).bodies[0].adopted == Tool.FORCE
    keen = run_crisis(korea(), _with_sponsor(100.0), draws=5)
    assert all(d.measure != Tool.FORCE for b in keen.bodies for d in b.drafts)


def test_a_measure_s_own_margin_keeps_its_drafts_off_the_table_and_no_other():
    strong = korea("actors.PRK.capability=0.5")  # no force sponsor: sanctions are adopted
    base = P.thresholds
    assert run_crisis(strong, P, draws=5).bodies[0].adopted == Tool.SANCTIONS
    dear = P.model_copy(update={"thresholds": base.model_copy(update={"sponsor_sanctions": 100})})
    council = run_crisis(strong, dear, draws=5).bodies[0]
    assert Tool.SANCTIONS in council.unsponsored and council.draft(Tool.SANCTIONS) is None
    assert council.draft(Tool.CONDEMNATION) is not None
    assert dear.thresholds.margin(Tool.SANCTIONS) == base.sponsor + 100
    assert dear.thresholds.margin("condemnation") == dear.thresholds.margin(Tool.FORCE)


@given(
    st.lists(st.floats(-3.0, 3.0), min_size=1, max_size=8),
    st.floats(0.0, 2.0),
    st.floats(0.0, 2.0),
    st.floats(0.0, 2.0),
    st.sampled_from([Tool.CONDEMNATION, Tool.SANCTIONS, Tool.FORCE]),
)
def test_a_higher_margin_never_finds_a_sponsor_the_lower_one_misses(totals, base, own, extra, tool):
    """A draft's sponsor at a higher margin is one at any lower margin, and each measure's
    margin is the margin of every draft plus its own."""
    from collsec.crisis.deliberation import sponsored
    from collsec.crisis.interests import Support

    s = Support(tool=tool, total=np.array(totals), terms={}, threshold=0.5)
    present = list(range(len(totals)))
    assert not sponsored(s, present, base + extra) or sponsored(s, present, base)
    t = P.thresholds.model_copy(
        update={"sponsor": base, "sponsor_sanctions": own, "sponsor_force": own}
    )
    assert t.margin(tool) == (base if tool == Tool.CONDEMNATION else base + own)


@given(st.floats(0.0, 2.0), st.floats(0.0, 2.0))
def test_a_keener_sponsor_of_force_is_never_easier_to_find(low, extra):
    from collsec.crisis.deliberation import sponsors
    from collsec.crisis.interests import Support

    n = 4
    sit = type("Sit", (), {})()  # the fields capable() reads
    sit.seated = np.ones(n, bool)
    sit.aggressor_side = np.array([True, False, False, False])
    sit.target = 1
    force = Support(tool=Tool.FORCE, total=np.array([0.0, 2.0, 1.2, 0.9]), terms={}, threshold=0.8)
    power = np.array([1.0, 0.5, 0.6, 0.6])
    ready = sponsors(sit, force, power, 1.0, low)
    keener = sponsors(sit, force, power, 1.0, low + extra)
    assert not (keener & ~ready).any()  # a keener bar only removes sponsors
    assert ready[2] == (1.2 >= 0.8 + low) and not ready[[0, 1]].any()


def test_a_defender_s_own_sanctions_are_its_defence_not_a_response():
    """Section 1's coding rule: the target defending itself with its allies is part of the
    result. Germany fights beside Romania in 1944 and cuts its trade with the USSR too: its
    measures bite, but no body and no outsider acted, so the response is none."""
    from collsec.scenarios import load_scenario

    r = run_crisis(load_scenario("soviet-eastern-europe-1944"), draws=50)
    assert "GMY" in r.self_defence
    assert r.sanctions is not None and r.sanctions.applied_by == ("GMY",)
    assert r.response == "none"
