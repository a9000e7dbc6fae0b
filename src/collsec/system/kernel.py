"""The numba kernel of the system model: one replicate, arrays only, its own random stream.

Written by hand because the model is a sequential process (each state decides in turn and
changes the map the next one sees) that numpy cannot vectorise across states; numba compiles
the loop. Replicates are independent and run one kernel call each (in parallel processes if
asked); no Python object stands for a state.

The random stream is splitmix64 (Steele, Lea & Flood 2014) seeded per replicate from
``numpy.random.SeedSequence(seed).spawn(R)``: a generator inside the kernel that is carried
explicitly, so a replicate gives the same history alone, in any batch, on any worker.

War kernels: projected capability = c * 2**(-d / half_distance) and the ratio contest
p = a**m / (a**m + b**m) are the formulas of :mod:`collsec.war` (tested equal there).
"""

from __future__ import annotations

import numpy as np
from numba import njit

RP, CS, CD, LF = 0, 1, 2, 3
"""Doctrine codes, in the order of :data:`collsec.system.params.DOCTRINES`."""

OUT_FIELDS = (
    "endured",
    "end_turn",
    "hegemon_doctrine",
    "wars",
    "war_participants",
    "survivors_rp",
    "survivors_cs",
    "survivors_cd",
    "survivors_lf",
    "initial_rp",
    "initial_cs",
    "initial_cd",
    "initial_lf",
    "starts_rp",
    "starts_cs",
    "starts_cd",
    "starts_lf",
    "joins_rp",
    "joins_cs",
    "joins_cd",
    "joins_lf",
    "capability_start",
    "capability_grown",
    "capability_upkeep",
    "capability_lost_in_war",
    "capability_end",
    "provinces_total",
    "provinces_end",
    "decisions",
    "largest_share",
)
SERIES_FIELDS = ("alive", "wars", "largest_share")


