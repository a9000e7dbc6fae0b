"""The one rule that turns a situation into each actor's support for a measure.

Every vote, every decision to apply sanctions or join a coalition comes from one number per
actor and measure, its *support* (no list of how history went), the sum of a few terms, each
kept so that a vote can be explained:

    support_i(m) = concern_i + partisanship_i + alliance_i - cost_i(m) - non_intervention_i
    concern_i        = eta * w * severity * (iota + (1 - iota) * relevance_i)
    relevance_i      = max(2 ** (-d_i / D), g * [i is a great power])
    partisanship_i   = alpha * (affinity(i, target) - max affinity(i, aggressor's side))
    alliance_i       = beta * (allied(i, target) - allied(i, aggressor's side))
    cost_i(condemnation) = kappa_T * trade_i + kappa_EC * E
    cost_i(sanctions)    = kappa_T * trade_i + kappa_ES * E
    cost_i(force)        = kappa_T * trade_i + kappa_EF * E + kappa_P * A
    non_intervention_i   = [internal] * (nu - rho * request - pi * R2P)

with w = ``threat_weight`` for an act only threatened (1 for one under way), d_i the
great-circle distance from i's capital to the theatre, iota the indivisibility of
security (the paper's third principle), great powers relevant everywhere to the degree g
(``great_power_reach``; at 1 their reach is global: Lemke's "politically relevant" dyads),
affinity the measured foreign-policy similarity (UN Assembly roll calls), allied a treaty pledge
to defend (ATOP) either way, trade_i the share of i's trade with the aggressor, E = 1 when the
aggressor's side holds a great power or nuclear arms (the escalation risk Claude (1962) and
Kupchan & Kupchan (1995) put at the heart of collective security's limits), A the aggressor
side's share of world power, request = 1 when a regional body of the region has adopted
sanctions or would use force, R2P = 1 for a mass-atrocity situation from the 2005 World Summit
(A/RES/60/1, paras. 138-139).

The aggressor and its side oppose every measure; the target supports every measure. A member
votes yes when support >= the measure's threshold, no when it is more than ``band`` below,
and abstains in between (:func:`vote_of`). An elected member of a global council adds
``thresholds.deference`` times the share of the permanent members present voting yes
(:func:`collsec.crisis.deliberation.elected_gain`): it follows the permanent members' lead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from collsec.crisis.params import EngineParams
from collsec.crisis.situation import Situation
from collsec.institutions import Tool
from collsec.scenarios.model import Scenario
from collsec.voting.rules import Vote

SUPPORT_CAP = 1e6
"""Support of the parties themselves (the target for, the aggressor's side against)."""

R2P_FROM = date(2005, 9, 16)
"""The 2005 World Summit Outcome (A/RES/60/1, paras. 138-139): the responsibility to protect."""

TERMS = ("concern", "partisanship", "alliance", "cost", "non_intervention")
"""The terms of support, in the order they are shown (cost and non-intervention subtract)."""

SUBTRACTED = frozenset({"cost", "non_intervention"})
"""The terms kept as magnitudes that subtract from support (the explanation shows them so)."""


@dataclass(frozen=True)
class Support:
    """Every actor's support for one measure, with its terms (arrays of shape (n,)).

    ``total`` is the sum of the terms (cost and non-intervention subtracted), set to
    +/- :data:`SUPPORT_CAP` for the parties; ``threshold`` is the support a yes needs.
    """

    tool: Tool
    terms: dict[str, np.ndarray]
    total: np.ndarray
    threshold: float


def aggressor_is_strong(sit: Situation) -> bool:
    """Whether the aggressor's side holds a great power or nuclear arms (escalation risk)."""
    side = sit.aggressor_side
    return bool((sit.major[side] | sit.nuclear[side]).any())


FEATURES = (
    "norm",
    "majority",
    "proximity",
    "affinity",
    "alliance",
    "trade",
    "escalation",
    "power",
    "internal",
    "request",
    "r2p",
)
"""Parameter-free features of support, one array each (see :func:`features`)."""


def features(
    sit: Situation,
    scenario: Scenario,
    tool: Tool,
    attributed: bool = True,
    request: bool = False,
    half_distance_km: float = 3000.0,
    reach: float = 1.0,
    threat_weight: float = 1.0,
) -> dict[str, np.ndarray]:
    """The features support is a weighted sum of, for every actor (shape (n,) each).


    ``norm`` severity, times ``threat_weight`` for an act only threatened (concern that does
    not fade); ``majority`` how much the actor votes
    with the Assembly's majority (condemnation only: the habit of joining the many on the
    texts they carry); ``proximity`` severity x relevance;
    ``affinity`` affinity with the target minus the highest with the aggressor's side;
    ``alliance`` a pledge with the target minus one with the aggressor's side; ``trade`` the
    actor's share of trade with the aggressor; ``escalation`` 1 if the aggressor's side holds a
    great power or nuclear arms (weighed per measure: even a condemnation of a great power has
    its price); ``power`` the aggressor side's
    share of world power (force only); ``internal`` 1 in an internal threat; ``request``
    internal and a regional request; ``r2p`` internal, mass atrocities and on or after
    :data:`R2P_FROM`. Unattributed, the features that need a culprit are zero.
    """
    threat = scenario.threat
    n = sit.n
    zero = np.zeros(n)
    relevance = np.maximum(np.exp2(-sit.distance_km / half_distance_km), reach * sit.major)
    side = sit.aggressor_side if attributed else np.zeros_like(sit.aggressor_side)
    against = sit.affinity[:, side].max(axis=1) if side.any() else zero
    allied_against = sit.allied[:, side].any(axis=1) if side.any() else np.zeros(n, bool)
    strong = float(aggressor_is_strong(sit)) if attributed else 0.0
    share = float(sit.capability[sit.aggressor_side].sum()) if attributed else 0.0
    internal = float(threat.kind == "internal")
    r2p = float("mass_atrocity" in threat.classes and threat.date >= R2P_FROM)
    severity = threat.severity * (threat_weight if threat.stage == "threatened" else 1.0)
    return {
        "norm": np.full(n, severity),
        "majority": sit.majority if tool == Tool.CONDEMNATION else zero,
        "proximity": severity * relevance,
        "affinity": sit.affinity[:, sit.target] - against,
        "alliance": sit.allied[:, sit.target].astype(float) - allied_against.astype(float),
        "trade": sit.trade_dependence if attributed else zero,
        "escalation": np.full(n, strong),
        "power": np.full(n, share) if tool == Tool.FORCE else zero,
        "internal": np.full(n, internal),
        "request": np.full(n, internal * float(request)),
        "r2p": np.full(n, internal * r2p),
    }


def weights(params: EngineParams, tool: Tool) -> dict[str, float]:
    """The weight of each feature in support for ``tool`` (costs and restraint negative)."""
    eta, iota = params.concern_scale, params.indivisibility
    escalation = {
        Tool.CONDEMNATION: params.escalation_cost_condemnation,
        Tool.SANCTIONS: params.escalation_cost_sanctions,
        Tool.FORCE: params.escalation_cost_force,
    }[tool]
    return {
        "norm": eta * iota,
        "majority": params.majority_weight,
        "proximity": eta * (1 - iota),
        "affinity": params.partisanship,
        "alliance": params.alliance_weight,
        "trade": -params.trade_cost,
        "escalation": -escalation,
        "power": -params.power_cost,
        "internal": -params.non_intervention,
        "request": params.regional_request,
        "r2p": params.responsibility_to_protect,
    }


TERM_OF = {
    "norm": "concern",
    "majority": "concern",
    "proximity": "concern",
    "affinity": "partisanship",
    "alliance": "alliance",
    "trade": "cost",
    "escalation": "cost",
    "power": "cost",
    "internal": "non_intervention",
    "request": "non_intervention",
    "r2p": "non_intervention",
}
"""The term of the explanation each feature belongs to (cost and restraint shown positive)."""


def support(
    sit: Situation,
    scenario: Scenario,
    params: EngineParams,
    tool: Tool,
    attributed: bool = True,
    request: bool = False,
) -> Support:
    """Support of every actor for ``tool`` against the aggressor. See the module docstring.

    When the aggressor is not attributed (a covert or non-state attack nobody has pinned on
    anyone), only the target side of the rule applies: members can condemn the act, not a
    culprit, and nothing is at stake against a culprit (no cost).
    """
    x = features(
        sit,
        scenario,
        tool,
        attributed,
        request,
        params.concern_half_distance_km,
        params.great_power_reach,
        params.threat_weight,
    )
    w = weights(params, tool)
    terms = {name: np.zeros(sit.n) for name in TERMS}
    for name, value in x.items():
        sign = -1.0 if TERM_OF[name] in SUBTRACTED else 1.0
        terms[TERM_OF[name]] = terms[TERM_OF[name]] + sign * w[name] * value
    total = sum(w[name] * value for name, value in x.items())
    side = sit.aggressor_side if attributed else np.zeros_like(sit.aggressor_side)
    total = np.where(side, -SUPPORT_CAP, total)
    total[sit.target] = SUPPORT_CAP
    threshold = float(getattr(params.thresholds, tool.value))
    return Support(tool=tool, terms=terms, total=total, threshold=threshold)


def vote_of(value: float, threshold: float, band: float) -> Vote:
    """Yes at or above ``threshold``, no more than ``band`` below it, else abstain."""
    if value >= threshold:
        return Vote.YES
    if value < threshold - band:
        return Vote.NO
    return Vote.ABSTAIN


def votes_of(s: Support, params: EngineParams) -> np.ndarray:
    """Every actor's vote on ``s.tool`` by its own support, as an array of :class:`Vote`
    values (shape (n,)).
    """
    band = params.thresholds.band
    total = s.total
    out = np.empty(total.shape, dtype=object)  # as vote_of, for every actor at once
    out.fill(Vote.ABSTAIN)  # (np.full would turn the str enum into a truncated string)
    out[total >= s.threshold] = Vote.YES
    out[total < s.threshold - band] = Vote.NO
    return out
