"""The numba kernel of the system model: one replicate, arrays only, its own random stream.

The model is a sequential process (each state decides in turn and changes the map the next
one sees), which numpy cannot vectorise across states; numba compiles the loop. Replicates are
independent and run one kernel call each (in parallel processes if asked); no Python object
stands for a state: a state is an index into flat arrays (capability, provinces, doctrine,
alliance, alive) and the map is a boolean adjacency matrix with a matrix of reaches.

Random stream: the kernel draws only from the ``numpy.random.Generator`` it is given,
``Generator(PCG64(SeedSequence(seed).spawn(R)[i]))`` for replicate ``i``, in a fixed order,
so a replicate gives the same history alone, in any batch, on any worker.

War kernels: projected capability ``c * 2**(-d / half_distance)`` and the ratio contest
``p = a**m / (a**m + b**m)`` are the formulas of :func:`collsec.war.projected_capability` and
:func:`collsec.war.win_probability` re-expressed for numba (``tests/system`` checks that they
agree on random inputs). The rules are described in docs/model.md, Part II, section 3.
"""

from __future__ import annotations

import numpy as np
from numba import njit

RP, CS, CD, LF = 0, 1, 2, 3
"""Doctrine codes, in the order of :data:`collsec.system.params.DOCTRINES`."""

CODES = ("rp", "cs", "cd", "lf")
"""Short doctrine codes used in column names (``survivors_rp``...), in code order."""

OUT_FIELDS = (
    "endured",
    "end_turn",
    "hegemon_doctrine",
    "wars",
    "war_participants",
    "largest_war",
    "aggressor_wins",
    "eliminations",
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
    "bandwagons",
    "initial_power_cs",
    "capability_start",
    "capability_grown",
    "capability_upkeep",
    "capability_lost_in_war",
    "capability_end",
    "provinces_total",
    "provinces_end",
    "decisions",
    "largest_share",
    "initiator_decisions",
    "targets_weighed",
)
"""Measures of one replicate, in the kernel's output order (see docs/model.md, Part II, 3.7)."""
_F = {name: i for i, name in enumerate(OUT_FIELDS)}
(O_ENDURED, O_END, O_HEGEMON, O_WARS, O_PARTS, O_LARGEST_WAR, O_AGG_WINS, O_ELIM) = range(8)
O_SURV, O_INIT = _F["survivors_rp"], _F["initial_rp"]
O_STARTS, O_JOINS = _F["starts_rp"], _F["joins_rp"]
O_BANDWAGONS, O_POWER_CS = _F["bandwagons"], _F["initial_power_cs"]
O_CAP0, O_GROWN, O_UPKEEP = _F["capability_start"], _F["capability_grown"], _F["capability_upkeep"]
O_LOST, O_CAP1 = _F["capability_lost_in_war"], _F["capability_end"]
O_PROV0, O_PROV1 = _F["provinces_total"], _F["provinces_end"]
O_DECISIONS, O_SHARE = _F["decisions"], _F["largest_share"]
O_INITIATOR, O_WEIGHED = _F["initiator_decisions"], _F["targets_weighed"]

SERIES_FIELDS = ("alive", "alive_rp", "alive_cs", "alive_cd", "alive_lf", "wars", "largest_share")
"""Per-turn measures of the optional series, in order."""

BALANCING_REACH = 0.25
"""A realpolitik state balances against the strongest state only if that state's power reaches
it at a quarter or more of full strength (two half-distances): a threat it can feel."""


@njit(cache=True)
def contest(a, b, m):  # pragma: no cover (numba)
    """Ratio contest success function, as :func:`collsec.war.win_probability` (0.5 if a=b=0)."""
    am, bm = (a, b) if m == 1.0 else (a**m, b**m)  # x**1.0 is x: the same result, faster
    return 0.5 if am + bm <= 0 else am / (am + bm)


