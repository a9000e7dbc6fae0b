"""Parameters of the crisis engine: one set of defaults for every case.

The defaults are round numbers chosen from the rule's meaning (documented in
``docs/model.md``, section "Details"), the same for every crisis; nothing depends on a case.
The five principles of the paper appear as parameters (``indivisibility``, ``commitment``,
``mutual_confidence``) or as thresholds of the scorecard (``universality_needed``,
``favourable_ratio``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Thresholds(BaseModel):
    """Support a member needs to vote yes on each measure (abstains within ``band`` below)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    condemnation: float = 0.5
    sanctions: float = 0.75
    force: float = 1.0
    band: float = Field(default=0.5, gt=0)


class SanctionWeights(BaseModel):
    """Share of a full embargo's bite carried by each measure (they sum to 1).

    Oil weighs most: it was the measure the League withheld in 1935 and the one Mussolini
    later said would have stopped the war within a week (Schmidt, *Statist auf diplomatischer
    Bühne*; cited in Baer, *Test Case*, 1976). The others split the rest: arms 0.1,
    financial 0.2, imports 0.2, exports 0.2.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    arms: float = 0.1
    financial: float = 0.2
    imports: float = 0.2
    exports: float = 0.2
    oil: float = 0.3


class EngineParams(BaseModel):
    """All parameters of the crisis engine, with their defaults.

    Deliberation (the support rule, see :mod:`collsec.crisis.interests`):
        ``concern_scale`` (eta, concern for a severity-1 aggression next door),
        ``indivisibility`` (iota in 0..1: the share of concern that does not decay with
        distance; 1 = security fully indivisible), ``concern_half_distance_km`` (distance at
        which the decaying part halves), ``alignment_scale`` (ideal-point distance at which
        affinity is zero), ``partisanship`` (weight of the affinity difference),
        ``alliance_weight``, ``non_intervention`` (Charter Art. 2(7): subtracted from support
        for sanctions and force in internal threats), ``thresholds``.
    Mobilisation: ``commitment`` (probability a member that has joined really contributes),
        ``mutual_confidence`` (share of the other willing members a member counts on when it
        asks whether the coalition will win).
    Deterrence and war: ``projection_half_distance_km`` (Boulding's gradient),
        ``decisiveness`` (of the contest function), ``backing_down_cost`` and ``defeat_cost``
        (in units of the aggressor's stakes and of its survival), ``sanction_cost`` (cost to
        the aggressor of a full embargo by all its trade partners), ``sanction_weights``,
        ``unilateral_threshold`` (support a lone state needs to act without any body).
    Scorecard: ``universality_needed`` (members' share of world power),
        ``favourable_ratio`` (power of the rest over the aggressor's side).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    concern_scale: float = Field(default=1.5, ge=0)
    indivisibility: float = Field(default=0.5, ge=0, le=1)
    concern_half_distance_km: float = Field(default=3000.0, gt=0)
    alignment_scale: float = Field(default=2.0, gt=0)
    partisanship: float = Field(default=1.0, ge=0)
    alliance_weight: float = Field(default=1.0, ge=0)
    non_intervention: float = Field(default=0.5, ge=0)
    thresholds: Thresholds = Thresholds()

    commitment: float = Field(default=0.8, ge=0, le=1)
    mutual_confidence: float = Field(default=0.5, ge=0, le=1)

    projection_half_distance_km: float = Field(default=5000.0, gt=0)
    decisiveness: float = Field(default=1.0, gt=0)
    backing_down_cost: float = Field(default=0.5, ge=0)
    defeat_cost: float = Field(default=0.5, ge=0)
    sanction_cost: float = Field(default=1.0, ge=0)
    sanction_weights: SanctionWeights = SanctionWeights()
    unilateral_threshold: float = 1.5

    universality_needed: float = Field(default=0.75, ge=0, le=1)
    favourable_ratio: float = Field(default=3.0, gt=0)
