"""Running replicates in chunks, in this process or in worker processes, stoppable at once.

Replicates are run in chunks of consecutive indices and handed back in index order, with at
most a few chunks in flight, so memory stays bounded whatever the number of replicates.
Replicate ``i`` draws from ``SeedSequence(seed, spawn_key=(i,))``, the i-th child that
``SeedSequence(seed).spawn`` would give, computed alone (no list of every stream), so a
replicate's history does not depend on the chunking or the workers.

Stopping (Ctrl-C, or SIGTERM which the CLI turns into Ctrl-C):

* in this process the kernel runs in a helper thread and releases the GIL, so the main thread
  takes the interrupt at once, sets the kernel's stop flag (checked every turn) and waits for
  the thread to end;
* workers ignore SIGINT (the terminal sends it to the whole process group; the parent alone
  decides) and the parent terminates them (SIGTERM, whose default action ends them even
  inside the kernel);
* a worker whose parent dies without cleaning up (SIGKILL) notices within a quarter of a
  second: a watchdog thread in each worker compares ``os.getppid()`` with the parent's id and
  exits. This is portable to every POSIX system, unlike Linux's ``PR_SET_PDEATHSIG``, and
  works because the kernel releases the GIL.

Workers are forked where the platform allows (Linux), after the parent has compiled or loaded
the kernel (:func:`warm_up`), so each worker starts with the compiled code in memory and a
first run with two workers costs no more compilation than with one.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator

import numpy as np

from collsec.system.kernel import OUT_FIELDS, SERIES_FIELDS, run_replicate

WATCHDOG_SECONDS = 0.25
"""How often a worker checks that its parent is alive."""

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


def _in_thread(work, *args, stop=None):
    """``work(*args)`` in a helper thread, so that Ctrl-C reaches the main thread at once (the
    kernel and numba's compiler hold no lock the main thread needs). On an interrupt the
    ``stop`` flag, if given, is raised and the thread joined (the kernel checks it every turn);
    a compilation is left to end with the process (the thread is a daemon).
    """
    box: dict = {}

    def target():
        try:
            box["value"] = work(*args)
        except BaseException as error:  # handed to the main thread below
            box["error"] = error

    thread = threading.Thread(target=target, name="collsec-kernel", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.1)
    except BaseException:
        if stop is not None:
            stop[0] = 1
            thread.join()
        raise
    if "error" in box:
        raise box["error"]
    return box.get("value")


# ---------------------------------------------------------------- workers
def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(WATCHDOG_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def _worker_init(parent: int) -> None:
    """In each worker: leave Ctrl-C to the parent, die on SIGTERM, and watch the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context(
        "fork" if sys.platform == "linux" and "fork" in methods else "spawn"
    )


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
    _in_thread(warm_up, args)
    if workers == 1:
        for start in starts:
            count = min(size, replicates - start)
            stop = np.zeros(1, dtype=np.int64)
            rows, traces = _in_thread(run_chunk, args, seed, start, count, series, stop, stop=stop)
            yield start, rows, traces
        return
    pool = _context().Pool(workers, initializer=_worker_init, initargs=(os.getpid(),))
    try:
        pending: deque = deque()
        todo = iter(starts)
        for start in todo:
            count = min(size, replicates - start)
            pending.append((start, pool.apply_async(run_chunk, (args, seed, start, count, series))))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                break
        while pending:
            start, result = pending.popleft()
            rows, traces = result.get()
            nxt = next(todo, None)
            if nxt is not None:
                count = min(size, replicates - nxt)
                pending.append((nxt, pool.apply_async(run_chunk, (args, seed, nxt, count, series))))
            yield start, rows, traces
        pool.close()
    finally:
        with contextlib.suppress(Exception):
            pool.terminate()
        pool.join()
