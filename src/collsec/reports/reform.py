"""The reform comparison as a table (pandas) and a figure (matplotlib)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from collsec.reform import Reform, class_power


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
