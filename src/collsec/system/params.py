"""Parameters of the long-run system model, validated, with the paper's principles as knobs.

Every default and its source: docs/model.md, Part II, section 3.8. The principle knobs use
the names of :data:`collsec.principles.PRINCIPLES` (universality through ``doctrines`` and
``cs_power``; ``commitment``; ``indivisibility``; ``mutual_confidence``; the distribution of
power and disarmament through ``inequality`` and ``arms_cost``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from collsec.errors import InputError
from collsec.inputs import load_mapping, read_text

DOCTRINES: dict[str, str] = {
    "realpolitik": "starts wars when the odds and gains look good; joins an attack that looks "
    "winnable for a share of the spoils; balances against the strongest state",
    "collective_security": "never starts a war; joins the defence against any aggressor, "
    "anywhere, as concern, commitment and confidence allow",
    "collective_defence": "never starts a war; defends the members of its own alliance only",
    "laissez_faire": "never starts a war and never joins one",
}
"""The doctrines, in the order of their codes (0..3) in the kernel: a plain registry."""

PRINCIPLE_KNOBS: dict[str, tuple[str, ...]] = {
    "universality": ("doctrines", "cs_power"),
    "commitment": ("commitment",),
    "indivisibility": ("indivisibility",),
    "mutual_confidence": ("mutual_confidence",),
    "distribution_of_power": ("inequality", "arms_cost"),
}
"""Each principle of :data:`collsec.principles.PRINCIPLES` -> the parameters that set it."""


class SystemParams(BaseModel):
    """Everything a run of the system model depends on (docs/model.md, Part II, 3.8).

    Situation: ``states``, ``turns``, ``provinces``, ``doctrines`` (shares of states, any
    mixture). Principles as knobs: ``doctrines``/``cs_power`` (universality: share of states
    and, through who the practitioners are, of power), ``commitment``, ``indivisibility``,
    ``mutual_confidence``, ``inequality`` and ``arms_cost`` (distribution of power,
    disarmament). Mechanics: growth, distance, war and the end of the system.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)

    states: int = Field(default=50, ge=3, le=2000, description="number of states at the start")
    turns: int = Field(default=500, ge=1, le=100_000, description="horizon in turns")
    doctrines: dict[str, float] = Field(
        default_factory=lambda: {
            "realpolitik": 0.4,
            "collective_security": 0.2,
            "collective_defence": 0.2,
            "laissez_faire": 0.2,
        },
        description="share of states following each doctrine (sums to 1)",
    )
    cs_power: Literal["random", "strongest", "weakest"] = Field(
        default="random", description="which states practise collective security"
    )
    alliances: int = Field(default=2, ge=1, le=50, description="standing collective-defence blocs")
    commitment: float = Field(
        default=0.8, ge=0, le=1, description="probability an obliged state really fights"
    )
    indivisibility: float = Field(
        default=0.5, ge=0, le=1, description="share of concern that does not decay with distance"
    )
    mutual_confidence: float = Field(
        default=0.5, ge=0, le=1, description="share of the other practitioners one counts on"
    )
    inequality: float = Field(
        default=0.5, ge=0, le=3, description="log-sd of the states' productivity"
    )
    arms_cost: float = Field(
        default=0.05, gt=0, le=1, description="share of capability spent on upkeep each turn"
    )
    growth: float = Field(
        default=0.05, ge=0, le=1, description="capability produced per province per turn"
    )
    growth_noise: float = Field(
        default=0.25, ge=0, le=3, description="log-sd of each turn's growth shock"
    )
    provinces: int = Field(default=5, ge=1, le=100, description="provinces of each state at start")
    half_distance: float = Field(
        default=2.0, gt=0, description="map distance at which power projected is halved"
    )
    decisiveness: float = Field(default=1.0, gt=0, description="exponent of the contest function")
    attack_threshold: float = Field(
        default=0.6, ge=0.5, le=1, description="probability of winning an initiator requires"
    )
    war_cost: float = Field(
        default=0.2, ge=0, le=1, description="share of the weaker side's power each side loses"
    )
    conquest: float = Field(
        default=0.5, gt=0, le=1, description="share of the loser's provinces the winners take"
    )
    hegemony: float = Field(
        default=0.5, gt=0, le=1, description="share of all provinces that makes a hegemon"
    )

    @model_validator(mode="after")
    def _doctrines(self) -> SystemParams:
        unknown = set(self.doctrines) - set(DOCTRINES)
        if unknown:
            raise ValueError(
                f"doctrines.{sorted(unknown)[0]}: a doctrine among {', '.join(DOCTRINES)}"
            )
        if any(v < 0 for v in self.doctrines.values()):
            raise ValueError("doctrines: shares >= 0 that sum to 1")
        if abs(sum(self.doctrines.values()) - 1) > 1e-6:
            raise ValueError("doctrines: shares >= 0 that sum to 1")
        return self

    def counts(self) -> list[int]:
        """Number of states of each doctrine, in :data:`DOCTRINES` order.

        Shares times ``states``, rounded by largest remainders (Hamilton's method) so that the
        counts sum to ``states``.
        """
        raw = [self.doctrines.get(d, 0.0) * self.states for d in DOCTRINES]
        counts = [int(r) for r in raw]
        for i in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True):
            if sum(counts) >= self.states:
                break
            counts[i] += 1
        return counts


def load_params(
    path: str | Path | None = None, overrides_source: str = "parameters", **overrides
) -> SystemParams:
    """Parameters from a YAML file (optional) and keyword overrides (``None`` = not given).

    Raises :class:`~collsec.errors.InputError` naming where the bad value came from (the file,
    or ``overrides_source`` for an override, e.g. "command line"), the parameter and what was
    expected.
    """
    data: dict = {}
    source = "parameters"
    if path is not None:
        source = str(path)
        text = read_text(path, "a readable YAML file of parameters")
        data = dict(load_mapping(source, text, "a mapping of parameters").data)
    given = {k: v for k, v in overrides.items() if v is not None}
    data.update(given)
    try:
        return SystemParams.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        place = ".".join(map(str, err["loc"])) or "parameters"
        expected = err["msg"].removeprefix("Input should be ").removeprefix("Value error, ")
        if err["type"] == "value_error" and ": " in expected:
            place, expected = expected.split(": ", 1)
        if expected.startswith(("greater", "less")):
            expected = "a number " + expected
        if err["type"] == "extra_forbidden":
            expected = "a parameter of the model: " + ", ".join(SystemParams.model_fields)
        got = err.get("input")
        if err["type"] in ("int_type", "float_type") and isinstance(got, bool):
            expected = "a number (true and false are not numbers)"
        if err["type"] == "finite_number":
            expected = "a finite number"
        if err["type"] == "value_error":
            got = data.get("doctrines")
        if place.split(".")[0] in given:
            source = overrides_source
        raise InputError(source, place, expected, got) from None
