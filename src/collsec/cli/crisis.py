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
        "--draws",
        "-n",
        min=1,
        help="Stochastic draws: the result is the most frequent, with each result's probability.",
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
            "a parameter of the engine (see docs/model.md): " + ", ".join(_names_at(err["loc"]))
            if err["type"] == "extra_forbidden"
            else err["msg"].removeprefix("Input should be ")
        )
        got = err.get("input")
        raise InputError(
            "--param", place, expected, None if isinstance(got, dict) else got
        ) from None


def _names_at(loc: tuple) -> list[str]:
    """The parameters beside the unknown one at ``loc`` (``thresholds.nope`` ->
    ``thresholds.condemnation``, ...), dotted as ``--param`` takes them.
    """
    from collsec.crisis import EngineParams

    model = EngineParams
    for name in loc[:-1]:
        model = model.model_fields[name].annotation
    prefix = "".join(f"{name}." for name in loc[:-1])
    return [prefix + name for name in model.model_fields]


@app.command()
@user_errors
def cases() -> None:
    """List the built-in cases: the paper's seven and the corpus, with their part."""
    from rich.table import Table

    from collsec.scenarios import case_names, load_scenario
    from collsec.validation.corpus import PAPER_CASES, split_of

    table = Table(title="built-in cases (validation: collsec validate)")
    table.add_column("name", no_wrap=True)
    for col in ("date", "part", "counterfactuals"):
        table.add_column(col, no_wrap=col != "counterfactuals")
    for name in case_names():
        s = load_scenario(name)
        part = "paper" if name in PAPER_CASES else split_of(name, s.icb)
        table.add_row(name, str(s.day), part, ", ".join(s.counterfactuals))
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
    draws: DRAWS = 1000,
    seed: SEED = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    compare: Annotated[
        bool,
        typer.Option(
            "--compare",
            help="Show the baseline and the counterfactual (or --set) side by side; with only"
            " --param, the case under the shipped values beside it under the values given.",
        ),
    ] = False,
    tipping: Annotated[
        bool,
        typer.Option(
            "--tipping",
            help="How far each fitted parameter must move, the others held, to change the "
            "response or the most frequent result (one-at-a-time sensitivity).",
        ),
    ] = False,
) -> None:
    """Replay a crisis: votes, decisions and why, coalition, scorecard and result."""
    from collsec.crisis import run_crisis
    from collsec.reports.crisis import Labels, render, to_json
    from collsec.reports.crisis import compare as side_by_side
    from collsec.scenarios import load_scenario

    set_, param = set_ or [], param or []
    if compare and counterfactual is None and not set_ and not param:
        raise InputError(
            "--compare", "compare", "a --counterfactual, --set or --param to compare with"
        )
    if compare and tipping:
        raise InputError("--tipping", "tipping", "either --compare or --tipping, not both")
    params = engine_params(param)
    loaded = load_scenario(scenario, set_, counterfactual)
    if tipping:
        from collsec.experiments.tipping import tipping_points
        from collsec.reports.crisis import tipping_table

        found = tipping_points(loaded, params, draws=draws, seed=seed)
        if as_json:
            typer.echo(printable(found.model_dump_json(indent=2)))
        else:
            console.print(tipping_table(found))
        return
    result = run_crisis(
        loaded,
        params,
        draws=draws,
        seed=seed,
        counterfactual=counterfactual,
        overrides=tuple(set_),
    )
    if compare:
        base_scenario = load_scenario(scenario)
        # the change is the scenario's, under the values given; with none, the values
        setting_only = counterfactual is None and not set_
        base_params = engine_params([]) if setting_only else params
        base = run_crisis(base_scenario, base_params, draws=draws, seed=seed)
        if as_json:
            import json

            both = {"baseline": json.loads(to_json(base)), "changed": json.loads(to_json(result))}
            typer.echo(printable(json.dumps(both, indent=2)))
        else:
            changed = "--param" if setting_only else "--set"
            console.print(side_by_side(base, result, Labels.of(loaded), changed))
        return
    if as_json:
        typer.echo(printable(to_json(result)))
    else:
        render(result, console, loaded)


