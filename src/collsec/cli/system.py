"""Commands for the long-run system model: ``simulate`` and ``experiment``."""

from __future__ import annotations

import contextlib
import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from collsec.cli.app import app, console, user_errors
from collsec.errors import InputError

if TYPE_CHECKING:
    from rich.progress import Progress
    from rich.table import Table

FLAGS = "command line"


def parse_doctrines(text: str | None) -> dict[str, float] | None:
    """``realpolitik=0.5,collective_security=0.5`` -> {name: share}; clear error if malformed
    (a share must be a finite number; a doctrine may be named once).
    """
    if text is None:
        return None
    out: dict[str, float] = {}
    for part in text.split(","):
        name, _, share = part.partition("=")
        name = name.strip()
        try:
            if not name:
                raise ValueError
            value = float(share)
        except ValueError:
            raise InputError(
                "--doctrines",
                part,
                "NAME=SHARE pairs, e.g. realpolitik=0.5,collective_security=0.5",
                part,
            ) from None
        if not math.isfinite(value):
            raise InputError("--doctrines", name, "a share that is a finite number", share)
        if name in out:
            raise InputError("--doctrines", name, "each doctrine once", text)
        out[name] = value
    return out


def progress_bar(total: int, label: str) -> Progress:
    """A Rich progress bar (shown for 50 steps or more, in a terminal: piped or redirected
    output gets no bar and no blank lines) that refreshes as steps end, with no thread of its
    own (worker processes are forked from a process without extra threads).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        auto_refresh=False,
        disable=total < 50 or not console.is_terminal,  # no bar (nor blank lines) in a pipe
    )
    bar.add_task(label, total=total)
    return bar


def advance(bar: Progress):
    """A ``progress(k)`` callback that advances ``bar`` by ``k`` and redraws it."""

    def step(k: int) -> None:
        bar.advance(bar.task_ids[0], k)
        bar.refresh()

    return step


def summary_table(summary, title: str) -> Table:
    """Endurance, wars and survival by doctrine over the replicates, with 95% intervals."""
    from rich.table import Table

    from collsec.experiments.classic import LABELS, interval, summarise

    row = summarise("", summary)
    m = summary.moments
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("mean [95% interval]", justify="right")
    table.add_row("replicates", str(summary.n))
    table.add_row("system endured (no hegemon)", row["endured"])
    table.add_row("turns run (hegemony turn or horizon)", interval(m["end_turn"], pct=False))
    table.add_row("wars", row["wars"])
    participants, wars = m["war_participants"].total, m["wars"].total
    table.add_row("states per war", f"{participants / max(1.0, wars):.1f}")
    table.add_row("largest state's share of provinces", interval(m["largest_share"]))
    for code, label in LABELS.items():
        if row[f"survival: {label}"] != "-":
            table.add_row(
                f"survival of {label} states (of {summary.initial[code]})",
                row[f"survival: {label}"],
            )
    return table


@app.command()
@user_errors
def simulate(
    replicates: Annotated[int, typer.Option("--replicates", "-r", help="Histories to run.")] = 100,
    workers: Annotated[int, typer.Option(help="Processes (results do not depend on it).")] = 1,
    seed: Annotated[int, typer.Option(help="Master seed (0 is a seed).")] = 0,
    params: Annotated[
        Path | None, typer.Option("--params", help="YAML file of parameters (flags override).")
    ] = None,
    states: Annotated[int | None, typer.Option(help="Number of states [50].")] = None,
    turns: Annotated[int | None, typer.Option(help="Horizon in turns [500].")] = None,
    doctrines: Annotated[
        str | None,
        typer.Option(
            help="Shares of states, e.g. realpolitik=0.5,collective_security=0.5 (doctrines: "
            "realpolitik, collective_security, collective_defence, laissez_faire)."
        ),
    ] = None,
    cs_power: Annotated[
        str | None,
        typer.Option(help="Practitioners of collective security: random, strongest, weakest."),
    ] = None,
    commitment: Annotated[
        float | None, typer.Option(help="Probability an obliged state fights [0.8].")
    ] = None,
    indivisibility: Annotated[
        float | None, typer.Option(help="Share of concern not decaying with distance [0.5].")
    ] = None,
    mutual_confidence: Annotated[
        float | None, typer.Option(help="Share of the other practitioners counted on [0.5].")
    ] = None,
    inequality: Annotated[
        float | None, typer.Option(help="Log-sd of the states' productivity [0.5].")
    ] = None,
    arms_cost: Annotated[
        float | None, typer.Option(help="Share of capability spent on arms each turn [0.05].")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write one row per replicate (.csv or .parquet).")
    ] = None,
    series: Annotated[
        Path | None, typer.Option(help="Write the per-turn series (.csv or .parquet).")
    ] = None,
) -> None:
    """Simulate many histories of a system of states and summarise them (docs/model.md II).

    Replicates are run in chunks and streamed to the tables (--out, --series), so memory does
    not grow with --replicates; the files appear whole when the run ends, or not at all.
    """
    from collsec.experiments.classic import Summary
    from collsec.outputs import TABLE_SUFFIXES, Output, TableSink, plan
    from collsec.system import load_params, simulate_chunks

    plan(
        [
            Output("--out", out, TABLE_SUFFIXES),
            Output("--series", series, TABLE_SUFFIXES),
        ]
    )
    p = load_params(
        params,
        overrides_source=FLAGS,
        states=states,
        turns=turns,
        doctrines=parse_doctrines(doctrines),
        cs_power=cs_power,
        commitment=commitment,
        indivisibility=indivisibility,
        mutual_confidence=mutual_confidence,
        inequality=inequality,
        arms_cost=arms_cost,
    )
    chunks = simulate_chunks(p, replicates, seed, workers, series=series is not None)
    summary = Summary()
    with contextlib.ExitStack() as files:
        runs = files.enter_context(TableSink(out)) if out else None
        turns_sink = files.enter_context(TableSink(series)) if series else None
        bar = files.enter_context(progress_bar(replicates, "histories"))
        step = advance(bar)
        for rows, trace in chunks:
            summary.add(rows)
            if runs is not None:
                runs.write(rows)
            if turns_sink is not None:
                turns_sink.write(trace)
            step(len(rows))
    mix = ", ".join(f"{k} {v:g}" for k, v in p.doctrines.items())
    console.print(summary_table(summary, f"{p.states} states, {p.turns} turns; {mix}"))
    for path in (out, series):
        if path is not None:
            console.print(Text(f"wrote {path}"))


@app.command()
@user_errors
def experiment(
    replicates: Annotated[
        int, typer.Option("--replicates", "-r", help="Histories per system.")
    ] = 1000,
    workers: Annotated[int, typer.Option(help="Processes (results do not depend on it).")] = 2,
    seed: Annotated[int, typer.Option(help="Master seed.")] = 0,
    out: Annotated[Path, typer.Option(help="Folder for the table, replicates and figure.")] = Path(
        "out"
    ),
) -> None:
    """The classic comparison of security systems (docs/model.md, Part II).

    The folder's files (table, replicates, the figure and its two vector twins) are replaced
    together when the run ends, or not at all; other files in the folder are kept.
    """
    from rich import box
    from rich.table import Table

    from collsec.experiments.classic import SYSTEMS, classic
    from collsec.outputs import Output, plan

    if replicates < 2:
        raise InputError(FLAGS, "--replicates", "at least 2 histories per system", replicates)
    plan([Output("--out", out, folder=True)])
    with progress_bar(replicates * len(SYSTEMS), "systems") as bar:
        table, files = classic(replicates, seed, workers, out, advance(bar))
    # Two narrow tables rather than one of seven wide columns: each fits 80 columns (tested).
    style = {"box": box.SIMPLE_HEAD, "pad_edge": False, "show_edge": False}
    systems = Table(
        title=f"classic comparison: {replicates} histories per system, 95% intervals", **style
    )
    for col, header in (("system", "system"), ("endured", "no hegemon"), ("wars", "wars")):
        systems.add_column(
            header, no_wrap=col != "system", max_width=30 if col == "system" else None
        )
    survival = Table(title="survival of each doctrine's states", **style)
    for header in ("system", "doctrine", "share alive at the end"):
        survival.add_column(
            header, no_wrap=header != "system", max_width=30 if header == "system" else None
        )
    for row in table.to_dict("records"):
        systems.add_row(row["system"], row["endured"], row["wars"])
        shown = [
            (k.removeprefix("survival: "), v)
            for k, v in row.items()
            if k.startswith("survival: ") and v != "-"
        ]
        for k, (doctrine, value) in enumerate(shown):
            survival.add_row(
                row["system"] if k == 0 else "", doctrine, value, end_section=k == len(shown) - 1
            )
    console.print(systems)
    console.print(survival)
    console.print(Text(f"{len(SYSTEMS)} systems; wrote " + ", ".join(str(f) for f in files)))
