"""Generating functions of a weighted game: the kernel behind Banzhaf, Shapley-Shubik, Coleman.

In a weighted game [q; w_1, ..., w_n] (non-negative integer weights) let every player vote
yes independently with probability p. The yes-weight of the others of a player of weight v
is distributed as the coefficients of

    G_-v(x) = prod_{j != i} ((1 - p) + p x^{w_j}),

the generating function of Brams & Affuso (1976) (at p = 1/2 it counts coalitions by weight,
divided by 2^(n-1)); see Bilbao, Fernandez, Jimenez Losada & Lopez (2000), "Generating
functions for computing power indices efficiently", TOP 8(2): 191-213. The player is
decisive when the others' weight lies in the window [q - v, q - 1]. Hence:

* Banzhaf (1965): the absolute index is that window probability at p = 1/2;
* Shapley-Shubik (1954): by Owen's multilinear extension (Owen 1972, "Multilinear extensions
  of games", Management Science 18(5): P64-P79) the index is the integral over p in [0, 1] of
  the window probability. The integrand is a polynomial of degree n - 1 in p, so
  Gauss-Legendre quadrature with ceil(n / 2) nodes gives the integral exactly (up to
  floating-point rounding): no n!, nothing overflows, no sampling.

Speed: the distribution is built once per p (O(n q) multiply-adds, weights above what the
window needs are never stored), and a player is "removed" by dividing by (1 - p) + p x^v,
solved upward in the weight, which is stable for p <= 1/2 (each step multiplies earlier
errors by p / (1 - p) <= 1). A node p > 1/2 is the mirror of 1 - p: the others' yes-weight
is in [q - v, q - 1] exactly when their no-weight, distributed as at 1 - p, is in
[W - q - v + 1, W - q] (W the total weight). So one distribution serves a pair of nodes.
Each distinct weight is removed once (players of equal weight have equal power).

``powerindex`` (the usual Python package) is not used at run time: it counts with factorials
and overflows for Shapley-Shubik from n = 171 on, and is several times slower
(benchmarks/bench_voting_power.py).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange


@njit(cache=True)
def _distribution(w: np.ndarray, p: float, cap: int) -> np.ndarray:  # pragma: no cover
    """Probability of each total weight 0..cap when each player votes yes with probability p.

    Weights above ``cap`` are dropped (never needed: weight only grows); each player
    multiplies by (1 - p) + p x^v, in place, downward in the weight.
    """
    c = np.zeros(cap + 1)
    c[0] = 1.0
    reached = 0
    stay = 1.0 - p
    for j in range(len(w)):
        v = w[j]
        if v == 0:
            continue
        reached = min(reached + v, cap)
        for k in range(reached, v - 1, -1):
            c[k] = stay * c[k] + p * c[k - v]
        for k in range(min(v, reached + 1) - 1, -1, -1):
            c[k] = stay * c[k]
    return c


@njit(cache=True)
def _windows_without(c, v, p, lo_a, hi_a, lo_b, hi_b):  # pragma: no cover (numba)
    """Sums over k in [lo_a, hi_a] and in [lo_b, hi_b] of the distribution ``c`` with one
    player of weight v removed: divides by (1 - p) + p x^v upward in k (stable for p <= 1/2).
    """
    top = max(hi_a, hi_b)
    if top < 0:
        return 0.0, 0.0
    d = np.empty(top + 1)
    inv = 1.0 / (1.0 - p)
    r = p * inv
    a = 0.0
    b = 0.0
    for k in range(top + 1):
        d[k] = c[k] * inv - (r * d[k - v] if k >= v else 0.0)
        if lo_a <= k <= hi_a:
            a += d[k]
        if lo_b <= k <= hi_b:
            b += d[k]
    return a, b


@njit(cache=True, parallel=True)
def _windows(w, distinct, q, nodes, node_weights):  # pragma: no cover (numba)
    """Quadrature sum of the decisive probability of a player of each distinct weight.

    ``nodes`` holds p <= 1/2; ``node_weights[t]`` the quadrature weights of p and of its
    mirror 1 - p (0 when there is none). Each node is computed by one thread alone, so the
    result does not depend on the number of threads. Returns shape (len(distinct),).
    """
    total = 0
    for j in range(len(w)):
        total += w[j]
    cap = max(q - 1, total - q)
    parts = np.zeros((len(nodes), len(distinct)))
    for t in prange(len(nodes)):
        p = nodes[t]
        c = _distribution(w, p, cap)
        for i in range(len(distinct)):
            v = distinct[i]
            # yes-weight of the others in [q - v, q - 1] at p; at 1 - p, their no-weight
            # (distributed as the yes-weight at p) in [W - q - v + 1, W - q]
            hi_a = q - 1 if node_weights[t, 0] != 0.0 else -1
            hi_b = total - q if node_weights[t, 1] != 0.0 else -1
            a, b = _windows_without(c, v, p, q - v, hi_a, total - q - v + 1, hi_b)
            parts[t, i] = node_weights[t, 0] * a + node_weights[t, 1] * b
    out = np.zeros(len(distinct))
    for t in range(len(nodes)):  # fixed order of summation
        out += parts[t]
    return out


def _integer_weights(weights: np.ndarray, quota: float) -> tuple[np.ndarray, int]:
    w = np.asarray(weights, dtype=float)
    if (w < 0).any() or not np.allclose(w, np.round(w)):
        raise ValueError("the generating-function method needs non-negative integer weights")
    return np.round(w).astype(np.int64), int(np.ceil(quota - 1e-9))


def _by_distinct(w: np.ndarray, values: np.ndarray, distinct: np.ndarray) -> np.ndarray:
    out = np.zeros(len(w))
    for v, value in zip(distinct, values, strict=True):
        out[w == v] = value
    return out


def _half(q: int, total: int) -> tuple[np.ndarray, np.ndarray]:
    """The node p = 1/2 with its window on the lighter side: the division then runs only
    through the lower tail, never across the bulk of the distribution, whose rounding
    errors would swamp a small tail probability.
    """
    side = [1.0, 0.0] if q - 1 <= total - q else [0.0, 1.0]
    return np.array([0.5]), np.array([side])


def decisive_probability(weights: np.ndarray, quota: float) -> np.ndarray:
    """Absolute Banzhaf index: the probability that each player is decisive (its swings /
    2^(n-1)) when every other player votes yes or no with probability 1/2. Range [0, 1].
    """
    w, q = _integer_weights(weights, quota)
    if q <= 0:
        return np.zeros(len(w))
    distinct = np.array(sorted({int(x) for x in w if x > 0}), dtype=np.int64)
    nodes, node_w = _half(q, int(w.sum()))
    return _by_distinct(w, _windows(w, distinct, q, nodes, node_w), distinct)


def passing_probability(weights: np.ndarray, quota: float) -> float:
    """Coleman's power of the collectivity to act: winning coalitions / 2^n, in [0, 1].

    A coalition wins when its weight is >= q, i.e. when the weight of the others is
    <= W - q: summed directly (no 1 - x, which would lose a tiny probability to rounding).
    """
    w, q = _integer_weights(weights, quota)
    if q <= 0:
        return 1.0
    total = int(w.sum())
    if total < q:
        return 0.0
    return float(_distribution(w, 0.5, total - q).sum())


def owen_integral(weights: np.ndarray, quota: float) -> np.ndarray:
    """Integral over p in [0, 1] of each player's decisive probability: the Shapley-Shubik
    index (Owen 1972), by Gauss-Legendre quadrature exact for degree n - 1.
    """
    w, q = _integer_weights(weights, quota)
    n = len(w)
    if q <= 0 or n == 0:
        return np.zeros(n)
    m = max(1, (n + 1) // 2)  # exact for polynomials of degree 2m - 1 >= n - 1
    x, a = np.polynomial.legendre.leggauss(m)
    p, a = (x + 1) / 2, a / 2
    # pair each node p < 1/2 with its mirror 1 - p (Gauss-Legendre nodes are symmetric)
    low, high = p < 0.5 - 1e-12, p > 0.5 + 1e-12
    node_w = np.column_stack([a[low], a[high][::-1]])
    nodes = p[low]
    if (~low & ~high).any():  # odd m: the node 1/2, on the lighter side
        mid, mid_w = _half(q, int(w.sum()))
        nodes = np.concatenate([nodes, mid])
        node_w = np.vstack([node_w, mid_w * a[~low & ~high].sum()])
    distinct = np.array(sorted({int(v) for v in w if v > 0}), dtype=np.int64)
    return _by_distinct(w, _windows(w, distinct, q, nodes, node_w), distinct)
