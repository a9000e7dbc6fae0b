"""The crisis engine: scenario + parameters + seed -> :class:`CrisisResult`.

Pipeline (DOMAIN.md section 3):

1. *Attribution*: non-state and cyber aggressors are identified with the threat's probability
   (raised by intelligence sharing); unidentified, bodies can only condemn the act.
2. *Deliberation*, in phases that follow the Charter: (A) a collective-defence alliance of
   which the target is a member acts at once (Art. 51); (B) global councils vote the ladder;
   (C) if a council was blocked by a veto, the General Assembly takes the question up
   ("Uniting for Peace"); (D) regional bodies and alliances may condemn and sanction, and use
   force for a non-member only when no global body authorised it (Art. 53, "regional action
   without global authorisation"); (E) failing all bodies, a state with enough at stake and the
   power to win may act alone (unilateral).
3. *Mobilisation*: ready members join a coalition when they expect it to win (mutual
   confidence) and honour their part with probability ``commitment``; sanctions are applied by
   the members a binding decision obliges, and by the willing.
4. *Deterrence and war*: the aggressor goes on or backs down (:mod:`.deterrence`); wars are
   drawn from the coalition's and the aggressor's power at the theatre.
5. *Outcome*: response, result, causes, and the scorecard of the five principles.

Steps 1-2 are deterministic given attribution, so the engine computes each branch once and
vectorises the draws (commitment, the fortunes of war) with numpy over replicates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from collsec.crisis.deliberation import BodyRecord, deliberate
from collsec.crisis.deterrence import aggressor_goes_on, fight, war_probabilities
from collsec.crisis.interests import Situation, projected, situation, support, vote_of
from collsec.crisis.mobilisation import honour, join_with_confidence, trade_shares, willing
from collsec.crisis.outcome import (
    RESULTS,
    Coalition,
    CrisisResult,
    Deterrence,
    PrincipleScore,
    SanctionsRecord,
)
from collsec.crisis.params import EngineParams
from collsec.errors import InputError
from collsec.institutions import LADDER, Tool
from collsec.scenarios.model import Scenario
from collsec.voting.rules import Vote

FORCE_RESPONSES = {"authorised_force", "regional_action", "collective_defence", "unilateral"}


@dataclass
class Branch:
    """The deterministic part of a run, given whether the aggressor was identified."""

    attributed: bool
    bodies: list[BodyRecord]
    response: str
    causes: list[str]
    force_joined: np.ndarray | None = None
    force_ready: np.ndarray | None = None
    sanction_ready: np.ndarray | None = None
    sanction_obliged: np.ndarray | None = None
    enablers: list[str] = field(default_factory=list)


def _stronger(measure: Tool, than: Tool | None) -> bool:
    return than is None or LADDER.index(measure) < LADDER.index(than)


def _institution(scenario: Scenario, body_id: str):
    """The institution of the scenario's body ``body_id``."""
    return next(b for b in scenario.bodies if b.id == body_id).resolved()


def _phase_bodies(scenario: Scenario):
    """Split the scenario's bodies into the engine's phases (see the module docstring)."""
    target = scenario.threat.target
    phases: dict[str, list] = {"defence": [], "council": [], "fallback": [], "regional": []}
    for body in scenario.bodies:
        inst = body.resolved()
        members = scenario.members(body)
        if inst.defends_members and target in members:
            phases["defence"].append(body)
        elif inst.scope == "global":
            phases["fallback" if inst.fallback else "council"].append(body)
        else:
            phases["regional"].append(body)
    return phases


def _run_body(body, scenario, sit, params, supports, tools=None, note=""):
    inst = body.resolved()
    members = scenario.members(body)
    parties = [c for c in sit.codes if sit.aggressor_side[sit.index[c]]] + [scenario.threat.target]
    if not inst.valid_on(scenario.threat.date):
        return BodyRecord(
            id=body.id,
            name=inst.name,
            scope=inst.scope,
            members=members,
            permanent=scenario.permanent(body),
            note=f"did not exist on {scenario.threat.date}",
        )
    absent = [m for m in members if scenario.actors[m].absent_from(body.id)]
    return deliberate(
        body.id,
        inst,
        members,
        scenario.permanent(body),
        supports,
        sit.index,
        absent,
        params,
        parties=parties,
        classes=scenario.threat.classes,
        tools=tools,
        note=note,
    )


