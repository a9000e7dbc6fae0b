"""Small corpora for tests that run the validation or the fit on a few built-in cases."""

from __future__ import annotations

import shutil
from pathlib import Path

from collsec.scenarios import load_scenario
from collsec.validation.corpus import builtin_corpus, corpus_cases, split_of


def copy_corpus(folder: Path, names) -> Path:
    """A corpus in ``folder`` holding the built-in cases ``names`` (scenario and record),
    copied.
    """
    for part in ("scenarios", "records"):
        (folder / part).mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy(builtin_corpus() / part / f"{name}.yaml", folder / part)
    return folder


def first_test_case() -> str:
    """The first built-in case, by name, of the test part."""
    names = sorted(c.name for c in corpus_cases()[0])
    return next(n for n in names if split_of(n, load_scenario(n).icb) == "test")
