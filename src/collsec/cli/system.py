"""Commands for the long-run system model: ``simulate`` and ``experiment``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from collsec.cli.app import app, console, user_errors
from collsec.errors import InputError

FLAGS = "command line"


def parse_doctrines(text: str | None) -> dict[str, float] | None:
    """``realpolitik=0.5,collective_security=0.5`` -> {name: share}; clear error if malformed."""
    if text is None:
        return None
    out = {}
    for part in text.split(","):
        name, _, share = part.partition("=")
        try:
            out[name.strip()] = float(share)
        except ValueError:
            raise InputError(
                "--doctrines",
                part,
                "NAME=SHARE pairs, e.g. realpolitik=0.5,collective_security=0.5",
                part,
            ) from None
    return out


def run_with_progress(params, replicates, seed, workers, series=False, label="histories"):
    """:func:`collsec.system.simulate` with a Rich progress bar (for 50 replicates or more)."""
    from collsec.system import simulate

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=replicates < 50,
    ) as bar:
        task = bar.add_task(label, total=replicates)
        return simulate(
            params, replicates, seed, workers, series, progress=lambda k: bar.advance(task, k)
        )


def summary_table(df, title: str) -> Table:
    """Endurance, wars and survival by doctrine over the replicates, with 95% intervals."""
    from collsec.experiments.classic import LABELS, interval, summarise

    row = summarise("", df)
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("mean [95% interval]", justify="right")
    table.add_row("replicates", str(len(df)))
    table.add_row("system endured (no hegemon)", row["endured"])
    table.add_row("turns run (hegemony turn or horizon)", interval(df.end_turn, pct=False))
    table.add_row("wars", row["wars"])
    table.add_row("states per war", f"{df.war_participants.sum() / max(1, df.wars.sum()):.1f}")
    table.add_row("largest state's share of provinces", interval(df.largest_share))
    for code, label in LABELS.items():
        if row[f"survival: {label}"] != "-":
            table.add_row(
                f"survival of {label} states (of {df[f'initial_{code}'].iloc[0]})",
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
    """Simulate many histories of a system of states and summarise them (docs/model.md II)."""
    from collsec.experiments.output import check_table_path, write_table
    from collsec.system import load_params

    for path, flag in ((out, "--out"), (series, "--series")):
        if path is not None:
            check_table_path(path, flag)
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
    result = run_with_progress(p, replicates, seed, workers, series=series is not None)
    df, trace = result if series is not None else (result, None)
    mix = ", ".join(f"{k} {v:g}" for k, v in p.doctrines.items())
    console.print(summary_table(df, f"{p.states} states, {p.turns} turns; {mix}"))
    if out:
        console.print(f"wrote {write_table(df, out)}")
    if series is not None:
        console.print(f"wrote {write_table(trace, series, '--series')}")


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
    """The classic comparison of security systems (docs/model.md, Part II)."""
    from collsec.experiments.classic import SYSTEMS, classic

    if replicates < 2:
        raise InputError(FLAGS, "--replicates", "at least 2 histories per system", replicates)

    def runner(params, replicates, seed, workers):
        return run_with_progress(params, replicates, seed, workers, label=runner.label)

    runner.label = "systems"
    table, files = classic(replicates, seed, workers, out, runner)
    view = Table(title=f"classic comparison: {replicates} histories per system, 95% intervals")
    for col in table.columns:
        view.add_column(col.replace("survival: ", "survival of "), min_width=12)
    for row in table.itertuples(index=False):
        view.add_row(*[str(v) for v in row])
    console.print(view)
    console.print(f"{len(SYSTEMS)} systems; wrote " + ", ".join(str(f) for f in files))
