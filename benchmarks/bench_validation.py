"""How long validation takes: the built-in corpus, and drafting every ICB development crisis.

Run: python benchmarks/bench_validation.py [--data-dir DIR]   (default: ../shared/data)

The issue's bars: the whole corpus validated in under 60 s on this 2-core machine; every ICB
development crisis drafted from the data in under a minute. No peer tool exists to run beside
it; the figures are the times themselves.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from collsec.data.icb import crises
from collsec.scenarios.draft import build
from collsec.validation.corpus import corpus_cases
from collsec.validation.icb import eligible, icb_facts
from collsec.validation.score import evaluate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    here = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    parser.add_argument("--data-dir", type=Path, default=here)
    parser.add_argument("--draws", type=int, default=200)
    args = parser.parse_args()
    table = Table(title="validation: seconds (2-core machine, one process)")
    for col in ("task", "items", "seconds", "per item"):
        table.add_column(col, justify="right" if col != "task" else "left")

    cases, _ = corpus_cases()
    t0 = time.perf_counter()
    ev = evaluate(cases, draws=args.draws, data_dir=args.data_dir)
    t = time.perf_counter() - t0
    table.add_row(f"validate the corpus ({args.draws} draws)", str(len(ev.cases)), f"{t:.1f}",
                  f"{t / len(ev.cases):.2f}")  # fmt: skip

    eligible_crises = [c for c in crises(data_dir=args.data_dir) if eligible(c)]
    build(icb_facts(eligible_crises[0]), "warm", args.data_dir)  # first loads of the data
    t0 = time.perf_counter()
    for crisis in eligible_crises:
        build(icb_facts(crisis), f"ICB {crisis.crisno}", args.data_dir)
    t = time.perf_counter() - t0
    table.add_row("draft every ICB development crisis", str(len(eligible_crises)), f"{t:.1f}",
                  f"{t / len(eligible_crises):.2f}")  # fmt: skip
    Console().print(table)


if __name__ == "__main__":
    main()
