"""The reform comparison as a table (pandas), Rich tables for people, and a figure."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich import box
from rich.table import Table

from collsec.reform import Reform, class_power
from collsec.reform.record import ASSUMPTIONS

LETTERS = dict(zip(ASSUMPTIONS, "ABC", strict=True))
"""Assumption -> the letter the tables use for it (A, B, C as in docs/voting.md)."""


def comparison(reforms: dict[str, Reform], passing: pd.DataFrame | None) -> pd.DataFrame:
    """One row per preset: power of a permanent, a new permanent and an elected member
    (Shapley-Shubik, normalised Banzhaf), power to act, and vetoed drafts that would pass.
    """
    rows = []
    for key, reform in reforms.items():
        power = class_power(reform)
        row = {
            "reform": key,
            "name": reform.name,
            "seats": sum(c.seats for c in reform.classes.values()),
            "power_to_act": power["_council"]["power_to_act"],
        }
        for cls in ("permanent", "new_permanent", "elected"):
            p = power.get(cls, {})
            row[f"{cls}_ss"] = p.get("shapley_shubik")
            row[f"{cls}_bz"] = p.get("banzhaf")
        if passing is not None:
            counted = passing[passing.reform == key].iloc[0].drop(["reform", "vetoed"])
            for assumption, n in counted.items():
                row[f"would_pass_{assumption}"] = int(n)
        rows.append(row)
    return pd.DataFrame(rows)


def figure(table: pd.DataFrame, path: Path, fmt: str | None = None) -> None:
    """Three panels: power of a member by class, the council's power to act, drafts passing.

    ``fmt`` (``png``, ``svg``) is the file format when ``path``'s suffix does not say it (a
    temporary file).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = 3 if "would_pass_with_majority" in table else 2
    fig, axes = plt.subplots(1, panels, figsize=(5 * panels, 4.5), sharey=True)
    y = range(len(table))
    ax = axes[0]
    for offset, (cls, colour) in enumerate(
        [("permanent", "C3"), ("new_permanent", "C1"), ("elected", "C0")]
    ):
        ax.barh(
            [i + (offset - 1) * 0.27 for i in y],
            table[f"{cls}_ss"].fillna(0),
            height=0.27,
            color=colour,
            label=cls.replace("_", " "),
        )
    ax.set_yticks(list(y), table.reform)
    ax.invert_yaxis()
    ax.set_xlabel("Shapley-Shubik index of one member")
    ax.legend(fontsize=8)
    axes[1].barh(list(y), table.power_to_act, color="C2")
    axes[1].set_xlabel("Coleman's power of the council to act")
    if panels == 3:
        axes[2].barh(
            [i - 0.2 for i in y],
            table.would_pass_with_majority,
            height=0.4,
            label="new seats with the majority",
        )
        axes[2].barh(
            [i + 0.2 for i in y],
            table.would_pass_by_alignment,
            height=0.4,
            label="by Assembly alignment",
        )
        axes[2].set_xlabel("vetoed drafts 1946-2022 that would pass")
        axes[2].legend(fontsize=8)
    fig.suptitle("Security Council reform presets (collsec reform compare)")
    fig.tight_layout()
    fig.savefig(path, format=fmt)
    plt.close(fig)


def _cell(value, listing: bool) -> str:
    if listing and isinstance(value, bool | float):
        return "yes" if value is True or value == 1.0 else "no"
    return str(value)


def vetoes_table(
    title: str, shown: pd.DataFrame, lines: pd.DataFrame | None, by: str | None
) -> Table:
    """The rows of ``reform vetoes`` (a breakdown, or the list of drafts) for one reform.

    ``lines`` are the total lines of a breakdown (:func:`collsec.reform.record.totals`),
    printed under its groups; a listing ends with its own total line (the drafts, those
    taken to concern mass atrocities, and those that would pass). The assumptions are headed
    A, B, C. The reform, named in the title, is not repeated on every row; the region and the
    record number of a listing stay in the CSV, so that the table fits 80 columns.
    """
    listing = "draft" in shown.columns
    dropped = {"reform", "record", "region"} if listing else {"reform"}
    columns = [c for c in shown.columns if c not in dropped]
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for col in columns:
        header = LETTERS.get(col, "by" if col == "vetoed_by" and listing else col)
        numeric = col in ASSUMPTIONS or col == "vetoed"
        table.add_column(
            header,
            justify="right" if numeric else "left",
            no_wrap=numeric or col == "date",
            overflow="fold",
            max_width=14 if col == "draft" else None,
        )
    for row in shown[columns].itertuples(index=False):
        table.add_row(*[_cell(v, listing) for v in row])
    if listing:
        table.add_section()
        total = {"date": "total", "draft": f"{len(shown)} drafts"}
        for col in ("atrocity", *ASSUMPTIONS):
            if col in shown:
                total[col] = str(int(shown[col].sum()))
        table.add_row(*[total.get(c, "") for c in columns], style="bold")
    if lines is not None:
        table.add_section()
        for line in lines.itertuples(index=False):
            label = {"drafts": "total: drafts", "vetoes": "total: vetoes cast"}[line.line]
            values = {c: getattr(line, c) for c in lines.columns}
            table.add_row(label, *[str(values[c]) for c in columns[1:]], style="bold")
    return table


def vetoes_note(by: str | None, lines: pd.DataFrame | None) -> str:
    """What the counts of ``reform vetoes`` count, and the assumptions behind A, B, C."""
    text = (
        "A, B, C: would pass if "
        + "; ".join(f"({LETTERS[k]}) {v}" for k, v in ASSUMPTIONS.items())
        + ". See docs/voting.md for what the record cannot tell."
    )
    if by == "vetoed_by" and lines is not None:
        vetoes, drafts = (int(lines[lines.line == k].vetoed.iloc[0]) for k in ("vetoes", "drafts"))
        text = (
            f"A draft vetoed by several members counts once for each of them: the "
            f"{drafts} drafts carry {vetoes} vetoes, so the groups sum to the vetoes cast, and "
            f"the last line counts each draft once. " + text
        )
    return text