@app.command()
@user_errors
def demo(
    draws: DRAWS = 1000,
    seed: SEED = 0,
    all_cases: Annotated[
        bool, typer.Option("--all", help="Every built-in case, not only the paper's seven.")
    ] = False,
) -> None:
    """Replay the paper's seven cases with the fitted defaults and print the outcomes."""
    from collsec.crisis import run_crisis
    from collsec.reports.crisis import outcome_table
    from collsec.scenarios import case_names, load_scenario
    from collsec.validation.corpus import PAPER_CASES, corpus_cases
    from collsec.validation.records import load_record

    names = case_names() if all_cases else list(PAPER_CASES)
    scenarios = {name: load_scenario(name) for name in names}
    rows = [(name, run_crisis(s, draws=draws, seed=seed)) for name, s in scenarios.items()]
    records = {c.name: load_record(c.record) for c in corpus_cases()[0] if c.name in scenarios}
    recorded = {n: (rec.response, rec.result) for n, rec in records.items()}
    console.print(outcome_table(rows, scenarios, recorded))
    same = sum((r.response, r.result) == recorded.get(n) for n, r in rows)
    console.print(
        Text(
            f"{same} of {len(rows)} match their historical records in response and result "
            "(the records are never read by the engine; every case and the baselines: "
            "collsec validate, docs/validation.md)."
        )
    )
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
        since = f" from {inst.defence_from}" if inst.defence_from else ""
        duties.append(f"defends its members (collective defence{since})")
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
    from rich.table import Table

    from collsec.institutions import presets

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
        header = Text(name, style="bold")
        header.append(f"  {inst.name}", style="")
        console.print(header)
        console.print(table, highlight=False)
        console.print()


scenario_app = typer.Typer(help="Write scenario files.", no_args_is_help=True)
app.add_typer(scenario_app, name="scenario")


DATA_DIR_OPTION = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Directory of the public data (else $COLLSEC_DATA_DIR).",
        exists=True,
        file_okay=False,
    ),
]


def _planned(out: Path | None) -> Path | None:
    """The checked place of a YAML output, before any computation (None: standard output)."""
    if out is None:
        return None
    from collsec.outputs import Output, plan

    (target,) = plan([Output("--out", out, (".yaml", ".yml"))])
    return target


def _write_text(target: Path | None, text: str, shown: Path | None = None) -> None:
    if target is None:
        typer.echo(text, nl=False)
        return
    from collsec.outputs import write_text

    write_text(target, text)
    console.print(Text(f"wrote {shown or target}"))


def _day(text: str, source: str = "--date"):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise InputError(source, "date", "a calendar date as YYYY-MM-DD", text) from None


@scenario_app.command("new")
@user_errors
def scenario_new(
    name: Annotated[str, typer.Argument(help="Name of the new scenario (lower-case, dashes).")],
    date: Annotated[
        str | None, typer.Option("--date", help="Crisis date YYYY-MM-DD (1920-2023).")
    ] = None,
    aggressor: Annotated[str | None, typer.Option(help="COW code of the aggressor.")] = None,
    target: Annotated[str | None, typer.Option(help="COW code of the target.")] = None,
    severity: Annotated[
        float | None, typer.Option(help="0..1: 1 conquest, 0.5 a province, 0.3 a clash.")
    ] = None,
    stakes: Annotated[
        float | None, typer.Option(help="0..1: what the aggressor stands to gain.")
    ] = None,
    kind: Annotated[str, typer.Option(help="interstate, non_state, cyber or internal.")] = (
        "interstate"
    ),
    stage: Annotated[str, typer.Option(help="under_way or threatened.")] = "under_way",
    title: Annotated[str | None, typer.Option(help="One line for people.")] = None,
    year: Annotated[int | None, typer.Option(hidden=True, help="Replaced by --date.")] = None,
    data_dir: DATA_DIR_OPTION = None,
    out: Annotated[Path | None, typer.Option(help="Write the draft here (else print it).")] = None,
) -> None:
    """Draft a scenario of every state on a date, measured from the public data.

    With --aggressor, --target, --severity and --stakes the draft is complete and runs;
    without them it is marked incomplete (collsec check says what to add).
    """
    import re as _re

    from collsec.data.paths import data_dir as resolve_data_dir
    from collsec.scenarios.draft import HEADER, draft, to_yaml
    from collsec.scenarios.load import validate

    target_file = _planned(out)
    if year is not None:
        raise InputError(
            "--year", "year", "--date YYYY-MM-DD (inputs are measured before the date)", year
        )
    if date is None:
        raise InputError("--date", "date", "the crisis date, YYYY-MM-DD")
    if not _re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,99}", name):
        raise InputError(
            "NAME", "name", "lower-case letters, digits, '-' and '_' (at most 100)", name
        )
    day = _day(date)
    import datetime as dt

    if not dt.date(1920, 1, 1) <= day <= dt.date(2023, 12, 31):
        raise InputError("--date", "date", "a date in 1920-2023", date)
    resolve_data_dir(data_dir)  # fail first, and clearly, when the data are not there
    threat = None
    given = {"--aggressor": aggressor, "--target": target, "--severity": severity,
             "--stakes": stakes}  # fmt: skip
    if any(v is not None for v in given.values()):
        missing = [flag for flag, v in given.items() if v is None]
        if missing:
            raise InputError(
                ", ".join(missing),
                "threat",
                "all four of --aggressor, --target, --severity "
                "and --stakes (or none of them, for an incomplete draft)",
            )
        from collsec.data.cow import check_codes

        check_codes([aggressor, target], data_dir)
        threat = {
            "aggressor": aggressor,
            "target": target,
            "date": day,
            "kind": kind,
            "stage": stage,
            "severity": severity,
            "severity_source": "stated on the command line",
            "stakes": stakes,
            "stakes_source": "stated on the command line",
        }
    data = draft(name, day, threat, title, None, data_dir)
    validate(f"draft {name}", data)  # a draft that would not load is a bug, not a file
    text = to_yaml(data, HEADER.format(facts="the command line"))
    _write_text(target_file, text, out)


