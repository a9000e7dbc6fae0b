"""Exact Banzhaf and Shapley-Shubik: collsec against powerindex, side by side.

Weighted games with random weights 1..100 and a two-thirds quota, at n = 15, 193, 500 by
default, plus the reference games (collsec.voting.REFERENCE_GAMES). Seconds, best of
--repeat runs, numba kernels compiled before timing. Run:

    python benchmarks/bench_voting_power.py [--sizes 15 193 500] [--try-all]

powerindex's Shapley-Shubik overflows from n = 171 on (OverflowError after ~30 s at n = 193);
it is attempted there only with --try-all. The largest difference between the two libraries'
values is printed where both ran.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from rich.console import Console
from rich.table import Table

from collsec.voting import REFERENCE_GAMES, Game, banzhaf, counting, shapley_shubik


def _fresh() -> None:
    """Forget cached counts, so every run counts from scratch."""
    counting.decisiveness.cache_clear()
    counting.shapley_shubik_values.cache_clear()
    counting._class_counts.cache_clear()


def best_of(fn, repeat: int):
    """(best seconds, value), or (error name, None) when ``fn`` fails."""
    best, value = float("inf"), None
    for _ in range(repeat):
        _fresh()
        t0 = time.perf_counter()
        try:
            value = fn()
        except (OverflowError, ValueError, MemoryError) as error:
            return f"fails: {type(error).__name__}", None
        best = min(best, time.perf_counter() - t0)
    return best, value


def fmt(t) -> str:
    return t if isinstance(t, str) else f"{t:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[15, 193, 500])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--try-all", action="store_true", help="run powerindex where it fails")
    args = parser.parse_args()
    import powerindex

    shapley_shubik.index(Game.weighted([1, 2, 3, 4] * 50, 300))  # compile the numba kernels
    banzhaf.normalised(Game.weighted([1, 2, 3, 4] * 50, 300))
    table = Table(title="Exact voting power, seconds (random weights 1..100, quota 2/3)")
    for col in (
        "game",
        "collsec Banzhaf",
        "collsec Shapley-Shubik",
        "powerindex Banzhaf",
        "powerindex Shapley-Shubik",
        "max |difference|",
    ):
        table.add_column(col, justify="right")
    for name, ref in REFERENCE_GAMES.items():
        bz, _ = best_of(lambda g=ref.game: banzhaf.normalised(g), args.repeat)
        ss, _ = best_of(lambda g=ref.game: shapley_shubik.index(g), args.repeat)
        table.add_row(f"{name} (n = {ref.game.n})", fmt(bz), fmt(ss), "-", "-", "-")
    rng = np.random.default_rng(args.seed)
    for n in args.sizes:
        w = rng.integers(1, 101, n)
        q = int(np.ceil(2 * w.sum() / 3))
        game = Game.weighted(w, q)
        bz, ours_bz = best_of(lambda g=game: banzhaf.normalised(g), args.repeat)
        ss, ours_ss = best_of(lambda g=game: shapley_shubik.index(g), args.repeat)
        theirs = powerindex.Game(quota=q, weights=[int(x) for x in w])
        pbz, _ = best_of(theirs.calc_banzhaf, 1)
        if n <= 170 or args.try_all:
            pss, _ = best_of(theirs.calc_shapley_shubik, 1)
        else:
            pss = "fails: OverflowError (n > 170)"
        diffs = []
        if ours_bz is not None and not isinstance(pbz, str):
            diffs.append(np.abs(ours_bz - np.asarray(theirs.banzhaf)).max())
        if ours_ss is not None and not isinstance(pss, str):
            diffs.append(np.abs(ours_ss - np.asarray(theirs.shapley_shubik)).max())
        diff = f"{max(diffs):.1e}" if diffs else "-"
        table.add_row(f"random n = {n}", fmt(bz), fmt(ss), fmt(pbz), fmt(pss), diff)
    Console().print(table)


if __name__ == "__main__":
    main()
