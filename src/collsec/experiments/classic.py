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

import textwrap
from collections import Counter
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
    (survivors / initial states of a history), plus the initial count of each doctrine and
    the distribution of wars per history (``wars``: number of wars -> histories; a few hundred
    values at most, so memory stays constant).
    """

    COLUMNS = ("endured", "wars", "end_turn", "largest_share", "war_participants")

    def __init__(self) -> None:
        self.moments: dict[str, Moments] = {}
        self.initial: dict[str, int] = {}
        self.wars: Counter[int] = Counter()

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
        values, counts = np.unique(df["wars"].to_numpy(dtype=np.int64), return_counts=True)
        self.wars.update(dict(zip(values.tolist(), counts.tolist(), strict=True)))
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


DOCTRINE_NAMES = {
    "rp": "realpolitik",
    "cs": "collective_security",
    "cd": "collective_defence",
    "lf": "laissez_faire",
}
"""Doctrine code (column suffix) -> doctrine name (:data:`collsec.system.DOCTRINES`)."""


def figure(results: dict[str, pd.DataFrame | Summary], path: Path) -> list[Path]:
    """The classic comparison for a paper; returns the files written (PNG, SVG, PDF).

    One row per system, three panels: (a) endurance, share of histories with no hegemon
    (Wilson 95% interval); (b) survival of each doctrine's states (normal 95% interval over
    histories), one colour and marker per doctrine (:mod:`collsec.reports.style`); (c) the
    distribution of wars per history, a violin, because it is skewed and, where a quarter of
    the states practise collective security, bimodal: a mean alone would hide that most such
    histories have no war at all. The mean (with its interval) and the median are marked, and
    the share of histories without war is written beside each violin.
    """
    import matplotlib.pyplot as plt

    from collsec.reports import style

    files = style.twins(path)
    names = list(results)
    summaries = [s if isinstance(s, Summary) else Summary.of(s) for s in results.values()]
    stats = [measures(s) for s in summaries]
    rows = np.arange(len(names))
    with style.paper():
        fig, axes = plt.subplots(
            1,
            3,
            figsize=(style.PAGE_WIDTH, 0.3 * len(names) + 1.4),
            sharey=True,
            layout="constrained",
            gridspec_kw={"width_ratios": [0.7, 1.1, 1.3]},
        )

        def dots(ax, key, offset=0.0, **kw):
            shown = [i for i, s in enumerate(stats) if key in s]
            if not shown:
                return None
            est = np.array([stats[i][key] for i in shown])
            err = np.clip([est[:, 0] - est[:, 1], est[:, 2] - est[:, 0]], 0, None)
            return ax.errorbar(est[:, 0], rows[shown] + offset, xerr=err, linestyle="none", **kw)

        ax = axes[0]
        dots(ax, "endured", marker="o", color=style.SYSTEM)
        ax.set_xlim(-0.03, 1.03)
        ax.set_xticks([0, 0.5, 1], ["0", "0.5", "1"])
        ax.set_xlabel("share of histories")
        ax.set_title("(a) no hegemon", loc="left")
        ax.set_yticks(rows, [textwrap.fill(n, 24) for n in names])
        ax.invert_yaxis()

        ax = axes[1]
        handles = []
        for k, (code, doctrine) in enumerate(DOCTRINE_NAMES.items()):
            drawn = dots(
                ax,
                f"survival_{code}",
                (k - 1.5) * 0.17,
                marker=style.DOCTRINE_MARKERS[doctrine],
                color=style.DOCTRINE_COLOURS[doctrine],
                markeredgecolor="black",
                markeredgewidth=0.3,
                label=LABELS[code],
            )
            if drawn is not None:
                handles.append(drawn)
        ax.set_xlim(-0.03, 1.03)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0", "0.25", "0.5", "0.75", "1"])
        ax.set_xlabel("share of its states alive at the end")
        ax.set_title("(b) survival by doctrine", loc="left")

        ax = axes[2]
        wars = [_distribution(s.wars) for s in summaries]
        spread = [i for i, (values, _) in enumerate(wars) if len(values) > 1]  # a KDE needs it
        if spread:
            parts = ax.violin(
                [_violin(*wars[i]) for i in spread],
                positions=rows[spread],
                orientation="horizontal",
                widths=0.85,
                showextrema=False,
            )
            for body in parts["bodies"]:
                body.set_facecolor(style.DISTRIBUTION)
                body.set_edgecolor("#555555")
                body.set_linewidth(0.4)
                body.set_alpha(1)
        mean = dots(ax, "wars", marker="D", color=style.SYSTEM, markersize=3)
        (median,) = ax.plot(
            [_median(*w) for w in wars],
            rows + 0.28,
            "^",
            color="white",
            markeredgecolor="black",
            markeredgewidth=0.5,
            markersize=3.5,
            linestyle="none",
        )
        top = max(float(values.max()) for values, _ in wars)
        for r, (values, counts) in zip(rows, wars, strict=True):
            ax.annotate(
                f"{_share(float(counts[values == 0].sum() / counts.sum()))} no war",
                (top * 1.05, r),
                va="center",
                fontsize=6,
                color="#333333",
            )
        ax.set_xlim(-0.03 * top, top * 1.4)
        ax.set_xlabel("wars per history")
        ax.set_title("(c) wars per history", loc="left")
        for ax in axes:
            ax.grid(axis="x", alpha=0.3)
        violin = plt.Rectangle(
            (0, 0), 1, 1, facecolor=style.DISTRIBUTION, edgecolor="#555555", linewidth=0.4
        )
        fig.legend(
            [*handles, violin, mean, median],
            [
                *[h.get_label() for h in handles],
                "distribution of wars",
                "mean, 95% interval",
                "median",
            ],
            loc="outside lower center",
            ncol=4,
            handletextpad=0.3,
            columnspacing=1.2,
        )
        return style.save(fig, files[0])


def _distribution(wars: Counter[int]) -> tuple[np.ndarray, np.ndarray]:
    """Values of wars per history, sorted, and how many histories had each."""
    values = np.array(sorted(wars), dtype=float)
    return values, np.array([wars[int(v)] for v in values], dtype=float)


def _median(values: np.ndarray, counts: np.ndarray) -> float:
    """The median of values counted ``counts`` times (the lower one on a tie)."""
    return float(values[np.searchsorted(np.cumsum(counts), counts.sum() / 2)])


def _violin(values: np.ndarray, counts: np.ndarray) -> dict:
    """What :meth:`matplotlib.axes.Axes.violin` draws: a Gaussian kernel density of the
    counted values (scipy; bandwidth 0.15 times their standard deviation, as matplotlib's
    violinplot with bw_method=0.15 would draw from the raw values),
    on 200 points from the smallest to the largest value.
    """
    from scipy.stats import gaussian_kde

    coords = np.linspace(values.min(), values.max(), 200)
    density = gaussian_kde(values, bw_method=0.15, weights=counts)(coords)
    mean = float(np.average(values, weights=counts))
    return {
        "coords": coords,
        "vals": density,
        "mean": mean,
        "median": _median(values, counts),
        "min": float(values.min()),
        "max": float(values.max()),
    }


def _share(p: float) -> str:
    """A share in whole percent that never rounds to 0% or 100% when it is neither."""
    if 0 < p < 0.005:
        return "<1%"
    if 0.995 <= p < 1:
        return ">99%"
    return f"{p:.0%}"


FILES = (
    "system-classic.csv",
    "system-classic-replicates.parquet",
    "system-classic.png",
    "system-classic.svg",
    "system-classic.pdf",
)
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
    the figure, ``system-classic.png`` (300 dpi) with its vector twins ``.svg`` and ``.pdf``.
    They appear together or not at all
    (:func:`collsec.outputs.atomic_folder`); other files in ``out`` are kept. Replicates are
    streamed to the Parquet file and folded into running summaries, so memory does not grow
    with ``replicates``. ``progress(k)`` is called as each chunk of ``k`` replicates ends.
    """
    from collsec.outputs import Output, TableSink, atomic_folder, plan
    from collsec.system import simulate_chunks

    (folder,) = plan([Output("--out", Path(out), folder=True)])
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
        figure(summaries, tmp / FILES[2])
    return table, [Path(out) / name for name in FILES]