@njit(cache=True)
def _uniform(state):  # pragma: no cover (numba)
    """Next uniform in [0, 1) of a splitmix64 stream held in ``state`` (uint64 array of 1)."""
    state[0] += np.uint64(0x9E3779B97F4A7C15)
    z = state[0]
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z = z ^ (z >> np.uint64(31))
    return float(z >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(cache=True)
def _permutation(n, state):  # pragma: no cover
    perm = np.arange(n)
    for i in range(n - 1, 0, -1):
        j = int(_uniform(state) * (i + 1))
        perm[i], perm[j] = perm[j], perm[i]
    return perm


@njit(cache=True)
def gabriel_graph(x, y):  # pragma: no cover
    """Adjacency of the Gabriel graph of points (x, y): i ~ j when no other point lies in the
    circle whose diameter is ij. Planar and connected: a map of neighbours.
    """
    n = len(x)
    adj = np.zeros((n, n), dtype=np.bool_)
    for i in range(n):
        for j in range(i + 1, n):
            mx, my = (x[i] + x[j]) / 2, (y[i] + y[j]) / 2
            r2 = ((x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2) / 4
            ok = True
            for k in range(n):
                if k != i and k != j and (x[k] - mx) ** 2 + (y[k] - my) ** 2 < r2:
                    ok = False
                    break
            adj[i, j] = adj[j, i] = ok
    return adj


@njit(cache=True)
def _contest(a, b, m):  # pragma: no cover
    am, bm = a**m, b**m
    return 0.5 if am + bm <= 0 else am / (am + bm)


@njit(cache=True, inline="always")
def _defence_share(
    k,
    a,
    d,
    doctrine,
    bloc,
    cap,
    reach,
    alive,
    strongest,
    commitment,
    iota,
    confidence,
    cs_support,
    attack_power,
):  # pragma: no cover
    """Probability that state k joins the defence of d against a (0 if it would not)."""
    if k == a or k == d or not alive[k]:
        return 0.0
    doc = doctrine[k]
    if doc == CS:
        concern = iota + (1 - iota) * reach[k, d]
        own = cap[k] * reach[k, d]
        expected = cap[d] + own + confidence * (cs_support - own * concern)
        return commitment * concern if expected >= attack_power else 0.0
    if doc == CD:
        return commitment if bloc[k] >= 0 and bloc[k] == bloc[d] else 0.0
    if doc == RP:  # balancing: against the strongest state, when it is within reach
        return 1.0 if a == strongest and reach[k, a] >= 0.25 else 0.0
    return 0.0


@njit(cache=True)
def _cs_support(d, alive, doctrine, cap, reach, iota, cache, valid):  # pragma: no cover
    """Concern-weighted power of the collective-security states around d (cached per turn;
    only realpolitik states attack, so the attacker is never among them).
    """
    if not valid[d]:
        total = 0.0
        for k in range(len(cap)):
            if alive[k] and doctrine[k] == CS and k != d:
                total += cap[k] * reach[k, d] * (iota + (1 - iota) * reach[k, d])
        cache[d] = total
        valid[d] = True
    return cache[d]


@njit(cache=True)
def _assess(
    a,
    d,
    doctrine,
    bloc,
    cap,
    reach,
    alive,
    strongest,
    commitment,
    iota,
    confidence,
    cs_cache,
    cs_valid,
    shares,
):  # pragma: no cover
    """An attack of a on d: the attacker's power at d, the defence it can expect, and (in
    ``shares``) each state's probability of joining that defence.
    """
    attack = cap[a] * reach[a, d]
    cs_support = _cs_support(d, alive, doctrine, cap, reach, iota, cs_cache, cs_valid)
    defence = cap[d]
    for k in range(len(cap)):
        shares[k] = _defence_share(
            k,
            a,
            d,
            doctrine,
            bloc,
            cap,
            reach,
            alive,
            strongest,
            commitment,
            iota,
            confidence,
            cs_support,
            attack,
        )
        defence += cap[k] * reach[k, d] * shares[k]
    return attack, defence


@njit(cache=True)
def run_replicate(
    seed,
    n,
    turns,
    counts,
    cs_power,
    alliances,
    commitment,
    iota,
    confidence,
    inequality,
    arms_cost,
    growth,
    provinces0,
    half,
    m,
    threshold,
    war_cost,
    conquest,
    hegemony,
    series,
):  # pragma: no cover
    """Simulate one system of ``n`` states for up to ``turns`` turns; see docs/model.md Part II.

    Returns (measures, per-turn series); measures in the order of :data:`OUT_FIELDS`.
    """
    state = np.empty(1, dtype=np.uint64)
    state[0] = np.uint64(seed)
    side = np.sqrt(n)
    x = np.empty(n)
    y = np.empty(n)
    for i in range(n):
        x[i] = _uniform(state) * side
        y[i] = _uniform(state) * side
    adj = gabriel_graph(x, y)
    reach = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            reach[i, j] = 2.0 ** (-np.sqrt((x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2) / half)
    cap = np.empty(n)
    for i in range(n):  # lognormal spread of initial capability (Box-Muller)
        u1 = max(_uniform(state), 1e-300)
        z = np.sqrt(-2 * np.log(u1)) * np.cos(2 * np.pi * _uniform(state))
        cap[i] = provinces0 * np.exp(inequality * z - inequality * inequality / 2)
    prov = np.full(n, provinces0, dtype=np.int64)
    # doctrines: collective-security states drawn at random, or the strongest / weakest
    order = _permutation(n, state)
    if cs_power != 0:
        by_cap = np.argsort(cap)
        if cs_power == 1:
            by_cap = by_cap[::-1]
        rest = np.array([i for i in order if i not in set(by_cap[: counts[CS]])])
        order = np.concatenate((by_cap[: counts[CS]], rest))
        doc_seq = np.array([CS, RP, CD, LF])
    else:
        doc_seq = np.array([RP, CS, CD, LF])
    doctrine = np.empty(n, dtype=np.int64)
    pos = 0
    for dcode in doc_seq:
        for _ in range(counts[dcode]):
            doctrine[order[pos]] = dcode
            pos += 1
    bloc = np.full(n, -1, dtype=np.int64)
    nb = 0
    for i in order:
        if doctrine[i] == CD:
            bloc[i] = nb % alliances
            nb += 1
    alive = np.ones(n, dtype=np.bool_)
    out = np.zeros(len(OUT_FIELDS))
    for i in range(n):
        out[9 + doctrine[i]] += 1
    out[21] = cap.sum()
    out[26] = prov.sum()
    total_prov = prov.sum()
    rows = turns if series else 0
    trace = np.zeros((rows, 3))
    end_turn = turns
    hegemon = -1
    joined = np.zeros(n, dtype=np.bool_)
    cs_cache = np.zeros(n)
    cs_valid = np.zeros(n, dtype=np.bool_)
    shares = np.zeros(n)
    for t in range(turns):
        cs_valid[:] = False  # capabilities grew
        for i in range(n):
            if alive[i]:
                g = growth * prov[i]
                u = arms_cost * cap[i]
                cap[i] += g - u
                out[22] += g
                out[23] += u
        strongest = -1
        for i in range(n):
            if alive[i] and (strongest < 0 or cap[i] > cap[strongest]):
                strongest = i
        wars_now = 0
        for a in _permutation(n, state):
            if not alive[a]:
                continue
            out[28] += 1
            if doctrine[a] != RP:
                continue
            best, best_value = -1, 0.0
            for d in range(n):
                if not (adj[a, d] and alive[d]):
                    continue
                attack, defence = _assess(
                    a,
                    d,
                    doctrine,
                    bloc,
                    cap,
                    reach,
                    alive,
                    strongest,
                    commitment,
                    iota,
                    confidence,
                    cs_cache,
                    cs_valid,
                    shares,
                )
                p = _contest(attack, defence, m)
                if p >= threshold and p * prov[d] > best_value:
                    best, best_value = d, p * prov[d]
            if best < 0:
                continue
            d = best
            attack, _ = _assess(
                a,
                d,
                doctrine,
                bloc,
                cap,
                reach,
                alive,
                strongest,
                commitment,
                iota,
                confidence,
                cs_cache,
                cs_valid,
                shares,
            )
            defence = cap[d]
            size = 2
            for k in range(n):
                share = shares[k]
                joined[k] = share > 0 and _uniform(state) < share
                if joined[k]:
                    defence += cap[k] * reach[k, d]
                    out[17 + doctrine[k]] += 1
                    size += 1
            cs_valid[:] = False  # a war changes capabilities (and maybe the map)
            out[13 + doctrine[a]] += 1
            out[3] += 1
            out[4] += size
            wars_now += 1
            # costs: each side loses war_cost * min(attack, defence), shared by contribution
            loss = war_cost * min(attack, defence)
            la = min(cap[a], loss * cap[a] * reach[a, d] / max(attack, 1e-300))
            cap[a] -= la
            out[24] += la
            for k in range(n):
                if k == d or joined[k]:
                    contribution = cap[k] * (1.0 if k == d else reach[k, d])
                    lk = min(cap[k], loss * contribution / max(defence, 1e-300))
                    cap[k] -= lk
                    out[24] += lk
                    joined[k] = False
            if _uniform(state) < _contest(attack, defence, m):
                take = max(1, int(conquest * prov[d]))
                take = min(take, prov[d])
                prov[d] -= take
                prov[a] += take
                if prov[d] == 0:  # eliminated: the winner absorbs what is left and the borders
                    alive[d] = False
                    cap[a] += cap[d]
                    cap[d] = 0.0
                    for k in range(n):
                        if adj[d, k] and k != a:
                            adj[a, k] = adj[k, a] = True
                        adj[d, k] = adj[k, d] = False
        largest = 0
        for i in range(n):
            if alive[i] and prov[i] > largest:
                largest = prov[i]
                if largest >= hegemony * total_prov:
                    hegemon = i
        if series:
            trace[t, 0] = alive.sum()
            trace[t, 1] = wars_now
            trace[t, 2] = largest / total_prov
        if hegemon >= 0:
            end_turn = t + 1
            break
    out[0] = 1.0 if hegemon < 0 else 0.0
    out[1] = end_turn
    out[2] = -1 if hegemon < 0 else doctrine[hegemon]
    for i in range(n):
        if alive[i]:
            out[5 + doctrine[i]] += 1
    out[25] = cap.sum()
    out[27] = prov.sum()
    out[29] = largest / total_prov
    if series:
        return out, trace[:end_turn]
    return out, trace