def _deliberate_all(
    scenario: Scenario, sit: Situation, params: EngineParams, supports, attributed: bool
):
    """Phases A-E. Returns the body records and the response class with its source."""
    phases = _phase_bodies(scenario)
    allowed = None if attributed else [Tool.CONDEMNATION]
    records: list[BodyRecord] = []
    force_by: dict[str, list[BodyRecord]] = {k: [] for k in ("defence", "global", "regional")}
    for body in phases["defence"]:
        rec = _run_body(body, scenario, sit, params, supports, allowed)
        records.append(rec)
        if rec.adopted == Tool.FORCE:
            force_by["defence"].append(rec)
    councils = [_run_body(b, scenario, sit, params, supports, allowed) for b in phases["council"]]
    records += councils
    best = None
    for rec in councils:
        if rec.adopted is not None and _stronger(rec.adopted, best):
            best = rec.adopted
        if rec.adopted == Tool.FORCE:
            force_by["global"].append(rec)
    vetoed = any(d.decision.cause == "veto" for r in councils for d in r.drafts)
    if best != Tool.FORCE and (vetoed or not councils):
        tools = [t for t in LADDER if _stronger(t, best)]
        if allowed is not None:
            tools = [t for t in tools if t in allowed]
        for body in phases["fallback"]:
            note = "took up the question after a veto in the Council" if councils else ""
            rec = _run_body(body, scenario, sit, params, supports, tools, note)
            records.append(rec)
            if rec.adopted == Tool.FORCE:
                force_by["global"].append(rec)
    elif phases["fallback"]:
        for body in phases["fallback"]:
            inst = body.resolved()
            records.append(
                BodyRecord(
                    id=body.id,
                    name=inst.name,
                    scope=inst.scope,
                    members=scenario.members(body),
                    permanent=scenario.permanent(body),
                    note="not seized: the Council was not blocked by a veto",
                )
            )
    global_force = bool(force_by["global"] or force_by["defence"])
    for body in phases["regional"]:
        tools = allowed
        note = ""
        if global_force:
            tools = [t for t in (allowed or LADDER) if t != Tool.FORCE]
            note = "force not tabled: already authorised or under way (Charter Art. 53)"
        rec = _run_body(body, scenario, sit, params, supports, tools, note)
        records.append(rec)
        if rec.adopted == Tool.FORCE:
            force_by["regional"].append(rec)
    if force_by["defence"]:
        return records, "collective_defence", force_by["defence"]
    if force_by["global"]:
        return records, "authorised_force", force_by["global"]
    if force_by["regional"]:
        return records, "regional_action", force_by["regional"]
    return records, None, []


def _unilateral(sit: Situation, params: EngineParams, force_support, power, enemy):
    """A state acting alone: strong support and the power to win by itself; the strongest."""
    candidates = (
        (force_support >= params.unilateral_threshold)
        & sit.is_state
        & ~sit.aggressor_side
        & (power + power[sit.target] >= enemy)
    )
    candidates[sit.target] = False
    if not candidates.any():
        return None
    return int(np.argmax(np.where(candidates, power, -1.0)))


PHASE_RANK = {"defence": 0, "council": 1, "fallback": 2, "regional": 3}
"""Authority of a body's phase: an alliance defending its member acts on its own right (0);
then the global councils, the Assembly, regional bodies; a lone state comes last (4)."""

RESPONSE_LEVEL = {
    "collective_defence": Tool.FORCE,
    "authorised_force": Tool.FORCE,
    "regional_action": Tool.FORCE,
    "unilateral": Tool.FORCE,
    "sanctions": Tool.SANCTIONS,
    "condemnation": Tool.CONDEMNATION,
    "none": None,
}


def _rank_of(scenario: Scenario) -> dict[str, int]:
    return {
        b.id: PHASE_RANK[phase] for phase, bodies in _phase_bodies(scenario).items() for b in bodies
    }


def _explains(measure: Tool, body_rank: int, level: Tool | None, source_rank: int) -> bool:
    """A failed draft explains the response if it was on a stronger measure than the response,
    or on the same measure in a more authoritative body than the one that acted.
    """
    if level is None or _stronger(measure, level):
        return True
    return measure == level and body_rank < source_rank


