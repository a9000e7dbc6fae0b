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
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Moments:
    """Count, mean, sum of squared deviations, minimum and maximum of a measure over
    replicates, mergeable chunk by chunk (Chan, Golub & LeVeque 1979), so a summary of any
    number of replicates needs constant memory.
    """

    n: int = 0
    mean: float = 0.0
    m2: float = 0.0
    low: float = np.inf
    high: float = -np.inf

    @classmethod
    def of(cls, values) -> Moments:
        """The moments of an array of values."""
        values = np.asarray(values, dtype=float)
        if not len(values):
            return cls()
        mean = values.mean()
        return cls(
            len(values),
            mean,
            float(np.sum(np.abs(values - mean) ** 2)),
            values.min(),
            values.max(),
        )

    def merge(self, other: Moments) -> Moments:
        """The moments of both sets of values together."""
        if not other.n:
            return self
        if not self.n:
            return other
        n = self.n + other.n
        delta = other.mean - self.mean
        return Moments(
            n,
            self.mean + delta * other.n / n,
            self.m2 + other.m2 + delta * delta * self.n * other.n / n,
            min(self.low, other.low),
            max(self.high, other.high),
        )

    @property
    def total(self) -> float:
        """Sum of the values."""
        return self.mean * self.n

    def interval(self, z: float = 1.96) -> tuple[float, float, float]:
        """Mean and normal 95% interval (mean +- z * sd / sqrt(n)), clipped to the range of
        the values (a count's interval never goes below its smallest value).
        """
        if not self.n:
            return (np.nan, np.nan, np.nan)
        half = z * np.sqrt(self.m2 / (self.n - 1)) / np.sqrt(self.n) if self.n > 1 else np.nan
        return self.mean, max(self.mean - half, self.low), min(self.mean + half, self.high)


def mean_interval(values, z: float = 1.96) -> tuple[float, float, float]:
    """Mean and normal 95% interval (mean +- z * sd / sqrt(n)) over replicates, clipped to the
    range of the values (a count's interval never goes below its smallest value).
    """
    return Moments.of(values).interval(z)


def interval(values, pct: bool = True) -> str:
    """``mean [lo, hi]`` of a per-replicate measure, as a percentage or a number."""
    moments = values if isinstance(values, Moments) else Moments.of(values)
    return _fmt(*moments.interval(), pct=pct)


def _fmt(p, lo, hi, pct=True):
    if np.isnan(p):
        return "-"
    return f"{p:.1%} [{lo:.1%}, {hi:.1%}]" if pct else f"{p:.1f} [{lo:.1f}, {hi:.1f}]"


class Summary:
    """Running summary of replicate tables, fed chunk by chunk (constant memory).

    Holds, for each measure the reports use, its :class:`Moments`: ``endured``, ``wars``,
    ``end_turn``, ``largest_share``, ``war_participants`` and each present doctrine's survival
    (survivors / initial states of a history), plus the initial count of each doctrine.
    """

    COLUMNS = ("endured", "wars", "end_turn", "largest_share", "war_participants")

    def __init__(self) -> None:
        self.moments: dict[str, Moments] = {}
        self.initial: dict[str, int] = {}

    @classmethod
    def of(cls, df: pd.DataFrame) -> Summary:
        """The summary of one whole table."""
        return cls().add(df)

    @property
    def n(self) -> int:
        """Replicates summarised."""
        return self.moments["wars"].n if self.moments else 0

    def add(self, df: pd.DataFrame) -> Summary:
        """Fold a chunk of replicate rows in; returns self."""
        parts = {c: Moments.of(df[c]) for c in self.COLUMNS}
        for code in LABELS:
            initial = df[f"initial_{code}"]
            self.initial.setdefault(code, int(initial.iloc[0]))
            if initial.sum():
                parts[f"survival_{code}"] = Moments.of(df[f"survivors_{code}"] / initial)
        for key, m in parts.items():
            self.moments[key] = self.moments.get(key, Moments()).merge(m)
        return self


def measures(df: pd.DataFrame | Summary) -> dict[str, tuple[float, float, float]]:
    """Numeric measures of a set of replicates: name -> (estimate, lower, upper)."""
    s = df if isinstance(df, Summary) else Summary.of(df)
    endured = s.moments["endured"]
    out = {"endured": (endured.mean, *wilson(round(endured.total), endured.n))}
    out["wars"] = s.moments["wars"].interval()
    out["end_turn"] = s.moments["end_turn"].interval()
    for code in LABELS:
        if f"survival_{code}" in s.moments:
            out[f"survival_{code}"] = s.moments[f"survival_{code}"].interval()
    return out


def summarise(name: str, df: pd.DataFrame | Summary) -> dict[str, str]:
    """One row of the comparison table, as text (``-`` for a doctrine absent from the system)."""
    m = measures(df)
    row = {"system": name, "endured": _fmt(*m["endured"]), "wars": _fmt(*m["wars"], pct=False)}
    for code, label in LABELS.items():
        row[f"survival: {label}"] = _fmt(*m[f"survival_{code}"]) if f"survival_{code}" in m else "-"
    return row


def figure(results: dict[str, pd.DataFrame | Summary], path: Path, subtitle: str) -> Path:
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


FILES = ("system-classic.csv", "system-classic-replicates.parquet", "system-classic.png")
"""The experiment's files, written together: all new, or all as they were."""


def classic(
    replicates: int,
    seed: int,
    workers: int,
    out: Path,
    progress: Callable[[int], None] | None = None,
) -> tuple[pd.DataFrame, list[Path]]:
    """Run every system of :data:`SYSTEMS` with the same seed (common random numbers).

    Writes :data:`FILES` to the folder ``out``: ``system-classic.csv`` (the table),
    ``system-classic-replicates.parquet`` (every replicate, with its system) and
    ``system-classic.png`` (the figure). The three appear together or not at all
    (:func:`collsec.outputs.atomic_folder`); other files in ``out`` are kept. Replicates are
    streamed to the Parquet file and folded into running summaries, so memory does not grow
    with ``replicates``. ``progress(k)`` is called as each chunk of ``k`` replicates ends.
    """
    from collsec.outputs import Output, TableSink, atomic_folder, plan
    from collsec.system import simulate_chunks

    (folder,) = plan([Output("--out", Path(out), folder=True)])
    defaults = SystemParams()
    subtitle = (
        f"{replicates} histories per system, {defaults.states} states, {defaults.turns} turns"
    )
    with atomic_folder(folder, set(FILES)) as tmp:
        summaries: dict[str, Summary] = {}
        with TableSink(tmp / FILES[1]) as sink:
            for name, spec in SYSTEMS.items():
                summary = summaries[name] = Summary()
                for rows, _ in simulate_chunks(SystemParams(**spec), replicates, seed, workers):
                    sink.write(rows.assign(system=name))
                    summary.add(rows)
                    if progress:
                        progress(len(rows))
        table = pd.DataFrame([summarise(name, s) for name, s in summaries.items()])
        table.to_csv(tmp / FILES[0], index=False)
        figure(summaries, tmp / FILES[2], subtitle)
    return table, [Path(out) / name for name in FILES]
