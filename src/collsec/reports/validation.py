"""The validation figure: the engine beside its baselines, train and test, and the votes'
confusion matrix (``collsec validate --figure validation.png``).
"""

from __future__ import annotations

from pathlib import Path

LEVELS = ("response", "result", "both", "votes")


def _values(summary: dict) -> dict[str, list[float | None]]:
    b, v = summary["baselines"], summary["votes"]
    return {
        "engine": [summary["response"], summary["result"], summary["both"], v["accuracy"]],
        "majority class": [
            b["majority_response"]["accuracy"],
            b["majority_result"]["accuracy"],
            b["majority_both"]["accuracy"],
            None,
        ],
        "best vote baseline": [
            None,
            None,
            None,
            max(
                (x for x in v["baselines"].values() if x is not None),
                default=None,
            ),
        ],
    }


def validation_figure(report: dict, path: Path) -> list[Path]:
    """Write ``path`` (PNG, 300 dpi) and its SVG and PDF twins; returns the paths written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    colours = {"engine": "#0072B2", "majority class": "#999999", "best vote baseline": "#E69F00"}
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.6), gridspec_kw={"width_ratios": [2, 2, 1.3]})
    for ax, part in zip(axes[:2], ("train", "test"), strict=True):
        values = _values(report[part])
        x = np.arange(len(LEVELS))
        width = 0.27
        for k, (name, vals) in enumerate(values.items()):
            heights = [np.nan if v is None else 100 * v for v in vals]
            ax.bar(x + (k - 1) * width, heights, width, label=name, color=colours[name])
        ax.set_xticks(x, LEVELS)
        ax.set_ylim(0, 100)
        ax.set_ylabel("accuracy (%)")
        ax.set_title(f"{part} part ({report[part]['cases']} cases)", fontsize=10)
        ax.grid(axis="y", alpha=0.3)
    axes[1].legend(loc="upper center", bbox_to_anchor=(-0.1, -0.14), ncol=3, frameon=False)
    order = ("yes", "abstain", "no")
    confusion = report["test"]["votes"]["confusion"]
    m = np.array([[confusion.get(r, {}).get(p, 0) for p in order] for r in order])
    ax = axes[2]
    ax.imshow(m, cmap="Blues")
    for i in range(3):
        for j in range(3):
            ax.text(j, i, str(m[i, j]), ha="center", va="center", fontsize=9)
    ax.set_xticks(range(3), order)
    ax.set_yticks(range(3), order)
    ax.set_xlabel("engine")
    ax.set_ylabel("recorded")
    ax.set_title("member votes, test part", fontsize=10)
    fig.tight_layout()
    written = []
    for suffix in (".png", ".svg", ".pdf"):
        target = path.with_suffix(suffix)
        fig.savefig(target, dpi=300, bbox_inches="tight")
        written.append(target)
    plt.close(fig)
    return written
