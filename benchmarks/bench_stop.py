"""How fast a long run stops on Ctrl-C: seconds from the signal to the exit, workers included.

Run: python benchmarks/bench_stop.py [--peer DIR] [--repeat N]

A long ``collsec simulate`` (a million replicates) is started in its own process group, with one
and with two workers; once it computes, SIGINT goes to the group (as a terminal sends Ctrl-C)
and the time to the exit is taken, the median of ``--repeat`` runs. The tests check only that
a stop comes long before the run would end (tests/cli/test_stopping.py); the promise of
docs/inputs-and-outputs.md, a stop within a second, is measured here. ``--peer DIR``: a
checkout of another version (its ``src/`` put first on the path), run beside this one in the
same session.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))  # the process helpers the stopping tests use
from tests.processes import children, start_in_own_group  # noqa: E402

LONG = ["simulate", "-r", "1000000", "--states", "30", "--turns", "300", "--seed", "1"]


def stop_once(src: Path, workers: int) -> float:
    """Seconds from SIGINT to the exit of one long run of the package in ``src``."""
    cmd = [sys.executable, "-c", "from collsec.cli import main; main()", *LONG]
    env = os.environ | {"PYTHONPATH": str(src)}
    proc = start_in_own_group([*cmd, "--workers", str(workers)], env=env)
    deadline = time.monotonic() + 60
    while workers > 1 and len(children(proc.pid)) < workers and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(3)  # loaded, compiled and computing
    t0 = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=60)
    return time.monotonic() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--peer", type=Path, help="a checkout of another version")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    versions = {"this": HERE / "src"}
    if args.peer is not None:
        versions["peer"] = args.peer.resolve() / "src"
    table = Table(title=f"seconds from Ctrl-C to the exit (median of {args.repeat})")
    table.add_column("workers", justify="right")
    for name in versions:
        table.add_column(name, justify="right")
    for workers in (1, 2):
        cells = []
        for src in versions.values():
            times = [stop_once(src, workers) for _ in range(args.repeat)]
            cells.append(f"{statistics.median(times):.2f}")
        table.add_row(str(workers), *cells)
    Console().print(table)


if __name__ == "__main__":
    main()
