"""A corpus of crises: scenario + record pairs, and the train/test split.

A corpus is a directory holding ``scenarios/NAME.yaml`` (the situation, read by the engine)
and ``records/NAME.yaml`` (what happened, read only here); the built-in corpus is the package
folder ``collsec/corpus`` (its ``facts/`` hold the hand layer the drafting script merges with
the data, see ``docs/validation.md``).

The split is fixed by a stated rule, chosen before any fitting and never by looking at a
case: the paper's seven cases are training cases (the model was first built on them); every
other case is a test case when the SHA-256 of its key, read as a number, is divisible by 3,
else a training case. The key is ``icb-<crisno>`` for an ICB crisis (so that a crisis sits on
the same side in the corpus and in the ICB tier) and the case name otherwise.

A training case the shipped fit did not use (written after it: ``fitted.yaml`` lists the
cases it was fitted on) is reported apart, as part ``unfitted`` (:func:`part_of`): its accuracy
is out of sample for the shipped values, and the next ``collsec fit`` will train on it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from collsec.errors import InputError

PAPER_CASES = (
    "manchuria-1931",
    "ethiopia-1935",
    "korea-1950",
    "gulf-1990",
    "kosovo-1999",
    "sept11-2001",
    "syria-2011",
)
"""The paper's case studies: always in the training part."""

TEST_SHARE = 3
"""One key in TEST_SHARE (by its hash) is a test case."""


def split_key(name: str, icb: int | None) -> str:
    """The key the split hashes: ``icb-<crisno>`` for an ICB crisis, else the case name."""
    return f"icb-{icb}" if icb is not None else name


UNFITTED = "unfitted"
"""The part of a training case the shipped fit did not use (:func:`part_of`)."""


def part_of(name: str, icb: int | None = None, fitted_cases: frozenset[str] | None = None) -> str:
    """``"train"``, ``"test"`` or :data:`UNFITTED`: the split of the case, except that a
    training case missing from ``fitted_cases`` (the cases the shipped fit was trained on;
    None: no distinction) is :data:`UNFITTED`.
    """
    split = split_of(name, icb)
    if split == "train" and fitted_cases is not None and name not in fitted_cases:
        return UNFITTED
    return split


def split_of(name: str, icb: int | None = None) -> str:
    """``"train"`` or ``"test"`` by the rule in the module docstring."""
    if name in PAPER_CASES:
        return "train"
    digest = hashlib.sha256(split_key(name, icb).encode("utf-8")).hexdigest()
    return "test" if int(digest, 16) % TEST_SHARE == 0 else "train"


@dataclass(frozen=True)
class Case:
    """One crisis of a corpus: its name and files."""

    name: str
    scenario: Path
    record: Path


def builtin_corpus() -> Path:
    """The directory of the built-in corpus (inside the installed package)."""
    return Path(str(resources.files("collsec").joinpath("corpus")))


def corpus_cases(directory: str | Path | None = None) -> tuple[list[Case], list[str]]:
    """The cases of a corpus directory (default: the built-in corpus), sorted by name, and
    the names of scenarios without a record or records without a scenario (not validated).

    Raises :class:`InputError` when the directory lacks ``scenarios/`` or ``records/``.
    """
    root = Path(directory) if directory is not None else builtin_corpus()
    scenarios, records = root / "scenarios", root / "records"
    for folder in (scenarios, records):
        if not folder.is_dir():
            raise InputError(
                str(root),
                folder.name,
                "a corpus directory holding scenarios/NAME.yaml and records/NAME.yaml",
            )
    by_scenario = {p.stem: p for p in scenarios.glob("*.yaml")}
    by_record = {p.stem: p for p in records.glob("*.yaml")}
    unpaired = sorted(set(by_scenario) ^ set(by_record))
    cases = [
        Case(name, by_scenario[name], by_record[name])
        for name in sorted(set(by_scenario) & set(by_record))
    ]
    return cases, unpaired
