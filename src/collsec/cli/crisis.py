"""Commands for crises: ``cases``, ``run``, ``demo``, ``schema``, ``institutions``, ``scenario``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.table import Table

from collsec.cli.app import app, console, user_errors
from collsec.crisis import EngineParams, run_crisis
from collsec.errors import InputError
from collsec.institutions import presets
from collsec.reports.crisis import outcome_table, render, to_json
from collsec.scenarios import case_names, load_scenario
from collsec.scenarios.load import parse_assignment
from collsec.scenarios.model import Scenario

DRAWS = Annotated[
    int,
    typer.Option(
        "--draws", "-n", min=1, help="Stochastic draws; >1 gives each result's probability."
    ),
]
SEED = Annotated[int, typer.Option("--seed", min=0, help="Seed of the random generator.")]


def engine_params(assignments: list[str]) -> EngineParams:
    """EngineParams with ``name=value`` overrides (``thresholds.force=1.2``); clear errors."""
    data: dict = {}
    for text in assignments:
        path, value = parse_assignment(text, source="--param")
        node = data
        *parents, last = path.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[last] = value
    try:
        return EngineParams.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        place = ".".join(str(p) for p in err["loc"])
        expected = (
            (
                "a parameter of the engine (see docs/model.md): "
                + ", ".join(EngineParams.model_fields)
            )
            if err["type"] == "extra_forbidden"
            else err["msg"].removeprefix("Input should be ")
        )
        raise InputError("--param", place, expected, err.get("input")) from None


@app.command()
@user_errors
def cases() -> None:
    """List the built-in cases (the paper's seven case studies)."""
    table = Table(title="built-in cases")
    table.add_column("name", no_wrap=True)
    for col in ("title", "counterfactuals"):
        table.add_column(col)
    for name in case_names():
        s = load_scenario(name)
        table.add_row(name, s.title, ", ".join(s.counterfactuals))
    console.print(table)


@app.command()
@user_errors
def run(
    scenario: Annotated[
        str,
        typer.Argument(
            help="A built-in case (see `collsec cases`) or a path to a scenario YAML file."
        ),
    ],
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Override PATH=VALUE, e.g. actors.USSR.absent=false (repeatable)."
        ),
    ] = None,
    counterfactual: Annotated[
        str | None,
        typer.Option("--counterfactual", "-c", help="Apply a named counterfactual of the file."),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", help="Engine parameter NAME=VALUE, e.g. indivisibility=0.9 (repeatable)."
        ),
    ] = None,
    draws: DRAWS = 1,
    seed: SEED = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Replay a crisis: votes, decisions, coalition, scorecard and result."""
    set_, param = set_ or [], param or []
    loaded = load_scenario(scenario, set_, counterfactual)
    result = run_crisis(
        loaded,
        engine_params(param),
        draws=draws,
        seed=seed,
        counterfactual=counterfactual,
        overrides=tuple(set_),
    )
    if as_json:
        typer.echo(to_json(result))
    else:
        render(result, console)


@app.command()
@user_errors
def demo(draws: DRAWS = 1000, seed: SEED = 0) -> None:
    """Replay every built-in case with the default parameters and print the outcomes."""
    rows = [
        (name, run_crisis(load_scenario(name), draws=draws, seed=seed)) for name in case_names()
    ]
    console.print(outcome_table(rows))
    console.print(
        "Details of one case: [bold]collsec run korea-1950[/]; a counterfactual: "
        "[bold]collsec run korea-1950 --set actors.USSR.absent=false[/]"
    )


@app.command()
@user_errors
def schema(out: Annotated[Path | None, typer.Option(help="Write to this file.")] = None) -> None:
    """Print the JSON Schema of scenario files."""
    text = json.dumps(Scenario.model_json_schema(), indent=2)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    else:
        typer.echo(text)


def _dates(start, end) -> str:
    if start is None and end is None:
        return "always"
    return f"{start or '...'} to {end or 'today'}"


def institution_lines(key: str, inst) -> list[tuple[str, str]]:
    """Every field of an institution, as (label, text) rows for an 80-column listing."""
    from collsec.voting.rules import describe

    seats = f"{inst.seats} seats" if inst.seats else "every member sits"
    rows = [
        ("scope", f"{inst.scope}; {seats}"),
        ("permanent", " ".join(inst.permanent) or "none"),
        ("rule", describe(inst.rule)),
    ]
    if inst.procedural_rule is not None:
        rows.append(("procedural", describe(inst.procedural_rule)))
    tools = []
    for p in inst.tools:
        dated = (
            ""
            if p.valid_from is None and p.valid_to is None
            else (f" ({_dates(p.valid_from, p.valid_to)})")
        )
        tools.append(p.tool.value + dated)
    rows.append(("tools", ", ".join(tools)))
    duties = []
    if inst.defends_members:
        duties.append("defends its members (collective defence)")
    if inst.sanctions_by_each_member:
        duties.append("sanctions applied by each member")
    if inst.fallback:
        duties.append("takes up a question a council fails to act on")
    rows.append(("obligations", "; ".join(duties) or "none beyond its decisions"))
    if inst.area:
        rows.append(("area", inst.area_note or ", ".join(a.name for a in inst.area)))
    rows.append(("valid", _dates(inst.valid_from, inst.valid_to)))
    rows.append(("source", inst.source or "-"))
    return rows


@app.command()
@user_errors
def institutions(
    key: Annotated[
        str | None, typer.Argument(help="One preset to show (default: all of them).")
    ] = None,
) -> None:
    """List the built-in institutions (presets usable in scenario files), every field."""
    known = presets()
    if key is not None and key not in known:
        raise InputError("institutions", "KEY", "a preset: " + ", ".join(known), key)
    for name, inst in known.items():
        if key is not None and name != key:
            continue
        table = Table.grid(padding=(0, 1))
        table.add_column(style="dim", no_wrap=True, min_width=11)
        table.add_column(overflow="fold")
        for label, text in institution_lines(name, inst):
            table.add_row(label, text)
        console.print(f"[bold]{name}[/]  {inst.name}", highlight=False)
        console.print(table, highlight=False)
        console.print()


scenario_app = typer.Typer(help="Write scenario files.", no_args_is_help=True)
app.add_typer(scenario_app, name="scenario")


@scenario_app.command("new")
@user_errors
def scenario_new(
    name: Annotated[str, typer.Argument(help="Name of the new scenario (lower-case, dashes).")],
    year: Annotated[int, typer.Option(help="Year of the crisis (CINC and Assembly session).")],
    actors: Annotated[str, typer.Option(help="Comma-separated COW codes, e.g. USA,RUS,PRK,ROK.")],
    data_dir: Annotated[
        Path | None, typer.Option(help="Directory of the public data (else $COLLSEC_DATA_DIR).")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write the draft here (else print it).")] = None,
) -> None:
    """Draft a scenario whose capabilities and alignments come from the public data."""
    from collsec.data.paths import data_dir as resolve_data_dir
    from collsec.scenarios.draft import draft_scenario

    resolve_data_dir(data_dir)  # fail first, and clearly, when the data are not there
    codes = [c.strip() for c in actors.split(",") if c.strip()]
    if not codes:
        raise InputError("--actors", "actors", "a comma-separated list of COW codes", actors)
    text = draft_scenario(name, year, codes, data_dir)
    if out:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {out}")
    else:
        typer.echo(text)
