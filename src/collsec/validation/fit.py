"""Fitting the engine's parameters on the training part of the corpus, by a stated procedure.

Two stages, each on the training cases only (:mod:`collsec.validation.corpus` fixes the
split); the test cases are never read here.

1. **The vote rule, by maximum likelihood of the recorded member votes.** Support is linear in
   parameter-free features (:func:`collsec.crisis.interests.features`), so the rule is an
   ordered logit: with ``s`` a member's support and ``t_m`` the threshold of measure ``m``,

       P(yes) = F(s - t_m),   P(no) = 1 - F(s - t_m + band),   P(abstain) = the rest,

   ``F`` the logistic function with scale :data:`NOISE` (which fixes the unit of support). The
   weights have the signs their meaning gives (a cost never helps), enforced by bounds; a small
   ridge penalty (:data:`RIDGE`) pulls weights the votes cannot identify toward their prior
   value. Standard errors come from a bootstrap over training cases (votes of one case are not
   independent). The regional request a member weighs is the one the engine finds with the
   current parameters; the fit is repeated until it no longer changes (at most 3 rounds).

2. **Escalation and war, on the recorded responses, results and votes** (given the fitted vote
   rule): concern, the thresholds, the costs of force, the support a state needs to act alone,
   and the war's decisiveness, stalemate band, offence margin, restitution (with the patron's
   pressure), renunciation and costs (:data:`OUTCOME`), by a coordinate search
   (:func:`coordinate_search`) on the expected misses (:func:`outcome_loss`) over the training
   cases, with common random numbers (one seed) so the objective is deterministic, from
   several starting points
   (:func:`starting_points`: the stage-1 values, the values the fit was given (for ``collsec
   fit``, the priors), points around the first); each end point is scored again on fresh draws
   and the best wins, and is moved to the middle of its level (:func:`centre`), away from the
   edge of a step of the loss where the search stops. The loss can carry a pull of each value
   toward its prior (:func:`shrinkage`, :data:`SHRINK`); a value under an infinite pull is held
   at its prior and not searched. By default the response's values are held so, except the
   thresholds of condemnation and force, which are searched with no pull, as the war's values
   are: of the candidates cross-validated within the training part, that one had the best
   out-of-fold score (docs/validation.md, section 5, rules R3, Q and F).

The result is written as ``fitted.yaml`` (the engine's defaults are read from it): every value
with its standard error, the command, the data and the training accuracy.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache, partial

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit
from scipy.stats import qmc

from collsec.crisis import EngineParams, run_crisis
from collsec.crisis.deliberation import capable, elected_to_council, lead_of
from collsec.crisis.interests import FEATURES, features, weights
from collsec.crisis.situation import power_at_theatre, situation
from collsec.institutions import Tool
from collsec.parallel import pool_map
from collsec.scenarios.load import load_scenario
from collsec.validation.corpus import Case, split_of
from collsec.validation.records import load_record
from collsec.validation.score import SCORED, decision_votes
from collsec.voting.rules import Vote

NOISE = 0.25
"""Scale of the logistic noise in the vote likelihood: the unit of support."""

RIDGE = 0.05
"""Weight of the ridge penalty toward the prior values (per vote, summed over weights)."""

RESPONSE_WEIGHT = 2.0
"""Cost of a missed response in the stage-2 objective, counted as the share of the draws
whose response is not the recorded one (1 - P(recorded response))."""

RESULT_WEIGHT = 2.0
"""Cost of a missed result in the stage-2 objective, counted as the share of the draws whose
result is not the recorded one (1 - P(recorded result)). The report counts a miss when the
most frequent result is not the recorded one; that count jumps by a whole case when a near
tie flips from one set of draws to another, and a search on it fits the noise of its draws.
The share moves smoothly with the parameters and falls wherever the count does."""

LOGLIK_WEIGHT = 0.1
"""Weight of -log P(recorded result) in the stage-2 objective: it breaks ties between
parameter sets that miss as many cases, toward the one that gives history more probability."""

MEASURES = ("condemnation", "sanctions", "force")

FIXED_IN_STAGE_1 = ("norm", "proximity")
FIXED_CONCERN = ("concern_scale", "indivisibility")
"""The engine parameters of :data:`FIXED_IN_STAGE_1`'s weights."""
"""Weights stage 1 keeps at their prior: concern (severity, and its part that fades with
distance) is not identified by the votes (members condemn an aggression whatever its
gravity); it decides how far a crisis escalates, and stage 2 fits it on the responses."""
COLUMNS = tuple(
    column
    for feature in FEATURES
    for column in ([f"escalation_{m}" for m in MEASURES] if feature == "escalation" else [feature])
)
"""Columns of the design matrix: the features (:data:`~collsec.crisis.interests.FEATURES`),
escalation split by measure."""

CONCERN_COLUMNS = ("norm", "proximity")
"""The columns of the design that carry the act's severity, times the threat weight for an act
only threatened (:func:`collsec.crisis.interests.features`)."""

TAIL = (
    "thresholds.condemnation",
    "thresholds.sanctions",
    "thresholds.force",
    "thresholds.band",
    "thresholds.deference",
)
"""The parameters stage 1 fits after the weights of :data:`COLUMNS`, in theta's order
(:func:`_unpack`)."""

SIGN = {
    "norm": 1,
    "majority": 1,
    "proximity": 1,
    "affinity": 1,
    "alliance": 1,
    "trade": -1,
    "escalation_condemnation": -1,
    "escalation_sanctions": -1,
    "escalation_force": -1,
    "power": -1,
    "internal": -1,
    "request": 1,
    "r2p": 1,
}
"""The sign each weight must have (a cost or restraint subtracts, an interest adds)."""

CATEGORY = {"yes": 0, "abstain": 1, "no": 2}


@dataclass
class VoteData:
    """Training votes as a design matrix: one row per member vote on a scored measure."""

    x: np.ndarray
    measure: np.ndarray
    vote: np.ndarray
    case: np.ndarray
    decision: np.ndarray | None = None
    lead: np.ndarray | None = None  # per row: the lead an elected council member follows
    member: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    bodies: list = field(default_factory=list)
    threatened: np.ndarray | None = None  # per row: the case's act is only threatened
    act: np.ndarray | None = None  # per row: the concern columns at the act's full weight
    threat_weight: float = 1.0  # the threat weight the rows of ``x`` were built at


PARAMETER_OF = {
    "affinity": "partisanship",
    "majority": "majority_weight",
    "alliance": "alliance_weight",
    "trade": "trade_cost",
    "escalation_condemnation": "escalation_cost_condemnation",
    "escalation_sanctions": "escalation_cost_sanctions",
    "escalation_force": "escalation_cost_force",
    "power": "power_cost",
    "internal": "non_intervention",
    "request": "regional_request",
    "r2p": "responsibility_to_protect",
}
"""The engine parameter each column's weight is (``norm`` and ``proximity`` are concern,
split by indivisibility: :func:`with_vote_rule`)."""

COLUMN_OF = {name: column for column, name in PARAMETER_OF.items()}
"""The column of each engine parameter of :data:`PARAMETER_OF` (its inverse)."""

_TOOLS = dict(zip(MEASURES, (Tool.CONDEMNATION, Tool.SANCTIONS, Tool.FORCE), strict=True))


def _escalation_measure(column: str) -> str | None:
    """``"escalation_force"`` -> ``"force"``; None for a column that is not an escalation."""
    head, _, measure = column.partition("_")
    return measure if head == "escalation" else None


def _magnitudes(params: EngineParams) -> dict[str, float]:
    """The weights of :data:`COLUMNS` as magnitudes (>= 0): the engine's own weights
    (:func:`collsec.crisis.interests.weights`) times their :data:`SIGN`.
    """
    by_measure = {m: weights(params, tool) for m, tool in _TOOLS.items()}
    out = {}
    for column in COLUMNS:
        measure = _escalation_measure(column)
        weight = by_measure[measure or "condemnation"][column if measure is None else "escalation"]
        out[column] = SIGN[column] * weight
    return out


def with_vote_rule(
    params: EngineParams, magnitudes: dict, thresholds, band: float, deference: float
):
    """Engine parameters with the vote rule's fitted weights, thresholds, band and a global
    council's elected members' deference.
    """
    norm, proximity = magnitudes["norm"], magnitudes["proximity"]
    eta = norm + proximity
    update = {
        "concern_scale": eta,
        "indivisibility": norm / eta if eta > 0 else params.indivisibility,
        **{name: magnitudes[column] for column, name in PARAMETER_OF.items()},
        "thresholds": params.thresholds.model_copy(
            update={
                "condemnation": thresholds[0],
                "sanctions": thresholds[1],
                "force": thresholds[2],
                "band": band,
                "deference": deference,
            }
        ),
    }
    return params.model_copy(update=update)


def design(f: dict[str, np.ndarray], measure: int) -> np.ndarray:
    """The rows of :data:`COLUMNS` for every actor, from its features on one measure (the
    escalation feature goes to the column of that measure, zero in the others).
    """
    zero = np.zeros(len(f["norm"]))
    columns = []
    for column in COLUMNS:
        on = _escalation_measure(column)
        if on is None:
            columns.append(f[column])
        else:
            columns.append(f["escalation"] if on == MEASURES[measure] else zero)
    return np.column_stack(columns)


@dataclass
class BodyObs:
    """A body's recorded decision on a training case, with what its probability needs."""

    case: int
    x: dict[int, np.ndarray]  # measure -> design rows of the counted members present
    fixed: np.ndarray  # (k, 3): the parties' votes (yes/abstain/no), NaN for the others
    rule: object  # collsec.validation.decisions.Rule
    tabled: list[int]  # measures tabled, strongest first
    level: int | None  # index into ``tabled`` of the strongest adopted, None: nothing
    ladder: bool = True  # False: the Assembly, which does not table every measure it may
    sponsors: np.ndarray | None = None  # force design rows of the states able to sponsor
    bound: int | None = None  # censored: nothing stronger than this measure adopted (-1: none)
    elected: np.ndarray | None = None  # bool per counted member: elected to a global council
    permanent: np.ndarray | None = None  # bool per counted member: a permanent member
    uncounted: tuple[float, int] = (0.0, 0)  # permanent parties present, not counted: yes, all
    keen: dict[int, np.ndarray] | None = None  # condemnation, sanctions: rows of who may table
    margin: tuple[float, ...] = (0.0, 0.0, 0.0)  # each measure's sponsor margin (MEASURES order)


