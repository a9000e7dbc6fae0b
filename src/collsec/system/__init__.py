"""The long-run simulation of a system of states (Part II of docs/model.md).

``simulate(params, replicates, seed)`` runs many histories and returns one row per replicate.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

from collsec.system.kernel import OUT_FIELDS, SERIES_FIELDS, run_replicate
from collsec.system.params import DOCTRINES, SystemParams, load_params

CS_POWER = {"random": 0, "strongest": 1, "weakest": 2}


def replicate_seeds(seed: int, replicates: int) -> np.ndarray:
    """One 64-bit seed per replicate from SeedSequence(seed).spawn: replicate i's seed does not
    depend on how many replicates run or how they are split.
    """
    children = np.random.SeedSequence(seed).spawn(replicates)
    return np.array([c.generate_state(1, np.uint64)[0] for c in children], dtype=np.uint64)


def _run_chunk(params: SystemParams, seeds: np.ndarray, indices: np.ndarray, series: bool):
    p = params
    counts = np.array(p.counts(), dtype=np.int64)
    rows, traces = [], []
    for index, s in zip(indices, seeds, strict=True):
        out, trace = run_replicate(
            np.uint64(s),
            p.states,
            p.turns,
            counts,
            CS_POWER[p.cs_power],
            p.alliances,
            p.commitment,
            p.indivisibility,
            p.mutual_confidence,
            p.inequality,
            p.arms_cost,
            p.growth,
            p.provinces,
            p.half_distance,
            p.decisiveness,
            p.attack_threshold,
            p.war_cost,
            p.conquest,
            p.hegemony,
            series,
        )
        rows.append(out)
        if series:
            frame = pd.DataFrame(trace, columns=list(SERIES_FIELDS))
            frame.insert(0, "turn", np.arange(1, len(frame) + 1))
            frame.insert(0, "replicate", int(index))
            traces.append(frame)
    return np.array(rows), traces


def simulate(
    params: SystemParams | None = None,
    replicates: int = 100,
    seed: int = 0,
    workers: int = 1,
    series: bool = False,
    progress: Callable[[int], None] | None = None,
):
    """Run ``replicates`` histories of the system; one row per replicate.

    Parameters
    ----------
    params: the model's parameters (defaults: :class:`SystemParams`).
    replicates: number of independent histories, >= 1.
    seed: master seed (any int >= 0); replicate i always gets the same stream.
    workers: processes to use (1 = this process). Results do not depend on it.
    series: also return a long per-turn table (replicate, turn, alive, wars, largest_share).
    progress: called with the number of replicates finished, as chunks complete.

    Returns a DataFrame (and the series DataFrame when ``series``).

    """
    from collsec.errors import InputError

    params = params or SystemParams()
    if replicates < 1:
        raise InputError("--replicates", "replicates", "a whole number >= 1", replicates)
    if workers < 1:
        raise InputError("--workers", "workers", "a whole number >= 1", workers)
    if seed < 0:
        raise InputError("--seed", "seed", "a whole number >= 0", seed)
    seeds = replicate_seeds(seed, replicates)
    indices = np.arange(replicates)
    chunk = max(1, min(50, -(-replicates // (workers * 4))))
    parts = [(seeds[i : i + chunk], indices[i : i + chunk]) for i in range(0, replicates, chunk)]
    results = []
    if workers == 1:
        for s, idx in parts:
            results.append(_run_chunk(params, s, idx, series))
            if progress:
                progress(len(idx))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_run_chunk, params, s, idx, series) for s, idx in parts]
            for future, (_, idx) in zip(futures, parts, strict=True):
                results.append(future.result())
                if progress:
                    progress(len(idx))
    table = pd.DataFrame(np.vstack([r[0] for r in results]), columns=list(OUT_FIELDS))
    ints = [c for c in table.columns if not c.startswith("capability") and c != "largest_share"]
    table[ints] = table[ints].astype(np.int64)
    table["endured"] = table["endured"].astype(bool)
    table.insert(0, "replicate", indices)
    if series:
        frames = [f for r in results for f in r[1]]
        return table, pd.concat(frames, ignore_index=True)
    return table


__all__ = ["DOCTRINES", "SystemParams", "load_params", "replicate_seeds", "simulate"]
