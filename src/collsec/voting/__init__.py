"""Decision rules and voting power.

:mod:`collsec.voting.rules` holds the one representation of a body's decision rule, used by
the crisis engine to decide drafts and, read as a :class:`Game`, to measure power: one module
per index (:mod:`~collsec.voting.banzhaf`, :mod:`~collsec.voting.shapley_shubik`,
:mod:`~collsec.voting.coleman`), listed in :data:`~collsec.voting.power.INDICES`.
"""

import importlib

from collsec.voting.rules import Decision, DecisionRule, Vote, decide, is_winning, weighted_games

_LAZY = {
    "Game": "collsec.voting.game",
    "INDICES": "collsec.voting.power",
    "PowerIndices": "collsec.voting.power",
    "power_indices": "collsec.voting.power",
    "REFERENCE_GAMES": "collsec.voting.reference",
}
"""Voting-power names, loaded on first use: the decision rules (which the crisis engine needs)
come without numba."""


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "INDICES",
    "REFERENCE_GAMES",
    "Decision",
    "DecisionRule",
    "Game",
    "PowerIndices",
    "Vote",
    "decide",
    "is_winning",
    "power_indices",
    "weighted_games",
]
