"""Commands for voting power and Security Council reform: ``power``, ``reform compare``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.text import Text

from collsec.cli.app import app, console, user_errors
from collsec.errors import InputError

reform_app = typer.Typer(
    help="Security Council reform presets against the record of vetoes.", no_args_is_help=True
)
app.add_typer(reform_app, name="reform")

DATA_DIR = Annotated[
    Path | None,
    typer.Option(
        help="Directory of the public data (else $COLLSEC_DATA_DIR); without it, the veto "
        "record is left out.",
        exists=True,
        file_okay=False,
    ),
]


def _rule_file(path: Path):
    """A reform YAML file with one preset, or a file holding {rule, members, permanent}."""
    from pydantic import ValidationError

    from collsec.inputs import load_mapping, read_text
    from collsec.reform import Reform

    text = read_text(path, "a readable YAML file describing a council")
    spec = load_mapping(str(path), text, "a mapping with name, source, classes and rule").data
    try:
        return Reform.model_validate(spec)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise InputError(
            str(path),
            ".".join(map(str, err["loc"])) or "top level",
            err["msg"].removeprefix("Input should be ").removeprefix("Value error, "),
        ) from None


@app.command()
@user_errors
def power(
    preset: Annotated[
        str,
        typer.Argument(
            help="A reform preset (see `collsec reform compare`) "
            "or a YAML file describing a council."
        ),
    ] = "status-quo",
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Exact voting power of each class of member: Banzhaf, Shapley-Shubik, Coleman."""
    from rich.table import Table

    from collsec.inputs import exists
    from collsec.reform import class_power, load_presets

    presets = load_presets()
    if exists(preset, "file"):
        reform = _rule_file(Path(preset))
    elif preset in presets:
        reform = presets[preset]
    else:
        raise InputError(preset, "preset", "a preset (" + ", ".join(presets) + ") or a YAML file")
    power = class_power(reform)
    council = power.pop("_council")
    rows = [{"class": cls, **values} for cls, values in power.items()]
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "reform": reform.name,
                    "power_to_act": council["power_to_act"],
                    "winning_coalitions": council["winning_coalitions"],
                    "classes": rows,
                },
                indent=2,
                default=float,
            )
        )
        return
    # One column per class and one row per index: narrow enough for 80 columns (tested).
    table = Table(
        title=f"{reform.name}: power of one member of each class",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
    )
    table.add_column("")
    for r in rows:
        table.add_column(r["class"].replace("_", " "), justify="right")
    table.add_row("seats", *[str(r["seats"]) for r in rows])
    table.add_row("veto", *["yes" if r["veto"] else "no" for r in rows])
    table.add_section()
    for key, label in (
        ("shapley_shubik", "Shapley-Shubik"),
        ("banzhaf", "Banzhaf (normalised)"),
        ("banzhaf_absolute", "Banzhaf (absolute)"),
        ("coleman_prevent", "Coleman: power to prevent"),
        ("coleman_initiate", "Coleman: power to initiate"),
    ):
        table.add_row(label, *[f"{r[key]:.5f}" for r in rows])
    console.print(table)
    console.print(
        f"Coleman's power of the council to act: {council['power_to_act']:.5f}"
        + (
            f" ({council['winning_coalitions']} of {2 ** council['members']} coalitions win)"
            if council["winning_coalitions"] is not None
            else ""
        )
    )


