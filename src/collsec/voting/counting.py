"""Which exact method counts a game: by classes of players, or by generating functions.

* few classes of interchangeable players (councils, whatever their size): enumerate yes
  counts per class, exact integers and fractions (:mod:`collsec.voting.classes`);
* one weighted game with many distinct weights: generating functions over weight
  (:mod:`collsec.voting.generating`), float64 with relative error ~1e-12;
* otherwise (a composite rule over many distinct players): not computed, with a clear
  error, rather than sampled.

Results are cached per game, so asking for several indices counts once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from collsec.errors import CollsecError
from collsec.voting import classes, generating
from collsec.voting.game import Game


class GameTooLarge(CollsecError):
    """A composite game with too many distinct players to count exactly."""


@dataclass(frozen=True)
class Decisiveness:
    """Per player, the probability of being decisive when all others vote at random
    (``decisive`` = swings / 2^(n-1), the absolute Banzhaf index); for the body, the share of
    winning coalitions (``power_to_act``); exact counts where the class method gave them.
    """

    decisive: np.ndarray
    power_to_act: float
    swings: tuple[int, ...] | None = None
    winning: int | None = None


SMALL_CLASS_VECTORS = 4096
"""A single weighted game with more class-count vectors goes to generating functions."""


def _method(game: Game) -> str:
    vectors = classes.vectors(game)
    single = game.weights.shape[0] == 1 and np.allclose(game.weights, np.round(game.weights))
    if vectors <= SMALL_CLASS_VECTORS or (vectors <= classes.MAX_CLASS_VECTORS and not single):
        return "classes"
    if single:
        return "generating"
    raise GameTooLarge(
        f"a rule combining {game.weights.shape[0]} conditions over {game.n} players of "
        f"{len(game.classes()[1])} different kinds: too many to count exactly (limit: "
        f"{classes.MAX_CLASS_VECTORS:,} combinations of yes-counts per kind of player). "
        "Group players into fewer kinds, or use a single weighted game."
    )


@lru_cache(maxsize=32)
def _class_counts(game: Game) -> classes.ClassCounts:
    return classes.count(game)


@lru_cache(maxsize=32)
def decisiveness(game: Game) -> Decisiveness:
    """Swings and winning coalitions of ``game`` by the exact method that fits it."""
    if _method(game) == "classes":
        c = _class_counts(game)
        n = game.n
        return Decisiveness(
            decisive=np.array([s / 2 ** (n - 1) for s in c.swings], dtype=float),
            power_to_act=c.winning / 2**n,
            swings=c.swings,
            winning=c.winning,
        )
    w, q = game.weights[0], game.quotas[0]
    return Decisiveness(
        decisive=generating.decisive_probability(w, q),
        power_to_act=generating.passing_probability(w, q),
    )


@lru_cache(maxsize=32)
def shapley_shubik_values(game: Game) -> np.ndarray:
    """Shapley-Shubik index of each player by the exact method that fits ``game``."""
    if _method(game) == "classes":
        return np.array([float(f) for f in _class_counts(game).shapley_shubik])
    return generating.owen_integral(game.weights[0], game.quotas[0])
