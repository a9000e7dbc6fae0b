"""The crisis engine: scenario + parameters + seed -> :class:`CrisisResult`.

Pipeline (docs/model.md, Part I), one module per stage, composed here:

1. *Situation* (:mod:`.situation`): the scenario as arrays.
2. *Attribution*: non-state and cyber aggressors are identified with the threat's probability
   (raised by intelligence sharing); unidentified, bodies can only condemn the act.
3. *Interests* (:mod:`.interests`): every actor's support for each measure, term by term.
4. *Deliberation* (:mod:`.deliberation`): collective defence, regional bodies, councils, the
   Assembly after a veto, a lone state.
5. *Mobilisation* (:mod:`.mobilisation`): the target and its treaty defenders fight in
   self-defence; ready members join a coalition when they expect it to win and honour their
   part with probability ``commitment``; sanctions are applied by the members a binding
   decision obliges, by the willing, and by states acting outside any body.
6. *Deterrence and war* (:mod:`.deterrence`): the aggressor goes on or backs down; wars are
   drawn from the two sides' power at the theatre, and a stopped aggression is undone as far
   as it took something (its severity).
7. *Outcome* (:mod:`.causes`, :mod:`.scorecard`): response, result, causes, scorecard.

Steps 1-4 are deterministic given attribution, so the engine computes each branch once and
draws the rest (attribution, commitment, sanctions applied, the fortunes of war) with numpy,
vectorised over replicates in chunks of :data:`CHUNK` draws, so memory stays bounded whatever
the number of draws and the same seed gives the same result.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from collsec.crisis import causes as why
from collsec.crisis.deliberation import BodyRecord, Deliberation, deliberate_all, ranks
from collsec.crisis.deterrence import (
    aggressor_goes_on,
    fight,
    gives_up_probability,
    patron,
    renounced,
    restraining_patron,
    stopped,
    war_probabilities,
)
from collsec.crisis.interests import TERMS, Support, support, votes_of
from collsec.crisis.mobilisation import (
    fielded,
    join_with_confidence,
    pledged_defence,
    self_defence,
    trade_shares,
    willing,
)
from collsec.crisis.outcome import (
    RESULTS,
    Coalition,
    CrisisResult,
    Deterrence,
    Position,
    SanctionsRecord,
)
from collsec.crisis.params import EngineParams
from collsec.crisis.scorecard import members_share, scorecard
from collsec.crisis.situation import Situation, power_at_theatre, situation
from collsec.errors import InputError
from collsec.institutions import Tool
from collsec.scenarios.model import Scenario

CHUNK = 8192
"""Draws processed at once: memory stays bounded (~2 x CHUNK x actors floats)."""

MAX_DRAWS = 10**9
"""The most draws a run accepts (about an hour for the largest case)."""


@dataclass
class Branch:
    """The deterministic part of a run, given whether the aggressor was identified."""

    attributed: bool
    delib: Deliberation
    supports: dict[Tool, Support]
    response: str
    causes: list[str] = field(default_factory=list)
    enablers: list[str] = field(default_factory=list)
    defence: np.ndarray | None = None
    fighters: np.ndarray | None = None
    force_ready: np.ndarray | None = None
    sanction_ready: np.ndarray | None = None
    sanction_obliged: np.ndarray | None = None
    fielded: np.ndarray | None = None

    @property
    def records(self) -> list[BodyRecord]:
        """The bodies' records."""
        return self.delib.records


def _institutions(scenario: Scenario) -> dict:
    return {b.id: b.resolved() for b in scenario.bodies}