RESPONSE_BOUND = {"none": -1, "condemnation": 0, "sanctions": 1}
"""The strongest measure any body can have adopted, given the recorded response (a body the
record does not name adopted nothing stronger; force responses bound nothing)."""

LEVEL_ORDER = (2, 1, 0)
"""Measures from the strongest: force, sanctions, condemnation (indices of MEASURES)."""


def body_observations(
    case_index: int, scenario, record, sit, x_all, params, able: np.ndarray
) -> list[BodyObs]:
    """The observed decisions of the bodies of one training case (see
    :mod:`collsec.validation.decisions`): the councils always (nothing recorded means nothing
    adopted), other bodies when the record names them, and, when it does not, as bounded by
    the recorded response (no body adopted more than a condemnation in a crisis whose
    response was a condemnation). A draft of force is tabled only with a
    sponsor (:func:`collsec.crisis.deliberation.sponsors`): its probability is that some
    state able to sponsor it is ready (``able``, bool over the states: in a global body any
    of them, in a regional body or alliance its members present:
    :func:`~collsec.crisis.deliberation.sponsor_pool`). A regional body the engine
    does not seize (:func:`~collsec.crisis.deliberation.turns_on_own_member`) is left out: it
    decides nothing by vote. A recorded
    Assembly decision says nothing of the stronger measures: the Assembly takes up what the
    Council was blocked on, not every measure it may recommend.
    """
    from collsec.crisis.deliberation import (
        parties_of,
        phase_of,
        sponsor_pool,
        turns_on_own_member,
    )
    from collsec.validation.decisions import compile_rule

    out = []
    day = scenario.threat.date
    parties = set(parties_of(scenario, sit))
    side = {sit.codes[i] for i in np.flatnonzero(sit.aggressor_side)}
    for body in scenario.bodies:
        inst = body.resolved()
        phase = phase_of(scenario, body)
        if phase == "regional" and turns_on_own_member(scenario, sit, body):
            continue
        decisions = [d for d in record.decisions if d.body == body.id and d.measure in SCORED]
        members = [m for m in scenario.members(body) if not scenario.actors[m].absent_from(body.id)]
        present = [sit.index[m] for m in members]
        sponsors = x_all[2][np.flatnonzero(sponsor_pool(inst, able, present))]
        bound = None
        if not decisions and phase != "council":
            # unrecorded: the recorded response bounds what the body can have adopted
            bound = RESPONSE_BOUND.get(record.response)
            if bound is None or inst.fallback:
                continue
        if inst.fallback and not any(d.adopted for d in decisions):
            continue
        held = set(t.value for t in inst.tools_on(day))
        if len(sponsors) == 0:
            held.discard("force")
        tabled = [m for m in LEVEL_ORDER if MEASURES[m] in held]
        if not tabled:
            continue
        adopted = [MEASURES.index(d.measure) for d in decisions if d.adopted]
        best = max(adopted) if adopted else None
        if best is not None and best not in tabled:
            continue
        counted = [m for m in members if not (inst.rule.exclude_parties and m in parties)]
        if not counted:
            continue
        permanent = set(scenario.permanent(body))
        aside = [m for m in members if m in permanent and m not in counted]
        rows = [sit.index[m] for m in counted]
        fixed = np.full((len(counted), 3), np.nan)
        for k, m in enumerate(counted):
            if m in side:
                fixed[k] = (0.0, 0.0, 1.0)
            elif m == scenario.threat.target:
                fixed[k] = (1.0, 0.0, 0.0)
        out.append(
            BodyObs(
                case=case_index,
                x={m: x_all[m][rows] for m in tabled},
                fixed=fixed,
                rule=compile_rule(inst.rule, counted, scenario.permanent(body)),
                tabled=tabled,
                level=None if best is None else tabled.index(best),
                ladder=not inst.fallback,
                sponsors=sponsors,
                bound=bound,
                elected=np.array([elected_to_council(scenario, body.id, m) for m in counted]),
                permanent=np.array([m in permanent for m in counted], dtype=bool),
                uncounted=(
                    float(sum(m == scenario.threat.target for m in aside)),
                    len(aside),
                ),
                keen=None if sit.target in present else _keen(sit, x_all, present),
                margin=tuple(params.thresholds.margin(m) for m in MEASURES),
            )
        )
    return out


def _features_at(sit, scenario, request: bool, params: EngineParams, weight: float) -> dict:
    """Every measure's features (:func:`collsec.crisis.interests.features`) with the threat
    weight ``weight``.
    """
    return {
        m: features(
            sit,
            scenario,
            Tool(m),
            True,
            request,
            params.concern_half_distance_km,
            params.great_power_reach,
            weight,
        )
        for m in MEASURES
    }


def vote_data(
    cases: list[Case], params: EngineParams, data_dir=None, warnings: list[str] | None = None
) -> VoteData:
    """The design matrix of the recorded votes of ``cases`` (parties to the dispute left out:
    their votes follow from their being parties). The regional request is the engine's under
    ``params``. Roll calls that cannot be read from ``data_dir`` are left out, and why is
    added to ``warnings``.
    """
    rows, measures, votes, owners, names, bodies, drafts = [], [], [], [], [], [], []
    acts: list[np.ndarray] = []
    threatened: list[bool] = []
    leads: list[float] = []
    n_drafts = -1
    members: list[str] = []
    for case in cases:
        scenario, record = read_case(case)
        sit = situation(scenario, params)
        request = run_crisis(scenario, params).regional_request
        threat = scenario.threat.stage == "threatened"
        x = _features_at(sit, scenario, request, params, params.threat_weight)
        x_all = {m: design(x[MEASURES[m]], m) for m in range(3)}
        full = x
        if threat and params.threat_weight != 1.0:  # the act's own concern, for design_at
            full = _features_at(sit, scenario, request, params, 1.0)
        concern = {
            m: np.column_stack([full[MEASURES[m]][c] for c in CONCERN_COLUMNS]) for m in range(3)
        }
        power = power_at_theatre(sit, params)
        able = capable(sit, power, float(power[sit.aggressor_side].sum()))
        bodies += body_observations(len(names), scenario, record, sit, x_all, params, able)
        names.append(case.name)
        for decision in record.decisions:
            if decision.measure not in SCORED:
                continue
            n_drafts += 1
            cast = decision_votes(decision, data_dir, warnings)
            lead = _recorded_lead(scenario, decision.body, cast)
            for member, vote in cast.items():
                i = sit.index.get(member)
                if vote not in CATEGORY or i is None:
                    continue
                if sit.aggressor_side[i] or i == sit.target:
                    continue
                if scenario.actors[member].absent_from(decision.body):
                    continue
                m = MEASURES.index(decision.measure)
                rows.append(x_all[m][i])
                acts.append(concern[m][i])
                threatened.append(threat)
                measures.append(m)
                drafts.append(n_drafts)
                leads.append(lead if elected_to_council(scenario, decision.body, member) else 0.0)
                members.append(member)
                votes.append(CATEGORY[vote])
                owners.append(len(names) - 1)
    return VoteData(
        x=np.array(rows, dtype=float).reshape(-1, len(COLUMNS)),
        measure=np.array(measures, dtype=int),
        vote=np.array(votes, dtype=int),
        case=np.array(owners, dtype=int),
        decision=np.array(drafts, dtype=int),
        lead=np.array(leads, dtype=float),
        member=members,
        cases=names,
        bodies=bodies,
        threatened=np.array(threatened, dtype=bool),
        act=np.array(acts, dtype=float).reshape(-1, len(CONCERN_COLUMNS)),
        threat_weight=params.threat_weight,
    )


def design_at(data: VoteData, params: EngineParams) -> np.ndarray:
    """The design rows of ``data`` at ``params``' threat weight. The rows were built at the
    weight of their time; the concern columns of an act only threatened scale with the weight,
    so a search that moves it (stage 2) scores the votes it changes, not those of the start.
    """
    same = data.threatened is None or params.threat_weight == data.threat_weight
    if same or not data.threatened.any():
        return data.x
    x = data.x.copy()
    columns = [COLUMNS.index(c) for c in CONCERN_COLUMNS]
    rows = np.flatnonzero(data.threatened)
    x[np.ix_(rows, columns)] = data.act[rows] * params.threat_weight
    return x


def _recorded_lead(scenario, body_id: str, cast: dict[str, str]) -> float:
    """The permanent members' lead on a recorded draft (:func:`~collsec.crisis.deliberation.
    lead_of`): the share of those present (not recorded absent) that voted yes. The elected
    members' votes are modelled given it, as the engine votes them after the permanent
    members'.
    """
    body = next((b for b in scenario.bodies if b.id == body_id), None)
    if body is None:
        return 0.0
    permanent = scenario.permanent(body)
    return lead_of(
        {
            m: Vote(cast[m])
            for m in permanent
            if cast.get(m) in CATEGORY and not scenario.actors[m].absent_from(body_id)
        },
        permanent,
    )


def _lead(data: VoteData) -> np.ndarray:
    """For each vote, the lead an elected member of a global council follows, else 0.0."""
    if data.lead is None:
        return np.zeros(len(data.vote))
    return data.lead


def _unpack(theta: np.ndarray):
    k = len(COLUMNS)
    return theta[:k], theta[k : k + 3], theta[k + 3], theta[k + 4]