@njit(cache=True)
def reach_matrix(x, y, half):  # pragma: no cover
    """Share of capability left at each distance, as :func:`collsec.war.projected_capability`:
    ``reach[i, j] = 2 ** (-distance(i, j) / half)``, symmetric, 1 on the diagonal.
    """
    n = len(x)
    reach = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            reach[i, j] = 2.0 ** (-np.sqrt((x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2) / half)
    return reach


@njit(cache=True)
def gabriel_graph(x, y):  # pragma: no cover
    """Adjacency of the Gabriel graph of points (x, y): i ~ j when no other point lies in the
    circle whose diameter is ij (Gabriel & Sokal 1969). Planar and connected: a map of
    neighbours, about four per state.
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
def _permutation(n, rng):  # pragma: no cover
    """A uniform random order of 0..n-1 (Fisher-Yates) drawn from ``rng``."""
    perm = np.arange(n)
    for i in range(n - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        perm[i], perm[j] = perm[j], perm[i]
    return perm


@njit(cache=True)
def _base_defence(d, cap, reach, alive, cd_idx, bloc, commitment):  # pragma: no cover
    """The target's own capability plus its alliance partners' expected projected capability
    (collective defence: each joins with probability ``commitment``): a lower bound of the
    defence any attacker of d can expect.
    """
    b = cap[d]
    if bloc[d] >= 0:
        for k in cd_idx:
            if k != d and alive[k] and bloc[k] == bloc[d]:
                b += commitment * cap[k] * reach[d, k]
    return b


@njit(cache=True)
def _stand(d, k, cap, reach, commitment, iota, confidence, total):  # pragma: no cover
    """Practitioner k facing an attack on d: (the largest attacking side it will stand up
    to, its expected contribution). It commits when the target, itself and the share
    ``confidence`` of the other practitioners' concern-weighted power (``total`` is all of
    theirs, its own included) would at least match the attacker (mutual confidence as an
    assurance game); it contributes commitment x concern x projected capability.
    """
    r = reach[d, k]
    concern = iota + (1 - iota) * r
    own = cap[k] * r
    return cap[d] + own + confidence * (total - own * concern), commitment * concern * own


@njit(cache=True)
def _prepare_defence(
    d, cap, reach, alive, cs_idx, commitment, iota, confidence, base, cs_total, full, lowest
):  # pragma: no cover
    """What target d can expect from collective-security practitioners, valid until
    capabilities change: ``cs_total[d]``, their concern-weighted projected capability;
    ``lowest[d]``, the lowest threshold among them (:func:`_stand`); ``full[d]``, ``base[d]``
    plus every expected contribution, summed in practitioner order as
    :func:`_expected_defence` sums them: its result when every practitioner stands.
    """
    total = 0.0
    for j in range(len(cs_idx)):
        k = cs_idx[j]
        if alive[k] and k != d:
            r = reach[d, k]
            total += cap[k] * r * (iota + (1 - iota) * r)
    cs_total[d] = total
    added, low = base[d], np.inf
    for j in range(len(cs_idx)):
        k = cs_idx[j]
        if alive[k] and k != d:
            threshold, weight = _stand(d, k, cap, reach, commitment, iota, confidence, total)
            low = min(low, threshold)
            added += weight
    full[d] = added
    lowest[d] = low


@njit(cache=True)
def _neighbours(i, adj, alive, nbr, degree):  # pragma: no cover
    """Rebuild the list of i's living neighbours, in index order (after a border changed)."""
    count = 0
    for k in range(len(alive)):
        if adj[i, k] and alive[k]:
            nbr[i, count] = k
            count += 1
    degree[i] = count


@njit(cache=True)
def _balancing(a, d, doctrine, cap, reach, alive, strongest):  # pragma: no cover
    """Projected capability at d of the realpolitik states that balance against attacker a:
    all of them within reach of a, when a is the strongest state; else 0.
    """
    if a != strongest:
        return 0.0
    total = 0.0
    for k in range(len(cap)):
        if k != a and k != d and alive[k] and doctrine[k] == RP and reach[k, a] >= BALANCING_REACH:
            total += cap[k] * reach[d, k]
    return total


