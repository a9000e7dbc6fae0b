"""Institutions as data: membership, a decision rule, tools and obligations.

An :class:`Institution` describes a kind of body (the Security Council of 1946-65, the League
Council deciding under Article 11, NATO's North Atlantic Council...). Who sits in it for a
given crisis is a fact of the scenario (:class:`collsec.scenarios.Body`). Presets live in
``presets.yaml`` beside this module, each with its source; a scenario file may define a new
institution inline with the same fields, without touching code.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from collsec.voting.rules import DecisionRule


class Tool(str, Enum):
    """Measures a body can take, in rising order of force (DOMAIN.md section 2)."""

    CONDEMNATION = "condemnation"
    SANCTIONS = "sanctions"
    FORCE = "force"


LADDER: tuple[Tool, ...] = (Tool.FORCE, Tool.SANCTIONS, Tool.CONDEMNATION)
"""The escalation ladder as tried: force, else sanctions, else condemnation."""


class Institution(BaseModel):
    """A kind of collective body.

    Attributes
    ----------
    name:
        Human name, e.g. "UN Security Council (1946-65)".
    scope:
        ``"global"`` (its authorisation is the world's: UN bodies, the League), ``"regional"``
        (a regional organisation: AU PSC, EU) or ``"alliance"`` (a collective-defence pact).
    seats:
        Fixed number of seats, or ``None`` when every member state sits.
    permanent:
        Default permanent members (COW codes); a scenario may name others (e.g. the
        Republic of China in the Council's Chinese seat in 1950).
    rule:
        The decision rule, :class:`collsec.voting.rules.DecisionRule`.
    tools:
        The measures it can decide.
    sanctions_by_each_member:
        True when sanctions are applied by each member on its own, not decided by the body
        (League Covenant Art. 16(1)): the body's vote names the aggressor; members then apply.
    defends_members:
        True for a collective-defence obligation to members attacked (NATO Art. 5): it acts
        at once under UN Charter Art. 51, before and beside the Council.
    fallback:
        True when the body takes up a threat only after a global council is blocked
        (the General Assembly under Articles 10-11 and "Uniting for Peace").
    valid_from, valid_to:
        Dates between which this form of the body existed (inclusive); ``None`` for open.
    source:
        Charter article, treaty or resolution the preset is drawn from.

    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    scope: Literal["global", "regional", "alliance"]
    seats: int | None = Field(default=None, ge=1)
    permanent: tuple[str, ...] = ()
    rule: DecisionRule
    tools: tuple[Tool, ...] = (Tool.CONDEMNATION,)
    sanctions_by_each_member: bool = False
    defends_members: bool = False
    fallback: bool = False
    valid_from: date | None = None
    valid_to: date | None = None
    source: str = ""

    def valid_on(self, day: date) -> bool:
        """Whether this form of the body existed on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@cache
def presets() -> dict[str, Institution]:
    """The built-in institutions, by key (``unsc``, ``unsc-1946``, ``league-council-art11``...)."""
    text = resources.files(__package__).joinpath("presets.yaml").read_text(encoding="utf-8")
    return {key: Institution.model_validate(spec) for key, spec in yaml.safe_load(text).items()}


__all__ = ["LADDER", "Institution", "Tool", "presets"]