def _nll(theta, data: VoteData, prior: np.ndarray, weight: np.ndarray | None = None):
    """Negative log-likelihood of the votes (plus the ridge penalty), and its gradient."""
    magnitudes, thresholds, band, deference = _unpack(theta)
    signs = np.array([SIGN[c] for c in COLUMNS], dtype=float)
    lead = _lead(data)
    s = data.x @ (signs * magnitudes) + deference * lead
    t = thresholds[data.measure]
    z_yes = (s - t) / NOISE
    z_no = (s - t + band) / NOISE
    f_yes, f_no = expit(z_yes), expit(z_no)
    eps = 1e-12
    p = np.select(
        [data.vote == 0, data.vote == 2],
        [f_yes, 1 - f_no],
        np.maximum(f_no - f_yes, eps),
    )
    w = np.ones(len(p)) if weight is None else weight
    nll = -np.sum(w * np.log(np.maximum(p, eps)))
    # gradient with respect to s, t and band
    d_yes = f_yes * (1 - f_yes) / NOISE
    d_no = f_no * (1 - f_no) / NOISE
    dp_ds = np.select([data.vote == 0, data.vote == 2], [d_yes, -d_no], d_no - d_yes)
    dp_db = np.select([data.vote == 0, data.vote == 2], [0.0, -d_no], d_no)
    g = -w / np.maximum(p, eps)
    grad_s = g * dp_ds
    grad = np.zeros_like(theta)
    k = len(COLUMNS)
    grad[:k] = (data.x * grad_s[:, None]).sum(axis=0) * signs
    for m in range(3):
        grad[k + m] = -grad_s[data.measure == m].sum()
    grad[k + 3] = (g * dp_db).sum()
    grad[k + 4] = (grad_s * lead).sum()
    n = max(len(p), 1)
    diff = magnitudes - prior
    nll += RIDGE * n * 0.01 * np.sum(diff**2)
    grad[:k] += RIDGE * n * 0.02 * diff
    return nll, grad


def _probabilities(x: np.ndarray, magnitudes, threshold, band: float) -> np.ndarray:
    """(k, 3) probabilities of yes, abstain, no by the ordered logit (``threshold``: one, or
    one per row; of shape (B, k): (B, k, 3), one set per row of thresholds).
    """
    signs = np.array([SIGN[c] for c in COLUMNS], dtype=float)
    s = x @ (signs * magnitudes)
    f_yes = expit((s - threshold) / NOISE)
    f_no = expit((s - threshold + band) / NOISE)
    return np.stack([f_yes, np.maximum(f_no - f_yes, 0.0), 1 - f_no], axis=-1)


def _p_adopted(obs: BodyObs, x, magnitudes, threshold: float, band: float, deference: float):
    """P(the body of ``obs`` adopts a draft whose design rows are ``x``), the elected
    members of a global council following the permanent members' lead
    (:func:`~collsec.crisis.deliberation.elected_gain`): summed over the joint distribution
    of the permanent members' yes and no counts, each count giving the elected their lead.
    Exact: the rule treats the permanent members alike, so one assignment per count stands
    for all of them.
    """
    from collsec.validation.decisions import p_adopted, p_adopted_many

    fixed = ~np.isnan(obs.fixed[:, 0])
    probs = _probabilities(x, magnitudes, threshold, band)
    probs[fixed] = obs.fixed[fixed]
    aside_yes, aside = obs.uncounted
    perm = np.flatnonzero(obs.permanent) if obs.permanent is not None else np.array([], int)
    if obs.elected is None or not obs.elected.any() or len(perm) + aside == 0:
        return p_adopted(obs.rule, probs)
    k = len(perm)
    dist = np.zeros((k + 1, k + 1))  # [yes count, no count] of the permanent members counted
    dist[0, 0] = 1.0
    for i in perm:
        yes, abstain, no = probs[i]
        step = dist * abstain
        step[1:, :] += dist[:-1, :] * yes
        step[:, 1:] += dist[:, :-1] * no
        dist = step
    vetoed = bool(obs.rule.holders[perm].all()) if k else False
    counts = [
        (n_yes, n_no)
        for n_yes in range(k + 1)
        for n_no in range(k + 1 - n_yes)
        if dist[n_yes, n_no] >= 1e-9 and not (vetoed and n_no)  # a permanent member's no: veto
    ]
    if not counts:
        return 0.0
    yes_counts = np.array([c[0] for c in counts])
    lead = (yes_counts + aside_yes) / (k + aside)
    t = threshold - deference * lead[:, None] * obs.elected[None, :]  # (states, members)
    led = _probabilities(x, magnitudes, t, band)
    led[:, fixed] = obs.fixed[fixed]
    eye = np.eye(3)
    for row, (n_yes, n_no) in enumerate(counts):
        led[row, perm] = eye[[0] * n_yes + [2] * n_no + [1] * (k - n_yes - n_no)]
    weights = np.array([dist[c] for c in counts])
    return float(weights @ p_adopted_many(obs.rule, led))


def _keen(sit, x_all, present) -> dict[int, np.ndarray]:
    """The design rows, for condemnation and sanctions, of the members present who may
    table a draft (:func:`collsec.crisis.deliberation.sponsored`); the aggressor's side never
    does. None is used instead when the target sits: the complainant always tables.
    """
    rows = [i for i in present if not sit.aggressor_side[i]]
    return {m: x_all[m][rows] for m in (0, 1)}


def _tabled_if_adopted(obs, m: int, magnitudes, thresholds, band) -> float:
    """P(a draft of measure ``m`` would be tabled | it would be adopted): that a member
    present supports it by the measure's margin above the threshold, given that one
    reaches the threshold (an adopted draft has a yes; an elected member's yes by deference
    needs a permanent member's own). Exact for the two events, with the adoption standing in
    for its yes; 1 when the target sits (the complainant tables) or the margin is 0.
    """
    if obs.keen is None or m == 2 or obs.margin[m] <= 0:
        return 1.0
    rows = obs.keen[m]
    if len(rows) == 0:
        return 0.0
    some = 1 - float(np.prod(1 - _probabilities(rows, magnitudes, thresholds[m], band)[:, 0]))
    t = thresholds[m] + obs.margin[m]
    keen = 1 - float(np.prod(1 - _probabilities(rows, magnitudes, t, band)[:, 0]))
    return min(1.0, keen / some) if some > 0 else 0.0


def decisions_nll(theta, bodies: list, weight: np.ndarray | None = None) -> float:
    """-log P(recorded decisions of the bodies) (:mod:`collsec.validation.decisions`)."""
    from collsec.validation.decisions import p_level

    magnitudes, thresholds, band, deference = _unpack(theta)
    total = 0.0
    for obs in bodies:
        adoptions = []
        for m in obs.tabled:
            p = _p_adopted(obs, obs.x[m], magnitudes, thresholds[m], band, deference)
            if m == 2:  # force: tabled only if some able state is keen enough to sponsor it
                t = thresholds[2] + obs.margin[2]
                ready = _probabilities(obs.sponsors, magnitudes, t, band)[:, 0]
                p *= 1 - float(np.prod(1 - ready))
            else:  # condemnation, sanctions: tabled only if a member present is keen enough
                p *= _tabled_if_adopted(obs, m, magnitudes, thresholds, band)
            adoptions.append(p)
        w = 1.0 if weight is None else weight[obs.case]
        if obs.bound is not None:
            above = [1 - a for m, a in zip(obs.tabled, adoptions, strict=True) if m > obs.bound]
            p = float(np.prod(above))
        elif obs.ladder:
            p = p_level(adoptions, obs.level)
        else:
            p = adoptions[obs.level]
        total -= w * math.log(max(p, 1e-12))
    return total


def _objective(theta, data: VoteData, prior: np.ndarray, weight: np.ndarray | None = None):
    votes, _ = _nll(theta, data, prior, None if weight is None else weight[data.case])
    return votes + decisions_nll(theta, data.bodies, weight)


def theta_index(name: str) -> int:
    """Where the engine parameter ``name`` sits in stage 1's theta (:func:`_unpack`): a weight
    of :data:`COLUMNS` (by :data:`PARAMETER_OF`) or a value of :data:`TAIL`.
    """
    if name in TAIL:
        return len(COLUMNS) + TAIL.index(name)
    column = COLUMN_OF.get(name)
    if column is None:
        raise ValueError(f"{name}: not a value stage 1 fits")
    return COLUMNS.index(column)


def fit_votes(
    data: VoteData,
    params: EngineParams,
    weight: np.ndarray | None = None,
    held: tuple[str, ...] = (),
) -> tuple[np.ndarray, float]:
    """Maximum likelihood of the votes and the bodies' decisions: (theta, objective).

    ``weight`` weighs each training case (the bootstrap's resampling counts); ``held``: engine
    parameters kept at their value in ``params`` (concern, :data:`FIXED_IN_STAGE_1`, always is).
    """
    prior_m = _magnitudes(params)
    prior = np.array([prior_m[c] for c in COLUMNS])
    theta0 = np.concatenate([prior, [value_of(params, name) for name in TAIL]])
    bounds = [
        (prior[k], prior[k]) if c in FIXED_IN_STAGE_1 else (0.0, 50.0)
        for k, c in enumerate(COLUMNS)
    ]
    bounds += [(-20.0, 20.0)] * 3 + [(0.02, 20.0), (0.0, 20.0)]
    for name in held:
        if name not in FIXED_CONCERN:
            i = theta_index(name)
            bounds[i] = (theta0[i], theta0[i])
    result = minimize(
        _objective,
        theta0,
        args=(data, prior, weight),
        method="L-BFGS-B",
        bounds=bounds,
        options={"maxiter": 500},
    )
    return result.x, float(result.fun)