@reform_app.command("compare")
@user_errors
def compare(
    data_dir: DATA_DIR = None,
    presets_file: Annotated[
        Path | None,
        typer.Option("--presets", help="Your own presets (YAML, same shape as the built-in)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    csv: Annotated[Path | None, typer.Option(help="Write the table as CSV.")] = None,
    figure: Annotated[
        Path | None,
        typer.Option(
            help="Write the figure: FILE.png (300 dpi), with its vector twins FILE.svg and "
            "FILE.pdf beside it."
        ),
    ] = None,
) -> None:
    """All presets side by side: power by class, power to act, vetoed drafts that would pass."""
    import os

    from rich import box
    from rich.table import Table

    from collsec.data.paths import ENV_VAR
    from collsec.outputs import Output, plan, write_table
    from collsec.reform import load_presets
    from collsec.reports.reform import comparison
    from collsec.reports.reform import figure as draw
    from collsec.reports.style import FORMATS

    # the figure's vector twins are outputs too: each checked, none the same file as --csv
    twins = (
        [figure.with_suffix(f) for f in FORMATS[1:]] if figure is not None and figure.name else []
    )
    plan(
        [
            Output("--csv", csv, (".csv",)),
            Output("--figure", figure, FORMATS),
            *(Output("--figure", twin, FORMATS) for twin in twins),
        ]
    )
    reforms = load_presets(presets_file)
    passing = None
    if data_dir is not None or os.environ.get(ENV_VAR):
        from collsec.data.unga import load_ideal_points
        from collsec.data.vetoes import load_vetoes
        from collsec.reform import mass_atrocity
        from collsec.reform.record import counts, evaluate

        record = load_vetoes(data_dir)
        atrocities = mass_atrocity(presets_file)
        n_atrocity = sum(
            atrocities.contains(t, d) for t, d in zip(record.topic, record.draft, strict=True)
        )
        passing = counts(evaluate(reforms, record, load_ideal_points(data_dir), atrocities))
    table = comparison(reforms, passing)
    if csv:
        write_table(table, csv)
    files = draw(table, figure, len(record) if passing is not None else None) if figure else []
    if as_json:
        typer.echo(table.to_json(orient="records", indent=2))
        return
    out = Table(
        title="Security Council reform presets",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        collapse_padding=True,
        pad_edge=False,
        show_edge=False,
        caption="n: seats; perm. / new / elect.: Shapley-Shubik index of one permanent, new "
        "permanent, elected member (Banzhaf in --json / --csv); act: Coleman's power of the "
        "council to act",
    )
    cols = [
        ("reform", "reform"),
        ("seats", "n"),
        ("permanent_ss", "perm."),
        ("new_permanent_ss", "new"),
        ("elected_ss", "elect."),
        ("power_to_act", "act"),
    ]
    if passing is not None:
        cols += [
            ("would_pass_with_majority", "A"),
            ("would_pass_by_alignment", "B"),
            ("would_pass_all_yes", "C"),
        ]
    for key, label in cols:
        out.add_column(
            label,
            justify="left" if key == "reform" else "right",
            no_wrap=True,
        )
    for row in table.itertuples():
        cells = []
        for key, _ in cols:
            v = getattr(row, key)
            cells.append(
                "-" if v is None or v != v else (f"{v:.5f}" if isinstance(v, float) else str(v))
            )
        out.add_row(*cells)
    console.print(out, highlight=False)  # 76 columns wide: fits a terminal of 80 (tested)
    if passing is None:
        console.print(
            "The veto record is left out: pass --data-dir DIR (or set "
            f"{ENV_VAR}) with unsc-vetoes/ and unga-ideal-points/."
        )
    else:
        console.print(
            f"A, B, C: of {len(record)} vetoed drafts (1946 - Sept 2022), how many would pass. "
            "The record has no vote counts, so: (A) the permanent members that did not veto "
            "voted yes, the elected members gave exactly the majority needed, new seats vote "
            "with it; (B) the same, but new seats and the Assembly vote by UNGA ideal-point "
            "alignment (closer to the "
            "non-vetoing permanent members than to the vetoers); (C) every member that did not "
            "veto voted yes - the upper bound for a rule that raises the majority. A rule whose "
            "count differs between (A) and (C) depends on votes the record lacks. Enlargements "
            "that keep the five vetoes pass nothing the record shows vetoed. Mass-atrocity "
            f"drafts (an assumption): topics {', '.join(atrocities.topics)}; drafts "
            f"{', '.join(atrocities.drafts)} ({n_atrocity} drafts)."
        )
    if files:
        console.print(Text("figure: " + ", ".join(str(f) for f in files)))


@reform_app.command("vetoes")
@user_errors
def vetoes(
    reform: Annotated[str, typer.Argument(help="A preset (see `collsec reform compare`).")],
    data_dir: DATA_DIR = None,
    by: Annotated[
        str | None, typer.Option(help="Break the counts down: decade, topic, region or vetoed_by.")
    ] = None,
    listing: Annotated[bool, typer.Option("--list", help="List every vetoed draft.")] = False,
    csv: Annotated[Path | None, typer.Option(help="Write the rows shown as CSV.")] = None,
    presets_file: Annotated[Path | None, typer.Option("--presets")] = None,
) -> None:
    """Which of the drafts vetoed since 1946 would pass under one reform, and where."""
    from collsec.data.unga import load_ideal_points
    from collsec.data.vetoes import load_vetoes
    from collsec.outputs import Output, plan, write_table
    from collsec.reform import load_presets
    from collsec.reform.record import BREAKDOWNS, counts, evaluate, totals
    from collsec.reports.reform import vetoes_note, vetoes_table

    plan([Output("--csv", csv, (".csv",))])
    reforms = load_presets(presets_file)
    if reform not in reforms:
        raise InputError(reform, "reform", "a preset: " + ", ".join(reforms))
    if by is not None and by not in BREAKDOWNS:
        raise InputError("--by", by, "one of: " + ", ".join(BREAKDOWNS))
    from collsec.reform import mass_atrocity

    rows = evaluate(
        {reform: reforms[reform]},
        load_vetoes(data_dir),
        load_ideal_points(data_dir),
        mass_atrocity(presets_file),
    )
    lines = None
    if listing:
        shown = rows.pivot_table(
            index=["record", "date", "draft", "topic", "region", "vetoed_by", "atrocity"],
            columns="assumption",
            values="passes",
            sort=False,
        ).reset_index()
        shown.columns.name = None
        shown["date"] = shown["date"].dt.date.astype(str)
    else:
        shown = counts(rows, by)
        lines = totals(rows, by) if by else None
    title = f"{reforms[reform].name}: vetoed drafts 1946 - Sept 2022 that would pass"
    console.print(vetoes_table(title, shown, lines, by))
    console.print(vetoes_note(by, lines))
    if csv:
        write_table(shown, csv)
        console.print(Text(f"wrote {csv}"))
