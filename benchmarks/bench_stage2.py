"""How long one evaluation of the fit's stage-2 objective takes, this tree beside a peer tree.

Run: python benchmarks/bench_stage2.py --data-dir DIR [--peer PATH] [--draws 50] [--repeat 3]

Stage 2 of ``collsec fit`` (docs/validation.md, section 4) runs every training case a few
thousand times at 50 draws each, so a refit's time is about this figure times the number of
evaluations. ``--peer`` names another checkout of the repository (e.g. ``git worktree add
/tmp/peer <commit>``): both trees are timed in the same run, each in its own process on the
same training cases of the built-in corpus (this tree's) and at the same point, the engine's
priors (``prior_params``: the shipped values differ from one fit to the next), and the
objective each computes is shown beside its time: equal objectives, the same work.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

CHILD = """
import json, sys, time
from collsec.crisis.params import prior_params
from collsec.validation import fit as F
from collsec.validation.corpus import corpus_cases
corpus, draws, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
params = prior_params()
train = F.training(corpus_cases(corpus)[0])
pairs = F.case_pairs(train)
times = []
for _ in range(repeat):
    start = time.perf_counter()
    loss = F.outcome_loss(pairs, params, draws, 0)["loss"]
    times.append(time.perf_counter() - start)
print(json.dumps({"cases": len(pairs), "loss": loss, "seconds": min(times)}))
"""


def timed(tree: Path, corpus: Path, data_dir: Path, draws: int, repeat: int) -> dict:
    """One tree's best time of ``repeat`` evaluations, in a fresh process."""
    env = os.environ | {"PYTHONPATH": str(tree / "src"), "COLLSEC_DATA_DIR": str(data_dir)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(corpus), str(draws), str(repeat)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=here.parent / "shared" / "data")
    parser.add_argument("--peer", type=Path, default=None, help="another checkout to compare")
    parser.add_argument("--draws", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = here / "src" / "collsec" / "corpus"
    trees = [("this tree", here)] + ([("peer", args.peer.resolve())] if args.peer else [])
    table = Table(title=f"stage-2 objective, {args.draws} draws a case, best of {args.repeat}")
    for column in ("tree", "cases", "seconds", "objective"):
        table.add_column(column, justify="right")
    for name, tree in trees:
        r = timed(tree, corpus, args.data_dir, args.draws, args.repeat)
        table.add_row(name, str(r["cases"]), f"{r['seconds']:.2f}", f"{r['loss']:.3f}")
    Console().print(table)


if __name__ == "__main__":
    main()
