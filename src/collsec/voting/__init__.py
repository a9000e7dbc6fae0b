"""Decision rules and voting power.

:mod:`collsec.voting.rules` holds the one representation of a body's decision rule, used by
the crisis engine to decide drafts and by :mod:`collsec.voting.power` to measure power.
"""

from collsec.voting.rules import Decision, DecisionRule, Vote, decide, is_winning, weighted_games

__all__ = ["Decision", "DecisionRule", "Vote", "decide", "is_winning", "weighted_games"]
