"""Deterrence and war: the aggressor's calculus and the fortunes of war.

War is decided, in this model, by two independent engagements, each won by the coalition with
the probability of the contest function (:func:`collsec.war.win_probability`) of the two
sides' power at the theatre: the coalition reverses the aggression if it wins both, the
aggressor prevails if it wins both, otherwise the war ends in stalemate. So with per-engagement
probability p: P(reversed) = p**2, P(prevailed) = (1 - p)**2, P(stalemate) = 2p(1 - p).
"""

from __future__ import annotations

import numpy as np

from collsec.crisis.params import EngineParams
from collsec.war import win_probability


def war_probabilities(coalition: float, aggressor: float, params: EngineParams):
    """(P reversed, P prevailed) of a war between a coalition and the aggressor's side."""
    p = float(win_probability(coalition, aggressor, params.decisiveness))
    return p * p, (1 - p) * (1 - p)


def aggressor_goes_on(
    stakes: float, p_prevail: float, p_reversed: float, bite: np.ndarray, params: EngineParams
):
    """The aggressor's expected value of going on, of backing down, and whether it goes on.

        go on   = p_prevail * stakes - p_reversed * defeat_cost - bite * sanction_cost
        back    = -backing_down_cost * stakes

    ``bite`` may be an array over draws (the sanctions actually applied in each).
    """
    go = p_prevail * stakes - p_reversed * params.defeat_cost - bite * params.sanction_cost
    back = -params.backing_down_cost * stakes
    return go, back, go >= back


def fight(
    coalition: np.ndarray, aggressor: float, uniforms: np.ndarray, params: EngineParams
) -> np.ndarray:
    """Result codes of wars, one per draw: 1 reversed, -1 prevailed, 0 stalemate.

    ``coalition`` is the coalition's power at the theatre per draw, ``uniforms`` shape (draws, 2).
    """
    p = win_probability(coalition, aggressor, params.decisiveness)
    wins = (uniforms < p[:, None]).sum(axis=1)
    return np.select([wins == 2, wins == 0], [1, -1], 0)
