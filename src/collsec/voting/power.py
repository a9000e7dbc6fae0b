"""Exact voting power: Banzhaf, Shapley-Shubik and Coleman's measures.

Every index takes a :class:`Game`: the yes/no reading of a decision rule as an intersection
of weighted games (:func:`collsec.voting.rules.weighted_games`). Nothing is sampled.

Two exact algorithms, chosen by the game's shape:

* **Classes of interchangeable players** (councils: permanent and elected members, new
  seats): players with the same weight in every component game are interchangeable, so it is
  enough to enumerate how many of each class vote yes, with binomial multiplicities. Exact in
  Python integers and fractions. Used when the number of class-count vectors is small
  (today's Council: 6 x 11 = 66).
* **Generating functions over weights** (one weighted game, hundreds of players): the number
  of coalitions of each total weight is the coefficient of x^k in prod_j (1 + x^w_j)
  (Brams & Affuso 1976; Bilbao et al. 2000); removing one player divides by (1 + x^w).
  Shapley-Shubik needs the size of the coalition too, so its table has a size axis. The
  counts are kept divided by 2^n (Banzhaf) or by binomial coefficients (Shapley-Shubik), so
  nothing overflows even at n = 500, where 2^n and n! exceed any float: the algorithm is exact,
  the arithmetic float64 (relative error ~1e-12, checked against exact integers in the tests).

Written here because no maintained library does this exactly at this size: ``powerindex``
(the usual Python package) overflows for Shapley-Shubik from n = 171 and is slow
(see benchmarks/bench_voting_power.py).

Sources: Banzhaf (1965), Shapley & Shubik (1954), Coleman (1971); Felsenthal & Machover,
*The Measurement of Voting Power* (1998) for the definitions used here.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numba import njit, prange

from collsec.voting.rules import DecisionRule, weighted_games

MAX_CLASS_VECTORS = 2_000_000
"""Above this many class-count vectors, a composite game is too large to enumerate."""


@dataclass(frozen=True)
class Game:
    """A simple yes/no game: a coalition wins iff, for every component, its weight >= quota.

    Attributes
    ----------
    players: names, in order.
    weights: integer array, shape (components, players).
    quotas: shape (components,).

    """

    players: tuple[str, ...]
    weights: np.ndarray
    quotas: np.ndarray

    @classmethod
    def weighted(
        cls, weights: Sequence[float], quota: float, players: Sequence[str] | None = None
    ) -> Game:
        """A weighted game [quota; w_1, ..., w_n]."""
        w = np.asarray(weights, dtype=float)
        names = tuple(players) if players is not None else tuple(f"P{i + 1}" for i in range(len(w)))
        return cls(names, w[None, :], np.array([float(quota)]))

    @classmethod
    def from_rule(
        cls, rule: DecisionRule, members: Sequence[str], permanent: Iterable[str] = ()
    ) -> Game:
        """The yes/no reading of a decision rule ("not yes" counts as "no")."""
        games = weighted_games(rule, members, permanent)
        return cls(tuple(members), np.array([g[0] for g in games]), np.array([g[1] for g in games]))

    @property
    def n(self) -> int:
        """Number of players."""
        return len(self.players)

    def wins(self, counts_by_class: np.ndarray, class_weights: np.ndarray) -> np.ndarray:
        """Whether coalitions given as yes-counts per class win (vectorised over rows)."""
        totals = counts_by_class @ class_weights
        return np.all(totals >= self.quotas - 1e-9, axis=-1)

    def classes(self) -> tuple[np.ndarray, np.ndarray]:
        """(class of each player, weight column of each class): interchangeable players."""
        columns = [tuple(self.weights[:, j]) for j in range(self.n)]
        distinct = list(dict.fromkeys(columns))
        index = {c: i for i, c in enumerate(distinct)}
        return np.array([index[c] for c in columns]), np.array(distinct, dtype=float)


@dataclass(frozen=True)
class PowerIndices:
    """Indices of every player, and of the body as a whole.

    ``banzhaf`` is normalised (sums to 1); ``banzhaf_absolute`` is the probability of being
    decisive when all others vote at random (swings / 2^(n-1)); ``shapley_shubik`` sums to 1;
    ``prevent`` and ``initiate`` are Coleman's power of a member to prevent and to initiate
    action; ``power_to_act`` is Coleman's power of the collectivity to act (the share of
    coalitions that win).
    """

    players: tuple[str, ...]
    banzhaf: np.ndarray
    banzhaf_absolute: np.ndarray
    shapley_shubik: np.ndarray
    prevent: np.ndarray
    initiate: np.ndarray
    power_to_act: float
    winning_coalitions: int | None = None


# ----------------------------------------------------------------- exact by classes
def _by_classes(game: Game) -> PowerIndices:
    cls, class_w = game.classes()
    sizes = np.bincount(cls, minlength=len(class_w))
    if math.prod(int(s) + 1 for s in sizes) > MAX_CLASS_VECTORS:
        raise ValueError("too many classes of players to enumerate; use a weighted game")
    n = game.n
    grids = np.array(list(itertools.product(*[range(int(s) + 1) for s in sizes])), dtype=float)
    win = game.wins(grids, class_w)
    mult = [
        math.prod(math.comb(int(s), int(c)) for s, c in zip(sizes, row, strict=True))
        for row in grids.astype(int)
    ]
    winning = sum(m for m, w in zip(mult, win, strict=True) if w)
    fact = [math.factorial(k) for k in range(n + 1)]
    swings, ss = [], []
    for t, size_t in enumerate(sizes):
        if size_t == 0:
            swings.append(0)
            ss.append(Fraction(0))
            continue
        others = sizes.copy()
        others[t] -= 1
        rows = np.array(list(itertools.product(*[range(int(s) + 1) for s in others])), dtype=float)
        with_t = rows.copy()
        with_t[:, t] += 1
        pivotal = game.wins(with_t, class_w) & ~game.wins(rows, class_w)
        count, share = 0, Fraction(0)
        for row in rows[pivotal].astype(int):
            m = math.prod(math.comb(int(s), int(c)) for s, c in zip(others, row, strict=True))
            k = int(row.sum())
            count += m
            share += Fraction(m * fact[k] * fact[n - k - 1], fact[n])
        swings.append(count)
        ss.append(share)
    total_swings = sum(swings[c] for c in cls)
    bz = np.array(
        [Fraction(swings[c], total_swings) if total_swings else 0 for c in cls], dtype=float
    )
    return PowerIndices(
        players=game.players,
        banzhaf=bz,
        banzhaf_absolute=np.array([swings[c] / 2 ** (n - 1) for c in cls]),
        shapley_shubik=np.array([float(ss[c]) for c in cls]),
        prevent=np.array([swings[c] / winning if winning else 0.0 for c in cls]),
        initiate=np.array([swings[c] / (2**n - winning) if winning < 2**n else 0.0 for c in cls]),
        power_to_act=winning / 2**n,
        winning_coalitions=winning,
    )


# ----------------------------------------------------------------- weighted games
def _weight_counts(weights: np.ndarray, cap: int) -> np.ndarray:
    """Coefficients of prod (1 + x^w) / 2^n for weights up to ``cap`` (heavier coalitions are
    lumped into the last cell).
    """
    p = np.zeros(cap + 1)
    p[0] = 1.0
    for w in weights:
        shifted = np.zeros_like(p)
        if w <= cap:
            shifted[w:] = p[: cap + 1 - w]
            shifted[cap] += p[cap + 1 - w :].sum() if w > 0 else 0.0
        else:
            shifted[cap] = p.sum()
        p = 0.5 * (p + shifted) if w > 0 else p
    return p


def _remove(p: np.ndarray, w: int) -> np.ndarray:
    """Divide the (halved) generating function by (1 + x^w)/2: remove one player of weight w.
    Valid below the lumped last cell.
    """
    c = 2.0 * p.copy()
    for start in range(w, len(c) - 1, w):
        stop = min(start + w, len(c) - 1)
        c[start:stop] -= c[start - w : stop - w]
    return c


def _by_weights(game: Game) -> PowerIndices:
    w = game.weights[0]
    if not np.allclose(w, np.round(w)) or (w < 0).any():
        raise ValueError("the generating-function method needs non-negative integer weights")
    w = np.round(w).astype(int)
    q = int(math.ceil(game.quotas[0] - 1e-9))
    p = _weight_counts(w, q)
    power_to_act = float(p[q]) if q > 0 else 1.0
    # Banzhaf: P(others' weight in [q - w_i, q - 1]) with everyone else voting at random.
    distinct = {int(v) for v in w}
    swing_prob = {}
    for v in distinct:
        if v == 0:
            swing_prob[v] = 0.0
            continue
        c = _remove(p, v)
        swing_prob[v] = float(c[max(q - v, 0) : q].sum())
    absolute = np.array([swing_prob[int(v)] for v in w])
    total = absolute.sum()
    # Shapley-Shubik: table over (size, weight), each size row divided by C(n, size).
    ss = _shapley_shubik_weighted(w, q)
    return PowerIndices(
        players=game.players,
        banzhaf=absolute / total if total else absolute,
        banzhaf_absolute=absolute,
        shapley_shubik=ss,
        prevent=absolute / (2 * power_to_act) if power_to_act else absolute * 0,
        initiate=absolute / (2 * (1 - power_to_act)) if power_to_act < 1 else absolute * 0,
        power_to_act=power_to_act,
    )


@njit(cache=True)
def _size_weight_table(w: np.ndarray, total: int) -> np.ndarray:  # pragma: no cover (numba)
    """T[s, k] = (number of coalitions of s players and weight k) / C(n, s), for all players.

    Only the sizes up to n/2 are built, each up to the weight of the players added so far; the
    others follow from complements: a coalition of s players and weight k is the complement of
    one of n - s players and weight total - k, and C(n, s) = C(n, n - s).
    """
    n = len(w)
    half = n // 2
    t = np.zeros((n + 1, total + 1))
    t[0, 0] = 1.0
    reached = 0
    for j in range(1, n + 1):
        v = w[j - 1]
        reached += v
        for s in range(min(j, half), 0, -1):
            a = (j - s) / j
            b = s / j
            for k in range(min(reached, total), -1, -1):
                grown = t[s - 1, k - v] if k >= v else 0.0
                t[s, k] = t[s, k] * a + grown * b
    for s in range(half + 1, n + 1):
        for k in range(total + 1):
            t[s, k] = t[n - s, total - k]
    return t


@njit(cache=True)
def _leave_one_out(t: np.ndarray, v: int, lo: int, hi: int) -> np.ndarray:  # pragma: no cover
    """For the others of a player of weight v: sum over k in [lo, hi) of Q[s, k] for each s,
    where Q[s, k] = N_-[s, k] / C(n - 1, s).

    N[s, k] = N_-[s, k] + N_-[s - 1, k - v] is solved upward for s <= n/2 and downward for
    s > n/2: in both directions each step multiplies earlier errors by a factor below 1, so
    the division by (1 + y x^v) is stable in floating point.
    """
    n = t.shape[0] - 1
    total = t.shape[1] - 1
    out = np.zeros(n)
    half = n // 2
    prev = np.zeros(total + 1)
    for s in range(0, half + 1):
        cur = np.empty(total + 1)
        for k in range(total + 1):
            back = prev[k - v] if (s > 0 and k >= v) else 0.0
            cur[k] = t[s, k] * n / (n - s) - back * s / (n - s)
        acc = 0.0
        for k in range(lo, hi):
            acc += cur[k]
        out[s] = acc
        prev = cur
    nxt = np.zeros(total + 1)
    for s in range(n - 1, half, -1):
        cur = np.empty(total + 1)
        for k in range(total + 1):
            if k + v <= total:
                cur[k] = t[s + 1, k + v] * n / (s + 1) - nxt[k + v] * (n - 1 - s) / (s + 1)
            else:
                cur[k] = 0.0
        acc = 0.0
        for k in range(lo, hi):
            acc += cur[k]
        out[s] = acc
        nxt = cur
    return out


def _shapley_shubik_weighted(w: np.ndarray, q: int) -> np.ndarray:
    """Shapley-Shubik of a weighted game by a (size x weight) generating function.

    Player i's index is sum over sizes s and weights k in [q - w_i, q - 1] of the others'
    count N_-i[s, k] * s! (n - 1 - s)! / n! = Q[s, k] / n, with Q the count divided by
    C(n - 1, s) (so nothing overflows).
    """
    n = len(w)
    total = int(w.sum())
    table = _size_weight_table(w.astype(np.int64), total)
    distinct = np.array(sorted({int(x) for x in w if x > 0}), dtype=np.int64)
    values = _leave_each_out(table, distinct, q)
    result = np.zeros(n)
    for v, value in zip(distinct, values, strict=True):
        result[w == v] = value / n
    return result


@njit(cache=True, parallel=True)
def _leave_each_out(table, distinct, q):  # pragma: no cover (numba)
    """Sum of the leave-one-out window for each distinct weight; independent, so in parallel
    (each weight's result is computed by one thread alone: the same whatever the threads).
    """
    out = np.zeros(len(distinct))
    for i in prange(len(distinct)):
        v = distinct[i]
        out[i] = _leave_one_out(table, v, max(q - v, 0), q).sum()
    return out


def power_indices(game: Game) -> PowerIndices:
    """All indices of ``game``, by the exact method that fits its shape (module docstring)."""
    cls, class_w = game.classes()
    sizes = np.bincount(cls)
    if math.prod(int(s) + 1 for s in sizes) <= MAX_CLASS_VECTORS:
        return _by_classes(game)
    if game.weights.shape[0] == 1:
        return _by_weights(game)
    raise ValueError("a composite game with many distinct players: not supported exactly")


INDICES = {
    "banzhaf": lambda g: power_indices(g).banzhaf,
    "banzhaf_absolute": lambda g: power_indices(g).banzhaf_absolute,
    "shapley_shubik": lambda g: power_indices(g).shapley_shubik,
    "coleman_prevent": lambda g: power_indices(g).prevent,
    "coleman_initiate": lambda g: power_indices(g).initiate,
}
"""Index name -> function of a Game returning one value per player (a plain registry)."""

REFERENCE_GAMES = {
    "unsc": (
        "UN Security Council since 1966: 9 of 15, no permanent member against",
        DecisionRule(quota=9, veto_holders="permanent"),
    ),
    "unsc-1946": (
        "UN Security Council 1946-65: 7 of 11, no permanent member against",
        DecisionRule(quota=7, veto_holders="permanent"),
    ),
}
"""Reference games with published answers (Felsenthal & Machover 1998; Gould & Rablen 2016)."""
