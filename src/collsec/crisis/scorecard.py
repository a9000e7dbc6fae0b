"""The scorecard of the paper's five principles, measured from what happened in a run.

Each principle is held, failed or not tested (None), with the measure and its meaning. The
measures come from the run (who sat, who voted yes, who joined, who honoured their part over
the draws), never from the engine's parameters.
"""

from __future__ import annotations

import numpy as np

from collsec.crisis.outcome import PrincipleScore
from collsec.voting.rules import Vote


def members_share(records, sit) -> float | None:
    """Share of world power (sum of CINC) held by members of the global bodies."""
    members = {m for r in records if r.scope == "global" for m in r.members}
    if not members:
        return None
    return float(sum(sit.capability[sit.index[m]] for m in members))


def _score(value, held_from: float, note: str) -> PrincipleScore:
    if value is None:
        return PrincipleScore(held=None, value=None, note=note)
    return PrincipleScore(held=bool(value >= held_from), value=round(float(value), 3), note=note)


def scorecard(records, sit, params, measured: dict) -> dict[str, PrincipleScore]:
    """The five principles. ``measured`` holds what the draws measured: ``commitment`` (share
    of the obliged or ready members' power, or sanctioning trade, actually contributed, mean
    over draws) and ``confidence`` (share of the ready power that joined), either None.
    """
    card = {}
    share = members_share(records, sit)
    card["universality"] = _score(
        share,
        params.universality_needed,
        "share of world power (CINC) held by members of the global bodies"
        f" (needed: {params.universality_needed})",
    )
    card["commitment"] = _score(
        measured.get("commitment"),
        0.5,
        "share of the ready members' power (or the sanctioning trade) actually contributed, "
        "mean over the draws",
    )
    decisive = next((r for r in records if r.scope == "global" and r.drafts), None) or next(
        (r for r in records if r.drafts), None
    )
    if decisive is not None:
        draft = decisive.drafts[-1]
        far = [
            m
            for m in decisive.members
            if sit.distance_km[sit.index[m]] > params.concern_half_distance_km
            and draft.votes[m] != Vote.ABSENT
        ]
        yes = [m for m in far if draft.votes[m] == Vote.YES]
        card["indivisibility"] = _score(
            len(yes) / len(far) if far else None,
            0.5,
            f"share of distant members of {decisive.id} (over "
            f"{params.concern_half_distance_km:.0f} km) voting yes on its last draft "
            f"({draft.measure.value})",
        )
    else:
        card["indivisibility"] = PrincipleScore(held=None, value=None, note="no body deliberated")
    card["mutual_confidence"] = _score(
        measured.get("confidence"),
        0.5,
        "share of the ready members' power that joined, counting on the others",
    )
    rest = sit.seated & ~sit.aggressor_side
    side = float(sit.capability[sit.aggressor_side].sum())
    ratio = float(np.sum(sit.capability[rest])) / side if side > 0 else None
    card["distribution_of_power"] = _score(
        ratio,
        params.favourable_ratio,
        "world power of the other states over the aggressor's side "
        f"(favourable from {params.favourable_ratio})",
    )
    return card
