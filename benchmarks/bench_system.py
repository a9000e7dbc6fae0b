"""Throughput of the system model, beside StateSim, and the kernel's cost per turn.

Run: python benchmarks/bench_system.py                       (about a minute on 2 cores)
     python benchmarks/bench_system.py --per-turn --against fdd30d3   (kernel before/after)

Three counts, because "a decision" can mean three things:

* state-turns: every living state takes a turn (collsec's ``decisions`` column);
* initiator decisions: a realpolitik state's turn in which it weighs at least one neighbour
  and chooses to fight or not (``initiator_decisions``). This is what StateSim counts: each of
  its turns, ONE randomly chosen state scans its weaker neighbours and fights or backs down.
  Collective-security, collective-defence and laissez-faire states never start a war, so their
  turns are not counted here. The speed-up is computed on this count;
* targets weighed: neighbour assessments within those decisions (``targets_weighed``).

The system benchmarked has realpolitik states and collective-security practitioners in equal
numbers, so no state is eliminated and every realpolitik state decides every turn.

StateSim (benhorvath/statesim, a public replication of Cusack & Stoll) is not on PyPI. When it
is importable (a clone on PYTHONPATH: ``from statesim.sim import Simulation``), it is run in
the same process, in its default configuration at the same number of states for 1,000 turns,
with its log discarded, and its decisions per second are measured beside collsec's. Otherwise
the table uses the figures measured on this project's 2-core machines and stored in
/work/shared/DOMAIN.md, section 6 (175, 85 and 40 decisions per second with 50, 98 and 200
states), and says so.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from collsec.system import SystemParams, _kernel_args, simulate
from collsec.system.runner import replicate_stream

STATESIM_STORED = {50: 175, 100: 85, 200: 40}
"""StateSim's decisions per second at 50, 98 (~100) and 200 states: DOMAIN.md, section 6."""

HALF = {"realpolitik": 0.5, "collective_security": 0.5}


def measure(states, workers, turns, replicates, doctrines, repeat) -> dict:
    """Best of ``repeat`` timed runs (the machine is shared: the best is the least disturbed)."""
    params = SystemParams(states=states, turns=turns, doctrines=doctrines)
    seconds = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        df = simulate(params, replicates=replicates, seed=1, workers=workers)
        seconds.append(time.perf_counter() - t0)
    best = min(seconds)
    return {
        "seconds": best,
        "state_turns": df.decisions.sum() / best,
        "initiator": df.initiator_decisions.sum() / best,
        "weighed": df.targets_weighed.sum() / best,
        "every_turn": df.decisions.sum() / (states * turns * replicates),
    }


def statesim(states: int, turns: int = 1000, seed: int = 1804) -> float | None:
    """StateSim's decisions per second measured here, or None when it is not importable."""
    if importlib.util.find_spec("statesim") is None:
        return None
    from statesim.sim import Simulation

    logging.disable(logging.CRITICAL)
    config = {  # the first value of each option in StateSim's main.py
        "seed": seed,
        "niter": turns,
        "network_n": states,
        "network_p": 8,
        "power_dist_mu": 10.0,
        "power_dist_sigma": 1.67,
        "misperception_sigma": 0.1,
        "victory_sigma": 1.0,
        "max_war_cost": 0.05,
        "war_cost_disp": 0.05,
        "reparations": 0.1,
        "growth_mu": 0.005,
        "growth_sigma": 0.01,
        "versailles": True,
    }
    sim = Simulation(config=config)
    t0 = time.perf_counter()
    sim.run()
    seconds = time.perf_counter() - t0
    return sim.world.turn / seconds