@scenario_app.command("build")
@user_errors
def scenario_build(
    facts: Annotated[list[Path], typer.Argument(help="Facts files (corpus/facts/NAME.yaml).")],
    out_dir: Annotated[
        Path | None, typer.Option(help="Write NAME.yaml here (else print the one scenario).")
    ] = None,
    data_dir: DATA_DIR_OPTION = None,
) -> None:
    """Draft the scenario of each facts file: the data of its date, merged with the facts."""
    from collsec.data.paths import data_dir as resolve_data_dir
    from collsec.scenarios.draft import build
    from collsec.scenarios.load import parse_yaml, read_source, validate

    resolve_data_dir(data_dir)
    if out_dir is None and len(facts) != 1:
        raise InputError("--out-dir", "out_dir", "a folder when several facts files are given")
    if out_dir is not None and not out_dir.is_dir():
        raise InputError("--out-dir", str(out_dir), "an existing folder")
    for path in facts:
        label, text = read_source(path)
        data, _ = parse_yaml(label, text)
        relative = f"facts/{path.name}"
        scenario_text = build(data, relative, data_dir)
        parsed, lines = parse_yaml(f"{path.stem} (built)", scenario_text)
        validate(f"{path.name} (built)", parsed, lines)
        if out_dir is None:
            _write_text(None, scenario_text)
        else:
            destination = out_dir / f"{path.stem}.yaml"
            _write_text(_planned(destination), scenario_text, destination)


@scenario_app.command("from-icb")
@user_errors
def scenario_from_icb(
    crisno: Annotated[int, typer.Argument(help="ICB crisis number (crisno).")],
    icb_dir: Annotated[
        Path | None, typer.Option(help="Folder of icb1*.csv and icb2*.csv (default: DATA/icb).")
    ] = None,
    data_dir: DATA_DIR_OPTION = None,
    out: Annotated[Path | None, typer.Option(help="Write the draft here (else print it).")] = None,
) -> None:
    """Draft the scenario of an ICB crisis by the documented mapping (docs/validation.md)."""
    from collsec.data.icb import crisis
    from collsec.data.paths import data_dir as resolve_data_dir
    from collsec.validation.icb import draft_icb, eligible

    target_file = _planned(out)
    resolve_data_dir(data_dir)
    found = crisis(crisno, icb_dir, data_dir)
    if not eligible(found):
        raise InputError(
            "CRISNO",
            str(crisno),
            "an interstate crisis with a state trigger and a date (this one's trigger: "
            f"{found.trigger_entity_kind or 'no date'})",
        )
    _write_text(target_file, draft_icb(found, data_dir), out)


@app.command()
@user_errors
def check(
    files: Annotated[list[str], typer.Argument(help="Scenario files or built-in cases.")],
) -> None:
    """Validate scenario files without running them (exit 2 at the first bad or incomplete one)."""
    from collsec.scenarios import load_scenario

    for source in files:
        scenario = load_scenario(source)
        missing = scenario.incomplete()
        if missing:
            raise InputError(source, "threat", "a complete scenario; add " + "; ".join(missing))
        console.print(
            Text(
                f"ok: {source}: {len(scenario.actors)} actors, {len(scenario.bodies)} bodies, "
                f"{scenario.threat.aggressor} -> {scenario.threat.target} on "
                f"{scenario.threat.date}"
            )
        )
