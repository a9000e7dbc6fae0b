"""Commands for the long-run system model: ``simulate`` and ``experiment``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from collsec.cli.app import app, console, user_errors
from collsec.errors import InputError


def _parse_doctrines(text: str | None) -> dict[str, float] | None:
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


def run_with_progress(params, replicates, seed, workers, series=False):
    """simulate() with a Rich progress bar (shown for runs of more than a few replicates)."""
    from collsec.system import simulate

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=replicates < 20,
    ) as bar:
        task = bar.add_task("histories", total=replicates)
        return simulate(
            params, replicates, seed, workers, series, progress=lambda k: bar.advance(task, k)
        )


def _write(table, out: Path) -> None:
    if out.suffix == ".parquet":
        table.to_parquet(out, index=False)
    elif out.suffix == ".csv":
        table.to_csv(out, index=False)
    else:
        raise InputError("--out", str(out), "a file ending in .csv or .parquet", out.suffix)


def summary_table(df, title: str) -> Table:
    """Endurance, wars and survival by doctrine, as a person reads them."""
    from collsec.system import DOCTRINES

    table = Table(title=title)
    table.add_column("measure")
    table.add_column("mean", justify="right")
    table.add_row("replicates", str(len(df)))
    table.add_row("system endured (no hegemon)", f"{df.endured.mean():.1%}")
    table.add_row("turns run", f"{df.end_turn.mean():.0f}")
    table.add_row("wars", f"{df.wars.mean():.1f}")
    table.add_row("largest state's share of provinces", f"{df.largest_share.mean():.1%}")
    for code, name in zip(("rp", "cs", "cd", "lf"), DOCTRINES, strict=True):
        initial = df[f"initial_{code}"].sum()
        if initial:
            table.add_row(
                f"survival of {name} states",
                f"{df[f'survivors_{code}'].sum() / initial:.1%} of {initial / len(df):.0f}",
            )
    return table


@app.command()
@user_errors
def simulate(
    replicates: Annotated[int, typer.Option("--replicates", "-r", help="Histories to run.")] = 100,
    workers: Annotated[int, typer.Option(help="Processes (results do not depend on it).")] = 1,
    seed: Annotated[int, typer.Option(help="Master seed.")] = 0,
    params: Annotated[
        Path | None, typer.Option("--params", help="YAML file of parameters.")
    ] = None,
    states: Annotated[int | None, typer.Option(help="Number of states.")] = None,
    turns: Annotated[int | None, typer.Option(help="Horizon in turns.")] = None,
    doctrines: Annotated[
        str | None, typer.Option(help="Shares, e.g. realpolitik=0.5,collective_security=0.5")
    ] = None,
    commitment: Annotated[float | None, typer.Option()] = None,
    indivisibility: Annotated[float | None, typer.Option()] = None,
    mutual_confidence: Annotated[float | None, typer.Option()] = None,
    inequality: Annotated[float | None, typer.Option()] = None,
    arms_cost: Annotated[float | None, typer.Option()] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write one row per replicate (.csv/.parquet).")
    ] = None,
    series: Annotated[
        Path | None, typer.Option(help="Write the per-turn series (.csv/.parquet).")
    ] = None,
) -> None:
    """Simulate many histories of a system of states and summarise them."""
    from collsec.system import load_params

    p = load_params(
        params,
        states=states,
        turns=turns,
        doctrines=_parse_doctrines(doctrines),
        commitment=commitment,
        indivisibility=indivisibility,
        mutual_confidence=mutual_confidence,
        inequality=inequality,
        arms_cost=arms_cost,
    )
    result = run_with_progress(p, replicates, seed, workers, series=series is not None)
    df, trace = result if series is not None else (result, None)
    console.print(
        summary_table(
            df,
            f"{p.states} states, {p.turns} turns, doctrines "
            + ", ".join(f"{k} {v:g}" for k, v in p.doctrines.items()),
        )
    )
    if out:
        _write(df, out)
        console.print(f"wrote {out}")
    if series is not None:
        _write(trace, series)
        console.print(f"wrote {series}")


@app.command()
@user_errors
def experiment(
    replicates: Annotated[int, typer.Option("--replicates", "-r")] = 200,
    workers: Annotated[int, typer.Option()] = 2,
    seed: Annotated[int, typer.Option()] = 0,
    out: Annotated[Path, typer.Option(help="Folder for the table and figure.")] = Path("out"),
) -> None:
    """The classic comparison: realpolitik, collective security and mixed systems."""
    from collsec.experiments.classic import classic

    table, figure = classic(replicates, seed, workers, out, run_with_progress)
    view = Table(title=f"classic comparison ({replicates} replicates each, 95% intervals)")
    for col in table.columns:
        view.add_column(col)
    for row in table.itertuples(index=False):
        view.add_row(*[str(v) for v in row])
    console.print(view)
    console.print(f"wrote {out / 'classic.csv'} and {figure}")
