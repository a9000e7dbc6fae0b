"""How long the fit's stage-1 bootstrap takes in one process and in several, on the training
part of the built-in corpus; the standard errors must come out the same.

Run: python benchmarks/bench_fit.py [--data-dir DIR] [--reps 4] [--workers 1 2]

``collsec fit`` runs 20 replicates (``--reps``); each refits the ordered logit of the votes
on a resample of the training cases. Until this benchmark's change they ran one after another
in one process, whatever ``--workers``: the first row is that peer, measured in the same run.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from collsec.crisis import EngineParams
from collsec.validation.corpus import builtin_corpus, corpus_cases
from collsec.validation.fit import bootstrap, training, vote_data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    parser.add_argument("--data-dir", type=Path, default=here)
    parser.add_argument("--reps", type=int, default=4)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    cases, _ = corpus_cases(builtin_corpus())
    train = training(cases)
    params = EngineParams()
    data = vote_data(train, params, args.data_dir)
    table = Table(title=f"stage-1 bootstrap: {args.reps} resamples of {len(train)} training cases")
    for column in ("workers", "seconds", "per resample", "speed-up", "same errors"):
        table.add_column(column, justify="right")
    first, base = None, None
    for workers in args.workers:
        start = time.perf_counter()
        errors = bootstrap(data, params, args.reps, 0, workers)
        seconds = time.perf_counter() - start
        first = errors if first is None else first
        base = seconds if base is None else base
        table.add_row(
            str(workers),
            f"{seconds:.1f}",
            f"{seconds / args.reps:.1f} s",
            f"{base / seconds:.2f}x",
            "yes" if np.array_equal(errors, first) else "NO",
        )
    Console().print(table)


if __name__ == "__main__":
    main()
