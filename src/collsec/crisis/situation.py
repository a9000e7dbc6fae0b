"""A scenario as arrays over its actors: the engine's working form (no decisions here).

Every later stage (interests, deliberation, mobilisation, deterrence) reads this one object,
built once per run from the scenario's measured and stated inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from collsec.crisis.params import EngineParams
from collsec.errors import InputError
from collsec.geography import great_circle_km
from collsec.scenarios.model import Body, Scenario
from collsec.war import projected_capability


@dataclass(frozen=True)
class Situation:
    """The actors of a scenario, in file order, as numpy arrays.

    Attributes
    ----------
    codes, names: actor codes and names; ``index`` maps code -> position.
    capability: share of world power (CINC), shape (n,).
    is_state: True for states; ``seated``: states that can sit in bodies (not populations).
    distance_km: great-circle distance from each actor's capital to the theatre, shape (n,).
    affinity: foreign-policy affinity in -1..1, shape (n, n): measured (the actors'
        ``affinity`` with the parties), else derived from alignment, overridden by stated
        ``affinities``; 0 where nothing is known (an average pair).
    defends: ``defends[i, j]``: i pledged (by treaty) to defend j; ``allied`` is the pledge in
        either direction.
    trade_dependence: share of each actor's trade with the aggressor (0 where unknown).
    majority: how much each actor votes with the Assembly's majority (0 where unknown).
    major, nuclear: great-power and nuclear status on the crisis date.
    in_place: share of each actor's capability already stationed at the theatre.
    aggressor, target: positions; ``aggressor_side``: the aggressor, its host and its
        co-aggressors; ``defenders``: actors pledged to defend the target where the attack
        struck it (:func:`beyond_treaty_area`) and not pledged to defend the aggressor's side
        too (a pledge binds against outsiders: Rio Treaty Art. 7 has the parties call on two
        of them at war to stop, not take sides).
    day: the crisis date.

    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    index: dict[str, int]
    capability: np.ndarray
    is_state: np.ndarray
    seated: np.ndarray
    distance_km: np.ndarray
    affinity: np.ndarray
    defends: np.ndarray
    allied: np.ndarray
    trade_dependence: np.ndarray
    majority: np.ndarray
    major: np.ndarray
    nuclear: np.ndarray
    in_place: np.ndarray
    aggressor: int
    target: int
    aggressor_side: np.ndarray
    defenders: np.ndarray
    day: date

    @property
    def n(self) -> int:
        """Number of actors."""
        return len(self.codes)

    def label(self, i: int) -> str:
        """``Name [CODE]`` of actor ``i``, for text output."""
        return f"{self.names[i]} [{self.codes[i]}]"


def _affinity(scenario: Scenario, index: dict[str, int], params: EngineParams) -> np.ndarray:
    actors = list(scenario.actors.values())
    x = np.array([np.nan if a.alignment is None else a.alignment for a in actors])
    derived = np.clip(1 - np.abs(x[:, None] - x[None, :]) / params.alignment_scale, -1, 1)
    affinity = np.nan_to_num(derived, nan=0.0)
    measured = np.zeros_like(affinity, dtype=bool)
    for code, actor in scenario.actors.items():
        i = index[code]
        for other, value in actor.affinity.items():
            j = index[other]
            affinity[i, j] = value
            measured[i, j] = True
            if not measured[j, i]:
                affinity[j, i] = value
    for stated in scenario.affinities:
        i, j = (index[c] for c in stated.between)
        affinity[i, j] = affinity[j, i] = stated.value
    np.fill_diagonal(affinity, 1.0)
    return affinity