def bootstrap(
    data: VoteData,
    params: EngineParams,
    reps: int,
    seed: int,
    workers: int = 1,
    held: tuple[str, ...] = (),
) -> np.ndarray:
    """Standard errors of theta by resampling training cases with replacement.

    The resamples are drawn here, in order, and fitted in ``workers`` processes: the result
    does not depend on how many.
    """
    rng = np.random.default_rng(seed)
    n_cases = len(data.cases)
    jobs = [
        (
            data,
            params,
            np.bincount(rng.integers(0, n_cases, n_cases), minlength=n_cases) * 1.0,
            held,
        )
        for _ in range(reps)
    ]
    draws = [theta for theta, _ in pool_map(fit_votes, jobs, workers)]
    return (
        np.std(np.array(draws), axis=0, ddof=1) if reps > 1 else np.zeros(len(COLUMNS) + len(TAIL))
    )


def vote_params(theta: np.ndarray, params: EngineParams) -> EngineParams:
    """Engine parameters carrying the vote rule of ``theta``."""
    magnitudes, thresholds, band, deference = _unpack(theta)
    return with_vote_rule(
        params,
        dict(zip(COLUMNS, map(float, magnitudes), strict=True)),
        list(map(float, thresholds)),
        float(band),
        float(deference),
    )


RESPONSE_VALUES = (
    "concern_scale",
    "indivisibility",
    "great_power_reach",
    "thresholds.condemnation",
    "thresholds.sanctions",
    "thresholds.force",
    "thresholds.sponsor",
    "thresholds.sponsor_sanctions",
    "thresholds.sponsor_force",
    "power_cost",
    "escalation_cost_force",
    "unilateral_threshold",
    "patron_restraint",
    "threat_weight",
)
"""The stage-2 values that decide how far a crisis escalates (concern, the thresholds, the
costs of force, the bar of acting alone, a patron's restraint of its client, the weight of a
threat): the response's."""

WAR_VALUES = (
    "decisiveness",
    "stalemate",
    "offence_margin",
    "restitution",
    "patron_pressure",
    "renunciation",
    "war_cost",
    "backing_down_cost",
)
"""The stage-2 values of the war and its end (decisiveness, stalemate band, offence margin,
restitution, the patron's pressure, renunciation, the costs of war and of backing down)."""

OUTCOME = (*RESPONSE_VALUES, *WAR_VALUES)
"""Parameters fitted in stage 2, on the recorded responses, results and votes together: those
that decide how far a crisis escalates and how wars end."""

WAR = (*WAR_VALUES, "defeat_cost")
"""Parameters refitted in stage 3, on the outcomes of the ICB crises of the training part."""


VOTE_WEIGHT = 200.0
"""Weight of the share of training votes the engine gets wrong in the stage-2 loss (1% of the
votes weighs as one response missed)."""

PASSES = 4
"""Passes of the stage-2 coordinate search at most. On the expected misses the search keeps
finding small gains: from the end of two passes, a third lowered the training loss by 3.0 and
a fourth by 0.1 (at the previous defaults, two more passes: 4.1 and 0.2)."""

SETTLED = 0.05
"""A pass of the coordinate search that lowers the loss by less than this ends it."""

SEARCH_DRAWS = 200
"""Common draws per case in the stage-2 search (``collsec fit --draws``): as many as the
report uses (``collsec validate``), so that the search sees the probabilities it is judged on
(one evaluation of the training loss takes about a second at 50 draws and little more at 200:
running the deliberation, not drawing, is the cost)."""

STEPS = (-0.5, -0.2, -0.05, 0.05, 0.2, 0.5)
"""Steps tried for each parameter in a pass of the coordinate search, relative to its value
(or to 0.5 when its magnitude is smaller, so that a parameter at 0 can move)."""

BOUNDS = {
    "indivisibility": (0.0, 1.0),
    "great_power_reach": (0.0, 1.0),
    "threat_weight": (0.0, 1.0),
    "patron_pressure": (0.0, 1.0),
    "decisiveness": (0.05, 20.0),
    "thresholds.sponsor": (0.0, 50.0),
    "thresholds.sponsor_sanctions": (0.0, 50.0),
    "thresholds.sponsor_force": (0.0, 50.0),
}


def case_pairs(cases: list[Case]) -> list[tuple]:
    """(scenario, record) of each case: what the stage-2 and stage-3 losses run on."""
    return [read_case(c) for c in cases]


def read_case(case: Case) -> tuple:
    """(scenario, record) of ``case``, read once per process while neither file changes: the
    fit reads each training case in several stages (the split, the votes of each round of
    stage 1, stage 2), and a scenario of 200 states takes about 0.15 s to read and check.
    Both are frozen models, so sharing them is safe.
    """
    return _read_at(case.scenario, case.record, _stamp(case.scenario), _stamp(case.record))


def _stamp(path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=512)
def _read_at(scenario, record, *_stamps) -> tuple:
    return load_scenario(scenario), load_record(record)


def stepped(value: float, step: float) -> float:
    """``value`` moved by ``step`` (one of :data:`STEPS`) of its magnitude, or of 0.5 when the
    magnitude is smaller (so that a parameter at 0 can move): what the search tries.
    """
    return value + step * max(abs(value), 0.5)


def outward(params: EngineParams, name: str, steps, sign: float):
    """The trials of parameter ``name`` moved from its value in ``params`` by each of ``steps``
    (relative, :func:`stepped`) on the side of ``sign``, nearest first, as (step, trial
    parameters, value), up to the first move its bounds clip to the value before it (no
    farther that way). What :func:`centre` walks to the edges of a level and
    :func:`collsec.experiments.tipping.tipping_points` to a tipping point.
    """
    current = value_of(params, name)
    last = current
    for step in steps:
        trial = with_values(params, {name: stepped(current, sign * step)})
        value = value_of(trial, name)
        if value == last:  # clipped at a bound
            return
        last = value
        yield step, trial, value


def value_of(params: EngineParams, name: str) -> float:
    """The value of parameter ``name`` (dotted for a threshold: ``thresholds.force``)."""
    if name.startswith("thresholds."):
        return float(getattr(params.thresholds, name.split(".")[1]))
    return float(getattr(params, name))


def with_values(params: EngineParams, values: dict[str, float]) -> EngineParams:
    """``params`` with the parameters of ``values`` (names as :func:`value_of` takes them) set,
    each clipped to its bounds (:data:`BOUNDS`; a weight at least 0, a threshold within
    +/- 50; the support for acting alone unbounded): the values the search may try.
    """
    top, nested = {}, {}
    for name, value in values.items():
        low, high = BOUNDS.get(name, (0.0 if not name.startswith("thresholds.") else -50, 50.0))
        value = min(max(float(value), low), high)
        if name == "unilateral_threshold":
            value = float(values[name])
        if name.startswith("thresholds."):
            nested[name.split(".")[1]] = value
        else:
            top[name] = value
    if nested:
        top["thresholds"] = params.thresholds.model_copy(update=nested)
    return params.model_copy(update=top)


def vote_error(data: VoteData | None, params: EngineParams) -> float:
    """Share of the votes of ``data`` the engine's rule under ``params`` gets wrong."""
    if data is None or len(data.vote) == 0:
        return 0.0
    magnitudes = np.array([_magnitudes(params)[c] for c in COLUMNS])
    t = params.thresholds
    thresholds = np.array([t.condemnation, t.sanctions, t.force])
    signs = np.array([SIGN[c] for c in COLUMNS], dtype=float)
    s = design_at(data, params) @ (signs * magnitudes) + t.deference * _lead(data)
    th = thresholds[data.measure]
    predicted = np.where(s >= th, 0, np.where(s < th - t.band, 2, 1))
    return float(np.mean(predicted != data.vote))


def outcome_loss(
    pairs: list, params: EngineParams, draws: int, seed: int, votes: VoteData | None = None
) -> dict:
    """The stage-2 objective over ``(scenario, record)`` pairs: :data:`RESPONSE_WEIGHT` and
    :data:`RESULT_WEIGHT` times the expected responses and results missed (the share of the
    draws that miss, summed over the cases), :data:`LOGLIK_WEIGHT` times -sum log P(recorded
    result), and :data:`VOTE_WEIGHT` times the share of the training votes missed. Also the
    counts the report uses (``missed``, ``results_missed``: the engine's most frequent
    response and result against the record).
    """
    loglik, expected, expected_results, missed, results_missed, rows = 0.0, 0.0, 0.0, 0, 0, []
    for scenario, record in pairs:
        r = run_crisis(scenario, params, draws=draws, seed=seed, explain=False)
        p = r.probabilities.get(record.result, 0.0)
        loglik += math.log(max(p, 0.5 / draws))
        expected += 1.0 - r.response_probabilities.get(record.response, 0.0)
        expected_results += 1.0 - p
        missed += r.response != record.response
        results_missed += r.result != record.result
        rows.append((scenario.name, record.response, r.response, record.result, r.result))
    wrong = vote_error(votes, params)
    loss = RESPONSE_WEIGHT * expected + RESULT_WEIGHT * expected_results - LOGLIK_WEIGHT * loglik
    return {
        "loss": loss + VOTE_WEIGHT * wrong,
        "loglik": loglik,
        "expected_missed": expected,
        "expected_results_missed": expected_results,
        "missed": missed,
        "results_missed": results_missed,
        "vote_error": wrong,
        "rows": rows,
    }


