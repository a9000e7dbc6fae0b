"""Draws per second of the crisis engine, per case (run: python benchmarks/bench_crisis.py).

A draw is one replicate of a crisis's stochastic parts (attribution, commitment, the fortunes
of war). Deliberation is computed once per attribution branch; the draws are vectorised.
"""

from __future__ import annotations

import argparse
import time

from rich.console import Console
from rich.table import Table

from collsec.crisis import run_crisis
from collsec.scenarios import case_names, load_scenario


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
    args = parser.parse_args()
    table = Table(
        title=f"crisis engine: seconds per run and draws per second (best of {args.repeat})"
    )
    table.add_column("case")
    for n in args.draws:
        table.add_column(f"{n:,} draws: s", justify="right")
        table.add_column("draws/s", justify="right")
    for name in case_names():
        scenario = load_scenario(name)
        run_crisis(scenario, draws=10)  # warm caches
        row = [f"{name} ({len(scenario.actors)} actors)"]
        for n in args.draws:
            t = best_of(lambda n=n, s=scenario: run_crisis(s, draws=n, seed=1), args.repeat)
            row += [f"{t:.4f}", f"{n / t:,.0f}"]
        table.add_row(*row)
    Console().print(table)


if __name__ == "__main__":
    main()
