"""Decision rules of collective bodies: one representation for deliberation and voting power.

A :class:`DecisionRule` says when a body adopts a draft. It covers the rules the project
meets in practice:

* a count or share of yes votes (``quota``, ``share`` of members or of those present and
  voting), optionally with weights;
* veto holders, whose negative vote blocks (``veto_holders``), possibly needing several of
  them (``vetoes_to_block``: "a veto needs two permanent members");
* unanimity / consensus (``veto_holders="all"``);
* parties to a dispute left out of the count (League Covenant Article 15(6)-(10)), or bound
  to abstain (UN Charter Art. 27(3): "a party to a dispute shall abstain from voting" on
  decisions under Chapter VI);
* classes of drafts on which the veto is waived (``veto_waived_for``: the French-Mexican
  initiative / ACT code of conduct on mass atrocities).

Two readings of the same rule:

* :func:`decide` takes each member's vote (yes, no, abstain, absent) and says whether the
  draft is adopted, and why not. By the Security Council's practice since 1946 an abstention
  or absence of a veto holder is not a veto (``abstention_blocks=False``, the default).
* :func:`weighted_games` gives the rule as an intersection of weighted yes/no games, the form
  voting-power indices need (:mod:`collsec.voting.power`): there, "not yes" counts as "no".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator


class Vote(str, Enum):
    """A member's position on a draft."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"


class DecisionRule(BaseModel):
    """When a body adopts a draft. See the module docstring for the cases it covers.

    Attributes
    ----------
    quota:
        Minimum number (or weight) of yes votes, >= 1; ``None`` for no fixed count.
    share:
        Minimum share of yes votes, in (0, 1], of ``share_of``; ``None`` for none.
        Both ``quota`` and ``share`` may be set: both must then be met.
    share_of:
        ``"members"`` (all members, counted or weighted) or ``"present_and_voting"``
        (yes + no, as in UN Charter Article 18 for the General Assembly).
    weights:
        Member -> vote weight (>= 0). Members not listed weigh 1.
    veto_holders:
        Members whose negative vote blocks; ``"all"`` for unanimity/consensus;
        ``"permanent"`` for the body's permanent members (UN Charter Art. 27(3)), named
        when the rule is applied.
    vetoes_to_block:
        How many veto holders must vote no to block (>= 1).
    abstention_blocks:
        If true, a veto holder who abstains or is absent blocks like a no (the Charter's
        literal "concurring votes"); false by the practice since 1946.
    exclude_parties:
        If true, the parties to the dispute neither vote nor count (Covenant Art. 15).
    parties_abstain:
        If true, the parties to the dispute who sit in the body abstain whatever their
        interests (UN Charter Art. 27(3), decisions under Chapter VI); they still count as
        members, and their abstention is not a veto.
    veto_waived_for:
        Classes of drafts (e.g. ``"mass_atrocity"``) on which no veto applies.

    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    quota: float | None = Field(default=None, ge=1, allow_inf_nan=False)
    share: float | None = Field(default=None, gt=0, le=1, allow_inf_nan=False)
    share_of: Literal["members", "present_and_voting"] = "members"
    weights: dict[str, float] = Field(default_factory=dict, max_length=1000)
    veto_holders: Literal["all", "permanent"] | tuple[str, ...] = ()
    vetoes_to_block: int = Field(default=1, ge=1)
    abstention_blocks: bool = False
    exclude_parties: bool = False
    parties_abstain: bool = False
    veto_waived_for: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _needs_a_threshold(self) -> DecisionRule:
        if self.quota is None and self.share is None and self.veto_holders != "all":
            raise ValueError("a quota, a share, or veto_holders: all (a rule needs at least one)")
        if any(not math.isfinite(w) or w < 0 for w in self.weights.values()):
            raise ValueError("weights: finite numbers >= 0")
        return self

    @property
    def is_unanimity(self) -> bool:
        """True when every member holds a veto (unanimity or consensus)."""
        return self.veto_holders == "all"

    def holders(self, members: Iterable[str], permanent: Iterable[str] = ()) -> tuple[str, ...]:
        """The veto holders among ``members``, in the members' order.

        ``permanent`` names the permanent members when ``veto_holders == "permanent"``.
        """
        members = tuple(members)
        if self.veto_holders == "all":
            return members
        named = set(permanent) if self.veto_holders == "permanent" else set(self.veto_holders)
        return tuple(m for m in members if m in named)

    def weight(self, member: str) -> float:
        """A member's vote weight (1 unless listed in ``weights``)."""
        return float(self.weights.get(member, 1.0))


def _fraction(share: float) -> str:
    named = {0.5: "half", 2 / 3: "two-thirds", 3 / 4: "three-quarters", 1.0: "all"}
    return next((w for v, w in named.items() if abs(share - v) < 1e-9), f"{share:.0%}")


