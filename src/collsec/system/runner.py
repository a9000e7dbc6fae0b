"""Running replicates in chunks, in this process or in worker processes, stoppable at once.

Replicates are run in chunks of consecutive indices and handed back in index order, with at
most a few chunks in flight, so memory stays bounded whatever the number of replicates.
Replicate ``i`` draws from ``SeedSequence(seed, spawn_key=(i,))``, the i-th child that
``SeedSequence(seed).spawn`` would give, computed alone (no list of every stream), so a
replicate's history does not depend on the chunking or the workers.

Workers, the helper thread that keeps this process stoppable and what Ctrl-C does are
:mod:`collsec.parallel`'s. The parent compiles or loads the kernel (:func:`warm_up`) before
forking its workers, so each starts with the compiled code in memory and a first run with
two workers costs no more compilation than with one.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from collsec.parallel import in_thread, ordered
from collsec.system.kernel import OUT_FIELDS, SERIES_FIELDS, run_replicate

IN_FLIGHT_PER_WORKER = 2
"""Chunks queued per worker: enough to keep each busy, few enough to bound memory."""

SERIES_VALUES_PER_CHUNK = 4_000_000
"""Most per-turn values a chunk holds when series are asked for (32 MB): long horizons run
in smaller chunks."""


def replicate_stream(seed: int, index: int) -> np.random.SeedSequence:
    """The stream of replicate ``index``: ``SeedSequence(seed).spawn(index + 1)[index]``."""
    return np.random.SeedSequence(seed, spawn_key=(index,))


def run_chunk(args: tuple, seed: int, start: int, count: int, series: bool, stop=None):
    """Run replicates ``start .. start + count - 1`` in this thread.

    Returns ``(rows, traces)``: an array of shape (count, len(OUT_FIELDS)) and, when
    ``series``, one array per replicate of shape (turns run, len(SERIES_FIELDS)).
    """
    stop = np.zeros(1, dtype=np.int64) if stop is None else stop
    rows = np.empty((count, len(OUT_FIELDS)))
    traces = []
    for k in range(count):
        rng = np.random.Generator(np.random.PCG64(replicate_stream(seed, start + k)))
        out, trace = run_replicate(rng, *args, series, stop)
        if stop[0]:
            raise KeyboardInterrupt
        rows[k] = out
        if series:
            traces.append(trace)
    return rows, traces


def warm_up(args: tuple) -> None:
    """Compile the kernel, or load it from numba's cache, with a three-state history."""
    small = (3, 1, np.array([3, 0, 0, 0], dtype=np.int64), *args[3:])
    run_chunk(small, 0, 0, 1, True)


def chunk_size(replicates: int, workers: int, turns: int, series: bool, batch: int | None) -> int:
    """Replicates per chunk: ``batch`` if given, else about four chunks per worker, at most 50,
    and small enough that a chunk's series hold at most :data:`SERIES_VALUES_PER_CHUNK`.
    """
    if batch is not None:
        return batch
    size = max(1, min(50, -(-replicates // (workers * 4))))
    if series:
        size = max(1, min(size, SERIES_VALUES_PER_CHUNK // (turns * len(SERIES_FIELDS))))
    return size


def run_chunks(
    args: tuple, replicates: int, seed: int, workers: int, series: bool, size: int
) -> Iterator[tuple[int, np.ndarray, list]]:
    """Yield ``(start, rows, traces)`` for consecutive chunks of ``size`` replicates, in order.

    ``args`` are the kernel's arguments after ``rng`` and before ``series``. At most
    ``workers * IN_FLIGHT_PER_WORKER`` chunks are queued at a time. On any exception (Ctrl-C
    included) the workers are terminated before it propagates.
    """
    starts = range(0, replicates, size)
    in_thread(warm_up, args)
    if workers == 1:
        for start in starts:
            count = min(size, replicates - start)
            stop = np.zeros(1, dtype=np.int64)
            rows, traces = in_thread(run_chunk, args, seed, start, count, series, stop, stop=stop)
            yield start, rows, traces
        return
    jobs = ((args, seed, start, min(size, replicates - start), series) for start in starts)
    results = ordered(run_chunk, jobs, workers, workers * IN_FLIGHT_PER_WORKER)
    try:
        for start, (rows, traces) in zip(starts, results, strict=True):
            yield start, rows, traces
    finally:
        results.close()  # the workers end with the run, however it ends
