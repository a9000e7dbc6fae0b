"""Security Council reform: presets as data, their voting power, and the record of vetoes.

:func:`load_presets` reads ``presets.yaml`` (and a user's file of the same shape);
:func:`compare` gives, for each preset, the power of a member of each class, the council's
power to act, and how many historically vetoed drafts would have passed
(:mod:`collsec.reform.record`).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from collsec.errors import InputError
from collsec.voting.power import Game, power_indices
from collsec.voting.rules import DecisionRule


class SeatClass(BaseModel):
    """A class of seats: how many, and whether they hold the veto."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    seats: int = Field(ge=1)
    veto: bool = False


MAX_SEATS = 2_000
"""Most seats a council may have (voting power of 2,000 seats in a few classes takes ~2 s)."""


class Reform(BaseModel):
    """A council design: classes of seats, a decision rule, an optional Assembly override."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
    name: str
    source: str
    classes: dict[str, SeatClass]
    rule: DecisionRule
    assembly_override: float | None = Field(default=None, gt=0, le=1)

    @model_validator(mode="after")
    def _seats(self) -> Reform:
        total = sum(c.seats for c in self.classes.values())
        if not 1 <= total <= MAX_SEATS:
            raise ValueError(f"between 1 and {MAX_SEATS:,} seats in all, got {total:,}")
        return self

    def members(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(member names, veto holders): names are the class name and a number."""
        members, holders = [], []
        for cls, spec in self.classes.items():
            names = [f"{cls}_{i + 1}" for i in range(spec.seats)]
            members += names
            if spec.veto:
                holders += names
        return tuple(members), tuple(holders)

    def game(self) -> Game:
        """The council's yes/no game (a veto waiver or override does not enter voting power)."""
        members, holders = self.members()
        return Game.from_rule(self.rule, members, holders)


class DraftClass(BaseModel):
    """A class of drafts (e.g. mass atrocities), by crisis topic or draft symbol."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    topics: tuple[str, ...] = ()
    drafts: tuple[str, ...] = ()

    def contains(self, topic: str, draft: str) -> bool:
        """Whether a draft with this crisis topic and symbol is in the class."""
        return topic in self.topics or draft in self.drafts


def _parse(text: str, label: str) -> tuple[dict[str, Reform], DraftClass | None]:
    from collsec.inputs import load_mapping

    raw = dict(load_mapping(label, text, "a mapping of preset name -> preset").data)
    atrocity = raw.pop("mass_atrocity", None)
    if atrocity is not None:
        try:
            atrocity = DraftClass.model_validate(atrocity)
        except ValidationError as exc:
            err = exc.errors()[0]
            place = ".".join(str(p) for p in ("mass_atrocity", *err["loc"]))
            raise InputError(
                label,
                place,
                err["msg"].removeprefix("Input should be ").removeprefix("Value error, "),
            ) from None
    presets = {}
    for key, spec in raw.items():
        try:
            presets[key] = Reform.model_validate(spec)
        except ValidationError as exc:
            err = exc.errors()[0]
            place = ".".join(str(p) for p in (key, *err["loc"]))
            raise InputError(
                label,
                place,
                err["msg"].removeprefix("Input should be ").removeprefix("Value error, "),
                err.get("input") if not isinstance(err.get("input"), dict) else None,
            ) from None
    return presets, atrocity


@cache
def _builtin() -> tuple[dict[str, Reform], DraftClass | None]:
    text = resources.files(__package__).joinpath("presets.yaml").read_text(encoding="utf-8")
    return _parse(text, "presets.yaml")


def _user(extra: str | Path) -> tuple[dict[str, Reform], DraftClass | None]:
    from collsec.inputs import read_text

    path = Path(extra)
    return _parse(read_text(path, "a YAML file of reform presets"), str(path))


def load_presets(extra: str | Path | None = None) -> dict[str, Reform]:
    """The built-in presets, plus those of a user's YAML file (same shape)."""
    presets = dict(_builtin()[0])
    if extra is not None:
        presets.update(_user(extra)[0])
    return presets


def mass_atrocity(extra: str | Path | None = None) -> DraftClass:
    """The drafts taken to concern mass atrocities (an assumption, see presets.yaml); a
    user's file of presets may give its own ``mass_atrocity:``.
    """
    own = _user(extra)[1] if extra is not None else None
    return own or _builtin()[1]


def class_power(reform: Reform) -> dict[str, dict]:
    """Per class: its seats, whether it holds the veto, and every index of one member
    (Shapley-Shubik, normalised and absolute Banzhaf, Coleman's power to prevent and to
    initiate); under ``"_council"``, the power to act, the number of winning coalitions (where
    counted) and the number of members.
    """
    game = reform.game()
    idx = power_indices(game)
    out: dict[str, dict] = {}
    for cls, spec in reform.classes.items():
        i = game.players.index(f"{cls}_1")
        out[cls] = {
            "seats": spec.seats,
            "veto": spec.veto,
            "shapley_shubik": float(idx.shapley_shubik[i]),
            "banzhaf": float(idx.banzhaf[i]),
            "banzhaf_absolute": float(idx.banzhaf_absolute[i]),
            "coleman_prevent": float(idx.prevent[i]),
            "coleman_initiate": float(idx.initiate[i]),
        }
    out["_council"] = {
        "power_to_act": idx.power_to_act,
        "winning_coalitions": idx.winning_coalitions,
        "members": game.n,
    }
    return out
