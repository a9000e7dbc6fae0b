"""The long-run simulation of a system of states (docs/model.md, Part II).

``simulate(params, replicates, seed)`` runs many histories and returns one row per replicate.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

from collsec.system.kernel import OUT_FIELDS, SERIES_FIELDS, run_replicate
from collsec.system.params import DOCTRINES, PRINCIPLE_KNOBS, SystemParams, load_params

CS_POWER = {"random": 0, "strongest": 1, "weakest": 2}


def replicate_streams(seed: int, replicates: int) -> list[np.random.SeedSequence]:
    """One child ``SeedSequence`` per replicate: ``SeedSequence(seed).spawn(replicates)``.

    Child i depends only on ``seed`` and ``i`` (not on how many replicates run or how they are
    split), so replicate i's history is the same alone, in any batch and on any worker.
    """
    return np.random.SeedSequence(seed).spawn(replicates)


def _kernel_args(p: SystemParams) -> tuple:
    """The kernel's arguments after ``rng``, in :func:`kernel.run_replicate`'s order."""
    return (
        p.states,
        p.turns,
        np.array(p.counts(), dtype=np.int64),
        CS_POWER[p.cs_power],
        p.alliances,
        p.commitment,
        p.indivisibility,
        p.mutual_confidence,
        p.inequality,
        p.arms_cost,
        p.growth,
        p.growth_noise,
        p.provinces,
        p.half_distance,
        p.decisiveness,
        p.attack_threshold,
        p.war_cost,
        p.conquest,
        p.hegemony,
    )


def _run_chunk(params: SystemParams, streams, indices: np.ndarray, series: bool):
    """Run the replicates ``indices`` (with their ``streams``) in this process."""
    args = _kernel_args(params)
    rows, traces = [], []
    for index, stream in zip(indices, streams, strict=True):
        rng = np.random.Generator(np.random.PCG64(stream))
        out, trace = run_replicate(rng, *args, series)
        rows.append(out)
        if series:
            frame = pd.DataFrame(trace, columns=list(SERIES_FIELDS))
            frame.insert(0, "turn", np.arange(1, len(frame) + 1))
            frame.insert(0, "replicate", int(index))
            traces.append(frame)
    return np.array(rows).reshape(len(rows), len(OUT_FIELDS)), traces


def simulate(
    params: SystemParams | None = None,
    replicates: int = 100,
    seed: int = 0,
    workers: int = 1,
    series: bool = False,
    progress: Callable[[int], None] | None = None,
    batch: int | None = None,
):
    """Run ``replicates`` histories of the system; one row per replicate.

    Parameters
    ----------
    params: the model's parameters (defaults: :class:`SystemParams`).
    replicates: number of independent histories, >= 1.
    seed: master seed (any int >= 0); replicate i always gets the same stream.
    workers: processes to use (1 = this process). Results do not depend on it.
    series: also return a long per-turn table (replicate, turn, then :data:`SERIES_FIELDS`).
    progress: called with the number of replicates finished, as batches complete.
    batch: replicates per task (default: about four tasks per worker, at most 50). Results do
        not depend on it.

    Returns a DataFrame with one row per replicate: ``replicate`` then the measures of
    :data:`OUT_FIELDS` (docs/model.md, Part II, 3.7), plus ``mean_war_size``; and, when ``series``,
    the per-turn DataFrame as a second value.

    """
    from collsec.errors import InputError

    params = params or SystemParams()
    if replicates < 1:
        raise InputError("--replicates", "replicates", "a whole number >= 1", replicates)
    if workers < 1:
        raise InputError("--workers", "workers", "a whole number >= 1", workers)
    if seed < 0:
        raise InputError("--seed", "seed", "a whole number >= 0", seed)
    if batch is not None and batch < 1:
        raise InputError("--batch", "batch", "a whole number >= 1", batch)
    streams = replicate_streams(seed, replicates)
    indices = np.arange(replicates)
    chunk = batch or max(1, min(50, -(-replicates // (workers * 4))))
    parts = [(streams[i : i + chunk], indices[i : i + chunk]) for i in range(0, replicates, chunk)]
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
    floats = [c for c in table.columns if c.startswith(("capability", "initial_power"))]
    ints = [c for c in table.columns if c not in floats and c != "largest_share"]
    table[ints] = table[ints].astype(np.int64)
    table["endured"] = table["endured"].astype(bool)
    table.insert(0, "replicate", indices)
    table["mean_war_size"] = table.war_participants / table.wars.where(table.wars > 0)
    if series:
        frames = [f for r in results for f in r[1]]
        return table, pd.concat(frames, ignore_index=True)
    return table


__all__ = [
    "DOCTRINES",
    "PRINCIPLE_KNOBS",
    "SystemParams",
    "load_params",
    "replicate_streams",
    "simulate",
]