def _sanctions(scenario, sit, params, records, supports) -> tuple[np.ndarray, np.ndarray]:
    """Who applies sanctions: members a binding decision obliges (unless opposed), the
    willing members of bodies that leave them to each member or only recommend them, and,
    outside any body, states whose support for sanctions reaches ``unilateral_threshold``.
    """
    n = sit.n
    eligible = np.zeros(n, dtype=bool)
    obliged = np.zeros(n, dtype=bool)
    institutions = _institutions(scenario)
    organisation = [sit.index[m] for r in records if r.scope == "global" for m in r.members]
    for rec in (r for r in records if r.adopted == Tool.SANCTIONS):
        inst = institutions[rec.id]
        members = [sit.index[m] for m in rec.members]
        if inst.sanctions_by_each_member:
            eligible[organisation + members] = True  # every member, each for itself (Art. 16)
        elif inst.fallback:
            eligible[members] = True  # a recommendation to the Assembly's members
        elif inst.scope == "global":
            obliged[organisation + members] = True  # binding on every member (Arts. 25, 48)
        else:
            obliged[members] = True
    s = supports[Tool.SANCTIONS].total
    alone = sit.seated & (s >= params.unilateral_threshold)
    keep = ~sit.aggressor_side & sit.seated
    keep[sit.target] = False
    eligible &= keep
    obliged &= keep
    ready = willing(s, eligible, obliged, params.thresholds.sanctions, params) | (alone & keep)
    return ready, (obliged | eligible | (alone & keep))


def _branch(scenario, sit, params, attributed, power, enemy) -> Branch:
    cache: dict[bool, dict[Tool, Support]] = {}

    def supports(request: bool) -> dict[Tool, Support]:
        if request not in cache:
            cache[request] = {
                t: support(sit, scenario, params, t, attributed, request) for t in Tool
            }
        return cache[request]

    delib = deliberate_all(scenario, sit, params, supports, attributed, power, enemy)
    final = supports(delib.request)
    br = Branch(attributed, delib, final, response=delib.response or "none")
    br.defence = self_defence(sit, final[Tool.FORCE].total, params)
    whole = pledged_defence(sit, final[Tool.FORCE].total, params)
    if delib.response in why.FORCE_RESPONSES:
        eligible = np.zeros(sit.n, dtype=bool)
        obliged = np.zeros(sit.n, dtype=bool)
        if delib.response == "authorised_force":
            eligible[:] = sit.seated
        elif delib.response == "unilateral":
            obliged[delib.lone] = True
            br.enablers.append(f"unilateral:{sit.codes[delib.lone]}")
        else:
            for rec in delib.acting:
                for m in rec.members:
                    target = obliged if delib.response == "collective_defence" else eligible
                    target[sit.index[m]] = True
        eligible &= ~sit.aggressor_side
        obliged &= ~sit.aggressor_side
        own = willing(final[Tool.FORCE].total, eligible, obliged, params.thresholds.force, params)
        ready = own | br.defence
        br.force_ready = ready
        whole |= own
        # a garrison fighting where it stands brings only itself to the others' reckoning
        offered = fielded(sit, ready, whole, power)
        br.fighters = join_with_confidence(ready, offered, sit.target, enemy, params) | br.defence
    else:
        br.fighters = br.defence
    br.fielded = fielded(sit, br.fighters, whole, power)
    if attributed:
        br.sanction_ready, br.sanction_obliged = _sanctions(
            scenario, sit, params, delib.records, final
        )
    if br.response not in why.FORCE_RESPONSES:
        adopted = {r.adopted for r in delib.records if r.adopted is not None}
        if br.sanction_ready is not None and (
            (br.sanction_ready & ~br.defence).any()
            or (Tool.SANCTIONS in adopted and br.sanction_ready.any())
        ):  # a defender's own measures are part of its defence, the result (not a response)
            br.response = "sanctions"
        elif adopted:
            br.response = "condemnation"
        else:
            br.response = "none"
    body_ranks = ranks(scenario)
    level = why.RESPONSE_LEVEL[br.response]
    if br.response == "unilateral":
        source_rank = 4
    elif br.response in why.FORCE_RESPONSES:
        source_rank = min(body_ranks[r.id] for r in delib.acting)
    else:
        source_rank = min(
            (body_ranks[r.id] for r in delib.records if r.adopted == level), default=4
        )
    decision = why.decision_causes(delib.records, final, sit.index, body_ranks, level, source_rank)
    br.enablers = (
        why.enablers(
            delib.records,
            _institutions(scenario),
            final,
            sit.index,
            params,
            br.response,
            delib.acting,
        )
        + br.enablers
    )
    br.causes = (["attribution_failed"] if not attributed else []) + decision
    return br


