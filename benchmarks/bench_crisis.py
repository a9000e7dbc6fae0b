"""Draws per second of the crisis engine, per case, and its memory at many draws.

Run: python benchmarks/bench_crisis.py            (the paper's seven cases; --all: the corpus)
     python benchmarks/bench_crisis.py --memory   (peak memory at 10^5 to 10^7 draws)

A draw is one replicate of a crisis's stochastic parts (attribution, commitment, sanctions
applied, the fortunes of war). Deliberation is computed once per attribution branch; the draws
are vectorised in chunks of ``collsec.crisis.engine.CHUNK``, so memory should not grow with the
number of draws: ``--memory`` runs each count in a fresh process and reports its peak resident
memory beside the time.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time

from rich.console import Console
from rich.table import Table

from collsec.crisis import run_crisis
from collsec.scenarios import case_names, load_scenario
from collsec.validation.corpus import PAPER_CASES


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, nargs="+", default=[1, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="every case of the corpus")
    parser.add_argument("--memory", action="store_true", help="peak memory at many draws")
    parser.add_argument("--one", nargs=2, metavar=("CASE", "DRAWS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return one(*args.one)
    if args.memory:
        return memory()
    table = Table(
        title=f"crisis engine: seconds per run and draws per second (best of {args.repeat})"
    )
    table.add_column("case")
    for n in args.draws:
        table.add_column(f"{n:,} draws: s", justify="right")
        table.add_column("draws/s", justify="right")
    for name in case_names() if args.all else PAPER_CASES:
        scenario = load_scenario(name)
        run_crisis(scenario, draws=10)  # warm caches
        row = [f"{name} ({len(scenario.actors)} actors)"]
        for n in args.draws:
            t = best_of(lambda n=n, s=scenario: run_crisis(s, draws=n, seed=1), args.repeat)
            row += [f"{t:.4f}", f"{n / t:,.0f}"]
        table.add_row(*row)
    Console().print(table)


def one(name: str, draws: str) -> None:
    """Run one case once (in a fresh process) and print seconds and peak memory in MB."""
    scenario = load_scenario(name)
    t0 = time.perf_counter()
    run_crisis(scenario, draws=int(draws), seed=1)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.2f} {peak:.0f}")


def memory() -> None:
    """Peak resident memory of one run of the largest case at 10^5, 10^6 and 10^7 draws."""
    largest = max(PAPER_CASES, key=lambda n: len(load_scenario(n).actors))
    table = Table(title=f"crisis engine: {largest} ({len(load_scenario(largest).actors)} actors)")
    for col in ("draws", "seconds", "peak memory (MB)"):
        table.add_column(col, justify="right")
    for n in (1, 10**5, 10**6, 10**7):
        out = subprocess.run(
            [sys.executable, __file__, "--one", largest, str(n)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        table.add_row(f"{n:,}", out[0], out[1])
    Console().print(table)


if __name__ == "__main__":
    main()