def describe(rule: DecisionRule) -> str:
    """The rule in words, e.g. "9 votes; no permanent member against" (for tables and text)."""
    parts = []
    if rule.is_unanimity:
        parts.append("unanimity (any member can block)")
    if rule.quota is not None:
        parts.append(f"{rule.quota:g} votes")
    if rule.share is not None:
        of = "of the members" if rule.share_of == "members" else "of those present and voting"
        parts.append(f"{_fraction(rule.share)} {of}")
    if not rule.is_unanimity and rule.veto_holders:
        who = (
            "permanent members"
            if rule.veto_holders == "permanent"
            else ", ".join(rule.veto_holders)
        )
        if rule.vetoes_to_block > 1:
            parts.append(f"blocked by {rule.vetoes_to_block} negative votes of {who}")
        else:
            parts.append(f"veto: {who}")
        if rule.abstention_blocks:
            parts.append("abstention blocks")
    if rule.weights:
        parts.append(f"weighted ({len(rule.weights)} weights)")
    if rule.exclude_parties:
        parts.append("parties do not vote")
    if rule.parties_abstain:
        parts.append("parties abstain (Art. 27(3))")
    if rule.veto_waived_for:
        parts.append("no veto on " + ", ".join(rule.veto_waived_for))
    return "; ".join(parts)


class Decision(BaseModel):
    """What a body decided on one draft, and why.

    ``cause`` is ``None`` when adopted, else one of ``"veto"``, ``"unanimity_failed"``,
    ``"insufficient_votes"``. ``pivotal`` lists the members whose vote alone, changed to yes
    (for a failed draft) or to no (for an adopted one), would have reversed the decision.
    """

    model_config = ConfigDict(frozen=True)

    adopted: bool
    yes: float
    no: float
    abstain: float
    absent: float
    needed: float
    vetoed_by: tuple[str, ...] = ()
    cause: Literal["veto", "unanimity_failed", "insufficient_votes"] | None = None
    pivotal: tuple[str, ...] = ()
    not_counted: tuple[str, ...] = ()


def _tally(rule: DecisionRule, votes: Mapping[str, Vote], counted: Sequence[str]):
    totals = dict.fromkeys(Vote, 0.0)
    for m in counted:
        totals[votes.get(m, Vote.ABSENT)] += rule.weight(m)
    return totals


def _needed(
    rule: DecisionRule,
    totals: Mapping[Vote, float],
    counted: Sequence[str],
    members_weight: float | None = None,
) -> float:
    needed = rule.quota or 0.0
    if rule.share is not None:
        if rule.share_of == "members":
            base = (
                members_weight
                if members_weight is not None
                else sum(rule.weight(m) for m in counted)
            )
        else:
            base = totals[Vote.YES] + totals[Vote.NO]
        needed = max(needed, math.ceil(rule.share * base - 1e-9))
    return needed if rule.quota is not None or rule.share is not None else 1.0


def _veto(
    rule: DecisionRule,
    counted: Sequence[str],
    permanent: Iterable[str],
    draft_classes: Iterable[str],
) -> tuple[tuple[str, ...], set[Vote]]:
    """The veto holders among ``counted`` (none on a draft whose class waives the veto) and
    the votes of theirs that block.
    """
    if set(draft_classes) & set(rule.veto_waived_for):
        return (), set()
    blocking = {Vote.NO, Vote.ABSTAIN, Vote.ABSENT} if rule.abstention_blocks else {Vote.NO}
    return rule.holders(counted, permanent), blocking


def _blockers(
    votes: Mapping[str, Vote], holders: Iterable[str], blocking: set[Vote]
) -> tuple[str, ...]:
    """The veto holders (``holders``, ``blocking``: :func:`_veto`) whose vote blocks."""
    return tuple(m for m in holders if votes.get(m, Vote.ABSENT) in blocking)


def _adopted(rule, votes, counted, permanent, draft_classes):
    totals = _tally(rule, votes, counted)
    needed = _needed(rule, totals, counted)
    blockers = _blockers(votes, *_veto(rule, counted, permanent, draft_classes))
    vetoed = len(blockers) >= rule.vetoes_to_block
    enough = totals[Vote.YES] >= needed
    return enough and not vetoed, totals, needed, blockers if vetoed else ()


