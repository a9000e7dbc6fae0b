"""The classic comparison (Cusack & Stoll 1994): realpolitik, collective security, mixtures.

Systems of all-realpolitik states are compared with systems where a quarter, half or three
quarters of the states practise collective security (drawn at random, or the strongest or the
weakest quarter: universality of power as well as of states), with collective-defence and
laissez-faire systems, and with a mixture of all four doctrines. Everything else is the model's
defaults (docs/model.md, Part II, 3.8). Measures, each with a 95% interval over replicates:

* endurance: share of histories with no hegemon within the horizon (Wilson 1927 interval);
* wars per history, and each doctrine's survival (the share of its states alive at the end,
  averaged over histories; normal interval over histories, as states of one history are not
  independent).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from collsec.system import SystemParams

RP_CS = "realpolitik", "collective_security"
SYSTEMS: dict[str, dict] = {
    "all realpolitik": {"doctrines": {"realpolitik": 1.0}},
    "25% collective security": {"doctrines": dict(zip(RP_CS, (0.75, 0.25), strict=True))},
    "50% collective security": {"doctrines": dict(zip(RP_CS, (0.5, 0.5), strict=True))},
    "75% collective security": {"doctrines": dict(zip(RP_CS, (0.25, 0.75), strict=True))},
    "25% collective security, the strongest": {
        "doctrines": dict(zip(RP_CS, (0.75, 0.25), strict=True)),
        "cs_power": "strongest",
    },
    "25% collective security, the weakest": {
        "doctrines": dict(zip(RP_CS, (0.75, 0.25), strict=True)),
        "cs_power": "weakest",
    },
    "50% collective defence": {"doctrines": {"realpolitik": 0.5, "collective_defence": 0.5}},
    "50% laissez-faire": {"doctrines": {"realpolitik": 0.5, "laissez_faire": 0.5}},
    "mixed 40/20/20/20": {
        "doctrines": {
            "realpolitik": 0.4,
            "collective_security": 0.2,
            "collective_defence": 0.2,
            "laissez_faire": 0.2,
        }
    },
}
"""System name -> parameters that differ from the defaults."""

LABELS = {
    "rp": "realpolitik",
    "cs": "collective security",
    "cd": "collective defence",
    "lf": "laissez-faire",
}
"""Doctrine code (column suffix) -> label."""


def wilson(successes: float, trials: float, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a proportion (Wilson 1927), clipped to [0, 1]."""
    if trials == 0:
        return (np.nan, np.nan)
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * np.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def mean_interval(values, z: float = 1.96) -> tuple[float, float, float]:
    """Mean and normal 95% interval (mean +- z * sd / sqrt(n)) over replicates, clipped to the
    range of the values (a count's interval never goes below its smallest value).
    """
    values = np.asarray(values, dtype=float)
    mean = values.mean()
    half = z * values.std(ddof=1) / np.sqrt(len(values)) if len(values) > 1 else np.nan
    return mean, max(mean - half, values.min()), min(mean + half, values.max())


def interval(values, pct: bool = True) -> str:
    """``mean [lo, hi]`` of a per-replicate measure, as a percentage or a number."""
    return _fmt(*mean_interval(values), pct=pct)


def _fmt(p, lo, hi, pct=True):
    if np.isnan(p):
        return "-"
    return f"{p:.1%} [{lo:.1%}, {hi:.1%}]" if pct else f"{p:.1f} [{lo:.1f}, {hi:.1f}]"


def measures(df: pd.DataFrame) -> dict[str, tuple[float, float, float]]:
    """Numeric measures of a set of replicates: name -> (estimate, lower, upper)."""
    out = {"endured": (df.endured.mean(), *wilson(df.endured.sum(), len(df)))}
    out["wars"] = mean_interval(df.wars)
    out["end_turn"] = mean_interval(df.end_turn)
    for code in LABELS:
        initial = df[f"initial_{code}"]
        if initial.sum():
            out[f"survival_{code}"] = mean_interval(df[f"survivors_{code}"] / initial)
    return out


