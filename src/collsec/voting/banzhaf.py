"""The Banzhaf index (Banzhaf 1965, "Weighted voting doesn't work", Rutgers Law Review 19).

A player's swings are the coalitions of the others that lose without it and win with it.
Absolute index: swings / 2^(n-1), the probability of being decisive when every other player
votes yes or no with probability 1/2 (Penrose 1946). Normalised index: the player's share of
all players' swings (sums to 1). Counted exactly (:mod:`collsec.voting.counting`).
"""

from __future__ import annotations

import numpy as np

from collsec.voting.counting import decisiveness
from collsec.voting.game import Game


def absolute(game: Game) -> np.ndarray:
    """Absolute Banzhaf index of each player, in [0, 1]: swings / 2^(n-1)."""
    return decisiveness(game).decisive.copy()


def normalised(game: Game) -> np.ndarray:
    """Normalised Banzhaf index of each player, in [0, 1], summing to 1 (all 0 if no swings)."""
    d = decisiveness(game)
    if d.swings is not None:  # exact ratio of integers
        total = sum(d.swings)
        return np.array([s / total if total else 0.0 for s in d.swings])
    total = d.decisive.sum()
    return d.decisive / total if total > 0 else np.zeros(game.n)
