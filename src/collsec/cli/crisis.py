"""Commands for crises: ``cases``, ``run``, ``demo``, ``schema``, ``institutions``, ``scenario``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from collsec.cli.app import app, console, printable, user_errors
from collsec.errors import InputError

if TYPE_CHECKING:
    from collsec.crisis import EngineParams

DRAWS = Annotated[
    int,
    typer.Option(
        "--draws", "-n", min=1, help="Stochastic draws; >1 gives each result's probability."
    ),
]
SEED = Annotated[int, typer.Option("--seed", min=0, help="Seed of the random generator.")]


def engine_params(assignments: list[str]) -> EngineParams:
    """EngineParams with ``name=value`` overrides (``thresholds.force=1.2``); clear errors.

    Every engine parameter is a number: true/false, NaN and infinity are refused, and so is
    a parameter given twice or both whole and in part (``thresholds=1`` with
    ``thresholds.force=2``).
    """
    from pydantic import ValidationError

    from collsec.crisis import EngineParams
    from collsec.inputs import non_finite
    from collsec.scenarios.load import parse_assignment

    data: dict = {}
    given: dict[tuple[str, ...], str] = {}
    for text in assignments:
        path, value = parse_assignment(text, source="--param")
        parts = tuple(path.split("."))
        for other, written in given.items():
            shorter, longer = sorted((parts, other), key=len)
            if longer[: len(shorter)] == shorter:
                raise InputError(
                    "--param",
                    path,
                    "each parameter set once (not also as a whole or a part)",
                    f"{written} and {text}",
                )
        given[parts] = text
        if isinstance(value, bool) or non_finite(value):
            raise InputError("--param", path, "a finite number", value)
        node = data
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = value
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
        got = err.get("input")
        raise InputError(
            "--param", place, expected, None if isinstance(got, dict) else got
        ) from None


@app.command()
@user_errors
def cases() -> None:
    """List the built-in cases (the paper's seven case studies)."""
    from rich.table import Table

    from collsec.scenarios import case_names, load_scenario

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
    from collsec.crisis import run_crisis
    from collsec.reports.crisis import render, to_json
    from collsec.scenarios import load_scenario

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
        typer.echo(printable(to_json(result)))
    else:
        render(result, console)


@app.command()
@user_errors
def demo(draws: DRAWS = 1000, seed: SEED = 0) -> None:
    """Replay every built-in case with the default parameters and print the outcomes."""
    from collsec.crisis import run_crisis
    from collsec.reports.crisis import outcome_table
    from collsec.scenarios import case_names, load_scenario

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
    import json

    from collsec.outputs import Output, plan, write_text
    from collsec.scenarios.model import Scenario

    targets = plan([Output("--out", out, (".json",))])
    text = json.dumps(Scenario.model_json_schema(), indent=2)
    if out:
        write_text(targets[0], text + "\n")
        console.print(Text(f"wrote {out}"))
    else:
        typer.echo(text)


@app.command()
@user_errors
def institutions() -> None:
    """List the built-in institutions (presets usable in scenario files)."""
    from rich.table import Table

    from collsec.institutions import presets

    table = Table(title="built-in institutions")
    table.add_column("key", no_wrap=True)
    for col in ("name", "rule", "tools", "source"):
        table.add_column(col)
    for key, inst in presets().items():
        rule = inst.rule.model_dump(exclude_defaults=True)
        table.add_row(
            key,
            inst.name,
            ", ".join(f"{k}={v}" for k, v in rule.items()),
            ", ".join(t.value for t in inst.tools),
            inst.source,
        )
    console.print(table)


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
    from collsec.outputs import Output, plan, write_text
    from collsec.scenarios.draft import draft_scenario

    targets = plan([Output("--out", out, (".yaml", ".yml"))])
    resolve_data_dir(data_dir)  # fail first, and clearly, when the data are not there
    codes = [c.strip() for c in actors.split(",") if c.strip()]
    if not codes:
        raise InputError("--actors", "actors", "a comma-separated list of COW codes", actors)
    text = draft_scenario(name, year, codes, data_dir)
    if out:
        write_text(targets[0], text)
        console.print(Text(f"wrote {out}"))
    else:
        typer.echo(text)
