"""Causes of a crisis's outcome, in the engine's vocabulary (docs/model.md, section 3.5).

The first cause is the main cause. In order: ``attribution_failed``; why drafts failed that
explain the response (``veto:XXX``, ``unanimity_failed``, ``insufficient_votes``); if the
result failed, why (``non_members``, ``free_riding``, ``sanctions_too_weak``,
``coalition_too_weak``); then what enabled the response (``collective_defence:ID``,
``absent:XXX``, ``permanent_members_agreed``, ``regional_action:ID``, ``unilateral:XXX``,
``self_defence``, ``aggressor_backed_down``).
"""

from __future__ import annotations

from collsec.crisis.deliberation import BodyRecord, stronger
from collsec.crisis.interests import vote_of
from collsec.institutions import Tool
from collsec.voting.rules import Vote

FORCE_RESPONSES = {"authorised_force", "regional_action", "collective_defence", "unilateral"}

RESPONSE_LEVEL = {
    "collective_defence": Tool.FORCE,
    "authorised_force": Tool.FORCE,
    "regional_action": Tool.FORCE,
    "unilateral": Tool.FORCE,
    "sanctions": Tool.SANCTIONS,
    "condemnation": Tool.CONDEMNATION,
    "none": None,
}


def _explains(measure: Tool, body_rank: int, level: Tool | None, source_rank: int) -> bool:
    """A failed draft explains the response if it was on a stronger measure than the response,
    or on the same measure in a more authoritative body than the one that acted.
    """
    if level is None or stronger(measure, level):
        return True
    return measure == level and body_rank < source_rank


def decision_causes(records, supports, index, ranks, level, source_rank) -> list[str]:
    """Why drafts failed, body by body and draft by draft, keeping those that explain the
    response; several vetoes in order of the vetoers' opposition (lowest support first: the
    most determined opponent leads).
    """
    causes = []
    for rec in records:
        for d in rec.drafts:
            if d.decision.adopted or not _explains(d.measure, ranks[rec.id], level, source_rank):
                continue
            if d.decision.cause == "veto":
                vetoers = sorted(
                    d.decision.vetoed_by, key=lambda c: supports[d.measure].total[index[c]]
                )
                causes += [f"veto:{c}" for c in vetoers]
            elif d.decision.cause:
                causes.append(d.decision.cause)
    return list(dict.fromkeys(causes))


def enablers(records: list[BodyRecord], institutions, supports, index, params, response, acting):
    """What made the adopted response possible: an absent veto holder who would have said no,
    permanent members in agreement, an alliance invoked, a regional body acting.
    ``institutions`` maps body id -> Institution.
    """
    out = []
    if response == "collective_defence":
        out += [f"collective_defence:{r.id}" for r in acting]
    band = params.thresholds.band
    for rec in records:
        if rec.scope != "global" or rec.adopted is None or not rec.permanent:
            continue
        draft = rec.draft(rec.adopted)
        inst = institutions[rec.id]
        holders = inst.rule.holders(rec.members, rec.permanent)
        s = supports[rec.adopted]
        would_block = [
            h
            for h in holders
            if draft.votes[h] == Vote.ABSENT
            and vote_of(s.total[index[h]], s.threshold, band) == Vote.NO
        ]
        out += [f"absent:{h}" for h in would_block]
        if (
            not would_block
            and holders
            and not inst.rule.is_unanimity
            and all(draft.votes[h] in (Vote.YES, Vote.ABSTAIN) for h in holders)
        ):
            out.append("permanent_members_agreed")
    if response == "regional_action":
        out += [f"regional_action:{r.id}" for r in acting]
    return list(dict.fromkeys(out))


def failure_causes(
    response,
    result,
    share,
    universality_needed,
    coalition,
    sanctions,
    power,
    trade,
    index,
    p_reversed,
) -> list[str]:
    """Why a failed result failed (``aggression_prevailed`` or ``stalemate``)."""
    if result not in ("aggression_prevailed", "stalemate"):
        return []
    out = []
    if share is not None and share < universality_needed:
        out.append("non_members")
    if coalition is not None and coalition.free_riders:
        held_back = sum(power[index[c]] for c in coalition.free_riders)
        ready = sum(power[index[c]] for c in coalition.willing)
        if held_back > 0.5 * ready:
            out.append("free_riding")
    if sanctions is not None:
        missing = sum(trade[index[c]] for c in sanctions.obliged_not_applying)
        if missing > sum(trade[index[c]] for c in sanctions.applied_by):
            out.append("free_riding")
        if response == "sanctions":
            out.append("sanctions_too_weak")
    if response in FORCE_RESPONSES and p_reversed < 0.5:
        out.append("coalition_too_weak")
    return out