SHRINK = {
    **dict.fromkeys(RESPONSE_VALUES, math.inf),
    **dict.fromkeys(WAR_VALUES, 0.0),
    "thresholds.condemnation": 0.0,
    "thresholds.force": 0.0,
    "threat_weight": 0.0,
}
"""Weight *lambda* of the pull of each searched value toward its prior in the stage-2
objective (:func:`shrinkage`); 0: none, ``math.inf``: the value stays at its prior and is not
searched. Chosen by five-fold cross-validation within the training part (``collsec validate
cv``; docs/validation.md, section 5, "Shrinking the searched values" and rule R3): the
response's values stay at their priors, the war's are searched with no pull (W). Of every
candidate cross-validated (one pull for all 17 values from 0 to infinity; W; stage 1's vote
rule with sponsors' margins, T, T2, T3), W has the lowest out-of-fold score (two per
response or result missed, 200 times the share of member votes missed: 155.9; the priors
throughout 161.9, lambda = 16 157.0, the search unpulled 164.4) with both response and result
right in 17 of 55 cases (the priors 18); pulling the response's values at 16 beside it (R4)
scored 153.2 but got both right in 14, under the bar of 15. The search of the response's
values fitted the responses of the cases it saw and lost them on the others; the war's values
held out of fold. The thresholds of condemnation and of force are searched too, each chosen
out of fold on folds no earlier candidate had seen (rule Q, condemnation: 246.5 against W's
255.4 over the 93 training cases, both right 19 against 20, every fold at 0.40-0.425; rule F,
force: 232.4 against Q's 246.4, both right 26 against 21, the folds at 0.94-1.04), and so is
the weight of a threat (rule TW: 282.6 against F2's procedure's 289.3, both right 18 against
17, the folds at 0.25-1.0)."""


STAGE_ONE = (
    "concern_scale",
    "indivisibility",
    "thresholds.condemnation",
    "thresholds.sanctions",
    "thresholds.force",
    "power_cost",
    "escalation_cost_force",
)
"""The searched values stage 1 fits too, by likelihood on the recorded votes
(:func:`with_vote_rule`)."""

ANCHOR = "priors"
"""Where a searched value is held, and pulled toward, in stage 2: ``"priors"`` (every value at
its prior), ``"stage1"`` (the values of :data:`STAGE_ONE` at stage 1's estimates, the rest
at their priors) or ``"conditional"`` (every value at its prior, and stage 1 fits the rest of
the vote rule with :data:`STAGE_ONE` held there: :func:`held_in_stage_one`);
``collsec fit --anchor``."""


ANCHORS = ("priors", "stage1", "conditional")
"""The values :data:`ANCHOR` may take (the command line's ``--anchor`` offers the same)."""


def check_anchor(anchor: str) -> None:
    """Raise ValueError unless ``anchor`` is one of :data:`ANCHORS`."""
    if anchor not in ANCHORS:
        raise ValueError(f"anchor: expected one of {', '.join(ANCHORS)}; got {anchor!r}")


def held_in_stage_one(anchor: str) -> tuple[str, ...]:
    """The values stage 1 keeps where stage 2 holds them under ``anchor`` (at their priors, as
    ``collsec fit`` starts): :data:`STAGE_ONE` for ``"conditional"``, else none (stage 1 fits
    them, and stage 2 holds them at their priors or at stage 1's estimates).
    """
    check_anchor(anchor)
    return STAGE_ONE if anchor == "conditional" else ()


def anchors(stage_one: EngineParams | None = None) -> dict[str, float]:
    """The value each searched value is held at and pulled toward: its prior
    (:data:`collsec.crisis.params.PRIORS`), or for :data:`STAGE_ONE` the value of
    ``stage_one`` (stage 1's estimate) when given.
    """
    from collsec.crisis.params import PRIORS

    out = {n: PRIORS[n] for n in OUTCOME}
    if stage_one is not None:
        out |= {n: value_of(stage_one, n) for n in STAGE_ONE}
    return out


def pulls(shrink: float | dict[str, float]) -> dict[str, float]:
    """The pull of each searched value (:data:`OUTCOME`): ``shrink`` for every one, or as a
    mapping (values it leaves out: no pull).
    """
    if isinstance(shrink, dict):
        return {n: float(shrink.get(n, 0.0)) for n in OUTCOME}
    return dict.fromkeys(OUTCOME, float(shrink))


def searched(shrink: float | dict[str, float]) -> tuple[str, ...]:
    """The values stage 2 searches: those whose pull is finite."""
    return tuple(n for n, w in pulls(shrink).items() if not math.isinf(w))


def distance(name: str, value: float, prior: float) -> float:
    """How far ``value`` of searched parameter ``name`` lies from its ``prior``, in the unit
    of a step of the search: the log of their ratio for a weight or a rate whose prior is
    positive (a factor e is 1, up or down alike: restitution and decisiveness are exponents,
    the war's cost a share, and doubling one is as far as halving it), else the difference
    over max(|prior|, 0.5) (a threshold, which may be negative; a weight whose prior is 0).
    """
    if prior > 0 and not name.startswith("thresholds."):
        return math.log(max(value, 1e-3) / prior)
    return (value - prior) / max(abs(prior), 0.5)


def shrinkage(
    params: EngineParams, weight: float | dict[str, float], anchor: dict[str, float] | None = None
) -> float:
    """The sum over :data:`OUTCOME` of each value's pull (``weight``, one for all or by name:
    :func:`pulls`; an infinite pull counts nothing, its value being held at the prior) times
    the squared :func:`distance` of the value from its anchor (:func:`anchors`; by default its
    prior, :data:`collsec.crisis.params.PRIORS`): a ridge penalty, so that a value leaves its prior
    only for a gain in the loss that pays for the move. 55 training cases do not pin 17
    searched values (the folds of :func:`cross_validate` scatter them widely), and unpenalised
    the search fits the responses of the cases it sees.
    """
    anchor = anchor or anchors()
    total = 0.0
    for name, pull in pulls(weight).items():
        if pull and not math.isinf(pull):
            total += pull * distance(name, value_of(params, name), anchor[name]) ** 2
    return float(total)


def stage2_loss(
    pairs: list,
    params: EngineParams,
    draws: int,
    seed: int,
    votes: VoteData | None = None,
    shrink: float | dict[str, float] = 0.0,
    anchor: dict[str, float] | None = None,
) -> dict:
    """The objective stage 2 minimises: :func:`outcome_loss` plus the :func:`shrinkage` of
    weight ``shrink`` toward ``anchor`` (as ``shrinkage`` in the result, and in ``loss``).
    """
    result = outcome_loss(pairs, params, draws, seed, votes)
    pull = shrinkage(params, shrink, anchor)
    return result | {"loss": result["loss"] + pull, "shrinkage": pull}


def stage2_objective(
    pairs: list,
    draws: int,
    seed: int,
    votes: VoteData | None = None,
    shrink: float | dict[str, float] = 0.0,
    anchor: dict[str, float] | None = None,
):
    """:func:`stage2_loss` as a function of the parameters alone, the cases, draws, seed, votes
    and pull fixed: the objective the search (:func:`coordinate_search`) and the centring
    (:func:`centre`) minimise, in a start of the fit and in a fold of the cross-validation.
    """
    return partial(
        stage2_loss, pairs, draws=draws, seed=seed, votes=votes, shrink=shrink, anchor=anchor
    )


def coordinate_search(
    names: tuple[str, ...], objective, params: EngineParams, passes: int
) -> tuple[EngineParams, dict]:
    """Coordinate search over ``names`` from ``params``: each pass tries every parameter at
    the relative :data:`STEPS` and keeps a change when it lowers ``objective(params)["loss"]``;
    stops after ``passes`` passes or a pass that lowers the loss by less than
    :data:`SETTLED`. Deterministic when ``objective`` is (common random numbers).
    Hand-written because the objective is a step function of the parameters (over common
    draws, every probability moves in steps of one draw), where scipy's gradient and simplex
    methods stall.
    """
    best = objective(params)
    for _ in range(passes):
        before = best["loss"]
        for name in names:
            current = value_of(params, name)
            for step in STEPS:
                value = stepped(current, step)
                if value == current:
                    continue
                trial = with_values(params, {name: value})
                result = objective(trial)
                if result["loss"] < best["loss"] - 1e-9:
                    params, best, current = trial, result, value_of(trial, name)
        if before - best["loss"] < SETTLED:  # no change, or too small a gain
            break
    return params, best


CENTRED = SETTLED
"""How far above a point's loss a value may lie and still count as on the same level
(:func:`centre`): a gain the search would not have taken (:data:`SETTLED`)."""

CENTRE_STEPS = (0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32)
"""Relative steps (of the value, or of 0.5 when it is smaller) :func:`centre` walks out
through on each side of a parameter to find the edges of its level."""


def centre(
    names: tuple[str, ...], objective, params: EngineParams
) -> tuple[EngineParams, dict, dict[str, tuple[float, float]]]:
    """Each parameter of ``names`` in turn moved to the middle of its *level*: the range around
    it over which the loss stays within :data:`CENTRED` of the current point's, walked out
    through :data:`CENTRE_STEPS` on each side up to the first value above it, the others held
    (each at its centred value once moved). A move is kept only when the loss at the middle is
    itself on the level, so each move raises the loss by at most :data:`CENTRED`.

    Why: over common draws the loss is a step function of the thresholds (a response is
    decided by the members' support crossing one), and the greedy search stops at the first
    value that reaches a step's floor, on its edge. There a change too small to matter (a
    threshold moved by a fraction of a percent, an input measured a little differently) flips
    responses: with the shipped sanctions threshold of 0.6817 lowered to 0.68, two more
    training responses were missed. Among the values the training cases cannot tell apart, the
    middle is the one farthest from flipping a decision (the widest margin). A parameter whose
    every move costs (the war's, whose loss is smooth in them) stays nearly where it was.
    Returns the parameters, the objective at them, and each parameter moved: from and to.
    """
    best, moved = objective(params), {}
    for name in names:
        level = best["loss"] + CENTRED
        current = value_of(params, name)
        edges = []
        for sign in (-1.0, 1.0):
            edge = current
            for _, trial, value in outward(params, name, CENTRE_STEPS, sign):
                if objective(trial)["loss"] > level:
                    break
                edge = value
            edges.append(edge)
        middle = (edges[0] + edges[1]) / 2
        if middle == current:
            continue
        trial = with_values(params, {name: middle})
        result = objective(trial)
        if result["loss"] <= level:
            params, best, moved[name] = trial, result, (current, value_of(trial, name))
    return params, best, moved


STARTS = 4
"""Starting points of stage 2 (:func:`starting_points`). The coordinate search is greedy, so
its path, not only the loss, can decide where it ends; the fit keeps the best of several."""

