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


def _at_least(p_yes: np.ndarray, q: int) -> float:
    """P(at least q yes) for independent members with these probabilities (exact)."""
    if q <= 0:
        return 1.0
    if q > len(p_yes):
        return 0.0
    dist = np.zeros(len(p_yes) + 1)
    dist[0] = 1.0
    for p in np.clip(p_yes, 0.0, 1.0):
        dist[1:] = dist[1:] * (1 - p) + dist[:-1] * p
        dist[0] *= 1 - p
    return float(dist[q:].sum())


def p_adopted(rule: Rule, probs: np.ndarray) -> float:
    """P(the draft is adopted), ``probs`` of shape (k, 3): yes, abstain, no per counted
    member present (absent members left out before).
    """
    if len(probs) == 0:
        return 0.0
    p_no = probs[:, 2]
    p = probs.copy()
    p_holders_ok = 1.0
    if rule.holders.any():
        h = rule.holders
        p_holders_ok = float(np.prod(1 - p_no[h]))
        if p_holders_ok <= 0.0:
            return 0.0
        ok = 1 - p_no[h]
        p[h, 0] = probs[h, 0] / ok
        p[h, 1] = probs[h, 1] / ok
        p[h, 2] = 0.0
    out = p_holders_ok * _at_least(p[:, 0], rule.quota)
    if rule.share_present is not None:
        s = rule.share_present
        mean = np.sum(p[:, 0] * (1 - s) - p[:, 2] * s)
        second = np.sum(p[:, 0] * (1 - s) ** 2 + p[:, 2] * s**2)
        var = max(second - np.sum((p[:, 0] * (1 - s) - p[:, 2] * s) ** 2), 1e-9)
        out *= float(ndtr((mean + 0.5 * min(s, 1 - s)) / math.sqrt(var)))
    return out


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
