"""Mobilisation: who actually fights or sanctions, and who free-rides.

Pure functions over arrays aligned with the scenario's actors; draws have replicates on the
leading axis. Two sides can take the field against an aggressor: the target defending itself
with the states pledged to defend it and the forces already in place (self-defence, Charter
Art. 51: :func:`self_defence`), and a coalition a body or a lone state put together
(:func:`willing`, :func:`join_with_confidence`).
"""

from __future__ import annotations

import numpy as np

from collsec.crisis.params import EngineParams


def willing(
    support: np.ndarray,
    eligible: np.ndarray,
    obliged: np.ndarray,
    threshold: float,
    params: EngineParams,
) -> np.ndarray:
    """Members ready to act: eligible ones whose support reaches ``threshold``, and obliged ones
    (a treaty or a binding decision) unless they oppose (support more than ``band`` below).
    """
    band = params.thresholds.band
    return (eligible & (support >= threshold)) | (obliged & (support >= threshold - band))


def join_with_confidence(
    ready: np.ndarray, power: np.ndarray, target: int, enemy_power: float, params: EngineParams
) -> np.ndarray:
    """Which ready members join, given what they expect of the others (mutual confidence).

    A ready member joins when its own power at the theatre, plus the target's, plus
    ``mutual_confidence`` times the power of the other ready members, at least matches the
    aggressor's side: it expects a coalition that can win. With low confidence each holds
    back and waits for others (the assurance problem of collective action). ``power`` is what
    each brings to the theatre (:func:`fielded`: a garrison fighting where it stands, only
    itself).
    """
    total = float(power[ready].sum())
    own = np.where(ready, power, 0.0)
    others = total - own
    target_power = 0.0 if ready[target] else power[target]
    expected = own + target_power + params.mutual_confidence * others
    joined = ready & (expected >= enemy_power)
    joined[target] = True
    return joined


def pledged_defence(sit, force_support: np.ndarray, params: EngineParams) -> np.ndarray:
    """Who defends the target with all its power from the first day: the target itself and its
    treaty defenders unless they oppose (support for force more than ``band`` below the force
    threshold).
    """
    threshold = params.thresholds.force - params.thresholds.band
    side = sit.defenders & (force_support >= threshold)
    side[sit.target] = True
    return side


def self_defence(sit, force_support: np.ndarray, params: EngineParams) -> np.ndarray:
    """Who defends the target from the first day: :func:`pledged_defence`, and every actor with
    forces in place at the theatre outside the aggressor's side (they fight where they stand).
    """
    return pledged_defence(sit, force_support, params) | ((sit.in_place > 0) & ~sit.aggressor_side)


def fielded(sit, fighters: np.ndarray, whole: np.ndarray, power: np.ndarray) -> np.ndarray:
    """The power each actor fields at the theatre, shape (n,): all its power there (``power``)
    when it fights by its pledge or its will (``whole``); only its forces in place when they
    alone fight, a garrison fighting where it stands while its state stays out (Britain's
    bases on Cyprus in 1974); 0 for the others.
    """
    garrison = sit.capability * sit.in_place
    return np.where(fighters & whole, power, np.where(fighters, garrison, 0.0))


def trade_shares(
    capability: np.ndarray,
    explicit: dict[int, float],
    aggressor_side: np.ndarray,
) -> np.ndarray:
    """The aggressor's share of trade with each actor, 0..1.

    Stated shares are used as given; the rest of its trade is spread over the other actors in
    proportion to their share of world power (capability), the remainder being with the part
    of the world not in the scenario (which does not sanction). A gravity-free proxy, used only
    where the scenario states no trade figures.
    """
    shares = np.zeros_like(capability)
    for i, s in explicit.items():
        shares[i] = s
    rest = 1.0 - sum(explicit.values())
    listed = np.zeros(len(capability), dtype=bool)
    listed[list(explicit)] = True
    free = ~listed & ~aggressor_side
    world_outside_side = max(
        1e-12, 1.0 - float(capability[aggressor_side].sum()), float(capability[free].sum())
    )
    shares[free] = rest * capability[free] / world_outside_side
    return shares
