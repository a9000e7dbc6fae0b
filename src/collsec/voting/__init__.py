"""Decision rules and voting power.

:mod:`collsec.voting.rules` holds the one representation of a body's decision rule, used by
the crisis engine to decide drafts and, read as a :class:`Game`, to measure power: one module
per index (:mod:`~collsec.voting.banzhaf`, :mod:`~collsec.voting.shapley_shubik`,
:mod:`~collsec.voting.coleman`), listed in :data:`~collsec.voting.power.INDICES`.
"""

from collsec.voting.game import Game
from collsec.voting.power import INDICES, PowerIndices, power_indices
from collsec.voting.reference import REFERENCE_GAMES
from collsec.voting.rules import Decision, DecisionRule, Vote, decide, is_winning, weighted_games

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
