"""The long-run simulation of a system of states (docs/model.md, Part II).

``simulate(params, replicates, seed)`` runs many histories and returns one row per replicate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd

from collsec.system.kernel import OUT_FIELDS, SERIES_FIELDS
from collsec.system.params import DOCTRINES, PRINCIPLE_KNOBS, SystemParams, load_params
from collsec.system.runner import chunk_size, replicate_stream, run_chunks

CS_POWER = {"random": 0, "strongest": 1, "weakest": 2}

MAX_REPLICATES = 10**12
"""Most replicates one run accepts (far beyond any run's time; memory does not grow with it)."""


def replicate_streams(seed: int, replicates: int) -> list[np.random.SeedSequence]:
    """One child ``SeedSequence`` per replicate, as ``SeedSequence(seed).spawn(replicates)``.

    Child i depends only on ``seed`` and ``i`` (not on how many replicates run or how they are
    split), so replicate i's history is the same alone, in any batch and on any worker. The
    runner computes each child alone (:func:`collsec.system.runner.replicate_stream`).
    """
    return [replicate_stream(seed, i) for i in range(replicates)]


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


def _table(rows: np.ndarray, start: int) -> pd.DataFrame:
    """The kernel's rows as the documented table (types, ``replicate``, ``mean_war_size``)."""
    table = pd.DataFrame(rows, columns=list(OUT_FIELDS))
    floats = [c for c in table.columns if c.startswith(("capability", "initial_power"))]
    ints = [c for c in table.columns if c not in floats and c != "largest_share"]
    table[ints] = table[ints].astype(np.int64)
    table["endured"] = table["endured"].astype(bool)
    table.insert(0, "replicate", np.arange(start, start + len(table), dtype=np.int64))
    table["mean_war_size"] = table.war_participants / table.wars.where(table.wars > 0)
    return table


def _series(traces: list[np.ndarray], start: int) -> pd.DataFrame:
    """Per-turn arrays of consecutive replicates as one long table (replicate, turn, ...)."""
    lengths = [len(t) for t in traces]
    values = np.vstack(traces) if traces else np.empty((0, len(SERIES_FIELDS)))
    frame = pd.DataFrame(values, columns=list(SERIES_FIELDS))
    frame.insert(0, "turn", np.concatenate([np.arange(1, n + 1) for n in lengths] or [[]]))
    frame.insert(
        0, "replicate", np.repeat(np.arange(start, start + len(traces), dtype=np.int64), lengths)
    )
    frame["turn"] = frame["turn"].astype(np.int64)
    return frame


def _check(replicates: int, seed: int, workers: int, batch: int | None) -> None:
    from collsec.errors import InputError

    if not 1 <= replicates <= MAX_REPLICATES:
        raise InputError(
            "--replicates", "replicates", f"a whole number >= 1 and <= {MAX_REPLICATES}", replicates
        )
    if workers < 1:
        raise InputError("--workers", "workers", "a whole number >= 1", workers)
    if seed < 0:
        raise InputError("--seed", "seed", "a whole number >= 0", seed)
    if batch is not None and batch < 1:
        raise InputError("--batch", "batch", "a whole number >= 1", batch)


def simulate_chunks(
    params: SystemParams | None = None,
    replicates: int = 100,
    seed: int = 0,
    workers: int = 1,
    series: bool = False,
    batch: int | None = None,
) -> Iterator[tuple[pd.DataFrame, pd.DataFrame | None]]:
    """:func:`simulate` as a stream: ``(rows, series)`` for consecutive chunks of replicates.

    Memory holds a few chunks whatever ``replicates`` is: write each chunk to a sink and fold
    it into a summary (:class:`collsec.experiments.classic.Summary`). Concatenated, the chunks
    are exactly :func:`simulate`'s tables. Arguments as for :func:`simulate`.
    """
    params = params or SystemParams()
    _check(replicates, seed, workers, batch)
    size = chunk_size(replicates, workers, params.turns, series, batch)
    for start, rows, traces in run_chunks(
        _kernel_args(params), replicates, seed, workers, series, size
    ):
        yield _table(rows, start), (_series(traces, start) if series else None)


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
    replicates: number of independent histories, 1 .. :data:`MAX_REPLICATES`.
    seed: master seed (any int >= 0); replicate i always gets the same stream.
    workers: processes to use (1 = this process). Results do not depend on it.
    series: also return a long per-turn table (replicate, turn, then :data:`SERIES_FIELDS`).
    progress: called with the number of replicates finished, as chunks complete.
    batch: replicates per chunk (default: about four chunks per worker, at most 50). Results
        do not depend on it.

    Returns a DataFrame with one row per replicate: ``replicate`` then the measures of
    :data:`OUT_FIELDS` (docs/model.md, Part II, 3.7), plus ``mean_war_size``; and, when ``series``,
    the per-turn DataFrame as a second value. The whole table is kept in memory: for very many
    replicates use :func:`simulate_chunks` and a sink.

    """
    tables, traces = [], []
    for rows, trace in simulate_chunks(params, replicates, seed, workers, series, batch):
        tables.append(rows)
        traces.append(trace)
        if progress:
            progress(len(rows))
    table = pd.concat(tables, ignore_index=True)
    if series:
        return table, pd.concat(traces, ignore_index=True)
    return table


__all__ = [
    "DOCTRINES",
    "MAX_REPLICATES",
    "PRINCIPLE_KNOBS",
    "SystemParams",
    "load_params",
    "replicate_streams",
    "simulate",
    "simulate_chunks",
]
