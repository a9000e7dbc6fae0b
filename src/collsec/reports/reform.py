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


SEAT_LABELS = {
    "permanent": "permanent",
    "new_permanent": "new permanent",
    "elected": "elected",
}


def figure(table: pd.DataFrame, path: Path, drafts: int | None = None) -> list[Path]:
    """The reform comparison for a paper; returns the files written (PNG, SVG, PDF).

    (a) Shapley-Shubik index of one member of each seat class, on a log scale (the values
    span three orders of magnitude: 0.0003 for an elected member under Ezulwini, 0.2 for a
    permanent one); (b) Coleman's power of the council to act, log scale, each value written;
    (c) if the veto record was read, the vetoed drafts that would pass under assumptions A, B
    and C (docs/voting.md) out of ``drafts``, each count written, zeros included. Legends sit
    under the panels; ``path`` ends in .png, .svg or .pdf, and all three are written.
    """
    import matplotlib.pyplot as plt

    from collsec.reports import style

    files = style.twins(path)
    record = "would_pass_with_majority" in table
    panels = 3 if record else 2
    rows = list(range(len(table)))
    with style.paper():
        fig, axes = plt.subplots(
            1,
            panels,
            figsize=(style.PAGE_WIDTH, 0.22 * len(table) + 1.6),
            sharey=True,
            layout="constrained",
            gridspec_kw={"width_ratios": [1.2, 0.9, 1.2][:panels]},
        )
        ax = axes[0]
        for k, cls in enumerate(style.SEAT_COLOURS):
            values = table[f"{cls}_ss"]
            shown = values.notna() & (values > 0)
            ax.plot(
                values[shown],
                [r + (k - 1) * 0.2 for r, ok in zip(rows, shown, strict=True) if ok],
                linestyle="none",
                marker=style.SEAT_MARKERS[cls],
                color=style.SEAT_COLOURS[cls],
                markeredgecolor="black",
                markeredgewidth=0.4,
                label=SEAT_LABELS[cls],
            )
        _log_axis(ax, 1e-4, 1)
        ax.set_yticks(rows, table.reform)
        ax.invert_yaxis()
        ax.set_xlabel("Shapley-Shubik index (log scale)")
        ax.set_title("(a) voting power of one member", loc="left")
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.22),
            ncol=3,
            handletextpad=0.1,
            columnspacing=0.8,
        )

        ax = axes[1]
        ax.plot(table.power_to_act, rows, "o", color=style.SYSTEM, linestyle="none")
        for r, v in zip(rows, table.power_to_act, strict=True):
            ax.annotate(
                f"{v:.3f}",
                (v, r),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=6.5,
            )
        _log_axis(ax, 1e-3, 1)
        ax.set_xlabel("Coleman's index (log scale)")
        ax.set_title("(b) council's power to act", loc="left")

        if record:
            ax = axes[2]
            height = 0.26
            columns = [f"would_pass_{a}" for a in LETTERS]
            for k, (assumption, letter) in enumerate(LETTERS.items()):
                ax.barh(
                    [r + (k - 1) * height for r in rows],
                    table[columns[k]],
                    height=height,
                    linewidth=0.5,
                    label=f"({letter}) {SHORT[assumption]}",
                    **style.ASSUMPTION_STYLES[assumption],
                )
            top = max(drafts or 0, *table[columns].max())
            for r, values in zip(rows, table[columns].itertuples(index=False), strict=True):
                ax.annotate(
                    " / ".join(f"{v:d}" for v in values),
                    (max(values), r),
                    xytext=(3, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=6.5,
                )
            ax.set_xlim(0, 1.45 * max(top, 1))
            ax.set_xlabel("vetoed drafts that would pass" + (f" (of {drafts})" if drafts else ""))
            ax.set_title("(c) vetoed drafts, 1946-2022", loc="left")
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=1, handlelength=1.5)
        return style.save(fig, files[0])


SHORT = {
    "with_majority": "new seats with the recorded majority",
    "by_alignment": "new seats by Assembly alignment",
    "all_yes": "all non-vetoers yes (upper bound)",
}
"""Assumption -> legend text (the full statement is in docs/voting.md and the table's note)."""


def _log_axis(ax, low: float, high: float) -> None:
    """A log x axis from ``low`` to ``high`` with plain decimal labels (0.001, 0.01, ...)."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    ax.set_xscale("log")
    ax.set_xlim(low, high)
    ax.xaxis.set_major_locator(LogLocator(base=10))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.grid(axis="x", which="major", alpha=0.3)


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
