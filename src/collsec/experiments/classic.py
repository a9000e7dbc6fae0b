"""The classic comparison (Cusack & Stoll 1994): realpolitik, collective security, mixtures.

Systems where all states practise realpolitik are compared with systems where a quarter,
half, three quarters or all of them practise collective security, and with a mixed system of
all four doctrines. Measures: endurance (no hegemon within the horizon), wars, the largest
state's share at the end, and survival by doctrine, each with a 95% interval over replicates
(Wilson interval for proportions, normal interval for means).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from collsec.system import SystemParams

SYSTEMS: dict[str, dict[str, float]] = {
    "all realpolitik": {"realpolitik": 1.0},
    "25% collective security": {"realpolitik": 0.75, "collective_security": 0.25},
    "50% collective security": {"realpolitik": 0.5, "collective_security": 0.5},
    "75% collective security": {"realpolitik": 0.25, "collective_security": 0.75},
    "mixed (40/20/20/20)": {
        "realpolitik": 0.4,
        "collective_security": 0.2,
        "collective_defence": 0.2,
        "laissez_faire": 0.2,
    },
}


def wilson(successes: float, trials: float, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a proportion (Wilson 1927)."""
    if trials == 0:
        return (np.nan, np.nan)
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * np.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def _fmt(p, lo, hi, pct=True):
    if np.isnan(p):
        return "-"
    return f"{p:.1%} [{lo:.1%}, {hi:.1%}]" if pct else f"{p:.1f} [{lo:.1f}, {hi:.1f}]"


def summarise(name: str, df: pd.DataFrame) -> dict:
    """One row of the comparison table."""
    n = len(df)
    row = {"system": name, "endured": _fmt(df.endured.mean(), *wilson(df.endured.sum(), n))}
    mean, sd = df.wars.mean(), df.wars.std(ddof=1) if n > 1 else 0.0
    row["wars"] = _fmt(mean, mean - 1.96 * sd / np.sqrt(n), mean + 1.96 * sd / np.sqrt(n), False)
    row["largest share"] = f"{df.largest_share.mean():.1%}"
    for code, label in (
        ("rp", "realpolitik"),
        ("cs", "collective security"),
        ("cd", "collective defence"),
        ("lf", "laissez-faire"),
    ):
        alive, initial = df[f"survivors_{code}"].sum(), df[f"initial_{code}"].sum()
        row[f"survival: {label}"] = (
            _fmt(alive / initial, *wilson(alive, initial)) if initial else "-"
        )
    return row


def classic(
    replicates: int, seed: int, workers: int, out: Path, runner
) -> tuple[pd.DataFrame, Path]:
    """Run every system of :data:`SYSTEMS`; write ``classic.csv`` and ``classic.png`` to ``out``.

    ``runner(params, replicates, seed, workers)`` runs the replicates (e.g. with a progress bar).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    rows, raw = [], []
    for name, doctrines in SYSTEMS.items():
        df = runner(SystemParams(doctrines=doctrines), replicates, seed, workers)
        rows.append(summarise(name, df))
        raw.append(df.assign(system=name))
    table = pd.DataFrame(rows)
    table.to_csv(out / "classic.csv", index=False)
    pd.concat(raw).to_csv(out / "classic-replicates.csv", index=False)
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    names = list(SYSTEMS)
    for code, label, colour in (
        ("rp", "realpolitik", "C3"),
        ("cs", "collective security", "C0"),
        ("cd", "collective defence", "C2"),
        ("lf", "laissez-faire", "C7"),
    ):
        xs, ys, lo, hi = [], [], [], []
        for i, df in enumerate(raw):
            initial = df[f"initial_{code}"].sum()
            if initial:
                alive = df[f"survivors_{code}"].sum()
                a, b = wilson(alive, initial)
                xs.append(i)
                ys.append(alive / initial)
                lo.append(alive / initial - a)
                hi.append(b - alive / initial)
        axes[0].errorbar(xs, ys, yerr=[lo, hi], fmt="o-", color=colour, label=label, capsize=3)
    axes[0].set_xticks(range(len(names)), names, rotation=25, ha="right", fontsize=8)
    axes[0].set_ylabel("share of states surviving")
    axes[0].set_ylim(0, 1.05)
    axes[0].legend(fontsize=8)
    wars = [df.wars.mean() for df in raw]
    err = [1.96 * df.wars.std(ddof=1) / np.sqrt(len(df)) for df in raw]
    axes[1].bar(range(len(names)), wars, yerr=err, color="C1", capsize=3)
    axes[1].set_xticks(range(len(names)), names, rotation=25, ha="right", fontsize=8)
    axes[1].set_ylabel("wars per history")
    fig.suptitle(
        f"collsec experiment: {replicates} histories per system, 50 states, 500 turns "
        "(95% intervals)"
    )
    fig.tight_layout()
    path = out / "classic.png"
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return table, path
