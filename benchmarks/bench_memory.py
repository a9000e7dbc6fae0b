"""Peak memory of ``collsec simulate`` as replicates grow, and first-run times.

Run: python benchmarks/bench_memory.py                 (a few minutes on 2 cores)
     python benchmarks/bench_memory.py --replicates 1000 10000 100000 1000000

Memory: each run is the real console script in a child process, with ``--series`` and
``--out`` written to a temporary folder; its peak resident memory is ``ru_maxrss`` of
``resource.getrusage(RUSAGE_CHILDREN)`` read after it ends: the peak of the largest of its
processes (the parent or one worker; the workers hold one chunk each). Replicates are run in
chunks and streamed to the sinks, so the peak should not grow with the count. The system is
small (10 states, 20 turns) so that many replicates fit in minutes: 10^5 take about two
minutes on this project's shared 2-core machine, 10^6 about twenty; the default 50-state,
500-turn system runs about 100 replicates a second.

First run: the numba cache of the kernel is deleted, then ``simulate -r 100`` runs with one
worker and, after deleting it again, with two; a second run of each shows the time once the
kernel is cached. The parent compiles (or loads) the kernel before forking its workers, so
a first run with two workers should cost no more than with one.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

COLLSEC = [sys.executable, "-c", "from collsec.cli import main; main()"]


def peak_of(args: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MB) of one collsec command run in a fresh child process."""
    runner = (
        "import resource, subprocess, sys, time\n"
        "t0 = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "print(time.perf_counter() - t0,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", runner, *COLLSEC, *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1])


def memory(args) -> Table:
    table = Table(
        title=f"simulate --series: peak memory ({args.states} states, {args.turns} turns, "
        f"{args.workers} worker(s))"
    )
    for col in ("replicates", "seconds", "peak MB", "series rows"):
        table.add_column(col, justify="right")
    with tempfile.TemporaryDirectory() as tmp:
        for r in args.replicates:
            series, runs = Path(tmp) / "series.parquet", Path(tmp) / "runs.parquet"
            seconds, peak = peak_of(
                [
                    "simulate",
                    "-r",
                    str(r),
                    "--states",
                    str(args.states),
                    "--turns",
                    str(args.turns),
                    "--workers",
                    str(args.workers),
                    "--series",
                    str(series),
                    "--out",
                    str(runs),
                ]
            )
            import pyarrow.parquet as pq

            rows = pq.ParquetFile(series).metadata.num_rows
            table.add_row(f"{r:,}", f"{seconds:.1f}", f"{peak:.0f}", f"{rows:,}")
            Console().print(f"{r:,} replicates: {seconds:.1f} s, {peak:.0f} MB", style="dim")
    return table


def first_run(args) -> Table:
    import collsec.system.kernel as kernel

    cache = Path(kernel.__file__).parent / "__pycache__"
    table = Table(title="simulate -r 100 (50 states, 500 turns): first run and cached")
    for col in ("workers", "first run s", "second run s"):
        table.add_column(col, justify="right")
    for workers in (1, 2):
        for f in cache.glob("kernel.*.nb*"):
            f.unlink()
        cmd = [*COLLSEC, "simulate", "-r", "100", "--workers", str(workers)]
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - t0)
        table.add_row(str(workers), f"{times[0]:.1f}", f"{times[1]:.1f}")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--states", type=int, default=10)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-first-run", action="store_true")
    args = parser.parse_args()
    console = Console(width=120)
    console.print(memory(args))
    if not args.skip_first_run:
        console.print(first_run(args))
    print(f"this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
