"""Shared kernels of power and war: projection of capability over distance, and the odds of war.

Used by the crisis engine (:mod:`collsec.crisis.deterrence`) and the long-run system model
(:mod:`collsec.system`), so both weigh power the same way. All functions are pure and take
numpy arrays (replicates on the leading axis) or scalars.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def projected_capability(capability: ArrayLike, distance: ArrayLike, half_distance: float):
    """Capability left after projecting it over a distance (Boulding's loss-of-strength gradient).

    Boulding (1962, *Conflict and Defense*) argued that a state's strength falls off with the
    distance from its home base. We use a smooth exponential form that never reaches zero, so
    that a distant great power still counts:

        projected = capability * 0.5 ** (distance / half_distance)

    Parameters
    ----------
    capability:
        Capability at home, >= 0 (e.g. a CINC share of world power, 0..1).
    distance:
        Distance to the theatre, >= 0, in the same unit as ``half_distance`` (km for crises,
        map steps for the system model).
    half_distance:
        Distance at which half the capability is left, > 0.

    """
    capability = np.asarray(capability, dtype=float)
    distance = np.asarray(distance, dtype=float)
    return capability * np.exp2(-distance / half_distance)


def win_probability(side_a: ArrayLike, side_b: ArrayLike, decisiveness: float = 1.0):
    """Probability that side A prevails over side B in war (a ratio-form contest success function).

        p = a**m / (a**m + b**m)

    with ``m`` the decisiveness of war (m = 1: odds equal the capability ratio; larger m: the
    stronger side wins more surely). Tullock (1980); used for war outcomes by Bremer & Mihalka
    (1977) and Cusack & Stoll (1994) in the same ratio form. Where both sides are zero, 0.5.
    """
    a = np.power(np.asarray(side_a, dtype=float), decisiveness)
    b = np.power(np.asarray(side_b, dtype=float), decisiveness)
    total = a + b
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, a / np.where(total > 0, total, 1.0), 0.5)
