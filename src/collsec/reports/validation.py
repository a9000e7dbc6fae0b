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


def _engine_errors(summary: dict) -> list[list[float]]:
    """Lower and upper error-bar lengths (points) of the engine's case-level bars: its 95%
    Wilson intervals (none for votes, whose interval is of a difference).
    """
    intervals = summary.get("uncertainty", {}).get("intervals", {})
    low, high = [], []
    for level in LEVELS:
        interval, value = intervals.get(level), summary.get(level)
        if interval is None or value is None:
            low.append(0.0)
            high.append(0.0)
        else:
            low.append(100 * (value - interval[0]))
            high.append(100 * (interval[1] - value))
    return [low, high]


def validation_figure(report: dict, path: Path) -> list[Path]:
    """Write ``path`` (PNG, 300 dpi) and its SVG and PDF twins; returns the paths written.

    Left and middle: accuracy (%) of the engine beside the majority class (response, result,
    both) and the best vote baseline, train and test parts; the engine's case-level bars carry
    their 95% Wilson intervals. Right: the test part's member
    votes, recorded (rows) against the engine's (columns).
    """
    import matplotlib.pyplot as plt
    import numpy as np

    from collsec.reports import style

    colours = {
        "engine": style.OKABE_ITO["blue"],
        "majority class": "#999999",
        "best vote baseline": style.OKABE_ITO["orange"],
    }
    with style.paper():
        fig, axes = plt.subplots(
            1,
            3,
            figsize=(style.PAGE_WIDTH, 2.8),
            gridspec_kw={"width_ratios": [2, 2, 1.4]},
            layout="constrained",
        )
        for ax, part in zip(axes[:2], ("train", "test"), strict=True):
            values = _values(report[part])
            x = np.arange(len(LEVELS))
            width = 0.27
            for k, (name, vals) in enumerate(values.items()):
                heights = [np.nan if v is None else 100 * v for v in vals]
                ax.bar(x + (k - 1) * width, heights, width, label=name, color=colours[name])
                if name == "engine":
                    low, high = _engine_errors(report[part])
                    cases = slice(0, 3)  # votes: the interval is of a difference, not drawn
                    ax.errorbar(
                        x[cases] + (k - 1) * width,
                        heights[cases],
                        yerr=[low[cases], high[cases]],
                        fmt="none",
                        ecolor="black",
                        capsize=2,
                        linewidth=0.8,
                    )
            ax.set_xticks(x, ["resp.", "result", "both", "votes"])
            ax.set_ylim(0, 100)
            ax.set_ylabel("accuracy (%)")
            ax.set_title(f"{part} part ({report[part]['cases']} cases)")
            ax.grid(axis="y", alpha=0.3)
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside lower center", ncol=3)
        order = ("yes", "abstain", "no")
        confusion = report["test"]["votes"]["confusion"]
        m = np.array([[confusion.get(r, {}).get(p, 0) for p in order] for r in order])
        ax = axes[2]
        ax.imshow(m, cmap="Blues")
        for i in range(3):
            for j in range(3):
                dark = m[i, j] > m.max() / 2
                ax.text(j, i, str(m[i, j]), ha="center", va="center",
                        color="white" if dark else "black")  # fmt: skip
        ax.set_xticks(range(3), ["yes", "abst.", "no"])
        ax.set_yticks(range(3), ["yes", "abst.", "no"])
        ax.set_xlabel("engine")
        ax.set_ylabel("recorded")
        ax.set_title("votes, test part")
        return style.save(fig, path)