def _pivotal(rule, votes, counted, permanent, draft_classes, adopted, totals) -> list[str]:
    """The members whose vote alone, turned to yes (a failed draft) or no (an adopted one),
    reverses the decision. Each member's flip moves its weight between two totals and
    changes the count of blockers by at most one, so the decision after it is read from the
    totals (O(1) a member) instead of tallying the body again (O(n)): the Assembly's 190
    members otherwise cost 36,000 tallies a draft.
    """
    flipped = Vote.NO if adopted else Vote.YES
    holders, blocking = _veto(rule, counted, permanent, draft_classes)
    holders = set(holders)
    blockers = len(_blockers(votes, holders, blocking))
    members_weight = sum(rule.weight(m) for m in counted)
    out = []
    for m in counted:
        current = votes.get(m, Vote.ABSENT)
        if current == flipped:
            continue
        w = rule.weight(m)
        after = dict(totals)
        after[current] -= w
        after[flipped] += w
        block = blockers
        if m in holders:
            block += (flipped in blocking) - (current in blocking)
        needed = _needed(rule, after, counted, members_weight)
        if (after[Vote.YES] >= needed and block < rule.vetoes_to_block) != adopted:
            out.append(m)
    return out


def decide(
    rule: DecisionRule,
    members: Sequence[str],
    votes: Mapping[str, Vote],
    parties: Iterable[str] = (),
    draft_classes: Iterable[str] = (),
    permanent: Iterable[str] = (),
) -> Decision:
    """Apply ``rule`` to the votes of ``members`` on one draft.

    Parameters
    ----------
    rule:
        The body's decision rule.
    members:
        The body's members (a member missing from ``votes`` is absent).
    votes:
        Member -> :class:`Vote`.
    parties:
        The parties to the dispute; left out of the count when ``rule.exclude_parties``.
    draft_classes:
        Classes the draft belongs to (e.g. ``"mass_atrocity"``), for ``veto_waived_for``.
    permanent:
        The body's permanent members, for ``veto_holders="permanent"``.

    """
    parties = set(parties)
    draft_classes = tuple(draft_classes)
    permanent = tuple(permanent)
    if rule.parties_abstain:
        votes = {
            m: Vote.ABSTAIN if m in parties and v != Vote.ABSENT else v for m, v in votes.items()
        }
    counted = [m for m in members if not (rule.exclude_parties and m in parties)]
    adopted, totals, needed, vetoed_by = _adopted(rule, votes, counted, permanent, draft_classes)
    cause = None
    if not adopted:
        if vetoed_by:
            cause = "unanimity_failed" if rule.is_unanimity else "veto"
        else:
            cause = "insufficient_votes"
    pivotal = _pivotal(rule, votes, counted, permanent, draft_classes, adopted, totals)
    return Decision(
        adopted=adopted,
        yes=totals[Vote.YES],
        no=totals[Vote.NO],
        abstain=totals[Vote.ABSTAIN],
        absent=totals[Vote.ABSENT],
        needed=needed,
        vetoed_by=vetoed_by,
        cause=cause,
        pivotal=tuple(pivotal),
        not_counted=tuple(m for m in members if m not in counted),
    )


def weighted_games(
    rule: DecisionRule, members: Sequence[str], permanent: Iterable[str] = ()
) -> list[tuple[np.ndarray, float]]:
    """The rule as an intersection of weighted yes/no games over ``members``.

    Returns a list of ``(weights, quota)`` pairs, weights aligned with ``members``: a
    coalition S wins iff, for every pair, the sum of the weights of S is >= quota. "Not yes"
    is "no" here (the binary reading used by voting-power indices), so abstention and absence
    are not distinguished; ``veto_waived_for`` and ``exclude_parties`` do not apply (they
    depend on the draft).

    The Security Council since 1966 gives ``[(ones(15), 9), (P5 indicator, 5)]``; "a veto needs
    two permanent members" gives ``(P5 indicator, 4)``; unanimity ``(ones(n), n)``.
    """
    members = list(members)
    w = np.array([rule.weight(m) for m in members], dtype=float)
    games: list[tuple[np.ndarray, float]] = []
    threshold = rule.quota or 0.0
    if rule.share is not None:
        # In the binary reading everyone votes, so "present and voting" is all members.
        threshold = max(threshold, math.ceil(rule.share * w.sum() - 1e-9))
    if threshold > 0:
        games.append((w, float(threshold)))
    holders = set(rule.holders(members, permanent))
    if holders:
        indicator = np.array([1.0 if m in holders else 0.0 for m in members])
        games.append((indicator, float(len(holders) - rule.vetoes_to_block + 1)))
    return games


def is_winning(games: Sequence[tuple[np.ndarray, float]], yes: np.ndarray) -> np.ndarray:
    """Whether each coalition wins. ``yes`` is boolean, shape ``(..., n_members)``."""
    yes = np.asarray(yes, dtype=float)
    result = np.ones(yes.shape[:-1], dtype=bool)
    for weights, quota in games:
        result &= yes @ weights >= quota - 1e-9
    return result
