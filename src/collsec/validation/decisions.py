"""The likelihood of a body's recorded decision, given its members' vote probabilities.

Recorded votes are a selected sample: a draft authorising force is put to the vote mostly
when it will pass, so the votes alone cannot say how far members were from authorising force
in the crises where no one tabled it. What the record does say, for every body seized of a
crisis, is the strongest measure it adopted (or none). With each member's probabilities of
yes, abstention and no from the vote rule (an ordered logit,
:mod:`collsec.validation.fit`), the probability that the body adopts a draft follows from its
decision rule exactly:

* veto holders must not vote no (with ``vetoes_to_block`` 1): their probability of not voting
  no, and their votes conditioned on it;
* a count of yes votes (a quota, or a share of the members): the Poisson-binomial
  distribution of yes votes, by dynamic programming over the members (exact);
* a share of those present and voting (the Assembly: yes >= 2/3 of yes + no): the sum
  ``D = sum(yes_i - share x (yes_i + no_i))`` over independent members, by its normal
  approximation (the Assembly has 50-193 members);
* unanimity: no counted member votes no (abstention does not block), and one votes yes.

A body tables force, else sanctions, else condemnation, stopping at the first adopted (the
engine's ladder), so the recorded level L has probability
``P(L adopted) x prod over the stronger measures m of (1 - P(m adopted))``, the drafts taken as
independent given the members' probabilities (an approximation: the same members vote on
each).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr

from collsec.voting.rules import DecisionRule


@dataclass(frozen=True)
class Rule:
    """What the probability of adoption needs from a :class:`DecisionRule` and a body."""

    holders: np.ndarray  # bool, over the counted members
    quota: int  # yes votes needed from counted members (0: none)
    share_present: float | None  # share of present and voting, or None
    unanimity: bool


def compile_rule(rule: DecisionRule, counted: list[str], permanent: tuple[str, ...]) -> Rule:
    """The rule over the counted members (parties left out where the rule leaves them out)."""
    holders = set(rule.holders(counted, permanent))
    mask = np.array([m in holders for m in counted], dtype=bool)
    quota = 0
    if rule.quota is not None:
        quota = math.ceil(rule.quota - 1e-9)
    if rule.share is not None and rule.share_of == "members":
        quota = max(quota, math.ceil(rule.share * len(counted) - 1e-9))
    share_present = rule.share if rule.share_of == "present_and_voting" else None
    if rule.quota is None and rule.share is None:
        quota = 1  # decide() asks for one yes at least (unanimity of abstentions adopts nothing)
    return Rule(mask, quota, share_present, rule.is_unanimity)


def _at_least(p_yes: np.ndarray, q: int) -> np.ndarray:
    """P(at least q yes) for independent members with these probabilities, for each row of
    ``p_yes`` (shape (B, k)): the Poisson-binomial distribution of the yes count, from its
    generating function at the k + 1 roots of unity and one inverse transform (Hong 2013,
    "DFT-CF"; exact up to rounding, about 1e-15, and without a loop over members, which
    matters for an Assembly of 190). Neither numpy nor scipy has the Poisson-binomial.
    """
    rows, k = p_yes.shape
    if q <= 0:
        return np.ones(rows)
    if q > k:
        return np.zeros(rows)
    p = np.clip(p_yes, 0.0, 1.0)
    roots = np.exp(2j * np.pi * np.arange(k + 1) / (k + 1))
    generating = np.prod(1 - p[:, None, :] + p[:, None, :] * roots[None, :, None], axis=2)
    pmf = np.clip(np.fft.fft(generating, axis=1).real / (k + 1), 0.0, 1.0)
    return np.minimum(pmf[:, q:].sum(axis=1), 1.0)


def p_adopted_many(rule: Rule, probs: np.ndarray) -> np.ndarray:
    """P(the draft is adopted) for each of B sets of vote probabilities, ``probs`` of shape
    (B, k, 3): yes, abstain, no per counted member present (absent members left out before).
    One pass over the members for all B (the fit asks for one per count of the permanent
    members' yes votes).
    """
    rows, k, _ = probs.shape
    if k == 0:
        return np.zeros(rows)
    p = probs.copy()
    p_holders_ok = np.ones(rows)
    if rule.holders.any():
        h = rule.holders
        ok = 1 - probs[:, h, 2]
        p_holders_ok = np.prod(ok, axis=1)
        safe = np.where(ok > 0.0, ok, 1.0)
        p[:, h, 0] = np.where(ok > 0.0, probs[:, h, 0] / safe, 0.0)
        p[:, h, 1] = np.where(ok > 0.0, probs[:, h, 1] / safe, 0.0)
        p[:, h, 2] = 0.0
    out = np.where(p_holders_ok > 0.0, p_holders_ok, 0.0) * _at_least(p[:, :, 0], rule.quota)
    if rule.share_present is not None:
        s = rule.share_present
        mean = np.sum(p[:, :, 0] * (1 - s) - p[:, :, 2] * s, axis=1)
        second = np.sum(p[:, :, 0] * (1 - s) ** 2 + p[:, :, 2] * s**2, axis=1)
        var = np.maximum(
            second - np.sum((p[:, :, 0] * (1 - s) - p[:, :, 2] * s) ** 2, axis=1), 1e-9
        )
        out = out * ndtr((mean + 0.5 * min(s, 1 - s)) / np.sqrt(var))
    return out


def p_adopted(rule: Rule, probs: np.ndarray) -> float:
    """P(the draft is adopted), ``probs`` of shape (k, 3): yes, abstain, no per counted
    member present (absent members left out before).
    """
    return float(p_adopted_many(rule, np.asarray(probs, dtype=float)[None])[0])


def p_level(adoptions: list[float], level: int | None) -> float:
    """P(the body's strongest adopted measure is ``level``), with ``adoptions`` the
    probabilities of each draft tabled, strongest first, and ``level`` an index into them (None
    for nothing adopted).
    """
    out = 1.0
    stop = len(adoptions) if level is None else level
    for p in adoptions[:stop]:
        out *= 1 - p
    if level is not None:
        out *= adoptions[level]
    return out
