"""A simple yes/no game: the form every voting-power index takes as input.

A :class:`Game` is an intersection of weighted games: a coalition wins iff, in every
component, its weight reaches the component's quota. :meth:`Game.from_rule` reads a
:class:`~collsec.voting.rules.DecisionRule` through
:func:`~collsec.voting.rules.weighted_games` (the one representation of a rule), so
"9 of 15 and all five permanent members" is the components [9; 1 x 15] and [5; 1 x P5].
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from collsec.voting.rules import DecisionRule, weighted_games


@dataclass(frozen=True, eq=False)
class Game:
    """A coalition wins iff, for every component c, sum of weights[c] over it >= quotas[c].

    Attributes
    ----------
    players:
        Names, in order.
    weights:
        Array of shape (components, players), weights >= 0.
    quotas:
        Array of shape (components,).

    """

    players: tuple[str, ...]
    weights: np.ndarray
    quotas: np.ndarray

    @classmethod
    def weighted(
        cls, weights: Sequence[float], quota: float, players: Sequence[str] | None = None
    ) -> Game:
        """The weighted game [quota; w_1, ..., w_n]; players named P1..Pn unless given."""
        w = np.asarray(weights, dtype=float)
        names = tuple(players) if players is not None else tuple(f"P{i + 1}" for i in range(len(w)))
        return cls(names, w[None, :], np.array([float(quota)]))

    @classmethod
    def from_rule(
        cls, rule: DecisionRule, members: Sequence[str], permanent: Iterable[str] = ()
    ) -> Game:
        """The yes/no reading of a decision rule over ``members`` ("not yes" counts as "no")."""
        games = weighted_games(rule, members, permanent)
        if not games:
            raise ValueError("the rule gives no condition to win")
        return cls(tuple(members), np.array([g[0] for g in games]), np.array([g[1] for g in games]))

    @property
    def n(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def key(self) -> tuple:
        """A hashable identity of the game (players, weights, quotas)."""
        return (self.players, self.weights.tobytes(), self.weights.shape, self.quotas.tobytes())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Game) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def wins(self, yes_by_class: np.ndarray, class_weights: np.ndarray) -> np.ndarray:
        """Whether coalitions given as yes-counts per class win (rows of ``yes_by_class``)."""
        totals = yes_by_class @ class_weights
        return np.all(totals >= self.quotas - 1e-9, axis=-1)

    def classes(self) -> tuple[np.ndarray, np.ndarray]:
        """(class of each player, weight column of each class).

        Players with the same weight in every component are interchangeable: same power.
        """
        columns = [tuple(self.weights[:, j]) for j in range(self.n)]
        distinct = list(dict.fromkeys(columns))
        index = {c: i for i, c in enumerate(distinct)}
        return np.array([index[c] for c in columns], dtype=int), np.array(distinct, dtype=float)