def _decision_causes(
    records: list[BodyRecord], supports, index, ranks, level, source_rank
) -> list[str]:
    """Why drafts failed, body by body and draft by draft, keeping those that explain the
    response (:func:`_explains`); several vetoes in order of the vetoers' opposition (lowest
    support first: the most determined opponent leads).
    """
    causes = []
    for rec in records:
        for d in rec.drafts:
            if d.decision.adopted or not _explains(d.measure, ranks[rec.id], level, source_rank):
                continue
            if d.decision.cause == "veto":
                vetoers = sorted(d.decision.vetoed_by, key=lambda c: supports[d.measure][index[c]])
                causes += [f"veto:{c}" for c in vetoers]
            elif d.decision.cause:
                causes.append(d.decision.cause)
    return list(dict.fromkeys(causes))


def _enablers(records, scenario, sit, params, supports, response, acting):
    """What made the adopted response possible: an absent veto holder who would have said no,
    permanent members in agreement, an alliance invoked, a regional body acting.
    """
    out = []
    if response == "collective_defence":
        out += [f"collective_defence:{r.id}" for r in acting]
    for rec in records:
        if rec.scope != "global" or rec.adopted is None or not rec.permanent:
            continue
        draft = rec.draft(rec.adopted)
        inst = _institution(scenario, rec.id)
        holders = inst.rule.holders(rec.members, rec.permanent)
        would_block = []
        for h in holders:
            if draft.votes[h] == Vote.ABSENT:
                if vote_of(supports[rec.adopted][sit.index[h]], rec.adopted, params) == Vote.NO:
                    would_block.append(h)
        out += [f"absent:{h}" for h in would_block]
        if (
            not would_block
            and holders
            and not inst.rule.is_unanimity
            and all(draft.votes[h] in (Vote.YES, Vote.ABSTAIN) for h in holders)
        ):
            out.append("permanent_members_agreed")
    if response == "regional_action":
        out += [f"regional_action:{r.id}" for r in acting]
    return list(dict.fromkeys(out))


def _branch(scenario, sit, params, attributed, power, enemy) -> Branch:
    supports = {t: support(sit, scenario, params, t, attributed) for t in Tool}
    records, response, acting = _deliberate_all(scenario, sit, params, supports, attributed)
    n = len(sit.codes)
    branch = Branch(attributed=attributed, bodies=records, response=response or "none", causes=[])
    lone = None
    if response is None and attributed:
        lone = _unilateral(sit, params, supports[Tool.FORCE], power, enemy)
        if lone is not None:
            response, acting = "unilateral", []
            branch.response = response
            branch.enablers.append(f"unilateral:{sit.codes[lone]}")
    if response in FORCE_RESPONSES:
        eligible = np.zeros(n, dtype=bool)
        obliged = sit.allied[:, sit.target].copy()
        if response == "authorised_force":
            eligible[:] = sit.is_state
        elif response == "unilateral":
            obliged[lone] = True
        else:
            for rec in acting:
                for m in rec.members:
                    (obliged if response == "collective_defence" else eligible)[sit.index[m]] = True
        eligible &= ~sit.aggressor_side
        obliged &= ~sit.aggressor_side
        ready = willing(supports[Tool.FORCE], eligible, obliged, params.thresholds.force, params)
        ready[sit.target] = True
        branch.force_ready = ready
        branch.force_joined = join_with_confidence(ready, power, sit.target, enemy, params)
    # Sanctions: adopted by some body; applied by the obliged (binding decisions) and the willing.
    sanctioning = [r for r in records if r.adopted == Tool.SANCTIONS]
    if sanctioning:
        eligible = np.zeros(n, dtype=bool)
        obliged = np.zeros(n, dtype=bool)
        organisation = [sit.index[m] for r in records if r.scope == "global" for m in r.members]
        for rec in sanctioning:
            inst = _institution(scenario, rec.id)
            members = [sit.index[m] for m in rec.members]
            if inst.sanctions_by_each_member:
                eligible[organisation + members] = True  # every member, each for itself (Art. 16)
            elif inst.fallback:
                eligible[members] = True  # a recommendation to the Assembly's members
            elif inst.scope == "global":
                obliged[organisation + members] = True  # binding on every member (Arts. 25, 48)
            else:
                obliged[members] = True
        eligible &= ~sit.aggressor_side & sit.is_state
        obliged &= ~sit.aggressor_side & sit.is_state
        eligible[sit.target] = obliged[sit.target] = False
        branch.sanction_ready = willing(
            supports[Tool.SANCTIONS], eligible, obliged, params.thresholds.sanctions, params
        )
        branch.sanction_obliged = obliged | eligible
    if branch.response not in FORCE_RESPONSES:
        adopted = {r.adopted for r in records if r.adopted is not None}
        if (
            Tool.SANCTIONS in adopted
            and branch.sanction_ready is not None
            and branch.sanction_ready.any()
        ):
            branch.response = "sanctions"
        elif adopted:
            branch.response = "condemnation"
        else:
            branch.response = "none"
    ranks = _rank_of(scenario)
    level = RESPONSE_LEVEL[branch.response]
    if branch.response == "unilateral":
        source_rank = 4
    elif branch.response in FORCE_RESPONSES:
        source_rank = min(ranks[r.id] for r in acting)
    else:
        source_rank = min((ranks[r.id] for r in records if r.adopted == level), default=4)
    decision = _decision_causes(records, supports, sit.index, ranks, level, source_rank)
    branch.enablers = (
        _enablers(records, scenario, sit, params, supports, branch.response, acting)
        + branch.enablers
    )
    branch.causes = (["attribution_failed"] if not attributed else []) + decision
    return branch


