"""Parameters of the long-run system model, validated, with the paper's principles as knobs."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from collsec.errors import InputError

DOCTRINES: dict[str, str] = {
    "realpolitik": "starts wars when the odds and gains look good; balances against the "
    "strongest; never joins a war for principle",
    "collective_security": "never starts a war; joins the defence against any aggressor, "
    "anywhere, as concern, commitment and confidence allow",
    "collective_defence": "never starts a war; defends the members of its own alliance only",
    "laissez_faire": "never starts a war and never joins one",
}
"""The doctrines, in the order of their codes (0..3) in the kernel: a plain registry."""


class SystemParams(BaseModel):
    """Everything a run of the system model depends on (see docs/model.md, Part II).

    Principles as knobs (names from :mod:`collsec.principles`):
    ``universality`` is set through ``doctrines`` (the share of states practising collective
    security) and ``cs_power`` (whether they are drawn at random or are the strongest or the
    weakest, i.e. their share of power); ``commitment`` (probability that a practitioner that
    decides to join really fights), ``indivisibility`` (share of concern that does not decay
    with distance), ``mutual_confidence`` (share of the other practitioners' power a
    practitioner counts on when it asks whether the defence can win), ``inequality`` (spread
    of initial capability: the distribution of power) and ``arms_cost`` (upkeep of arms: the
    cost of armament).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    states: int = Field(default=50, ge=3, le=2000)
    turns: int = Field(default=500, ge=1, le=100_000)
    doctrines: dict[str, float] = Field(
        default_factory=lambda: {"realpolitik": 0.5, "collective_security": 0.5}
    )
    cs_power: str = Field(default="random", pattern="^(random|strongest|weakest)$")
    alliances: int = Field(default=2, ge=1, le=50)
    commitment: float = Field(default=0.8, ge=0, le=1)
    indivisibility: float = Field(default=0.5, ge=0, le=1)
    mutual_confidence: float = Field(default=0.5, ge=0, le=1)
    inequality: float = Field(default=0.5, ge=0, le=3)
    arms_cost: float = Field(default=0.05, gt=0, le=1)
    growth: float = Field(default=0.05, ge=0, le=1)
    provinces: int = Field(default=5, ge=1, le=100)
    half_distance: float = Field(default=2.0, gt=0)
    decisiveness: float = Field(default=1.0, gt=0)
    attack_threshold: float = Field(default=0.6, ge=0.5, le=1)
    war_cost: float = Field(default=0.2, ge=0, le=1)
    conquest: float = Field(default=0.5, gt=0, le=1)
    hegemony: float = Field(default=0.5, gt=0, le=1)

    @model_validator(mode="after")
    def _doctrines(self) -> SystemParams:
        unknown = set(self.doctrines) - set(DOCTRINES)
        if unknown:
            raise ValueError(
                f"doctrines: doctrines among {', '.join(DOCTRINES)}, not {sorted(unknown)[0]!r}"
            )
        if (
            any(v < 0 for v in self.doctrines.values())
            or abs(sum(self.doctrines.values()) - 1) > 1e-6
        ):
            raise ValueError("doctrines: shares >= 0 that sum to 1")
        return self

    def counts(self) -> list[int]:
        """Number of states of each doctrine (largest remainders), in DOCTRINES order."""
        shares = [self.doctrines.get(d, 0.0) for d in DOCTRINES]
        raw = [s * self.states for s in shares]
        counts = [int(r) for r in raw]
        for i in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True):
            if sum(counts) >= self.states:
                break
            counts[i] += 1
        return counts


def load_params(path: str | Path | None = None, **overrides) -> SystemParams:
    """Parameters from a YAML file (optional) and keyword overrides; clear errors."""
    data: dict = {}
    source = "--params"
    if path is not None:
        source = str(path)
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise InputError(
                source, "file", "a readable YAML mapping of parameters", str(error)
            ) from None
        if not isinstance(data, dict):
            raise InputError(source, "top level", "a mapping of parameters", type(data).__name__)
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return SystemParams.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        place = ".".join(map(str, err["loc"])) or "parameters"
        expected = err["msg"].removeprefix("Input should be ").removeprefix("Value error, ")
        if ": " in expected and err["type"] == "value_error":
            place, expected = expected.split(": ", 1)
        if expected.startswith(("greater", "less")):
            expected = "a number " + expected
        if err["type"] == "extra_forbidden":
            expected = "a parameter of the model: " + ", ".join(SystemParams.model_fields)
        raise InputError(
            source if path else "parameters",
            place,
            expected,
            err.get("input") if not isinstance(err.get("input"), dict) else None,
        ) from None