SPREAD = 2.0
"""How far the other starts lie from the first: each searched weight times a factor between
1 / SPREAD and SPREAD, each threshold shifted by up to +/- 0.5 (a Latin hypercube)."""


def starting_points(
    params: EngineParams,
    names: tuple[str, ...],
    starts: int,
    seed: int,
    given: EngineParams | None = None,
    warm: EngineParams | None = None,
) -> list[EngineParams]:
    """``params``; then ``params`` with the values of ``names`` taken from ``given`` (the
    parameters the fit was given: the priors, for ``collsec fit``) and from ``warm`` (the
    engine's defaults, the last fit shipped), each when it differs from the points before;
    then points spread around ``params`` over ``names`` by a Latin hypercube
    (:class:`scipy.stats.qmc.LatinHypercube`, seeded: the same seed, the same points), up to
    ``starts`` points in all, the values clipped to their bounds.

    Stage 1 fits the thresholds and the costs of force on the votes alone, and the greedy
    search from there can end far from a better point (the first refit with the restitution
    rule ended 2.3 above the fit from the priors on fresh draws, docs/validation.md section 5);
    the second start begins them where their meaning puts them. The warm start begins where
    the last fit ended, so that a refit of a changed engine cannot lose by the search's path
    alone what the last fit found (the garrison rule's first refit ended 0.9 above the fit it
    was to replace, though at that fit's values the rule scored lower).
    """
    points = [params]
    for other in (given, warm):
        if other is None or len(points) >= starts:
            continue
        start = with_values(params, {name: value_of(other, name) for name in names})
        if start not in points:
            points.append(start)
    if starts <= len(points):
        return points[:starts]
    sample = qmc.LatinHypercube(d=len(names), seed=seed).random(starts - len(points))
    for row in sample:
        values = {}
        for name, u in zip(names, row, strict=True):
            value = value_of(params, name)
            if name.startswith("thresholds."):
                values[name] = value + (u - 0.5)
            else:
                values[name] = value * SPREAD ** (2 * u - 1)
        points.append(with_values(params, values))
    return points


RESCORE_DRAWS = 1000
"""Draws on which every start's end point is scored again, with another seed, before the best
is chosen. The search's draws are common to all its steps, so it can still fit their noise a
little (less since the loss counts expected misses, :data:`RESULT_WEIGHT`); the start that
wins is the one whose end point does best on many fresh draws."""


def _search_from(
    pairs,
    start: EngineParams,
    draws: int,
    seed: int,
    passes: int,
    votes,
    rescore_draws: int,
    shrink: float | dict[str, float] = 0.0,
    anchor: dict[str, float] | None = None,
) -> tuple[EngineParams, dict, dict]:
    """One start of stage 2: :func:`coordinate_search` over :data:`OUTCOME` on
    :func:`stage2_loss`, and its end point scored again on ``rescore_draws`` fresh draws
    (seed + 1), in the same process (a module-level function, so that a process pool can run
    it).
    """
    objective = stage2_objective(pairs, draws, seed, votes, shrink, anchor)
    params, outcome = coordinate_search(searched(shrink), objective, start, passes)
    fresh = stage2_loss(pairs, params, rescore_draws, seed + 1, votes, shrink, anchor)
    return params, outcome, fresh


def _figures(outcome: dict, **extra) -> dict:
    """The figures of a stage-2 loss (:func:`stage2_loss`) without its per-case ``rows``, with
    ``extra`` (the draws it was scored on): what the fit keeps of a scoring.
    """
    return {k: v for k, v in outcome.items() if k != "rows"} | extra


def fit_outcomes(
    cases: list[Case],
    params: EngineParams,
    draws: int = SEARCH_DRAWS,
    seed: int = 0,
    passes: int = PASSES,
    votes: VoteData | None = None,
    starts: int = STARTS,
    workers: int = 1,
    rescore_draws: int = RESCORE_DRAWS,
    given: EngineParams | None = None,
    warm: EngineParams | None = None,
    shrink: float | dict[str, float] = SHRINK,
    anchor: dict[str, float] | None = None,
) -> tuple[EngineParams, dict]:
    """Stage 2: the coordinate search from every point of :func:`starting_points` (``given``:
    the parameters the fit was given, ``warm``: the last fit's, a start each); each end
    point is scored again on ``rescore_draws`` fresh draws (seed + 1, :data:`RESCORE_DRAWS`),
    and the lowest of those losses wins (the first start on a tie). The cases are read once;
    the starts run in ``workers`` processes, and the result does not depend on how many. The
    outcome is the winner's search outcome, with every start's search loss (``starts``), its
    loss on the fresh draws (``rescored``), which start won (``start``) and the winner's
    outcome on the fresh draws (``fresh``). Every loss is :func:`stage2_loss`, with the
    :func:`shrinkage` of weight ``shrink`` toward ``anchor`` (:func:`anchors`; default the
    priors); a value whose pull is ``math.inf`` is set to its anchor and not searched
    (:func:`searched`).
    """
    pairs = case_pairs(cases)
    params = held_at(params, shrink, anchor)
    names = searched(shrink)
    if not names:
        outcome = stage2_loss(pairs, params, draws, seed, votes)
        fresh = stage2_loss(pairs, params, rescore_draws, seed + 1, votes)
        fresh = _figures(fresh, draws=rescore_draws)
        loss = round(fresh["loss"], 3)
        return params, outcome | {"start": 0, "starts": [], "rescored": [loss], "fresh": fresh}
    jobs = [
        (pairs, point, draws, seed, passes, votes, rescore_draws, shrink, anchor)
        for point in starting_points(params, names, starts, seed, given, warm)
    ]
    found = pool_map(_search_from, jobs, workers)
    best = min(range(len(found)), key=lambda k: (found[k][2]["loss"], k))
    losses = [round(outcome["loss"], 3) for _, outcome, _ in found]
    rescored = [round(fresh["loss"], 3) for _, _, fresh in found]
    winner = _figures(found[best][2], draws=rescore_draws)
    return found[best][0], found[best][1] | {
        "start": best,
        "starts": losses,
        "rescored": rescored,
        "fresh": winner,
    }


TOLERANCE = RESPONSE_WEIGHT
"""How far the stage-2 loss may rise for a value to count as within the data's tolerance
(:func:`profile`): one more response, or result, missed."""


def tolerance(fitted: float, values, rises, limit: float = TOLERANCE) -> tuple[float, float]:
    """The range over which the loss rises by less than ``limit``, going out from the fitted
    value through the ``values`` tried on each side (their loss ``rises`` over the fitted
    point's) and stopping at the first that rises by ``limit`` or more.
    """
    below = sorted(((v, r) for v, r in zip(values, rises, strict=True) if v < fitted), reverse=True)
    above = sorted((v, r) for v, r in zip(values, rises, strict=True) if v > fitted)
    bounds = []
    for side in (below, above):
        bound = fitted
        for value, rise in side:
            if rise >= limit:
                break
            bound = value
        bounds.append(bound)
    return bounds[0], bounds[1]


def _profile_one(
    pairs, params: EngineParams, name: str, draws: int, seed: int, votes
) -> tuple[list[float], list[float]]:
    """The stage-2 loss with one parameter moved by each of :data:`STEPS` (module-level, so
    that a process pool can run it).
    """
    current = value_of(params, name)
    values, losses = [], []
    for step in STEPS:
        trial = with_values(params, {name: stepped(current, step)})
        values.append(value_of(trial, name))
        losses.append(outcome_loss(pairs, trial, draws, seed, votes)["loss"])
    return values, losses


def profile(
    cases: list[Case],
    params: EngineParams,
    names: tuple[str, ...] = (),
    draws: int = SEARCH_DRAWS,
    seed: int = 0,
    votes: VoteData | None = None,
    workers: int = 1,
) -> dict[str, dict]:
    """How tightly the training cases pin down each parameter searched in stage 2: its
    stage-2 loss with it moved by each of the search's :data:`STEPS`, the others held at
    their fitted values, on common draws not used by the search (seed + 2), as the rise over
    the fitted point's loss on the same draws; and its ``tolerance``, the range of the values
    tried over which the loss rises by less than one response missed (:func:`tolerance`).
    The search gives no standard error (its loss is a count of misses, no likelihood, and
    stage 1's bootstrap would have to rerun it twenty times, hours of computing); this is what
    it can say instead. It is no confidence interval: the other parameters could move to make
    up for one, and the range is only as fine as the steps. A bound at the last step tried
    (+/-50%) means the loss is flat at least that far. The parameters run in ``workers``
    processes; the result does not depend on how many.
    """
    names = names or OUTCOME
    pairs = case_pairs(cases)
    base = outcome_loss(pairs, params, draws, seed + 2, votes)["loss"]
    jobs = [(pairs, params, name, draws, seed + 2, votes) for name in names]
    found = pool_map(_profile_one, jobs, workers)
    out = {}
    for name, (values, losses) in zip(names, found, strict=True):
        rises = [loss - base for loss in losses]
        low, high = tolerance(value_of(params, name), values, rises)
        out[name] = {"values": values, "rises": rises, "tolerance": (low, high)}
    return out


def icb_scenarios(data_dir=None, icb_dir=None) -> list:
    """(scenario, recorded outcome) of every eligible ICB crisis of the TRAINING part, drafted
    by the documented mapping (:mod:`collsec.validation.icb`); test crises are never drafted.
    """
    from collsec.data.cow import states_on
    from collsec.data.icb import crises
    from collsec.scenarios.load import parse_yaml, validate
    from collsec.validation.icb import draft_icb, eligible, recorded_outcome, target_of

    out = []
    for crisis in crises(icb_dir, data_dir):
        if not eligible(crisis) or split_of(f"icb-{crisis.crisno}", crisis.crisno) != "train":
            continue
        outcome = recorded_outcome(crisis)
        day = target_of(crisis).trigger_date or crisis.trigger_date
        alive = set(states_on(day, data_dir))
        if outcome is None or not {crisis.trigger_entity, target_of(crisis).code} <= alive:
            continue
        data, lines = parse_yaml(f"ICB {crisis.crisno}", draft_icb(crisis, data_dir))
        out.append((validate(f"ICB {crisis.crisno}", data, lines), outcome))
    return out