def run_crisis(
    scenario: Scenario,
    params: EngineParams | None = None,
    draws: int = 1,
    seed: int = 0,
    counterfactual: str | None = None,
    overrides: tuple[str, ...] = (),
) -> CrisisResult:
    """Run one crisis.

    Parameters
    ----------
    scenario:
        A validated scenario (see :func:`collsec.scenarios.load_scenario`).
    params:
        Engine parameters (defaults: :class:`EngineParams`).
    draws:
        Number of stochastic replicates (attribution, commitment, the fortunes of war), >= 1.
        With ``draws=1`` and a fixed seed the run is deterministic.
    seed:
        Seed of the numpy Generator (any int >= 0; 0 is a seed like any other).
    counterfactual, overrides:
        Only recorded in the result (they were applied when the scenario was loaded).

    """
    params = params or EngineParams()
    if draws < 1:
        raise InputError("--draws", "draws", "a whole number >= 1", draws)
    if seed < 0:
        raise InputError("--seed", "seed", "a whole number >= 0", seed)
    threat = scenario.threat
    sit = situation(scenario, params)
    power = projected(sit, params)
    enemy = float(power[sit.aggressor_side].sum())
    n = len(sit.codes)

    p_attr = threat.attribution if threat.kind in ("non_state", "cyber") else 1.0
    p_attr = 1 - (1 - p_attr) * (1 - scenario.options.intelligence_sharing)
    rng = np.random.default_rng(seed)
    attributed = rng.random(draws) < p_attr
    commit_u = rng.random((draws, n))
    sanction_u = rng.random((draws, n))
    war_u = rng.random((draws, 2))

    def expected_power(side: np.ndarray) -> float:
        """The target's power at the theatre plus the others' of ``side``, times commitment."""
        others = side & (np.arange(n) != sit.target)
        return float(power[sit.target]) + params.commitment * float(power[others].sum())

    target_side = sit.allied[:, sit.target].copy()  # the target and its treaty allies
    target_side[sit.target] = True

    branches = {True: _branch(scenario, sit, params, True, power, enemy)}
    if not attributed.all():
        branches[False] = _branch(scenario, sit, params, False, power, enemy)
    trade = trade_shares(
        sit.capability,
        {sit.index[c]: s for c, s in scenario.actors[threat.aggressor].trade_share.items()},
        sit.aggressor_side,
    )
    weights = params.sanction_weights.model_dump()
    severity = sum(weights[m] for m in set(scenario.options.sanctions.measures))

    results = np.empty(draws, dtype=object)
    responses = np.empty(draws, dtype=object)
    gains = np.zeros(draws)
    backs = np.zeros(draws, dtype=bool)
    p_rev_of, p_prev_of = {}, {}
    for key, br in branches.items():
        rows = attributed == key
        k = int(rows.sum())
        if k == 0:
            continue
        responses[rows] = br.response
        if br.sanction_ready is not None and br.response == "sanctions":
            applying = br.sanction_ready[None, :] & (sanction_u[rows] < params.commitment)
            coverage = applying.astype(float) @ trade
        else:
            coverage = np.zeros(k)
        bite = coverage * severity
        if br.response in FORCE_RESPONSES:
            p_rev, p_prev = war_probabilities(expected_power(br.force_joined), enemy, params)
        elif threat.stage == "threatened":
            p_rev, p_prev = war_probabilities(expected_power(target_side), enemy, params)
        else:
            p_rev, p_prev = 0.0, 1.0  # the aggressor holds what it took: nobody contests it
        if not key:
            p_rev, p_prev = 0.0, 1.0  # nobody identified: nobody to fight or sanction
        p_rev_of[key], p_prev_of[key] = p_rev, p_prev
        go, back, goes_on = aggressor_goes_on(threat.stakes, p_prev, p_rev, bite, params)
        gains[rows] = go
        backs[rows] = ~goes_on
        res = np.full(k, "aggression_prevailed", dtype=object)
        fights = goes_on & (
            (br.response in FORCE_RESPONSES and key) or threat.stage == "threatened"
        )
        if np.any(fights):
            joined = br.force_joined if br.response in FORCE_RESPONSES else target_side
            honoured = honour(joined, commit_u[rows], params.commitment, sit.target)
            coalition_power = honoured.astype(float) @ power
            codes = fight(coalition_power, enemy, war_u[rows], params)
            res = np.where(
                fights,
                np.select(
                    [codes == 1, codes == -1],
                    ["aggression_reversed", "aggression_prevailed"],
                    "stalemate",
                ),
                res,
            )
        backed = ~goes_on
        res[backed] = "deterred" if threat.stage == "threatened" else "aggression_reversed"
        results[rows] = res

    counts = Counter(results.tolist())
    probabilities = {r: counts.get(r, 0) / draws for r in RESULTS}
    response_counts = Counter(responses.tolist())
    response_probabilities = {r: c / draws for r, c in sorted(response_counts.items())}
    main_key = bool(attributed[0]) if draws == 1 else bool(p_attr >= 0.5)
    br = branches.get(main_key) or branches[True]
    if draws == 1:
        result = str(results[0])
    else:
        within = results[attributed == main_key] if (attributed == main_key).any() else results
        result = Counter(within.tolist()).most_common(1)[0][0]

    # coalition and sanctions records of the main branch
    coalition = None
    if br.force_joined is not None:
        expected = expected_power(br.force_joined)
        free = br.force_ready & ~br.force_joined
        coalition = Coalition(
            members=tuple(sit.codes[i] for i in np.flatnonzero(br.force_joined)),
            willing=tuple(sit.codes[i] for i in np.flatnonzero(br.force_ready)),
            free_riders=tuple(sit.codes[i] for i in np.flatnonzero(free)),
            expected_capability=round(expected, 6),
            aggressor_side=tuple(sit.codes[i] for i in np.flatnonzero(sit.aggressor_side)),
            aggressor_capability=round(enemy, 6),
            power_ratio=round(expected / enemy, 3) if enemy > 0 else None,
        )
    sanctions = None
    if br.sanction_ready is not None:
        cov = float(trade[br.sanction_ready].sum()) * params.commitment
        sanctions = SanctionsRecord(
            measures=tuple(scenario.options.sanctions.measures),
            applied_by=tuple(sit.codes[i] for i in np.flatnonzero(br.sanction_ready)),
            obliged_not_applying=tuple(
                sit.codes[i] for i in np.flatnonzero(br.sanction_obliged & ~br.sanction_ready)
            ),
            coverage=round(cov, 4),
            bite=round(cov * severity, 4),
        )
    main_rows = attributed == main_key if (attributed == main_key).any() else slice(None)
    deterrence = Deterrence(
        stakes=threat.stakes,
        p_prevail=round(p_prev_of.get(main_key, 1.0), 4),
        p_reversed=round(p_rev_of.get(main_key, 0.0), 4),
        expected_gain=round(float(gains[main_rows].mean()), 4),
        backing_down=round(-params.backing_down_cost * threat.stakes, 4),
        backs_down_probability=round(float(backs.mean()), 4),
    )
    causes = _finish_causes(
        br, scenario, sit, params, coalition, sanctions, deterrence, result, trade, power
    )
    scorecard = _scorecard(br, scenario, sit, params, power, enemy, coalition, sanctions, trade)
    return CrisisResult(
        scenario=scenario.name,
        title=scenario.title,
        counterfactual=counterfactual,
        overrides=tuple(overrides),
        seed=seed,
        draws=draws,
        response=br.response,
        result=result,
        main_cause=causes[0] if causes else None,
        causes=tuple(causes),
        probabilities=probabilities,
        response_probabilities=response_probabilities,
        attribution_probability=round(p_attr, 4),
        bodies=tuple(br.bodies),
        coalition=coalition,
        sanctions=sanctions,
        deterrence=deterrence,
        scorecard=scorecard,
    )


