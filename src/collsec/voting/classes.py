"""Exact counts for games with few classes of interchangeable players (councils).

Players with the same weight in every component game are interchangeable, so it is enough
to enumerate how many of each class vote yes, each count vector standing for
prod_c C(size_c, yes_c) coalitions. Today's Security Council has two classes (5 permanent,
10 elected): 6 x 11 = 66 vectors instead of 2^15 coalitions. Everything is exact: Python
integers for the counts, fractions for Shapley-Shubik (whose weights s! (n - s - 1)! / n!
overflow floats from n = 171 on).

Definitions as in Felsenthal & Machover, *The Measurement of Voting Power* (1998).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from collsec.voting.game import Game

MAX_CLASS_VECTORS = 2_000_000
"""Above this many class-count vectors a game is not enumerated by classes."""


@dataclass(frozen=True)
class ClassCounts:
    """Exact counts, per player: swings (coalitions of the others that the player turns
    from losing to winning), Shapley-Shubik index; and the number of winning coalitions.
    """

    swings: tuple[int, ...]
    shapley_shubik: tuple[Fraction, ...]
    winning: int


def vectors(game: Game) -> int:
    """How many class-count vectors :func:`count` would enumerate."""
    cls, _ = game.classes()
    return math.prod(int(s) + 1 for s in np.bincount(cls))


def _grid(sizes) -> np.ndarray:
    return np.array(list(itertools.product(*[range(int(s) + 1) for s in sizes])), dtype=float)


def _multiplicity(sizes, row) -> int:
    return math.prod(math.comb(int(s), int(c)) for s, c in zip(sizes, row, strict=True))


def count(game: Game) -> ClassCounts:
    """Swings, Shapley-Shubik (exact fractions) and winning coalitions, by classes.

    A player of class t swings for a coalition S of the others when S loses and S + t
    wins; Shapley-Shubik sums |S|! (n - |S| - 1)! / n! over those S (Shapley & Shubik 1954).
    """
    cls, class_w = game.classes()
    sizes = np.bincount(cls, minlength=len(class_w))
    n = game.n
    grid = _grid(sizes)
    winning = sum(_multiplicity(sizes, row) for row in grid[game.wins(grid, class_w)].astype(int))
    fact = [math.factorial(k) for k in range(n + 1)]
    swings, ss = [], []
    for t in range(len(sizes)):
        others = sizes.copy()
        others[t] -= 1
        rows = _grid(others)
        with_t = rows.copy()
        with_t[:, t] += 1
        pivotal = game.wins(with_t, class_w) & ~game.wins(rows, class_w)
        total, share = 0, Fraction(0)
        for row in rows[pivotal].astype(int):
            m = _multiplicity(others, row)
            k = int(row.sum())
            total += m
            share += Fraction(m * fact[k] * fact[n - k - 1], fact[n])
        swings.append(total)
        ss.append(share)
    return ClassCounts(
        swings=tuple(swings[c] for c in cls),
        shapley_shubik=tuple(ss[c] for c in cls),
        winning=winning,
    )