def icb_loss(pairs: list, params: EngineParams, draws: int, seed: int) -> dict:
    """Stage-3 objective: ICB outcomes (won, draw, lost) the engine misses, plus
    :data:`LOGLIK_WEIGHT` times -sum log P(recorded outcome).
    """
    from collsec.validation.icb import ENGINE_OUTCOME

    missed, loglik = 0, 0.0
    for scenario, outcome in pairs:
        r = run_crisis(scenario, params, draws=draws, seed=seed, explain=False)
        p = sum(v for k, v in r.probabilities.items() if ENGINE_OUTCOME[k] == outcome)
        loglik += math.log(max(p, 0.5 / draws))
        missed += ENGINE_OUTCOME[r.result] != outcome
    return {"loss": missed - LOGLIK_WEIGHT * loglik, "missed": missed, "loglik": loglik}


def fit_war(
    pairs: list,
    params: EngineParams,
    draws: int = 50,
    seed: int = 0,
    passes: int = 2,
    cases: list[Case] = (),
    votes: VoteData | None = None,
) -> tuple[EngineParams, dict]:
    """Stage 3: :func:`coordinate_search` over :data:`WAR` on the ICB loss of ``pairs`` plus
    the stage-2 loss of ``cases``, so that the ICB crises refine the war parameters without
    undoing the fit to the corpus.
    """
    corpus = case_pairs(cases)

    def objective(p: EngineParams) -> dict:
        war = icb_loss(pairs, p, draws, seed)
        if not corpus:
            return war | {"icb_missed": war["missed"]}
        stage2 = outcome_loss(corpus, p, draws, seed, votes)
        return stage2 | {"loss": stage2["loss"] + war["loss"], "icb_missed": war["missed"]}

    return coordinate_search(WAR, objective, params, passes)


@dataclass
class Fit:
    """A fitted parameter set, its standard errors and what it was fitted on."""

    params: EngineParams
    errors: dict[str, float]
    votes: int
    cases: list[str]
    vote_nll: float
    outcome: dict
    profile: dict = field(default_factory=dict)


def stage_one(
    cases: list[Case],
    params: EngineParams,
    data_dir=None,
    rounds: int = 2,
    unread=None,
    held: tuple[str, ...] = (),
) -> tuple[EngineParams, VoteData, float]:
    """Stage 1 on ``cases`` (all read; the caller picks the training ones): the vote rule by
    maximum likelihood of their votes and decisions (:func:`fit_votes`), repeated until it no
    longer changes the regional request the members weigh (at most ``rounds`` times), the values
    of ``held`` kept at their value in ``params``. Returns the parameters carrying it, the vote
    data of the last round and its objective; the votes that could not be read are appended
    to ``unread``.
    """
    unread = [] if unread is None else unread
    nll = math.nan
    for _ in range(rounds):
        data = vote_data(cases, params, data_dir, unread)
        theta, nll = fit_votes(data, params, held=held)
        updated = vote_params(theta, params)
        if updated == params:
            break
        params = updated
    return params, data, nll


def fit(
    cases: list[Case],
    params: EngineParams | None = None,
    data_dir=None,
    reps: int = 50,
    seed: int = 0,
    draws: int = SEARCH_DRAWS,
    rounds: int = 2,
    passes: int = PASSES,
    icb: bool = False,
    say=lambda message: None,
    starts: int = STARTS,
    workers: int = 1,
    warm: EngineParams | None = None,
    shrink: float | dict[str, float] = SHRINK,
    anchor: str = ANCHOR,
) -> Fit:
    """Stages 1 and 2 on the TRAINING cases of ``cases`` (test cases are dropped here), and
    stage 3 on the ICB training crises when ``icb`` (off by default: docs/validation.md
    section 4 says why). Stage 1's bootstrap and stage 2's starts (:func:`fit_outcomes`) run
    in ``workers`` processes; the result does not depend on how many. ``say`` receives a line
    as each stage starts. ``warm``: the last fit's parameters, a start of stage 2
    (:func:`starting_points`). ``shrink``: the weight of the pull toward the priors in stage
    2 (:func:`shrinkage`; ``math.inf``: the searched values stay at their anchors), and
    ``anchor`` where they are held and pulled toward (:data:`ANCHOR`).
    """
    check_anchor(anchor)
    params = params or EngineParams()
    given = params
    train = training(cases)
    say(f"stage 1: votes and decisions of {len(train)} training cases (ordered logit)")
    unread: list[str] = []
    fixed = held_in_stage_one(anchor)
    params, data, nll = stage_one(train, params, data_dir, rounds, unread, fixed)
    for note in dict.fromkeys(unread):  # each once, in order (every round reads them)
        say(f"note: {note} (the fit goes on without those votes)")
    errors = bootstrap(data, params, reps, seed, workers, fixed)
    held = anchors(params if anchor == "stage1" else None)
    se = dict(zip([*COLUMNS, *TAIL], map(float, errors), strict=True))
    names = searched(shrink)
    if not names:
        where = "its prior" if anchor != "stage1" else "stage 1's estimate, or its prior"
        say(f"stage 2: no search (--shrink inf): every searched value held at {where}")
    else:
        say(
            f"stage 2: {len(names)} values on the responses and results of {len(train)}"
            f" training cases ({draws} draws each), from {starts} starting points"
        )
    params, outcome = fit_outcomes(
        train,
        params,
        draws,
        seed,
        passes,
        data,
        starts=starts,
        workers=workers,
        given=given,
        warm=warm,
        shrink=shrink,
        anchor=held,
    )
    if icb:
        say("stage 3: drafting the ICB crises of the training part")
        pairs = icb_scenarios(data_dir)
        say(f"stage 3: war parameters on {len(pairs)} ICB crises and the corpus")
        params, outcome = fit_war(pairs, params, draws, seed, passes, train, data)
        outcome = outcome | {"icb_crises": len(pairs)}
    if names:
        say(f"stage 2: each searched parameter to the middle of its level ({draws} draws)")
    params, outcome = centre_fit(
        train, params, outcome, draws, seed, data, shrink=shrink, anchor=held
    )
    outcome = outcome | {"shrink": shrink, "anchor": anchor}
    say(f"stage 2: the loss around the fitted values, one parameter at a time ({draws} draws)")
    around = profile(train, params, OUTCOME, draws, seed, data, workers)
    return Fit(params, se, len(data.vote), [c.name for c in train], nll, outcome, around)


def centre_fit(
    cases: list[Case],
    params: EngineParams,
    outcome: dict,
    draws: int = SEARCH_DRAWS,
    seed: int = 0,
    votes: VoteData | None = None,
    rescore_draws: int = RESCORE_DRAWS,
    shrink: float | dict[str, float] = SHRINK,
    anchor: dict[str, float] | None = None,
) -> tuple[EngineParams, dict]:
    """The last step of stage 2: :func:`centre` over :data:`OUTCOME` on the search's objective
    (the same cases, draws and seed), the centred point scored again on ``rescore_draws``
    fresh draws (seed + 1) as the search's winner was. ``outcome`` (the search's) keeps its
    record of the starts; the figures become the centred point's, with ``centred``: each
    parameter moved, from and to. After stage 3 (``--icb``) the centring reads the stage-2 loss
    alone, and the ICB figures stay those of stage 3's end, before it.
    """
    names = searched(shrink)
    if not names:  # the values are their priors: nothing to centre
        return params, outcome | {"centred": {}}
    pairs = case_pairs(cases)
    objective = stage2_objective(pairs, draws, seed, votes, shrink, anchor)
    params, best, moved = centre(names, objective, params)
    fresh = stage2_loss(pairs, params, rescore_draws, seed + 1, votes, shrink, anchor)
    fresh = _figures(fresh, draws=rescore_draws)
    return params, outcome | _figures(best) | {"fresh": fresh, "centred": moved}


def training(cases: list[Case]) -> list[Case]:
    """The cases of the training part (:func:`collsec.validation.corpus.split_of`), in order."""
    train = []
    for case in cases:
        scenario, _ = read_case(case)
        if split_of(scenario.name, scenario.icb) == "train":
            train.append(case)
    return train


def training_loss(
    cases: list[Case],
    params: EngineParams,
    draws: int,
    seeds: list[int],
    data_dir=None,
    warnings: list[str] | None = None,
) -> list[dict]:
    """The stage-2 loss (:func:`outcome_loss`) of ``params`` on the training cases of
    ``cases``, once per seed of fresh draws: what the rule for shipping a refit reads
    (docs/validation.md, section 5). One dict per seed: seed, loss, responses_missed,
    results_missed, vote_error. Roll calls not read go to ``warnings`` (:func:`vote_data`).
    """
    train = training(cases)
    pairs = case_pairs(train)
    votes = vote_data(train, params, data_dir, warnings)
    rows = []
    for seed in seeds:
        o = outcome_loss(pairs, params, draws, seed, votes)
        rows.append(
            {
                "seed": seed,
                "loss": round(o["loss"], 3),
                "responses_missed": o["missed"],
                "results_missed": o["results_missed"],
                "vote_error": round(o["vote_error"], 4),
            }
        )
    return rows


def held_at(
    params: EngineParams,
    shrink: float | dict[str, float] = math.inf,
    anchor: dict[str, float] | None = None,
) -> EngineParams:
    """``params`` with each value of :data:`OUTCOME` whose pull (``shrink``) is infinite at
    its anchor (:func:`anchors`; default the priors; by default every value).
    """
    anchor = anchor or anchors()
    held = [n for n in OUTCOME if n not in searched(shrink)]
    return with_values(params, {name: anchor[name] for name in held}) if held else params