def _members_share(br: Branch, sit: Situation) -> float | None:
    """Share of world power (sum of CINC) held by members of the global bodies."""
    members = {m for r in br.bodies if r.scope == "global" for m in r.members}
    if not members:
        return None
    return float(sum(sit.capability[sit.index[m]] for m in members))


def _finish_causes(
    br, scenario, sit, params, coalition, sanctions, deterrence, result, trade, power
) -> list[str]:
    """Causes in order: what shaped the response (attribution, failed drafts); if the result
    failed, why (non-members, free riding, weak sanctions or coalition); then what enabled the
    response. The first is the main cause.
    """
    failed = result in ("aggression_prevailed", "stalemate")
    why_failed = []
    if failed:
        share = _members_share(br, sit)
        if share is not None and share < params.universality_needed:
            why_failed.append("non_members")
        if coalition is not None and coalition.free_riders:
            held_back = sum(power[sit.index[c]] for c in coalition.free_riders)
            ready = sum(power[sit.index[c]] for c in coalition.willing)
            if held_back > 0.5 * ready:
                why_failed.append("free_riding")
        if sanctions is not None:
            missing = sum(trade[sit.index[c]] for c in sanctions.obliged_not_applying)
            if missing > sum(trade[sit.index[c]] for c in sanctions.applied_by):
                why_failed.append("free_riding")
            if br.response == "sanctions":
                why_failed.append("sanctions_too_weak")
        if br.response in FORCE_RESPONSES and deterrence.p_reversed < 0.5:
            why_failed.append("coalition_too_weak")
    enabled = list(br.enablers)
    if deterrence.backs_down_probability > 0.5:
        enabled.append("aggressor_backed_down")
    return list(dict.fromkeys(list(br.causes) + why_failed + enabled))