def situation(scenario: Scenario, params: EngineParams) -> Situation:
    """Arrays of the scenario's actors (see :class:`Situation`).

    Raises :class:`InputError` for a scenario without a threat (an incomplete draft).
    """
    threat = scenario.threat
    if threat is None:
        raise InputError(
            scenario.name,
            "threat",
            "a complete scenario; this draft still needs: " + "; ".join(scenario.incomplete()),
        )
    codes = tuple(scenario.actors)
    index = {c: i for i, c in enumerate(codes)}
    actors = list(scenario.actors.values())
    n = len(codes)
    theatre = scenario.theatre()
    lat = np.array([a.location.lat for a in actors])
    lon = np.array([a.location.lon for a in actors])

    defends = np.zeros((n, n), dtype=bool)
    for code, actor in scenario.actors.items():
        for other in actor.pledges.defense:
            defends[index[code], index[other]] = True
    np.fill_diagonal(defends, False)

    side = np.zeros(n, dtype=bool)
    for code in (threat.aggressor, threat.host, *threat.co_aggressors):
        if code is not None:
            side[index[code]] = True
    target = index[threat.target]
    # a pledge binds against outsiders: one bound to the aggressor's side too is no defender
    defenders = defends[:, target] & ~side & ~defends[:, side].any(axis=1)
    defenders[target] = False
    for code in beyond_treaty_area(scenario):
        defenders[index[code]] = False
    return Situation(
        codes=codes,
        names=tuple(a.name for a in actors),
        index=index,
        capability=np.array([a.capability for a in actors], dtype=float),
        is_state=np.array([a.kind == "state" for a in actors]),
        seated=np.array([a.kind == "state" and a.part_of is None for a in actors]),
        distance_km=great_circle_km(lat, lon, theatre.lat, theatre.lon),
        affinity=_affinity(scenario, index, params),
        defends=defends,
        allied=defends | defends.T,
        trade_dependence=np.array([a.trade_with_aggressor or 0.0 for a in actors], dtype=float),
        majority=np.array([a.majority or 0.0 for a in actors], dtype=float),
        major=np.array([a.major_power for a in actors]),
        nuclear=np.array([a.nuclear for a in actors]),
        in_place=np.array([a.forces_in_place for a in actors], dtype=float),
        aggressor=index[threat.aggressor],
        target=target,
        aggressor_side=side,
        defenders=defenders,
        day=threat.date,
    )


def beyond_treaty_area(scenario: Scenario) -> frozenset[str]:
    """The actors whose pledge to defend the target does not reach the place the attack struck.

    A defence treaty may draw an area: the North Atlantic Treaty's Art. 5 answers an armed
    attack in the area of its Art. 6 (so NATO did not take up Goa 1961 or Belize), and the Rio
    Treaty (Art. 4), SEATO (VIII), ANZUS (IV) and the Warsaw Treaty (4) draw theirs. An actor
    is left out when it and the target sit together only in bodies that defend their members
    on the date and whose areas all miss the place struck (:meth:`Scenario.struck`). ATOP's
    dyad-year pledges do not say which treaty they come from, so a pledge between two members
    of such a body is taken to be the body's: a bilateral pledge between them that reaches
    further is not seen (a limit of the input, docs/model.md 3.4).
    """
    reaches: dict[str, bool] = {}
    for body in scenario.bodies:
        if not owes_defence(scenario, body):
            continue
        covers = covers_struck(scenario, body)
        for code in scenario.members(body):
            reaches[code] = reaches.get(code, False) or covers
    return frozenset(code for code, reach in reaches.items() if not reach)


def owes_defence(scenario: Scenario, body: Body) -> bool:
    """Whether ``body`` was bound on the crisis date to defend its members (NATO Art. 5; the
    GCC only from 2000) and the target is one of them.
    """
    return body.resolved().defends_on(scenario.threat.date) and (
        scenario.threat.target in scenario.members(body)
    )


def covers_struck(scenario: Scenario, body: Body) -> bool:
    """Whether ``body``'s treaty area holds the place the attack struck (always, without one)."""
    place = scenario.struck()
    return body.resolved().covers(place.lat, place.lon)


def power_at_theatre(sit: Situation, params: EngineParams) -> np.ndarray:
    """Each actor's capability at the theatre: forces in place count whole, the rest is
    projected from home by Boulding's loss-of-strength gradient (:mod:`collsec.war`).
    """
    home = projected_capability(sit.capability, sit.distance_km, params.projection_half_distance_km)
    return sit.capability * sit.in_place + (1 - sit.in_place) * home
