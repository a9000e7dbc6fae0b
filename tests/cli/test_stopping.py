"""Stopping a command: Ctrl-C (SIGINT to the process group, as a terminal sends it) and
SIGTERM stop ``simulate`` and ``experiment`` long before the run would end, with one line and
exit code 130, workers included (how fast, "within a second" in docs/inputs-and-outputs.md, is
measured by benchmarks/bench_stop.py, not asserted here); a parent killed outright (SIGKILL)
leaves no worker behind; a kill while outputs are being written leaves the old outputs intact
or the new ones whole.

These tests run the real console script in a new session (its own process group), with
SIGINT at its default (a background job of a non-interactive shell would inherit it ignored).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.processes import HAS_PROC, alive, children, start_in_own_group

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

COLLSEC = [sys.executable, "-c", "from collsec.cli import main; main()"]
LONG = ["simulate", "-r", "1000000", "--states", "30", "--turns", "300"]

EARLY = 10.0
"""Seconds within which a stopped run must have exited: far below the minutes these runs take
to end on their own, far above the stop's latency, so a loaded machine cannot fail the test."""


def start(*args: str, cwd: Path) -> subprocess.Popen:
    return start_in_own_group([*COLLSEC, *args], cwd=cwd)


def wait_for_workers(proc: subprocess.Popen, count: int, timeout: float = 60) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = children(proc.pid)
        if len(kids) >= count:
            time.sleep(0.5)  # let them start the kernel
            return kids
        time.sleep(0.05)
    raise AssertionError(f"no {count} workers after {timeout} s")


def stop_and_time(proc: subprocess.Popen, how: int, group: bool = True) -> float:
    t0 = time.monotonic()
    if group:
        os.killpg(proc.pid, how)
    else:
        proc.send_signal(how)
    proc.wait(timeout=30)
    return time.monotonic() - t0


needs_proc = pytest.mark.skipif(not HAS_PROC, reason="needs /proc")


@needs_proc
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
@pytest.mark.parametrize("workers", ["1", "2"])
def test_simulate_stops_early_with_one_line(tmp_path, how, workers):
    proc = start(*LONG, "--workers", workers, "--out", "runs.csv", cwd=tmp_path)
    kids = wait_for_workers(proc, 2 if workers == "2" else 0)
    if workers == "1":
        time.sleep(3)  # compiled or loaded, and running
    seconds = stop_and_time(proc, how, group=how == signal.SIGINT)
    err = proc.stderr.read()
    assert proc.returncode == 130, err
    assert seconds < EARLY, seconds
    assert err.strip().count("\n") == 0 and "interrupted" in err, err
    assert "Traceback" not in err
    time.sleep(0.5)
    assert not [k for k in kids if alive(k)], "workers left running"
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "no output, no temporary file"


@needs_proc
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_experiment_stops_early(tmp_path, how):
    proc = start("experiment", "-r", "100000", "--workers", "2", "--out", "figures", cwd=tmp_path)
    kids = wait_for_workers(proc, 2)
    seconds = stop_and_time(proc, how, group=how == signal.SIGINT)
    err = proc.stderr.read()
    assert proc.returncode == 130 and seconds < EARLY, (seconds, err)
    assert err.strip().count("\n") == 0 and "Traceback" not in err, err
    time.sleep(0.5)
    assert not [k for k in kids if alive(k)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "no folder, no temporary"


@needs_proc
def test_a_killed_parent_leaves_no_worker(tmp_path):
    proc = start(*LONG, "--workers", "2", cwd=tmp_path)
    kids = wait_for_workers(proc, 2)
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and any(alive(k) for k in kids):
        time.sleep(0.05)
    assert not [k for k in kids if alive(k)], "orphan workers"


def _small(out: str, series: str, seed: str) -> list[str]:
    return ["simulate", "-r", "400", "--states", "20", "--turns", "200", "--seed", seed,
            "--out", out, "--series", series]  # fmt: skip


@needs_proc
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["sigkill", "ctrl-c"])
def test_a_kill_while_writing_leaves_old_tables_or_new_ones_whole(tmp_path, how):
    """Replace finished tables, killing the new run at many moments: each file afterwards
    is the old one or the new one, complete (same rows as a full run)."""
    done = start(*_small("runs.parquet", "series.csv", "1"), cwd=tmp_path)
    assert done.wait(timeout=120) == 0, done.stderr.read()
    old_runs = pd.read_parquet(tmp_path / "runs.parquet")
    old_series = pd.read_csv(tmp_path / "series.csv")
    full = tmp_path / "full"
    full.mkdir()
    reference = start(*_small("runs.parquet", "series.csv", "2"), cwd=full)
    assert reference.wait(timeout=120) == 0
    new_runs = pd.read_parquet(full / "runs.parquet")
    new_series = pd.read_csv(full / "series.csv")
    seen = set()
    for delay in (0.6, 1.5, 2.5):
        proc = start(*_small("runs.parquet", "series.csv", "2"), cwd=tmp_path)
        time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, how)
        proc.wait(timeout=30)
        runs = pd.read_parquet(tmp_path / "runs.parquet")
        series = pd.read_csv(tmp_path / "series.csv")
        for got, old, new in ((runs, old_runs, new_runs), (series, old_series, new_series)):
            if got.equals(old):
                seen.add("old")
            else:
                pd.testing.assert_frame_equal(got, new)
                seen.add("new")
        if runs.equals(new_runs):  # back to the old tables for the next attempt
            old_runs.to_parquet(tmp_path / "runs.parquet", index=False)
            old_series.to_csv(tmp_path / "series.csv", index=False)
    assert "old" in seen


@needs_proc
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["sigkill", "ctrl-c"])
def test_experiment_folder_is_old_or_new_whole(tmp_path, how, monkeypatch):
    """Kill ``experiment`` at many moments: the folder's three files always come from one run,
    and a file the experiment does not write stays."""
    out = tmp_path / "figures"
    args = ["experiment", "-r", "6", "--workers", "1", "--out", str(out)]
    done = start(*args, "--seed", "1", cwd=tmp_path)
    assert done.wait(timeout=300) == 0, done.stderr.read()
    (out / "mine.txt").write_text("kept")
    old = pd.read_parquet(out / "system-classic-replicates.parquet")
    old_table = (out / "system-classic.csv").read_text()
    for delay in (2.0, 5.0):
        proc = start(*args, "--seed", "2", cwd=tmp_path)
        time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, how)
        proc.wait(timeout=60)
        replicates = pd.read_parquet(out / "system-classic-replicates.parquet")
        table = (out / "system-classic.csv").read_text()
        assert (replicates.equals(old)) == (table == old_table), "files of two runs mixed"
        assert len(replicates) == 6 * 9 and (out / "system-classic.png").stat().st_size > 0
        assert (out / "mine.txt").read_text() == "kept"
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
        if how == signal.SIGINT:  # cleaned up; after SIGKILL a hidden temporary may remain
            assert leftovers == []
