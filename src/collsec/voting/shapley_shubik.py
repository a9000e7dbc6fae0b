"""The Shapley-Shubik index (Shapley & Shubik 1954, "A method for evaluating the distribution
of power in a committee system", American Political Science Review 48(3): 787-792).

Of the n! orders in which players could join, the share in which the player is pivotal
(its arrival turns the coalition from losing to winning): sum over the player's swing
coalitions S of |S|! (n - |S| - 1)! / n!. In [0, 1], summing to 1. Counted exactly: by
classes with fractions, or by Owen's integral of generating functions
(:mod:`collsec.voting.generating`), never with n! in floats.
"""

from __future__ import annotations

import numpy as np

from collsec.voting.counting import shapley_shubik_values
from collsec.voting.game import Game


def index(game: Game) -> np.ndarray:
    """Shapley-Shubik index of each player, in [0, 1], summing to 1."""
    return shapley_shubik_values(game).copy()