def _fold_fit(
    cases: list[Case],
    k: int,
    folds: int,
    params,
    data_dir,
    draws,
    seed,
    passes,
    shrink=0.0,
    anchor: str = "priors",
):
    """One fold of :func:`cross_validate`: stage 2 refitted without fold ``k``, from the
    anchors of the searched values (with the pull toward them of weight ``shrink``), and the
    cases of fold ``k`` run at the values found, their recorded member votes scored by the
    vote rule at those values (module-level, so that a process pool can run it). With
    ``anchor="stage1"`` stage 1 is refitted without fold ``k`` first, from the priors as
    ``collsec fit`` starts (:func:`stage_one`; ``params`` is then not used), and its estimates
    are the anchors (:func:`anchors`); with ``"conditional"`` too, :data:`STAGE_ONE` held at
    the priors (:func:`held_in_stage_one`), which stay the anchors.
    """
    held = [c for i, c in enumerate(cases) if i % folds == k]
    rest = [c for i, c in enumerate(cases) if i % folds != k]
    votes = None
    if anchor != "priors":  # from the priors, as collsec fit starts
        from collsec.crisis.params import prior_params

        fixed = held_in_stage_one(anchor)
        params, votes, _ = stage_one(rest, prior_params(), data_dir, held=fixed)
    at = anchors(params if anchor == "stage1" else None)
    found = held_at(params, math.inf, at)  # every fold starts from the anchors
    names = searched(shrink)
    if names:
        votes = votes if votes is not None else vote_data(rest, params, data_dir, [])
        pairs = case_pairs(rest)
        objective = stage2_objective(pairs, draws, seed, votes, shrink, at)
        found, _ = coordinate_search(names, objective, found, passes)
    rows = []
    for scenario, record in case_pairs(held):
        r = run_crisis(scenario, found, draws=draws, seed=seed, explain=False)
        rows.append(
            {
                "case": scenario.name,
                "fold": k,
                "response": record.response,
                "result": record.result,
                "predicted_response": r.response,
                "predicted_result": r.result,
            }
        )
    held_votes = vote_data(held, found, data_dir, [])
    n = len(held_votes.vote)
    wrong = round(vote_error(held_votes, found) * n)
    return rows, {name: value_of(found, name) for name in OUTCOME}, (n, wrong)


def cross_validate(
    cases: list[Case],
    params: EngineParams,
    folds: int = 5,
    data_dir=None,
    draws: int = SEARCH_DRAWS,
    seed: int = 0,
    passes: int = 2,
    workers: int = 1,
    shrink: float | dict[str, float] = 0.0,
    anchor: str = "priors",
    fold_seed: int | None = None,
) -> dict:
    """K-fold cross-validation of stage 2 within the TRAINING cases (the test part is never
    read): the training cases in name order (or, with ``fold_seed``, in an order drawn with that
    seed: other folds, for a candidate judged after many were scored on the first ones) are
    dealt into ``folds`` folds (case i to fold i mod ``folds``); for each fold the stage-2
    search (:func:`coordinate_search`, ``passes`` passes, one start at the anchors of the
    searched values, the vote rule of ``params``) runs on the other folds, and the fold's cases
    are run at the values it finds; ``shrink``, the pull toward the anchors (:func:`shrinkage`;
    ``math.inf``: no search, the anchors). ``anchor``: ``"priors"``, or ``"stage1"``: each fold
    refits stage 1 without its cases and holds the values stage 1 fits at its estimates, or
    ``"conditional"``: each fold refits stage 1 without its cases with those values held at
    their priors (:data:`ANCHOR`). Returns each case's recorded and out-of-fold predicted
    response and result, each fold's values, and the training member votes (``votes``: how
    many, and how many the vote rule gets right at the values found without their case's fold).

    Why: the shipped fit's training figures are in sample, and stage 2 may search 19 values on
    55 cases; this says how the search does on training cases it did not see, without
    touching the test part. It is a diagnostic, not a fit: a fold starts at the priors only
    (the shipped fit keeps the best of four starts, one of them the last fit's values, which
    saw every case), and unless anchored at stage 1 stage 1 is not refitted per fold (the
    vote rule saw every training vote), so it measures the search's overfitting, not the
    whole procedure's.
    """
    check_anchor(anchor)
    train = sorted(training(cases), key=lambda c: c.name)
    if fold_seed is not None:
        train = [train[i] for i in np.random.default_rng(fold_seed).permutation(len(train))]
    jobs = [
        (train, k, folds, params, data_dir, draws, seed, passes, shrink, anchor)
        for k in range(folds)
    ]
    found = pool_map(_fold_fit, jobs, workers)
    rows = [row for fold_rows, _, _ in found for row in fold_rows]
    votes = sum(n for _, _, (n, _) in found)
    wrong = sum(wrong for _, _, (_, wrong) in found)
    return {
        "folds": folds,
        "shrink": _shrink_text(shrink),
        "anchor": anchor,
        "fold_seed": fold_seed,
        "cases": len(rows),
        "rows": sorted(rows, key=lambda r: r["case"]),
        "values": [values for _, values, _ in found],
        "votes": {"n": votes, "right": votes - wrong},
        "score": out_of_fold_score(rows, votes, wrong),
    }


def out_of_fold_score(rows: list[dict], votes: int, wrong: int) -> float:
    """The stage-2 loss's weights applied to out-of-fold counts: :data:`RESPONSE_WEIGHT` per
    response missed, :data:`RESULT_WEIGHT` per result missed, :data:`VOTE_WEIGHT` times the
    share of member votes missed (lower is better; the criterion of rules T to R4,
    docs/validation.md section 5). A response or result counts as missed when the most
    frequent one over the draws is not the recorded one, as the report counts it.
    """
    responses = sum(r["predicted_response"] != r["response"] for r in rows)
    results = sum(r["predicted_result"] != r["result"] for r in rows)
    share = wrong / votes if votes else 0.0
    return round(RESPONSE_WEIGHT * responses + RESULT_WEIGHT * results + VOTE_WEIGHT * share, 2)


def _shrink_text(weight: float | dict[str, float]) -> dict[str, float | str]:
    """Each searched value's pull toward its prior as YAML and JSON hold it (``inf`` as
    text).
    """
    return {n: "inf" if math.isinf(w) else w for n, w in pulls(weight).items()}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


def _fresh(outcome: dict | None) -> dict | None:
    """The winner's stage-2 figures on the fresh draws (:data:`RESCORE_DRAWS`)."""
    if outcome is None:
        return None
    return {
        "draws": outcome["draws"],
        "loss": round(outcome["loss"], 3),
        "responses_missed": outcome["missed"],
        "results_missed": outcome["results_missed"],
        **({"shrinkage": round(outcome["shrinkage"], 3)} if outcome.get("shrinkage") else {}),
    }


def to_yaml_data(result: Fit, command: str) -> dict:
    """The content of ``fitted.yaml``."""
    p = result.params
    values = {
        "concern_scale": p.concern_scale,
        "indivisibility": p.indivisibility,
        **{name: value_of(p, name) for name in PARAMETER_OF.values()},
        "thresholds.condemnation": p.thresholds.condemnation,
        "thresholds.sanctions": p.thresholds.sanctions,
        "thresholds.force": p.thresholds.force,
        "thresholds.band": p.thresholds.band,
        "thresholds.deference": p.thresholds.deference,
        **{name: value_of(p, name) for name in (*OUTCOME, *WAR)},
    }
    refitted = {*OUTCOME, *WAR}  # moved after the bootstrap: its SE no longer applies
    out = {}
    for name, value in values.items():
        se = None if name in refitted else result.errors.get(COLUMN_OF.get(name, name))
        # Full precision: the search ends at the edge of a step of its loss, and a value rounded
        # to 4 decimals once crossed it (a response flipped; docs/validation.md section 4).
        out[name] = {"value": float(value)}
        if se is not None:
            out[name]["se"] = round(float(se), 4)
        if name in result.profile:
            around = result.profile[name]
            out[name]["tolerance"] = [float(v) for v in around["tolerance"]]
            out[name]["loss_rise"] = [round(float(r), 3) for r in around["rises"]]
    return {
        "command": command,
        "date": dt.date.today().isoformat(),
        "procedure": "collsec.validation.fit (docs/validation.md)",
        "se": "bootstrap over the training cases of stage 1; none for the parameters searched "
        "in stages 2-3",
        "tolerance": "for each parameter searched in stage 2, the values tried around the "
        f"fitted one (steps {', '.join(f'{s:+.0%}' for s in STEPS)} of the value, or of 0.5 "
        "when it is smaller, clipped to the bounds; loss_rise: the stage-2 "
        "training loss at each, on fresh draws, over the fitted point's) over which the loss "
        f"rises by less than {TOLERANCE:g} (one more response or result missed), the others "
        "held: not a confidence interval",
        "training_cases": len(result.cases),
        "training_case_names": sorted(result.cases),
        "training_votes": result.votes,
        "vote_nll": round(result.vote_nll, 3),
        "outcome": {
            "loss": _rounded(result.outcome.get("loss")),
            "start": result.outcome.get("start"),
            "loss_from_each_start": result.outcome.get("starts"),
            "loss_from_each_start_on_fresh_draws": result.outcome.get("rescored"),
            "on_fresh_draws": _fresh(result.outcome.get("fresh")),
            "loglik": round(result.outcome["loglik"], 3),
            "responses_missed": result.outcome["missed"],
            "results_missed": result.outcome.get("results_missed"),
            "vote_error": round(result.outcome.get("vote_error", 0.0), 4),
            "icb_crises": result.outcome.get("icb_crises"),
            "icb_outcomes_missed": result.outcome.get("icb_missed"),
            "shrink": _shrink_text(result.outcome.get("shrink", 0.0)),
            "anchor": result.outcome.get("anchor", "priors"),
            "centred": {
                name: [float(a), float(b)]
                for name, (a, b) in result.outcome.get("centred", {}).items()
            },
        },
        "values": out,
    }
