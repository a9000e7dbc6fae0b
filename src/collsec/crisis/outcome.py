"""The result of a crisis run: plain data, stable as JSON (documented in docs/scenarios.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from collsec.crisis.deliberation import BodyRecord
from collsec.voting.rules import Vote

Response = Literal[
    "none",
    "condemnation",
    "sanctions",
    "authorised_force",
    "regional_action",
    "collective_defence",
    "unilateral",
]
Result = Literal["deterred", "aggression_reversed", "aggression_prevailed", "stalemate"]
RESPONSES: tuple[str, ...] = Response.__args__  # type: ignore[attr-defined]
RESULTS: tuple[str, ...] = Result.__args__  # type: ignore[attr-defined]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class PrincipleScore(_Frozen):
    """One principle on the scorecard: held (True/False, None if not tested), its measure."""

    held: bool | None
    value: float | None
    note: str


class Position(_Frozen):
    """A member's position on one measure, and why: its vote by the support rule (before any
    absence), its support, the threshold a yes needs, and the terms of its support
    (concern, partisanship, alliance, cost, non_intervention: the last two subtract). As an
    elected member of a global council it adds the deference times the permanent members'
    lead (:func:`collsec.crisis.deliberation.elected_gain`): its vote there is on the body's
    drafts.
    """

    vote: Vote
    support: float
    threshold: float
    terms: dict[str, float]


class Coalition(_Frozen):
    """Who fights the aggressor, and the power ratio at the theatre.

    Capabilities are projected to the theatre (Boulding's gradient); ``expected_capability``
    counts each member's contribution times the probability it honours it (commitment).
    """

    members: tuple[str, ...]
    willing: tuple[str, ...]
    free_riders: tuple[str, ...]
    expected_capability: float
    aggressor_side: tuple[str, ...]
    aggressor_capability: float
    power_ratio: float | None


class SanctionsRecord(_Frozen):
    """Who applies sanctions and how much of the aggressor's trade they cover (expected)."""

    measures: tuple[str, ...]
    applied_by: tuple[str, ...]
    obliged_not_applying: tuple[str, ...]
    coverage: float
    bite: float


class Deterrence(_Frozen):
    """The aggressor's calculus: expected value of going on vs backing down (units of stakes).

    ``expected_gain`` = P(prevail) * stakes - P(reversed) * defeat_cost - war_cost
    - sanctions bite * sanction_cost, averaged over draws; it backs down when that is below
    ``backing_down`` = -backing_down_cost * stakes. ``p_prevail`` and ``p_reversed`` are the
    odds of the war it expects (against the expected defending side and coalition).
    ``patron`` is the great power closest to the aggressor's side (None if none is close, or
    the aggression is only threatened: nothing has been taken to hand back),
    ``patron_leverage`` its affinity with it (0..1): an aggression under way that stops is
    handed back with probability 1 - (1 - severity ** restitution) * (1 - patron_pressure *
    leverage), and a threat called off is deterred with probability severity ** renunciation,
    else a stalemate (:mod:`collsec.crisis.deterrence`).
    """

    stakes: float
    p_prevail: float
    p_reversed: float
    expected_gain: float
    backing_down: float
    backs_down_probability: float
    patron: str | None = None
    patron_leverage: float = 0.0
    gives_up: float | None = None
    """For a threat not yet carried out: the probability that the aggressor, calling it off,
    gives up its aim (deterred), severity ** renunciation; otherwise the claim stays, a
    stalemate. None for an aggression under way."""


class CrisisResult(_Frozen):
    """Everything a run says. ``response``, ``result`` and ``causes`` are for the most likely
    branch (attributed or not) and the most frequent result over the draws; ``probabilities``
    gives each result's share of the draws. ``positions`` gives, for every actor seated in a
    body, its position on each measure with the terms of its support (the explanation of its
    votes); ``self_defence`` the actors defending the target from the first day;
    ``regional_request`` whether a regional body of the region adopted sanctions or force
    before the Council met (weighed against non-intervention in internal crises).
    """

    scenario: str
    title: str
    counterfactual: str | None = None
    overrides: tuple[str, ...] = ()
    seed: int
    draws: int
    response: Response
    result: Result
    main_cause: str | None
    causes: tuple[str, ...]
    probabilities: dict[str, float]
    response_probabilities: dict[str, float]
    attribution_probability: float
    bodies: tuple[BodyRecord, ...]
    coalition: Coalition | None
    sanctions: SanctionsRecord | None
    deterrence: Deterrence
    scorecard: dict[str, PrincipleScore]
    self_defence: tuple[str, ...] = ()
    regional_request: bool = False
    positions: dict[str, dict[str, Position]] = {}