def _positions(scenario: Scenario, sit: Situation, br: Branch, params) -> dict:
    """Every seated member's position on each measure, with the terms of its support."""
    seated = sorted({m for b in scenario.bodies for m in scenario.members(b)}, key=sit.index.get)
    rows = [sit.index[code] for code in seated]
    by_tool = {}
    for t, s in br.supports.items():
        votes = votes_of(s, params)
        total = [round(x, 4) for x in s.total[rows].tolist()]
        terms = {k: [round(x, 4) for x in s.terms[k][rows].tolist()] for k in TERMS}
        by_tool[t.value] = [
            Position(
                vote=votes[i],
                support=total[j],
                threshold=s.threshold,
                terms={k: terms[k][j] for k in TERMS},
            )
            for j, i in enumerate(rows)
        ]
    return {code: {t: by_tool[t][j] for t in by_tool} for j, code in enumerate(seated)}


@dataclass
class _Tally:
    """What the draws of one branch add up to."""

    results: Counter = field(default_factory=Counter)
    rows: int = 0
    gain: float = 0.0
    backs: int = 0
    contributed: float = 0.0


def run_crisis(
    scenario: Scenario,
    params: EngineParams | None = None,
    draws: int = 1,
    seed: int = 0,
    counterfactual: str | None = None,
    overrides: tuple[str, ...] = (),
    explain: bool = True,
) -> CrisisResult:
    """Run one crisis.

    Parameters
    ----------
    scenario:
        A validated, complete scenario (see :func:`collsec.scenarios.load_scenario`).
    params:
        Engine parameters (defaults: :class:`EngineParams`, the fitted values).
    draws:
        Number of stochastic replicates (attribution, commitment, sanctions applied, the
        fortunes of war), 1..10**9. With ``draws=1`` and a fixed seed the run is deterministic.
    seed:
        Seed of the numpy Generator (any int >= 0; 0 is a seed like any other).
    counterfactual, overrides:
        A named counterfactual of the scenario and ``path=value`` overrides, applied to the
        scenario before the run (unless it was loaded with exactly these already); an unknown
        counterfactual or a bad override raises :class:`InputError`.
    explain:
        False leaves ``positions`` empty: every member's position with its terms is the
        explanation a person reads, and a fit that runs each case thousands of times for its
        response and result alone spends a third of its time building them.

    """
    from collsec.scenarios.load import apply_changes

    params = params or EngineParams()
    if isinstance(draws, bool) or not isinstance(draws, int) or not 1 <= draws <= MAX_DRAWS:
        raise InputError("--draws", "draws", f"a whole number in 1..{MAX_DRAWS:,}", draws)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError("--seed", "seed", "a whole number >= 0", seed)
    scenario = apply_changes(scenario, counterfactual, tuple(overrides))
    sit = situation(scenario, params)
    threat = scenario.threat
    power = power_at_theatre(sit, params)
    enemy = float(power[sit.aggressor_side].sum())
    under_way = threat.stage == "under_way"
    # a patron presses for the return of what was taken: nothing is, while only threatened
    closest = patron(sit)
    patron_at, leverage = closest if under_way else (None, 0.0)

    p_attr = threat.attribution if threat.kind in ("non_state", "cyber") else 1.0
    p_attr = 1 - (1 - p_attr) * (1 - scenario.options.intelligence_sharing)
    branches = {True: _branch(scenario, sit, params, True, power, enemy)}
    if p_attr < 1:
        branches[False] = _branch(scenario, sit, params, False, power, enemy)
    trade = trade_shares(
        sit.capability,
        {sit.index[c]: s for c, s in scenario.actors[threat.aggressor].trade_share.items()},
        sit.aggressor_side,
    )
    weights = params.sanction_weights.model_dump()
    severity = sum(weights[m] for m in set(scenario.options.sanctions.measures))

    def expected_power(br: Branch) -> float:
        """Power of the target, forces in place, and what the others field x commitment."""
        others = br.fighters & (np.arange(sit.n) != sit.target)
        in_place = float((sit.capability * sit.in_place)[others].sum())
        rest = float(br.fielded[others].sum()) - in_place
        return float(power[sit.target]) + in_place + params.commitment * rest

    restraint = {  # a patron that would condemn its client (none while it is unnamed)
        key: restraining_patron(*closest, br.supports[Tool.CONDEMNATION]) if key else 0.0
        for key, br in branches.items()
    }
    odds = {}
    for key, br in branches.items():
        p_rev, p_prev = war_probabilities(expected_power(br), enemy, params, under_way)
        odds[key] = (float(p_rev), float(p_prev)) if key else (0.0, 1.0)

    rng = np.random.default_rng(seed)
    tallies = {key: _Tally() for key in branches}
    responses: Counter = Counter()
    done = 0
    while done < draws:
        k = min(CHUNK, draws - done)
        done += k
        attributed = rng.random(k) < p_attr
        commit_u = rng.random((k, sit.n))
        sanction_u = rng.random((k, sit.n))
        war_u = rng.random(k)
        for key, br in branches.items():
            rows = attributed == key
            m = int(rows.sum())
            if m == 0:
                continue
            responses[br.response] += m
            tally = tallies[key]
            tally.rows += m
            bite = np.zeros(m)
            if br.response == "sanctions" and br.sanction_ready is not None:
                applying = br.sanction_ready[None, :] & (sanction_u[rows] < params.commitment)
                bite = (applying.astype(float) @ trade) * severity
            p_rev, p_prev = odds[key]
            go, _, goes_on = aggressor_goes_on(
                threat.stakes, p_prev, p_rev, bite, params, restraint[key]
            )
            tally.gain += float(np.sum(go))
            tally.backs += int(np.sum(~goes_on))
            honoured = br.fighters[None, :] & (
                (commit_u[rows] < params.commitment) | (sit.in_place > 0)[None, :]
            )
            honoured[:, sit.target] = True
            defence_power = honoured.astype(float) @ br.fielded
            ready = br.force_ready if br.force_ready is not None else br.fighters
            others = ready & (np.arange(sit.n) != sit.target)
            if others.any():
                tally.contributed += float(
                    np.sum(honoured[:, others].astype(float) @ power[others])
                    / max(float(power[others].sum()), 1e-300)
                )
            if key:
                codes = fight(defence_power, enemy, war_u[rows], params, under_way)
                res = np.select(
                    [codes == 1, codes == -1],
                    ["aggression_reversed", "aggression_prevailed"],
                    "stalemate",
                ).astype(object)
            else:
                res = np.full(m, "aggression_prevailed", dtype=object)
            if under_way:  # the war's uniform is free where no war is fought
                undone = stopped(threat.severity, war_u[rows][~goes_on], params, leverage)
                res[~goes_on] = np.where(undone, "aggression_reversed", "stalemate")
            else:
                given_up = renounced(threat.severity, war_u[rows][~goes_on], params)
                res[~goes_on] = np.where(given_up, "deterred", "stalemate")
            tally.results.update(res.tolist())

    counts = sum((t.results for t in tallies.values()), Counter())
    probabilities = {r: counts.get(r, 0) / draws for r in RESULTS}
    response_probabilities = {r: c / draws for r, c in sorted(responses.items())}
    main_key = (
        bool(tallies[True].rows >= tallies.get(False, _Tally()).rows)
        if draws > 1
        else (tallies[True].rows == 1)
    )
    br = branches[main_key]
    main = tallies[main_key]
    result = main.results.most_common(1)[0][0]

    coalition = None
    if br.force_ready is not None:
        expected = expected_power(br)
        free = br.force_ready & ~br.fighters
        coalition = Coalition(
            members=tuple(sit.codes[i] for i in np.flatnonzero(br.fighters)),
            willing=tuple(sit.codes[i] for i in np.flatnonzero(br.force_ready)),
            free_riders=tuple(sit.codes[i] for i in np.flatnonzero(free)),
            expected_capability=round(expected, 6),
            aggressor_side=tuple(sit.codes[i] for i in np.flatnonzero(sit.aggressor_side)),
            aggressor_capability=round(enemy, 6),
            power_ratio=round(expected / enemy, 3) if enemy > 0 else None,
        )
    sanctions = None
    sanction_commitment = None
    if br.sanction_ready is not None and br.sanction_obliged.any():
        cov = float(trade[br.sanction_ready].sum()) * params.commitment
        possible = float(trade[br.sanction_obliged].sum())
        sanction_commitment = cov / possible if possible > 0 else None
        sanctions = SanctionsRecord(
            measures=tuple(scenario.options.sanctions.measures),
            applied_by=tuple(sit.codes[i] for i in np.flatnonzero(br.sanction_ready)),
            obliged_not_applying=tuple(
                sit.codes[i] for i in np.flatnonzero(br.sanction_obliged & ~br.sanction_ready)
            ),
            coverage=round(cov, 4),
            bite=round(cov * severity, 4),
        )
    p_rev, p_prev = odds[main_key]
    deterrence = Deterrence(
        stakes=threat.stakes,
        p_prevail=round(p_prev, 4),
        p_reversed=round(p_rev, 4),
        expected_gain=round(main.gain / main.rows, 4),
        backing_down=round(-params.backing_down_cost * threat.stakes, 4),
        backs_down_probability=round(sum(t.backs for t in tallies.values()) / draws, 4),
        patron=None if patron_at is None else sit.codes[patron_at],
        patron_leverage=round(leverage, 4),
        gives_up=None if under_way else round(gives_up_probability(threat.severity, params), 4),
    )
    share = members_share(br.records, sit)
    causes = list(br.causes)
    causes += why.failure_causes(
        br.response,
        result,
        share,
        params.universality_needed,
        coalition,
        sanctions,
        power,
        trade,
        sit.index,
        p_rev,
    )
    causes += br.enablers
    if result in ("aggression_reversed", "stalemate") and br.response not in why.FORCE_RESPONSES:
        if deterrence.backs_down_probability <= 0.5:
            causes.append("self_defence")
    if deterrence.backs_down_probability > 0.5:
        causes.append("aggressor_backed_down")
    causes = list(dict.fromkeys(causes))
    measured = {"commitment": None, "confidence": None}
    if coalition is not None and any(c != threat.target for c in coalition.willing):
        measured["commitment"] = main.contributed / main.rows
        ready = [sit.index[c] for c in coalition.willing if c != threat.target]
        joined = [sit.index[c] for c in coalition.members if c != threat.target]
        measured["confidence"] = float(power[joined].sum()) / max(float(power[ready].sum()), 1e-300)
    elif sanction_commitment is not None:
        measured["commitment"] = sanction_commitment
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
        bodies=tuple(br.records),
        coalition=coalition,
        sanctions=sanctions,
        deterrence=deterrence,
        scorecard=scorecard(br.records, sit, params, measured),
        self_defence=tuple(sit.codes[i] for i in np.flatnonzero(br.defence)),
        regional_request=br.delib.request,
        positions=_positions(scenario, sit, br, params) if explain else {},
    )