def _scorecard(br, scenario, sit, params, power, enemy, coalition, sanctions, trade):
    card = {}
    share = _members_share(br, sit)
    card["universality"] = PrincipleScore(
        held=None if share is None else share >= params.universality_needed,
        value=None if share is None else round(share, 3),
        note="share of world power (CINC) held by members of the global bodies"
        f" (needed: {params.universality_needed})",
    )
    if coalition is not None:
        ready = sum(power[sit.index[c]] for c in coalition.willing if c != scenario.threat.target)
        joined = sum(power[sit.index[c]] for c in coalition.members if c != scenario.threat.target)
        contributed = params.commitment * joined / ready if ready > 0 else None
        confidence = joined / ready if ready > 0 else None
    elif sanctions is not None:
        eligible = list(sanctions.applied_by) + list(sanctions.obliged_not_applying)
        cover = sum(trade[sit.index[c]] for c in eligible)
        contributed = sanctions.coverage / cover if cover > 0 else None
        confidence = None
    else:
        contributed = confidence = None
    card["commitment"] = PrincipleScore(
        held=None if contributed is None else contributed >= 0.5,
        value=None if contributed is None else round(contributed, 3),
        note="expected share of the ready members' power (or sanctioning trade) actually "
        "contributed",
    )
    decisive = next((r for r in br.bodies if r.scope == "global" and r.drafts), None) or next(
        (r for r in br.bodies if r.drafts), None
    )
    if decisive is not None:
        draft = decisive.drafts[-1]
        far = [
            m
            for m in decisive.members
            if sit.distance_km[sit.index[m]] > params.concern_half_distance_km
            and draft.votes[m] != Vote.ABSENT
        ]
        yes = [m for m in far if draft.votes[m] == Vote.YES]
        value = len(yes) / len(far) if far else None
        card["indivisibility"] = PrincipleScore(
            held=None if value is None else value >= 0.5,
            value=None if value is None else round(value, 3),
            note=f"share of distant members of {decisive.id} (over "
            f"{params.concern_half_distance_km:.0f} km) voting yes on its last draft "
            f"({draft.measure.value})",
        )
    else:
        card["indivisibility"] = PrincipleScore(held=None, value=None, note="no body deliberated")
    card["mutual_confidence"] = PrincipleScore(
        held=None if confidence is None else confidence >= 0.5,
        value=None if confidence is None else round(confidence, 3),
        note="share of the ready members' power that joined, counting on the others",
    )
    rest = sit.is_state & ~sit.aggressor_side
    side = float(sit.capability[sit.aggressor_side].sum())
    ratio = float(sit.capability[rest].sum()) / side if side > 0 else None
    card["distribution_of_power"] = PrincipleScore(
        held=None if ratio is None else ratio >= params.favourable_ratio,
        value=None if ratio is None else round(ratio, 2),
        note="world power of the other states over the aggressor's side "
        f"(favourable from {params.favourable_ratio})",
    )
    return card
