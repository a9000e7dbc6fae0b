"""Coleman's measures (Coleman 1971, "Control of collectivities and the power of a
collectivity to act", in Lieberman (ed.), *Social Choice*, 269-300).

With every coalition equally likely (each member votes yes or no with probability 1/2):

* power of the collectivity to act: winning coalitions / 2^n, the probability that a draft
  passes (today's Security Council: 848 / 32768 = 0.0259);
* a member's power to prevent action: its swings / winning coalitions (the share of
  winning coalitions it can turn into losing ones);
* a member's power to initiate action: its swings / losing coalitions.

All in [0, 1]. Counted exactly (:mod:`collsec.voting.counting`).
"""

from __future__ import annotations

import numpy as np

from collsec.voting.counting import decisiveness
from collsec.voting.game import Game


def power_to_act(game: Game) -> float:
    """Coleman's power of the collectivity to act: winning coalitions / 2^n, in [0, 1]."""
    return decisiveness(game).power_to_act


def prevent(game: Game) -> np.ndarray:
    """Each member's power to prevent action: swings / winning coalitions, in [0, 1]."""
    d = decisiveness(game)
    if d.swings is not None:
        return np.array([s / d.winning if d.winning else 0.0 for s in d.swings])
    # swings / winning = (decisive * 2^(n-1)) / (power_to_act * 2^n)
    return d.decisive / (2 * d.power_to_act) if d.power_to_act > 0 else np.zeros(game.n)


def initiate(game: Game) -> np.ndarray:
    """Each member's power to initiate action: swings / losing coalitions, in [0, 1]."""
    d = decisiveness(game)
    if d.swings is not None:
        losing = 2**game.n - d.winning
        return np.array([s / losing if losing else 0.0 for s in d.swings])
    lose = 1.0 - d.power_to_act
    return d.decisive / (2 * lose) if lose > 0 else np.zeros(game.n)
