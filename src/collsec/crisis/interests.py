"""The one rule that turns a situation into each actor's support for a measure.

Every vote, every decision to apply sanctions or join a coalition comes from one number per
actor and measure, its *support* (no list of how history went):

    support_i(m) = concern_i + partisanship_i + alliance_i - non_intervention * [m != condemnation
                                                                                and internal]
    concern_i      = eta * severity * (iota + (1 - iota) * 2 ** (-d_i / D))
    partisanship_i = alpha * (affinity(i, target) - affinity(i, aggressor side))
    alliance_i     = beta * (allied(i, target) - allied(i, aggressor side))

with d_i the great-circle distance from i's capital to the theatre, iota the indivisibility
of security (the paper's third principle), and affinity derived from UN General Assembly ideal
points: affinity(i, j) = clip(1 - |x_i - x_j| / s, -1, 1), 0 when either is unknown, overridden
by the scenario's stated ``affinities``. The aggressor, its host and its allies oppose; the
target supports. A member votes yes when support >= the measure's threshold, no when it is
more than ``band`` below, and abstains in between (:func:`vote_of`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from collsec.crisis.params import EngineParams
from collsec.geography import great_circle_km
from collsec.institutions import Tool
from collsec.scenarios.model import Scenario
from collsec.voting.rules import Vote
from collsec.war import projected_capability

SUPPORT_CAP = 1e6
"""Support of the parties themselves (the target for, the aggressor's side against)."""


@dataclass(frozen=True)
class Situation:
    """A scenario as arrays over its actors (in file order): the engine's working form.

    Attributes
    ----------
    codes: actor codes; ``index`` maps code -> position.
    capability: share of world power (CINC), shape (n,).
    is_state: True for states (False for non-state actors).
    distance_km: distance from each actor's capital to the theatre, shape (n,).
    affinity: matrix of affinities in -1..1, shape (n, n).
    allied: boolean matrix of defence pacts, shape (n, n), symmetric: the actors' stated
        ``allies`` and the members of every collective-defence body (NATO Art. 5).
    aggressor, target: positions; ``aggressor_side``: aggressor, host and their allies.

    """

    codes: tuple[str, ...]
    index: dict[str, int]
    capability: np.ndarray
    is_state: np.ndarray
    distance_km: np.ndarray
    affinity: np.ndarray
    allied: np.ndarray
    aggressor: int
    target: int
    aggressor_side: np.ndarray


def situation(scenario: Scenario, params: EngineParams) -> Situation:
    """Arrays of the scenario's actors: capability, distance to the theatre, affinity, alliances."""
    codes = tuple(scenario.actors)
    index = {c: i for i, c in enumerate(codes)}
    actors = list(scenario.actors.values())
    n = len(codes)
    threat = scenario.threat
    theatre = threat.theatre or scenario.actors[threat.target].location
    lat = np.array([a.location.lat for a in actors])
    lon = np.array([a.location.lon for a in actors])
    distance = great_circle_km(lat, lon, theatre.lat, theatre.lon)

    x = np.array([np.nan if a.alignment is None else a.alignment for a in actors])
    affinity = np.clip(1 - np.abs(x[:, None] - x[None, :]) / params.alignment_scale, -1, 1)
    affinity = np.nan_to_num(affinity, nan=0.0)
    for stated in scenario.affinities:
        i, j = (index[c] for c in stated.between)
        affinity[i, j] = affinity[j, i] = stated.value
    np.fill_diagonal(affinity, 1.0)

    allied = np.zeros((n, n), dtype=bool)
    for code, actor in scenario.actors.items():
        for ally in actor.allies:
            allied[index[code], index[ally]] = allied[index[ally], index[code]] = True
    for body in scenario.bodies:  # a collective-defence treaty makes its members allies
        if body.resolved().defends_members:
            seated = [index[m] for m in scenario.members(body)]
            allied[np.ix_(seated, seated)] = True
    np.fill_diagonal(allied, False)

    side = np.zeros(n, dtype=bool)
    side[index[threat.aggressor]] = True
    if threat.host:
        side[index[threat.host]] = True
    side |= allied[side].any(axis=0)
    target = index[threat.target]
    side[target] = False
    return Situation(
        codes=codes,
        index=index,
        capability=np.array([a.capability for a in actors]),
        is_state=np.array([a.kind == "state" for a in actors]),
        distance_km=distance,
        affinity=affinity,
        allied=allied,
        aggressor=index[threat.aggressor],
        target=target,
        aggressor_side=side,
    )


def support(
    sit: Situation, scenario: Scenario, params: EngineParams, tool: Tool, attributed: bool = True
) -> np.ndarray:
    """Support of every actor for ``tool`` against the aggressor, shape (n,). See module doc.

    When the aggressor is not attributed (a covert or non-state attack nobody has pinned on
    anyone), only the target side of the rule applies: members can condemn the act, not a
    culprit.
    """
    threat = scenario.threat
    iota = params.indivisibility
    decay = iota + (1 - iota) * np.exp2(-sit.distance_km / params.concern_half_distance_km)
    concern = params.concern_scale * threat.severity * decay
    side = sit.aggressor_side if attributed else np.zeros_like(sit.aggressor_side)
    toward_target = sit.affinity[:, sit.target]
    against = sit.affinity[:, side].max(axis=1) if side.any() else np.zeros(len(sit.codes))
    partisanship = params.partisanship * (toward_target - against)
    alliance = params.alliance_weight * (
        sit.allied[:, sit.target].astype(float)
        - (sit.allied[:, side].any(axis=1) if side.any() else 0.0)
    )
    value = concern + partisanship + alliance
    if threat.kind == "internal" and tool != Tool.CONDEMNATION:
        value = value - params.non_intervention
    value = np.where(side, -SUPPORT_CAP, value)
    value[sit.target] = SUPPORT_CAP
    return value


def vote_of(value: float, tool: Tool, params: EngineParams) -> Vote:
    """Yes at or above the measure's threshold, no more than ``band`` below it, else abstain."""
    threshold = getattr(params.thresholds, tool.value)
    if value >= threshold:
        return Vote.YES
    if value < threshold - params.thresholds.band:
        return Vote.NO
    return Vote.ABSTAIN


def projected(sit: Situation, params: EngineParams) -> np.ndarray:
    """Each actor's capability at the theatre (Boulding's gradient, :mod:`collsec.war`)."""
    return projected_capability(sit.capability, sit.distance_km, params.projection_half_distance_km)
