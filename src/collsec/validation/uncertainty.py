"""How much a validation figure could move with other crises of the same kind.

The corpus is small (17 test cases), so one case moves an accuracy by six points. Three
measures say how far apart the engine and a baseline really are:

* a **Wilson interval** (95%) for each case-level accuracy (response, result, both): the
  binomial interval that keeps its coverage for small samples and shares near 0 or 1
  (scipy's ``binomtest(...).proportion_ci(method="wilson")``);
* a **paired comparison** with each case-level baseline: on the same cases, how many the engine
  gets right and the baseline wrong (``better``) and the reverse (``worse``), and the two-sided
  p-value of the exact sign test on those discordant cases (McNemar's exact test: under "no
  difference" each discordant case goes either way with probability 1/2);
* for member votes, the difference between the engine's accuracy and "every member votes yes",
  with a **case bootstrap** interval (95%, percentile): votes of one crisis are not independent
  (a roll call moves together), so whole cases are resampled (scipy's ``bootstrap``, paired
  over each case's vote count and its sum of differences), with a fixed seed.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import binomtest, bootstrap

LEVEL = 0.95
"""Confidence level of every interval."""

BOOTSTRAP_REPS = 2000
"""Resamples of the case bootstrap of the vote difference."""


def wilson(hits: int, n: int, level: float = LEVEL) -> list[float] | None:
    """The Wilson interval of a share ``hits / n`` (None when ``n`` is 0), rounded to 4
    decimals.
    """
    if n == 0:
        return None
    ci = binomtest(hits, n).proportion_ci(confidence_level=level, method="wilson")
    return [round(float(ci.low), 4), round(float(ci.high), 4)]


def paired(engine: list[bool], baseline: list[bool]) -> dict:
    """The engine against a baseline on the same cases: ``better`` (engine right, baseline
    wrong), ``worse`` (the reverse) and ``p``, the exact sign test's two-sided p-value on the
    discordant cases (1.0 when there are none).
    """
    if len(engine) != len(baseline):
        raise ValueError("the engine and the baseline must be scored on the same cases")
    better = sum(e and not b for e, b in zip(engine, baseline, strict=True))
    worse = sum(b and not e for e, b in zip(engine, baseline, strict=True))
    p = binomtest(better, better + worse).pvalue if better + worse else 1.0
    return {"better": better, "worse": worse, "p": round(float(p), 4)}


def vote_difference(
    cases: list[str],
    engine: list[bool],
    baseline: list[bool],
    reps: int = BOOTSTRAP_REPS,
    seed: int = 0,
    level: float = LEVEL,
) -> dict | None:
    """The engine's vote accuracy minus the baseline's, and its case-bootstrap interval.

    ``cases`` names the case of each vote, ``engine`` and ``baseline`` whether each got it
    right. None without votes. Same seed, same interval.
    """
    if not cases:
        return None
    names = sorted(set(cases))
    where = {name: k for k, name in enumerate(names)}
    idx = np.array([where[c] for c in cases])
    count = np.bincount(idx, minlength=len(names)).astype(float)
    gap = np.bincount(
        idx, weights=np.asarray(engine, float) - np.asarray(baseline, float), minlength=len(names)
    )
    if len(names) < 2:
        low = high = float(gap.sum() / count.sum())  # one case: nothing to resample
    else:
        ci = bootstrap(
            (count, gap),
            lambda c, g, axis=-1: g.sum(axis=axis) / c.sum(axis=axis),
            paired=True,
            vectorized=True,
            n_resamples=reps,
            confidence_level=level,
            method="percentile",
            rng=np.random.default_rng(seed),
        ).confidence_interval
        low, high = float(ci.low), float(ci.high)
    return {
        "difference": round(float(gap.sum() / count.sum()), 4),
        "interval": [round(float(low), 4), round(float(high), 4)],
        "cases": len(names),
        "reps": reps,
    }
