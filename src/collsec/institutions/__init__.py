"""Institutions as data: membership, decision rules, dated powers, obligations, treaty areas.

An :class:`Institution` describes a kind of body (the Security Council of 1946-65, the League
Council deciding under Article 11, NATO's North Atlantic Council, the OAS...). Who sits in it
for a given crisis is a fact of the scenario (:class:`collsec.scenarios.Body`). Presets live in
``presets.yaml`` beside this module, each with its source; a scenario file may define a new
institution inline with the same fields, without touching code.

Each power a body has (a :class:`Power`: condemnation, sanctions, force) carries the dates
between which it held it, so that the engine uses only what existed on the crisis date: the
General Assembly could recommend measures under Charter Articles 10-11 from 1945, but could
recommend collective force when the Council is blocked only from "Uniting for Peace"
(resolution 377 (V), 3 November 1950).
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from collsec.voting.rules import DecisionRule


class Tool(str, Enum):
    """Measures a body can take, in rising order of force (Charter Arts. 39-42)."""

    CONDEMNATION = "condemnation"
    SANCTIONS = "sanctions"
    FORCE = "force"


LADDER: tuple[Tool, ...] = (Tool.FORCE, Tool.SANCTIONS, Tool.CONDEMNATION)
"""The escalation ladder as tried: force, else sanctions, else condemnation."""


def _within(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or start <= day) and (end is None or day <= end)


def _dates_in_order(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValueError(f"valid_to ({end}) on or after valid_from ({start})")


class Power(BaseModel):
    """One measure a body may take, and the dates between which it could (inclusive).

    A preset may list a tool by name alone (``condemnation``): it then holds for the
    institution's whole life.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    tool: Tool
    valid_from: date | None = None
    valid_to: date | None = None
    source: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Power:
        _dates_in_order(self.valid_from, self.valid_to)
        return self

    def held_on(self, day: date) -> bool:
        """Whether the body held this power on ``day``."""
        return _within(day, self.valid_from, self.valid_to)


class Area(BaseModel):
    """A box of latitude and longitude (degrees) within a treaty's area.

    Treaty areas are drawn as a few boxes: coarse, but enough to tell Europe from the South
    Atlantic (North Atlantic Treaty Art. 6 stops at the Tropic of Cancer).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    lat: tuple[float, float]
    lon: tuple[float, float]

    @field_validator("lat", "lon")
    @classmethod
    def _ordered(cls, value: tuple[float, float]) -> tuple[float, float]:
        if value[0] > value[1]:
            raise ValueError("[minimum, maximum] with minimum <= maximum")
        return value

    def covers(self, lat: float, lon: float) -> bool:
        """Whether the point lies in the box (edges included)."""
        return self.lat[0] <= lat <= self.lat[1] and self.lon[0] <= lon <= self.lon[1]


class Institution(BaseModel):
    """A kind of collective body.

    Attributes
    ----------
    name:
        Human name, e.g. "UN Security Council (1946-65)".
    scope:
        ``"global"`` (its authorisation is the world's: UN bodies, the League), ``"regional"``
        (a regional organisation: OAS, AU, Arab League, EU) or ``"alliance"`` (a
        collective-defence pact: NATO, the Warsaw Pact).
    seats:
        Fixed number of seats, or ``None`` when every member state sits.
    permanent:
        Default permanent members (COW codes); a scenario may name others (e.g. the
        Republic of China in the Council's Chinese seat in 1950).
    rule:
        The decision rule on substantive questions (:class:`collsec.voting.rules.DecisionRule`).
    procedural_rule:
        The rule on procedural questions, where it differs (the Security Council: any nine
        members, no veto, Art. 27(2)); used to refer a blocked question to the Assembly.
    tools:
        The measures it can decide, each a :class:`Power` with its dates (or a plain name).
    sanctions_by_each_member:
        True when sanctions are applied by each member on its own, not decided by the body
        (League Covenant Art. 16(1)): the body's vote names the aggressor; members then apply.
    defends_members:
        True for a collective-defence obligation to members attacked (NATO Art. 5): it acts
        at once under UN Charter Art. 51, before and beside the Council.
    defence_from:
        The date the defence obligation took effect when it came later than the body (the
        GCC's Joint Defence Agreement of 2000); ``None``: from the body's start.
    area:
        Where the defence obligation applies (North Atlantic Treaty Art. 6); empty = anywhere.
    area_note:
        The treaty's words for its area.
    fallback:
        True when the body takes up a threat after a global council is blocked (the General
        Assembly under Articles 10-11 and "Uniting for Peace").
    valid_from, valid_to:
        Dates between which this form of the body existed and sat, so could act (inclusive);
        ``None`` for open. The League's organs end on 14 December 1939, when they last met.
    source:
        Charter article, treaty or resolution the preset is drawn from.

    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    scope: Literal["global", "regional", "alliance"]
    seats: int | None = Field(default=None, ge=1, le=1000)
    permanent: tuple[str, ...] = ()
    rule: DecisionRule
    procedural_rule: DecisionRule | None = None
    tools: tuple[Power, ...] = (Power(tool=Tool.CONDEMNATION),)
    sanctions_by_each_member: bool = False
    defends_members: bool = False
    defence_from: date | None = None
    area: tuple[Area, ...] = ()
    area_note: str = ""
    fallback: bool = False
    valid_from: date | None = None
    valid_to: date | None = None
    source: str = ""

    @field_validator("tools", mode="before")
    @classmethod
    def _powers(cls, value):
        if isinstance(value, list | tuple):
            return tuple({"tool": v} if isinstance(v, str | Tool) else v for v in value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Institution:
        _dates_in_order(self.valid_from, self.valid_to)
        tools = [p.tool for p in self.tools]
        if len(tools) != len(set(tools)):
            raise ValueError("tools: each measure once (give one entry per tool, with dates)")
        if self.seats is not None and len(self.permanent) > self.seats:
            raise ValueError(f"permanent: at most {self.seats} permanent members (the seats)")
        return self

    def valid_on(self, day: date) -> bool:
        """Whether this form of the body existed on ``day``."""
        return _within(day, self.valid_from, self.valid_to)

    def tools_on(self, day: date) -> tuple[Tool, ...]:
        """The measures the body could take on ``day`` (none if it did not exist)."""
        if not self.valid_on(day):
            return ()
        return tuple(p.tool for p in self.tools if p.held_on(day))

    def power(self, tool: Tool) -> Power | None:
        """The body's power to take ``tool``, with its dates, if it has one."""
        return next((p for p in self.tools if p.tool == tool), None)

    def defends_on(self, day: date) -> bool:
        """Whether the body was bound to defend its members on ``day``."""
        return self.defends_members and (self.defence_from is None or self.defence_from <= day)

    def covers(self, lat: float, lon: float) -> bool:
        """Whether a point is in the treaty area (always, when no area is given)."""
        return not self.area or any(a.covers(lat, lon) for a in self.area)


@cache
def presets() -> dict[str, Institution]:
    """The built-in institutions, by key (``unsc``, ``unsc-1946``, ``oas``, ``nato``...)."""
    text = resources.files(__package__).joinpath("presets.yaml").read_text(encoding="utf-8")
    return {key: Institution.model_validate(spec) for key, spec in yaml.safe_load(text).items()}


__all__ = ["LADDER", "Area", "Institution", "Power", "Tool", "presets"]