def summarise(name: str, df: pd.DataFrame) -> dict[str, str]:
    """One row of the comparison table, as text (``-`` for a doctrine absent from the system)."""
    m = measures(df)
    row = {"system": name, "endured": _fmt(*m["endured"]), "wars": _fmt(*m["wars"], pct=False)}
    for code, label in LABELS.items():
        row[f"survival: {label}"] = _fmt(*m[f"survival_{code}"]) if f"survival_{code}" in m else "-"
    return row


def figure(results: dict[str, pd.DataFrame], path: Path, subtitle: str) -> Path:
    """Endurance, survival by doctrine and wars per history, one point per system, 95% bars."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(results)
    stats = [measures(df) for df in results.values()]
    fig, axes = plt.subplots(1, 3, figsize=(15, 5.2), sharey=False)

    def bars(ax, key, offset=0.0, **style):
        xs = [i for i, s in enumerate(stats) if key in s]
        est = np.array([stats[i][key] for i in xs])
        xs = [x + offset for x in xs]
        if len(xs):
            err = np.clip([est[:, 0] - est[:, 1], est[:, 2] - est[:, 0]], 0, None)
            ax.errorbar(xs, est[:, 0], yerr=err, capsize=3, **style)

    bars(axes[0], "endured", fmt="o", color="k")
    axes[0].set_ylabel("share of histories with no hegemon")
    axes[0].set_title("endurance")
    for k, (code, label) in enumerate(LABELS.items()):
        bars(axes[1], f"survival_{code}", (k - 1.5) * 0.12, fmt="o", color=f"C{k}", label=label)
    axes[1].set_ylabel("share of the doctrine's states alive at the end")
    axes[1].set_title("survival by doctrine")
    axes[1].legend(fontsize=8)
    bars(axes[2], "wars", fmt="o", color="C1")
    axes[2].set_ylabel("wars per history")
    axes[2].set_title("wars")
    for ax in axes[:2]:
        ax.set_ylim(-0.02, 1.02)
    for ax in axes:
        ax.set_xticks(range(len(names)), names, rotation=35, ha="right", fontsize=8)
        ax.grid(axis="y", alpha=0.3)
    fig.suptitle(f"collsec classic comparison: {subtitle} (95% intervals)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


Runner = Callable[[SystemParams, int, int, int], pd.DataFrame]


def classic(
    replicates: int, seed: int, workers: int, out: Path, runner: Runner | None = None
) -> tuple[pd.DataFrame, list[Path]]:
    """Run every system of :data:`SYSTEMS` with the same seed (common random numbers).

    Writes ``system-classic.csv`` (the table), ``system-classic-replicates.parquet`` (every
    replicate, with its system) and ``system-classic.png`` (the figure) to ``out``.
    ``runner(params, replicates, seed, workers)`` runs the replicates (default
    :func:`collsec.system.simulate`; the CLI passes one with a progress bar).
    """
    from collsec.system import simulate

    runner = runner or (lambda p, r, s, w: simulate(p, r, s, w))
    out.mkdir(parents=True, exist_ok=True)
    results = {
        name: runner(SystemParams(**spec), replicates, seed, workers)
        for name, spec in SYSTEMS.items()
    }
    table = pd.DataFrame([summarise(name, df) for name, df in results.items()])
    defaults = SystemParams()
    subtitle = (
        f"{replicates} histories per system, {defaults.states} states, {defaults.turns} turns"
    )
    files = [out / "system-classic.csv", out / "system-classic-replicates.parquet"]
    table.to_csv(files[0], index=False)
    pd.concat([df.assign(system=name) for name, df in results.items()]).to_parquet(
        files[1], index=False
    )
    files.append(figure(results, out / "system-classic.png", subtitle))
    return table, files