def throughput(args) -> None:
    doctrines = dict((k, float(v)) for k, v in (p.split("=") for p in args.doctrines.split(",")))
    for w in args.workers:  # compile (or load the cached kernel) first
        simulate(SystemParams(states=10, turns=5), replicates=2 * w, workers=w)
    peers = {n: statesim(n) for n in args.sizes}
    measured = any(v is not None for v in peers.values())
    source = (
        "StateSim measured in this run"
        if measured
        else "StateSim not installed: its figures stored in DOMAIN.md section 6"
    )
    table = Table(
        title=f"system model ({args.turns} turns, {args.replicates} replicates, best of "
        f"{args.repeat}; {args.doctrines}); {source}"
    )
    for col in (
        "states",
        "workers",
        "seconds",
        "state-turns/s",
        "initiator decisions/s",
        "targets weighed/s",
        "StateSim decisions/s",
        "speed-up",
    ):
        table.add_column(col, justify="right")
    for n in args.sizes:
        peer = peers[n] if measured else STATESIM_STORED.get(n)
        for w in args.workers:
            r = measure(n, w, args.turns, args.replicates, doctrines, args.repeat)
            table.add_row(
                str(n),
                str(w),
                f"{r['seconds']:.2f}",
                f"{r['state_turns']:,.0f}"
                + ("" if r["every_turn"] == 1 else f" ({r['every_turn']:.0%} alive)"),
                f"{r['initiator']:,.0f}",
                f"{r['weighed']:,.0f}",
                f"{peer:,.0f}" if peer else "-",
                f"{r['initiator'] / peer:,.0f}x" if peer else "-",
            )
    Console(width=170).print(table)


def _kernel_from(revision: str):
    """The kernel module of an earlier commit, imported from a temporary copy."""
    text = subprocess.run(
        ["git", "show", f"{revision}:src/collsec/system/kernel.py"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    ).stdout
    folder = Path(tempfile.mkdtemp(prefix="collsec-kernel-"))
    path = folder / f"kernel_{revision}.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _per_turn(kernel, n: int, repeat: int) -> float:
    """Seconds per turn of one history at n states: (101 turns - 1 turn) / 100, CPU time."""
    takes_stop = "stop" in kernel.run_replicate.py_func.__code__.co_varnames

    def run(turns):
        args = _kernel_args(SystemParams(states=n, turns=turns, doctrines=HALF))
        extra = (np.zeros(1, dtype=np.int64),) if takes_stop else ()
        rng = np.random.Generator(np.random.PCG64(replicate_stream(1, 0)))
        t0 = time.process_time()
        kernel.run_replicate(rng, *args, False, *extra)
        return time.process_time() - t0

    run(1)  # compile
    return (min(run(101) for _ in range(repeat)) - min(run(1) for _ in range(repeat))) / 100


def per_turn(args) -> None:
    from collsec.system import kernel

    kernels = {"now": kernel}
    if args.against:
        kernels = {args.against: _kernel_from(args.against), **kernels}
    table = Table(
        title="kernel: milliseconds per turn of one history (CPU time, best of "
        f"{args.repeat}; {', '.join(f'{k} {v:g}' for k, v in HALF.items())})"
    )
    table.add_column("states", justify="right")
    for name in kernels:
        table.add_column(name, justify="right")
    if args.against:
        table.add_column("speed-up", justify="right")
    for n in args.per_turn_sizes:
        cost = {name: _per_turn(k, n, args.repeat) for name, k in kernels.items()}
        row = [str(n), *(f"{c * 1e3:.3f}" for c in cost.values())]
        if args.against:
            row.append(f"{cost[args.against] / cost['now']:.1f}x")
        table.add_row(*row)
        Console().print(f"{n} states done", style="dim")
    Console(width=170).print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--replicates", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--doctrines", default="realpolitik=0.5,collective_security=0.5")
    parser.add_argument(
        "--per-turn", action="store_true", help="the kernel's cost per turn, 50-1,600 states"
    )
    parser.add_argument("--per-turn-sizes", type=int, nargs="+", default=[50, 200, 800, 1600])
    parser.add_argument("--against", help="a git revision whose kernel runs beside (per turn)")
    args = parser.parse_args()
    if args.per_turn:
        per_turn(args)
    else:
        throughput(args)


if __name__ == "__main__":
    sys.exit(main())
