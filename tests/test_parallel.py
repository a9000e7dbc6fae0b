"""Work in worker processes: results in the jobs' order whatever their durations, errors
raised in the caller, and a stop at once (workers terminated, not waited for) on Ctrl-C, even
when the signal lands on a thread other than the main one."""

import subprocess
import sys
import time

import pytest

from collsec.parallel import ordered, pool_map
from tests.processes import HAS_PROC, alive, children, start_in_own_group

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _slow_square(x: int, seconds: float) -> int:
    time.sleep(seconds)
    return x * x


def _fail(x: int) -> int:
    if x == 2:
        raise ValueError(f"job {x} failed")
    return x


def test_results_come_in_the_jobs_order_whatever_their_durations():
    jobs = [(k, 0.3 if k % 3 == 0 else 0.0) for k in range(9)]
    assert list(ordered(_slow_square, jobs, workers=2, in_flight=4)) == [k * k for k in range(9)]


def test_pool_map_is_the_plain_map_with_one_worker_or_several():
    jobs = [(k, 0.0) for k in range(5)]
    assert pool_map(_slow_square, jobs, 1) == pool_map(_slow_square, jobs, 3) == [0, 1, 4, 9, 16]
    assert pool_map(_slow_square, [], 2) == []


def test_an_error_in_a_job_is_raised_in_the_caller():
    with pytest.raises(ValueError, match="job 2 failed"):
        pool_map(_fail, [(k,) for k in range(4)], 2)


STOPPED = """
import signal, threading, time
from collsec.parallel import pool_map

def poke():
    time.sleep({delay})
    {send}

threading.Thread(target=poke, daemon=True).start()
start = time.monotonic()
try:
    pool_map(time.sleep, [(60,), (60,), (60,)], 2)
except KeyboardInterrupt:
    print(round(time.monotonic() - start - {delay}, 2), flush=True)
"""


@POSIX
@pytest.mark.parametrize(
    "send",
    [
        # Ctrl-C at the terminal: SIGINT to the whole process group, workers included
        "import os; os.killpg(0, signal.SIGINT)",
        # the kernel may hand a process-directed signal to any thread: here, a helper's
        "signal.pthread_kill(threading.get_ident(), signal.SIGINT)",
    ],
    ids=["process-group", "helper-thread"],
)
def test_ctrl_c_ends_the_workers_at_once_instead_of_waiting_for_their_jobs(send):
    """Jobs of a minute each: the caller gets KeyboardInterrupt within a second, the workers
    are gone. (``concurrent.futures`` waited for the jobs; a wait with no timeout slept through
    a signal that another thread took.)"""
    code = STOPPED.format(delay=3, send=send)
    proc = start_in_own_group([sys.executable, "-c", code])
    time.sleep(1.5)
    kids = children(proc.pid) if HAS_PROC else []
    out, err = proc.communicate(timeout=50)
    assert proc.returncode == 0 and out.strip(), err
    assert float(out) < 1.0, (out, err)
    assert "Traceback" not in err, err
    time.sleep(0.5)
    assert not [k for k in kids if alive(k)], "workers left running"


SWALLOWED = """
import signal, time
from collsec.parallel import in_thread, install_stop_handlers, pool_map

install_stop_handlers()
try:
    signal.raise_signal(signal.SIGTERM)
except KeyboardInterrupt:
    pass  # lost, as when it is raised inside a finaliser
for wait in (lambda: in_thread(time.sleep, 30), lambda: pool_map(time.sleep, [(30,), (30,)], 2)):
    start = time.monotonic()
    try:
        wait()
    except KeyboardInterrupt:
        print(round(time.monotonic() - start, 2), flush=True)
"""


@POSIX
def test_a_stop_still_ends_the_waits_when_its_exception_was_lost():
    run = subprocess.run([sys.executable, "-c", SWALLOWED], capture_output=True, text=True,
                         timeout=120)  # fmt: skip
    seconds = [float(line) for line in run.stdout.split()]
    assert len(seconds) == 2 and max(seconds) < 1.0, (run.stdout, run.stderr)
