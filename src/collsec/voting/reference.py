"""Reference games with known answers: tests, docs and the benchmark all use these.

* ``unsc``: the Security Council since 1966 (UN Charter Art. 27(3) as amended in 1965):
  9 of 15 votes and no permanent member against. Shapley-Shubik 0.1963 (permanent) and
  0.00186 (elected), normalised Banzhaf 0.1669 and 0.0165, Coleman's power to act
  848 / 32768 = 0.0259 (the values quoted in the voting-power literature, e.g.
  Felsenthal & Machover, *The Measurement of Voting Power*, 1998).
* ``unsc-1946``: the Council of 1946-65: 7 of 11 and no permanent member against; power to
  act 57 / 2048 = 0.0278.
* ``textbook``: [51; 49, 49, 2]: any two of the three win, so all three have equal power
  (1/3 by every index) although the weights differ 49 to 2 - the classic illustration that
  weight is not power (Banzhaf 1965; Felsenthal & Machover 1998).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from collsec.voting.game import Game
from collsec.voting.rules import DecisionRule

P5 = ("CHN", "FRN", "RUS", "UKG", "USA")
"""The permanent members (Correlates-of-War codes)."""


@dataclass(frozen=True)
class ReferenceGame:
    """A game and its published values: ``published[index][player] = value`` (4 decimals,
    or an exact fraction for the power to act, under ``published["power_to_act"][""]``).
    """

    description: str
    game: Game
    published: dict[str, dict[str, float | Fraction]] = field(default_factory=dict)


def _council(elected: int, quota: int) -> Game:
    members = P5 + tuple(f"E{i + 1}" for i in range(elected))
    return Game.from_rule(DecisionRule(quota=quota, veto_holders="permanent"), members, P5)


REFERENCE_GAMES = {
    "unsc": ReferenceGame(
        "UN Security Council since 1966: 9 of 15, no permanent member against",
        _council(10, 9),
        {
            "shapley_shubik": {"USA": 0.1963, "E1": 0.00186},
            "banzhaf": {"USA": 0.1669, "E1": 0.0165},
            "power_to_act": {"": Fraction(848, 32768)},
        },
    ),
    "unsc-1946": ReferenceGame(
        "UN Security Council 1946-65: 7 of 11, no permanent member against",
        _council(6, 7),
        {"power_to_act": {"": Fraction(57, 2048)}},
    ),
    "textbook": ReferenceGame(
        "[51; 49, 49, 2]: any two of three win",
        Game.weighted([49, 49, 2], 51, ("A", "B", "C")),
        {
            "shapley_shubik": {"A": Fraction(1, 3), "C": Fraction(1, 3)},
            "banzhaf": {"A": Fraction(1, 3), "C": Fraction(1, 3)},
            "power_to_act": {"": Fraction(1, 2)},
        },
    ),
}
"""Name -> :class:`ReferenceGame` (a plain registry)."""
