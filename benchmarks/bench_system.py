"""Throughput of the system model in state-decisions per second.

Run: python benchmarks/bench_system.py.

A state-decision is one state deciding whether to fight (or join) in one turn; every living
state decides every turn, and the kernel counts them (``decisions``). Printed beside the public
peer StateSim (one Python object per state), measured on this project's 2-core machines at
about 175, 85 and 40 decisions per second with 50, 98 and 200 states (DOMAIN.md section 6).
"""

from __future__ import annotations

import argparse
import time

from rich.console import Console
from rich.table import Table

from collsec.system import SystemParams, simulate

STATESIM = {50: 175, 100: 85, 200: 40}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--turns", type=int, default=500)
    parser.add_argument("--replicates", type=int, default=8)
    parser.add_argument("--doctrines", default="realpolitik=0.5,collective_security=0.5")
    args = parser.parse_args()
    doctrines = {k: float(v) for k, v in (p.split("=") for p in args.doctrines.split(","))}
    simulate(SystemParams(states=10, turns=5), replicates=2, workers=max(args.workers))  # JIT
    table = Table(
        title=f"system model: state-decisions per second ({args.turns} turns, "
        f"{args.replicates} replicates, {args.doctrines})"
    )
    for col in ("states", "workers", "seconds", "decisions/s", "StateSim", "speed-up"):
        table.add_column(col, justify="right")
    for n in args.sizes:
        for w in args.workers:
            params = SystemParams(states=n, turns=args.turns, doctrines=doctrines)
            t0 = time.perf_counter()
            df = simulate(params, replicates=args.replicates, seed=1, workers=w)
            seconds = time.perf_counter() - t0
            rate = df.decisions.sum() / seconds
            peer = STATESIM.get(n)
            table.add_row(
                str(n),
                str(w),
                f"{seconds:.2f}",
                f"{rate:,.0f}",
                f"{peer}" if peer else "-",
                f"{rate / peer:,.0f}x" if peer else "-",
            )
    Console().print(table)


if __name__ == "__main__":
    main()
