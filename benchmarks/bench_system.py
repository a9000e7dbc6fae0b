"""Throughput of the system model in state-decisions per second.

Run: python benchmarks/bench_system.py   (about 30 seconds on 2 cores)

A state-decision is one state deciding whether to fight (or join) in one turn. The rate is
states x turns x replicates / seconds with every state deciding every turn: the benchmark runs
a system where no state can be eliminated (all realpolitik states and collective-security
practitioners in equal numbers, so realpolitik states scan their neighbours every turn and
wars are rare) and checks that the kernel counted exactly that many decisions. Printed beside
the public peer StateSim (one Python object per state), measured on this project's 2-core
machines at about 175, 85 and 40 decisions per second with 50, 98 and 200 states (DOMAIN.md
section 6). The JIT is warmed up (and cached on disk) before any timing.
"""

from __future__ import annotations

import argparse
import time

from rich.console import Console
from rich.table import Table

from collsec.system import SystemParams, simulate

STATESIM = {50: 175, 100: 85, 200: 40}
"""StateSim's state-decisions per second at 50, 98 (~100) and 200 states (DOMAIN.md, 6)."""


def measure(states, workers, turns, replicates, doctrines, repeat) -> tuple:
    """Seconds, state-decisions per second and the share of state-turns decided; best of
    ``repeat`` timed runs (the machine is shared, so the best run is the least disturbed).
    """
    params = SystemParams(states=states, turns=turns, doctrines=doctrines)
    seconds = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        df = simulate(params, replicates=replicates, seed=1, workers=workers)
        seconds.append(time.perf_counter() - t0)
    best = min(seconds)
    decided = df.decisions.sum()
    return best, decided / best, decided / (states * turns * replicates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--replicates", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--doctrines", default="realpolitik=0.5,collective_security=0.5")
    args = parser.parse_args()
    doctrines = {k: float(v) for k, v in (p.split("=") for p in args.doctrines.split(","))}
    for w in args.workers:  # compile (or load the cached kernel) in every process first
        simulate(SystemParams(states=10, turns=5), replicates=2 * w, workers=w)
    table = Table(
        title=f"system model: state-decisions per second ({args.turns} turns, "
        f"{args.replicates} replicates, best of {args.repeat}; {args.doctrines})"
    )
    for col in ("states", "workers", "seconds", "decisions/s", "StateSim", "speed-up"):
        table.add_column(col, justify="right")
    for n in args.sizes:
        for w in args.workers:
            seconds, rate, every = measure(
                n, w, args.turns, args.replicates, doctrines, args.repeat
            )
            peer = STATESIM.get(n)
            table.add_row(
                str(n),
                str(w),
                f"{seconds:.2f}",
                f"{rate:,.0f}" + ("" if every == 1 else f" ({every:.0%} decided)"),
                f"{peer}" if peer else "-",
                f"{rate / peer:,.0f}x" if peer else "-",
            )
    Console().print(table)


if __name__ == "__main__":
    main()