@njit(cache=True)
def _expected_defence(
    d,
    attack,
    cap,
    reach,
    alive,
    cs_idx,
    commitment,
    iota,
    confidence,
    base,
    cs_total,
    full,
    lowest,
    balancing,
):  # pragma: no cover
    """Defence the attacking side (power ``attack`` at d) can expect: base + the expected
    contribution of each practitioner who stands up to it (in practitioner order) +
    balancers; when there are no balancers and every practitioner stands, the sum made in
    advance (:func:`_prepare_defence`).
    """
    if balancing == 0.0 and attack <= lowest[d]:
        return full[d]
    total = base[d] + balancing
    for j in range(len(cs_idx)):
        k = cs_idx[j]
        if alive[k] and k != d:
            threshold, weight = _stand(d, k, cap, reach, commitment, iota, confidence, cs_total[d])
            if threshold >= attack:
                total += weight
    return total


@njit(cache=True, nogil=True)
def run_replicate(
    rng,
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
    growth_noise,
    provinces0,
    half,
    m,
    threshold,
    war_cost,
    conquest,
    hegemony,
    series,
    stop,
):  # pragma: no cover
    """Simulate one system of ``n`` states for up to ``turns`` turns (docs/model.md, Part II, 3).

    ``rng`` is the replicate's own ``numpy.random.Generator``; ``counts`` the number of states
    of each doctrine (in code order); ``cs_power`` 0/1/2 = practitioners drawn at random /
    the strongest / the weakest. Returns (measures in :data:`OUT_FIELDS` order, per-turn
    series in :data:`SERIES_FIELDS` order, one row per turn run, empty unless ``series``).
    ``stop`` is a one-element array checked every turn: when another thread sets it to a
    non-zero value the history is abandoned (the results are then meaningless and are thrown
    away); the kernel releases the GIL, so that thread can run while it computes.
    """
    out = np.zeros(len(OUT_FIELDS))
    # --- map: n capitals uniform in a square of side sqrt(n); Gabriel-graph neighbours
    width = np.sqrt(n)
    x = np.empty(n)
    y = np.empty(n)
    for i in range(n):
        x[i] = rng.random() * width
        y[i] = rng.random() * width
    adj = gabriel_graph(x, y)
    reach = reach_matrix(x, y, half)
    # --- productivity: lognormal with mean 1 and log-sd `inequality`; capability at its
    # steady state growth * productivity * provinces / arms_cost
    productivity = np.empty(n)
    for i in range(n):
        productivity[i] = np.exp(inequality * rng.standard_normal() - inequality**2 / 2)
    prov = np.full(n, provinces0, dtype=np.int64)
    cap = growth * productivity * provinces0 / arms_cost
    # --- doctrines: practitioners of collective security at random, or the strongest/weakest
    order = _permutation(n, rng)
    doctrine = np.full(n, -1, dtype=np.int64)
    if cs_power != 0:
        by_cap = np.argsort(cap, kind="mergesort")
        if cs_power == 1:
            by_cap = by_cap[::-1]
        for i in range(counts[CS]):
            doctrine[by_cap[i]] = CS
    pos = 0
    for code in (RP, CS, CD, LF):
        todo = counts[code] - (counts[CS] if (code == CS and cs_power != 0) else 0)
        while todo > 0:
            if doctrine[order[pos]] < 0:
                doctrine[order[pos]] = code
                todo -= 1
            pos += 1
    bloc = np.full(n, -1, dtype=np.int64)
    cs_idx = np.flatnonzero(doctrine == CS)
    cd_idx = np.flatnonzero(doctrine == CD)
    members = 0
    for i in order:
        if doctrine[i] == CD:
            bloc[i] = members % alliances
            members += 1
    alive = np.ones(n, dtype=np.bool_)
    # neighbour lists in index order (the scan order of targets and bandwagoners), rebuilt
    # for the states whose borders change when a state is eliminated
    nbr = np.empty((n, n), dtype=np.int32)
    degree = np.zeros(n, dtype=np.int64)
    for i in range(n):
        _neighbours(i, adj, alive, nbr, degree)
    for i in range(n):
        out[O_INIT + doctrine[i]] += 1
        if doctrine[i] == CS:
            out[O_POWER_CS] += cap[i]
    out[O_POWER_CS] /= cap.sum()
    out[O_CAP0] = cap.sum()
    total_prov = prov.sum()
    out[O_PROV0] = total_prov
    trace = np.zeros((turns if series else 0, len(SERIES_FIELDS)))
    # --- per-target caches of the defence it can expect (valid until capabilities change)
    base = np.zeros(n)
    cs_total = np.zeros(n)
    full = np.zeros(n)
    lowest = np.zeros(n)
    valid = np.zeros(n, dtype=np.bool_)
    base_valid = np.zeros(n, dtype=np.bool_)
    contrib = np.zeros(n)  # projected capability each state brings to the current war
    side = np.zeros(n, dtype=np.int64)  # +1 attacking, -1 defending, 0 out
    end_turn, hegemon, largest = turns, -1, 0
    for t in range(turns):
        if stop[0]:
            break
        # growth of capability from provinces, with a shock; upkeep of arms
        for i in range(n):
            if alive[i]:
                shock = np.exp(growth_noise * rng.standard_normal() - growth_noise**2 / 2)
                g = growth * productivity[i] * prov[i] * shock
                u = arms_cost * cap[i]
                cap[i] += g - u
                out[O_GROWN] += g
                out[O_UPKEEP] += u
        valid[:] = False
        base_valid[:] = False
        strongest = -1
        for i in range(n):
            if alive[i] and (strongest < 0 or cap[i] > cap[strongest]):
                strongest = i
        wars_now = 0
        for a in _permutation(n, rng):
            if not alive[a]:
                continue
            out[O_DECISIONS] += 1
            if doctrine[a] != RP:
                continue  # only realpolitik states start wars
            # the initiator's decision: the neighbour with the best expected gain among those
            # it expects to beat with probability >= threshold, counting on no one but itself
            if degree[a] > 0:
                out[O_INITIATOR] += 1
            best, best_value = -1, 0.0
            for nb in range(degree[a]):
                d = nbr[a, nb]
                out[O_WEIGHED] += 1
                if not base_valid[d]:
                    base[d] = _base_defence(d, cap, reach, alive, cd_idx, bloc, commitment)
                    base_valid[d] = True
                attack = cap[a] * reach[a, d]
                bal = _balancing(a, d, doctrine, cap, reach, alive, strongest)
                # the practitioners only add to the defence, so the odds against the target,
                # its allies and the balancers alone bound the odds from above: d is out if
                # they fall short of the threshold, or cannot beat the best gain found so far
                # (the margins keep both tests on the safe side of rounding)
                bound = contest(attack, base[d] + bal, m)
                if bound < threshold * (1 - 1e-9) or bound * prov[d] * (1 + 1e-9) <= best_value:
                    continue
                if not valid[d]:
                    _prepare_defence(
                        d,
                        cap,
                        reach,
                        alive,
                        cs_idx,
                        commitment,
                        iota,
                        confidence,
                        base,
                        cs_total,
                        full,
                        lowest,
                    )
                    valid[d] = True
                p = contest(
                    attack,
                    _expected_defence(
                        d,
                        attack,
                        cap,
                        reach,
                        alive,
                        cs_idx,
                        commitment,
                        iota,
                        confidence,
                        base,
                        cs_total,
                        full,
                        lowest,
                        bal,
                    ),
                    m,
                )
                if p >= threshold and p * prov[d] > best_value:
                    best, best_value = d, p * prov[d]
            if best < 0:
                continue
            d = best
            side[:] = 0
            contrib[:] = 0.0
            side[a], contrib[a] = 1, cap[a] * reach[a, d]
            attack = contrib[a]
            # balancers: every realpolitik state within reach of the strongest, if it attacks
            for k in range(n):
                if (
                    a == strongest
                    and k != a
                    and k != d
                    and alive[k]
                    and doctrine[k] == RP
                    and reach[k, a] >= BALANCING_REACH
                ):
                    side[k] = -1
            bal = _balancing(a, d, doctrine, cap, reach, alive, strongest)
            # bandwagoning: other realpolitik neighbours of the target join the attack, in
            # index order, when the war still looks good with them (for a share of the spoils)
            for nb in range(degree[d]):
                k = nbr[d, nb]
                if k != a and doctrine[k] == RP and side[k] == 0:
                    more = attack + cap[k] * reach[k, d]
                    if contest(
                        more,
                        _expected_defence(
                            d,
                            more,
                            cap,
                            reach,
                            alive,
                            cs_idx,
                            commitment,
                            iota,
                            confidence,
                            base,
                            cs_total,
                            full,
                            lowest,
                            bal,
                        ),
                        m,
                    ) >= (threshold):
                        side[k], contrib[k], attack = 1, cap[k] * reach[k, d], more
                        out[O_BANDWAGONS] += 1
            # the defence: target, alliance partners, practitioners who stand up to the attacking
            # side (each with its probability), balancers
            side[d], contrib[d] = -1, cap[d]
            defence = cap[d]
            size = 1
            for k in range(n):
                if side[k] == 1:
                    size += 1
            for k in range(n):
                if k == d or not alive[k] or side[k] == 1:
                    continue
                r = reach[d, k]
                joins = False
                if doctrine[k] == CD and bloc[d] >= 0 and bloc[k] == bloc[d]:
                    joins = rng.random() < commitment
                elif doctrine[k] == CS:
                    concern = iota + (1 - iota) * r
                    stands, _ = _stand(d, k, cap, reach, commitment, iota, confidence, cs_total[d])
                    if stands >= attack:
                        joins = rng.random() < commitment * concern
                elif side[k] == -1:  # a balancer
                    joins = True
                side[k] = -1 if joins else 0
                if joins:
                    contrib[k] = cap[k] * r
                    defence += contrib[k]
                    out[O_JOINS + doctrine[k]] += 1
                    size += 1
            out[O_STARTS + doctrine[a]] += 1
            out[O_WARS] += 1
            out[O_PARTS] += size
            out[O_LARGEST_WAR] = max(out[O_LARGEST_WAR], float(size))
            wars_now += 1
            # costs: each side loses war_cost x the smaller side's power, shared by contribution
            loss = war_cost * min(attack, defence)
            for k in range(n):
                if side[k] != 0:
                    total = attack if side[k] == 1 else defence
                    lk = min(cap[k], loss * contrib[k] / max(total, 1e-300))
                    cap[k] -= lk
                    out[O_LOST] += lk
            valid[:] = False
            base_valid[:] = False
            if rng.random() < contest(attack, defence, m):  # the attacking side wins
                out[O_AGG_WINS] += 1
                take = min(prov[d], max(1, int(conquest * prov[d])))
                taker = a
                for _ in range(take):  # each province to an attacker, by contribution
                    u = rng.random() * attack
                    taker = a
                    for k in range(n):
                        if side[k] == 1:
                            u -= contrib[k]
                            taker = k
                            if u < 0:
                                break
                    prov[d] -= 1
                    prov[taker] += 1
                if prov[d] == 0:  # eliminated: the last taker absorbs what is left, and borders
                    out[O_ELIM] += 1
                    alive[d] = False
                    cap[taker] += cap[d]
                    cap[d] = 0.0
                    for k in range(n):
                        if adj[d, k] and k != taker:
                            adj[taker, k] = adj[k, taker] = True
                        adj[d, k] = adj[k, d] = False
                    _neighbours(taker, adj, alive, nbr, degree)
                    for nb in range(degree[taker]):
                        k = nbr[taker, nb]
                        _neighbours(k, adj, alive, nbr, degree)
                    degree[d] = 0
                    if d == strongest:
                        strongest = taker
        largest = 0
        for i in range(n):
            if alive[i] and prov[i] > largest:
                largest = prov[i]
                if largest >= hegemony * total_prov:
                    hegemon = i
        if series:
            for i in range(n):
                if alive[i]:
                    trace[t, 0] += 1
                    trace[t, 1 + doctrine[i]] += 1
            trace[t, 5] = wars_now
            trace[t, 6] = largest / total_prov
        if hegemon >= 0:
            end_turn = t + 1
            break
    out[O_ENDURED] = 1.0 if hegemon < 0 else 0.0
    out[O_END] = end_turn
    out[O_HEGEMON] = -1 if hegemon < 0 else doctrine[hegemon]
    for i in range(n):
        if alive[i]:
            out[O_SURV + doctrine[i]] += 1
    out[O_CAP1] = cap.sum()
    out[O_PROV1] = prov.sum()
    out[O_SHARE] = largest / total_prov
    return out, trace[: end_turn if series else 0]
