"""Work in worker processes, or in a helper thread, that a Ctrl-C or SIGTERM stops at once.

Used by the system model's runner (:mod:`collsec.system.runner`) and the fit
(:mod:`collsec.validation.fit`). Results come back in the order of the jobs, so they do not
depend on how many workers ran them.

Stopping (Ctrl-C, or SIGTERM which the CLI turns into Ctrl-C):

* the pool's own threads block SIGINT and SIGTERM, so the kernel hands those signals to the
  main thread, where Python runs their handlers;
* the main thread never blocks without a timeout: it waits in steps of :data:`WAIT_SECONDS`,
  because a signal that another thread took (one of a library's) is acted on only when the
  main thread next runs, and a wait with no timeout on a worker's result could sleep through
  it; and each step checks the note of a stop that the CLI's handlers leave
  (:func:`install_stop_handlers`), so a Ctrl-C whose KeyboardInterrupt was swallowed (raised
  inside a finaliser) still stops;
* work done in this process runs in a helper thread (:func:`in_thread`) that releases the GIL
  (the compiled kernel), so the main thread takes the interrupt at once, raises the work's
  stop flag and waits for the thread to end;
* workers ignore SIGINT (the terminal sends it to the whole process group; the parent alone
  decides) and the parent terminates them (SIGTERM, whose default action ends them even inside
  compiled code) instead of waiting for their jobs, as ``concurrent.futures`` does on leaving
  its ``with`` block (a stopped fit went on to the end of its search, minutes);
* a worker whose parent dies without cleaning up (SIGKILL) notices within
  :data:`WATCHDOG_SECONDS`: a watchdog thread in each worker compares ``os.getppid()`` with the
  parent's id and exits. This is portable to every POSIX system, unlike Linux's
  ``PR_SET_PDEATHSIG``.

Workers are forked where the platform allows (Linux), so each starts with what the parent has
in memory (the compiled kernel, the cases read).

The pool is ``multiprocessing.Pool``; what is written here is only what it lacks for this:
waits with a timeout, workers that leave Ctrl-C to the parent and watch it, and termination
on any exception. (``concurrent.futures`` waits for the running jobs when interrupted; Dask
and joblib would add a scheduler the project does not otherwise need.)
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
from collections.abc import Callable, Iterable, Iterator

WAIT_SECONDS = 0.1
"""Longest sleep of the main thread while it waits for work: the most it lags behind a signal
that another thread received."""

WATCHDOG_SECONDS = 0.25
"""How often a worker checks that its parent is alive."""

STOPPING = (signal.SIGINT, signal.SIGTERM)
"""The signals that stop a run."""

_stop = threading.Event()
"""Set by :func:`install_stop_handlers`' handler: a stop was asked for in this process."""


def _stop_now(signum, frame) -> None:
    """Handler of :data:`STOPPING`: note the request, then stop like Ctrl-C (cleanup runs)."""
    _stop.set()
    raise KeyboardInterrupt


def install_stop_handlers() -> None:
    """Make Ctrl-C and SIGTERM raise KeyboardInterrupt in the main thread and be noted, so the
    waits here stop even if the exception is lost (the console script calls this).
    """
    _stop.clear()
    for sig in STOPPING:
        signal.signal(sig, _stop_now)


@contextlib.contextmanager
def _signals_to_main():
    """Threads and processes started inside block :data:`STOPPING` (they inherit this
    thread's mask), so the kernel hands those signals to the main thread.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _check_stop() -> None:
    if _stop.is_set():
        raise KeyboardInterrupt


def in_thread(work: Callable, *args, stop=None):
    """``work(*args)`` in a helper thread, so that Ctrl-C reaches the main thread at once (the
    kernel and numba's compiler hold no lock the main thread needs). On an interrupt the
    ``stop`` flag (a one-element array the work checks), if given, is raised and the thread
    joined; work without a flag (a compilation) is left to end with the process (the thread is
    a daemon).
    """
    box: dict = {}

    def target():
        try:
            box["value"] = work(*args)
        except BaseException as error:  # handed to the main thread below
            box["error"] = error

    thread = threading.Thread(target=target, name="collsec-work", daemon=True)
    with _signals_to_main():
        thread.start()
    try:
        while thread.is_alive():
            thread.join(WAIT_SECONDS)
            _check_stop()
    except BaseException:
        if stop is not None:
            stop[0] = 1
            while thread.is_alive():
                thread.join(WAIT_SECONDS)
        raise
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(WATCHDOG_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def _worker_init(parent: int) -> None:
    """In each worker: leave Ctrl-C to the parent, die on SIGTERM, and watch the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)  # started with them blocked
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _pool(workers: int):
    """A pool whose handler threads (and workers, until their initialiser) block
    :data:`STOPPING`: those signals go to the main thread.
    """
    with _signals_to_main():
        return _context().Pool(workers, initializer=_worker_init, initargs=(os.getpid(),))


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context(
        "fork" if sys.platform == "linux" and "fork" in methods else "spawn"
    )


_DONE = object()


def ordered(func: Callable, jobs: Iterable[tuple], workers: int, in_flight: int) -> Iterator:
    """Yield ``func(*job)`` for each job, in the jobs' order, computed in ``workers`` processes.

    At most ``in_flight`` jobs are queued or running at a time (memory stays bounded however
    many jobs there are); the next is queued as each result is handed back. ``func`` and the
    jobs must be picklable where workers are spawned. An exception in a job is raised here; on
    any exception (Ctrl-C included), and when the caller stops iterating, the workers are
    terminated before it propagates.
    """
    pool = _pool(workers)
    try:
        pending: deque = deque()
        todo = iter(jobs)
        for job in todo:
            pending.append(pool.apply_async(func, job))
            if len(pending) >= in_flight:
                break
        while pending:
            result = pending.popleft()
            while not result.ready():
                result.wait(WAIT_SECONDS)
                _check_stop()
            value = result.get()
            job = next(todo, _DONE)
            if job is not _DONE:
                pending.append(pool.apply_async(func, job))
            yield value
        pool.close()
    finally:
        with contextlib.suppress(Exception):
            pool.terminate()
        pool.join()


def pool_map(func: Callable, jobs: list[tuple], workers: int) -> list:
    """``[func(*job) for job in jobs]``, in ``min(workers, len(jobs))`` processes when that
    is more than one, else in this process; stoppable at once either way.
    """
    if min(workers, len(jobs)) <= 1:
        return [func(*job) for job in jobs]
    return list(ordered(func, jobs, min(workers, len(jobs)), len(jobs)))
