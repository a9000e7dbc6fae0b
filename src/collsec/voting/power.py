"""Exact voting power: the registry of indices, and all of them at once.

Each index is a module with the same shape - a function of a :class:`Game` returning one
value per player (:mod:`~collsec.voting.banzhaf`, :mod:`~collsec.voting.shapley_shubik`,
:mod:`~collsec.voting.coleman`) - and :data:`INDICES` lists them. Nothing is sampled: the
counts are exact (:mod:`collsec.voting.counting` picks enumeration by classes of players or
generating functions over weights).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from collsec.voting import banzhaf, coleman, shapley_shubik
from collsec.voting.counting import decisiveness
from collsec.voting.game import Game
from collsec.voting.reference import REFERENCE_GAMES

INDICES = {
    "banzhaf": banzhaf.normalised,
    "banzhaf_absolute": banzhaf.absolute,
    "shapley_shubik": shapley_shubik.index,
    "coleman_prevent": coleman.prevent,
    "coleman_initiate": coleman.initiate,
}
"""Index name -> function of a :class:`Game` giving one value per player (a plain registry)."""


@dataclass(frozen=True)
class PowerIndices:
    """Every index of every player (arrays aligned with ``players``), and the body's
    power to act (Coleman), with the exact number of winning coalitions where counted.
    """

    players: tuple[str, ...]
    banzhaf: np.ndarray
    banzhaf_absolute: np.ndarray
    shapley_shubik: np.ndarray
    prevent: np.ndarray
    initiate: np.ndarray
    power_to_act: float
    winning_coalitions: int | None = None


def power_indices(game: Game) -> PowerIndices:
    """All indices of ``game`` (see :data:`INDICES`), counted once."""
    return PowerIndices(
        players=game.players,
        banzhaf=banzhaf.normalised(game),
        banzhaf_absolute=banzhaf.absolute(game),
        shapley_shubik=shapley_shubik.index(game),
        prevent=coleman.prevent(game),
        initiate=coleman.initiate(game),
        power_to_act=coleman.power_to_act(game),
        winning_coalitions=decisiveness(game).winning,
    )


__all__ = ["INDICES", "REFERENCE_GAMES", "Game", "PowerIndices", "power_indices"]
