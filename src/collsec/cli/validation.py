"""Commands for validation and fitting: ``validate`` (corpus and ICB tiers) and ``fit``."""

from __future__ import annotations

import json
import shlex
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from collsec.cli.app import app, console, err_console, user_errors
from collsec.cli.crisis import engine_params

validate_app = typer.Typer(
    help="How true to history the engine is: accuracy on a corpus or on ICB, beside baselines.",
    invoke_without_command=True,
)
app.add_typer(validate_app, name="validate")

CORPUS = Annotated[
    Path | None,
    typer.Option(
        "--corpus",
        help="A corpus directory (scenarios/ and records/); default: the built-in corpus.",
    ),
]
DATA_DIR = Annotated[
    Path | None,
    typer.Option(
        help="Directory of the public data (else $COLLSEC_DATA_DIR).", exists=True, file_okay=False
    ),
]
PARAM = Annotated[
    list[str] | None,
    typer.Option("--param", help="Engine parameter NAME=VALUE (repeatable), as for run."),
]
DRAWS = Annotated[int, typer.Option("--draws", "-n", min=1, max=100_000, help="Draws per case.")]
SEED = Annotated[int, typer.Option("--seed", min=0, help="Seed of the random generator.")]


def _pct(value) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _table(title: str, caption: str | None = None) -> Table:
    """A report table with its title and caption set flush left."""
    return Table(title=title, title_justify="left", caption=caption, caption_justify="left")


def accuracy_table(summary: dict, title: str) -> Table:
    """Engine and baselines at each level for one split."""
    b = summary["baselines"]
    v = summary["votes"]
    table = _table(
        title,
        "member votes in drafts the engine's body adopted, rejected or did not table; "
        "per draft: each recorded draft weighs alike",
    )
    for col in ("level", "engine", "majority", "one-line rule", "all yes", "aligned"):
        table.add_column(col, justify="right" if col != "level" else "left")
    table.add_row(
        f"response ({summary['cases']} cases)",
        _pct(summary["response"]),
        _pct(b["majority_response"]["accuracy"]),
        "-",
        "-",
        "-",
    )
    table.add_row(
        "result",
        _pct(summary["result"]),
        _pct(b["majority_result"]["accuracy"]),
        "-",
        "-",
        "-",
    )
    table.add_row(
        "both",
        _pct(summary["both"]),
        _pct(b["majority_both"]["accuracy"]),
        _pct(b["council_condemns_aggression_prevails"]["accuracy"]),
        "-",
        "-",
    )
    table.add_row(
        f"member votes ({v['n']})",
        _pct(v["accuracy"]),
        "-",
        "-",
        _pct(v["baselines"]["all_yes"]),
        _pct(v["baselines"]["yes_unless_allied_or_aligned"]),
    )
    for kind, group in v.get("by_engine_decision", {}).items():
        label = {"not adopted": "rejected"}.get(kind, kind)
        row = (f"  {label} ({group['n']})", _pct(group["accuracy"]), "-", "-")
        table.add_row(*row, _pct(group["all_yes"]), "-")
    d = v.get("per_draft")
    if d and d["drafts"]:
        row = (f"  per draft ({d['drafts']})", _pct(d["accuracy"]), "-", "-")
        table.add_row(*row, _pct(d["all_yes"]), "-")
    t = summary["tallies"]
    if t["drafts"]:
        table.add_row(f"tallies ({t['drafts']} drafts)", _pct(t["agreement"]), "-", "-", "-", "-")
    return table


def comparison_table(summary: dict, title: str) -> Table:
    """The engine against each baseline on the same cases: the engine's 95% interval, the cases
    it gets right and the baseline wrong and the reverse (better/worse), and the exact sign
    test's p-value; for votes, the difference from "all yes" with its case-bootstrap interval
    (:mod:`collsec.validation.uncertainty`).
    """
    u = summary["uncertainty"]
    b = summary["baselines"]
    table = _table(
        title,
        "95%: Wilson interval (votes: the difference, case bootstrap); better/worse: cases the "
        "engine gets right and the baseline wrong, and the reverse; p: exact sign test on those",
    )
    for col in ("level", "engine", "95%", "baseline", "better/worse", "p"):
        left = col in ("level", "baseline")
        table.add_column(col, justify="left" if left else "right", no_wrap=True)
    names = {
        "majority": ("majority", {"response": "majority_response", "result": "majority_result",
                                  "both": "majority_both"}),
        "one_line_rule": ("one-line rule", {"both": "council_condemns_aggression_prevails"}),
    }  # fmt: skip
    for key, test in u["paired"].items():
        level, _, name = key.partition("_vs_")
        label, keys = names[name]
        interval = u["intervals"][level]
        table.add_row(
            level,
            _pct(summary[level]),
            "-" if interval is None else f"{_pct(interval[0])}-{_pct(interval[1])}",
            f"{label} {_pct(b[keys[level]]['accuracy'])}",
            f"{test['better']}/{test['worse']}",
            f"{test['p']:.2f}",
        )
    votes = u["votes_vs_all_yes"]
    if votes is not None:
        low, high = (100 * x for x in votes["interval"])
        table.add_row(
            "votes",
            f"{100 * votes['difference']:+.0f} pts",
            f"{low:+.0f} to {high:+.0f}",
            f"all yes {_pct(summary['votes']['baselines']['all_yes'])}",
            "-",
            "-",
        )
    return table


def grouped(warnings: list[str], shown: int = 4) -> list[str]:
    """Warnings ``"what: why"`` with the same reason said once, naming the first ``shown``
    things they concern (a corpus validated without its data directory has one reason for
    dozens of drafts).
    """
    by_reason: dict[str, list[str]] = {}
    for warning in warnings:
        what, _, why = warning.partition(": ")
        by_reason.setdefault(why, []).append(what)
    out = []
    for why, whats in by_reason.items():
        more = f" and {len(whats) - shown} more" if len(whats) > shown else ""
        out.append(f"{', '.join(whats[:shown])}{more}: {why}")
    return out


def misses_table(report: dict, split: str | None) -> Table:
    """Cases whose response or result the engine got wrong (or could not run)."""
    table = _table("misses (recorded -> engine)")
    for col in ("case", "split", "response", "result", "class"):
        table.add_column(col, overflow="fold")
    for row in report["cases"]:
        if split is not None and row["split"] != split:
            continue
        if row["error"]:
            table.add_row(row["case"], "error", row["error"], "", "")
            continue
        if row["both"]:
            continue
        resp = (
            row["response"]
            if row["response"] == row["predicted_response"]
            else f"{row['response']} -> {row['predicted_response']}"
        )
        res = (
            row["result"]
            if row["result"] == row["predicted_result"]
            else f"{row['result']} -> {row['predicted_result']}"
        )
        table.add_row(row["case"], row["split"], resp, res, row["miss"].replace("_", " "))
    return table


PART_TITLES = {
    "train": "train part",
    "test": "test part",
    "unfitted": "training cases the shipped fit did not see (written after it)",
}
"""The heading of each part of the report (collsec.validation.corpus.part_of)."""


@validate_app.callback()
@user_errors
def validate(
    ctx: typer.Context,
    corpus: CORPUS = None,
    split: Annotated[
        str,
        typer.Option(help="Which part to list misses for: train, test, unfitted or all."),
    ] = "all",
    param: PARAM = None,
    draws: DRAWS = 200,
    seed: SEED = 0,
    data_dir: DATA_DIR = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    figure: Annotated[
        Path | None, typer.Option(help="Write a figure (.png with .svg and .pdf twins).")
    ] = None,
) -> None:
    """Run a corpus and compare with its records: response, result, member votes."""
    if ctx.invoked_subcommand is not None:
        return
    from collsec.crisis.params import fitted_cases
    from collsec.errors import InputError
    from collsec.validation.corpus import UNFITTED, corpus_cases
    from collsec.validation.score import evaluate, report

    if split not in ("train", "test", UNFITTED, "all"):
        raise InputError("--split", "split", "train, test, unfitted or all", split)
    if figure is not None and figure.suffix != ".png":
        raise InputError("--figure", str(figure), "a file ending in .png", figure.suffix)
    params = engine_params(param or [])
    cases, unpaired = corpus_cases(corpus)
    evaluation = evaluate(cases, params, draws, seed, data_dir, unpaired, fitted_cases())
    data = report(evaluation)
    if figure is not None:
        from collsec.reports.validation import validation_figure

        validation_figure(data, figure)
    if as_json:
        typer.echo(json.dumps(data, indent=2, default=str))
        return
    where = corpus or "the built-in corpus"
    unfitted = data.get(UNFITTED, {}).get("cases", 0)
    extra = f", {unfitted} training cases not in the shipped fit" if unfitted else ""
    console.print(
        f"[bold]Validation[/] on {where}: {data['all']['cases']} cases "
        f"({data['train']['cases']} train, {data['test']['cases']} test{extra}), "
        f"{draws} draws each",
        highlight=False,
    )
    for part in ("train", "test", UNFITTED):
        if part not in data:
            continue
        name = PART_TITLES[part]
        console.print(accuracy_table(data[part], name))
        title = f"{name}: the engine against the baselines, case by case"
        console.print(comparison_table(data[part], title))
    console.print(misses_table(data, None if split == "all" else split))
    for note in grouped(data["warnings"]):
        console.print(f"note: {note}", highlight=False, markup=False)
    if data["unpaired"]:
        console.print(
            "not validated (scenario or record missing): " + ", ".join(data["unpaired"]),
            highlight=False,
            markup=False,
        )
    if figure is not None:
        console.print(f"wrote {figure}", highlight=False, markup=False)


class Anchor(str, Enum):
    """Where ``collsec fit`` holds the values stage 2 does not search
    (:data:`collsec.validation.fit.ANCHOR`).
    """

    priors = "priors"
    stage1 = "stage1"
    conditional = "conditional"


SHRINK = Annotated[
    float | None,
    typer.Option(
        min=0.0,
        help="Pull of the searched values toward their priors in stage 2 (0: none; inf: the"
        " priors, no search; default: the fit's; docs/validation.md section 5).",
    ),
]
SHRINK_WAR = Annotated[
    float | None,
    typer.Option(
        min=0.0,
        help="The same for the war's values alone (decisiveness, stalemate band, ...),"
        " over --shrink.",
    ),
]

SEARCH = Annotated[
    list[str] | None,
    typer.Option(
        "--search",
        help="A stage-2 value searched with no pull, whatever --shrink says (repeatable;"
        " e.g. thresholds.sponsor).",
    ),
]
ANCHOR_OPTION = Annotated[
    Anchor | None,
    typer.Option(
        help="Where stage 2 holds the values it does not search, and pulls those it does:"
        " 'priors', 'stage1' (stage 1's estimates for the values it fits, the priors for"
        " the rest) or 'conditional' (the priors, and stage 1 fits the rest of the vote rule"
        " with them held); default: the fit's.",
    ),
]


def _pulls(
    shrink: float | None, shrink_war: float | None, search: list[str] | None = None
) -> dict[str, float]:
    """Each searched value's pull: the fit's, ``shrink`` for every one, then ``shrink_war``
    for the war's values, then none for the values of ``search``.
    """
    from collsec.validation.fit import OUTCOME, SHRINK, WAR_VALUES, pulls

    found = pulls(SHRINK if shrink is None else shrink)
    if shrink_war is not None:
        found |= dict.fromkeys(WAR_VALUES, shrink_war)
    for name in search or []:
        if name not in OUTCOME:
            raise typer.BadParameter(
                f"{name!r} is not a value stage 2 searches; expected one of: {', '.join(OUTCOME)}",
                param_hint="--search",
            )
        found[name] = 0.0
    return found


@app.command()
@user_errors
def fit(
    corpus: CORPUS = None,
    out: Annotated[
        Path | None, typer.Option(help="Write fitted.yaml here (else print it).")
    ] = None,
    reps: Annotated[int, typer.Option(min=0, max=10_000, help="Bootstrap replicates.")] = 20,
    draws: Annotated[
        int, typer.Option("--draws", "-n", min=1, max=10_000, help="Draws per case in stage 2.")
    ] = 200,
    seed: SEED = 0,
    icb: Annotated[
        bool,
        typer.Option(
            "--icb", help="Stage 3: refit the war parameters on the ICB training crises too."
        ),
    ] = False,
    starts: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Starting points of the stage-2 search (the best on fresh draws wins).",
        ),
    ] = 4,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Processes for the bootstrap and the starts (results do not depend on it).",
        ),
    ] = 2,
    warm: Annotated[
        bool,
        typer.Option(
            "--warm/--cold",
            help="Start stage 2 also at the engine's defaults (the shipped fit), or only from"
            " the priors and the points around stage 1's values.",
        ),
    ] = True,
    shrink: SHRINK = None,
    shrink_war: SHRINK_WAR = None,
    search: SEARCH = None,
    anchor: ANCHOR_OPTION = None,
    data_dir: DATA_DIR = None,
) -> None:
    """Fit the engine's parameters on the training part of a corpus (docs/validation.md)."""
    import yaml

    from collsec.crisis.params import EngineParams, prior_params
    from collsec.outputs import Output, plan, write_text
    from collsec.validation.corpus import corpus_cases
    from collsec.validation.fit import ANCHOR, to_yaml_data
    from collsec.validation.fit import fit as run_fit

    (target,) = plan([Output("--out", out, (".yaml", ".yml"))])
    cases, _ = corpus_cases(corpus)
    command = "collsec " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    say = lambda m: err_console.print(Text(m))  # noqa: E731
    result = run_fit(
        cases,
        prior_params(),
        data_dir,
        reps,
        seed,
        draws,
        icb=icb,
        say=say,
        starts=starts,
        workers=workers,
        warm=EngineParams() if warm else None,
        shrink=_pulls(shrink, shrink_war, search),
        anchor=anchor.value if anchor else ANCHOR,
    )
    text = yaml.safe_dump(to_yaml_data(result, command), sort_keys=False)
    if target is None:
        typer.echo(text)
    else:
        write_text(target, text)
        console.print(Text(f"wrote {out}"))


@validate_app.command("loss")
@user_errors
def validate_loss(
    corpus: CORPUS = None,
    param: PARAM = None,
    draws: Annotated[
        int, typer.Option("--draws", "-n", min=1, max=100_000, help="Draws per case.")
    ] = 1000,
    seeds: Annotated[
        list[int] | None,
        typer.Option("--seed", min=0, help="Seed of a set of fresh draws (repeatable)."),
    ] = None,
    data_dir: DATA_DIR = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the losses as JSON.")] = False,
) -> None:
    """The fit's training loss (stage 2) on fresh draws, one line per seed (default 1, 2, 3):
    the figure by which a refit is shipped or not (docs/validation.md, section 5).
    """
    from collsec.validation.corpus import corpus_cases
    from collsec.validation.fit import training_loss

    params = engine_params(param or [])
    cases, _ = corpus_cases(corpus)
    warnings: list[str] = []
    rows = training_loss(cases, params, draws, seeds or [1, 2, 3], data_dir, warnings)
    if as_json:
        typer.echo(json.dumps({"seeds": rows, "warnings": warnings}, indent=2))
        return
    table = _table(f"training loss on {draws} fresh draws per case")
    for col in ("seed", "loss", "responses missed", "results missed", "votes missed"):
        table.add_column(col, justify="right")
    for row in rows:
        table.add_row(
            str(row["seed"]),
            f"{row['loss']:.2f}",
            str(row["responses_missed"]),
            str(row["results_missed"]),
            _pct(row["vote_error"]),
        )
    console.print(table)
    mean = sum(r["loss"] for r in rows) / len(rows)
    console.print(f"mean loss {mean:.2f}", highlight=False)
    for note in grouped(sorted(set(warnings))):
        console.print(f"note: {note}", highlight=False, markup=False)


@validate_app.command("cv")
@user_errors
def validate_cv(
    corpus: CORPUS = None,
    param: PARAM = None,
    folds: Annotated[int, typer.Option(min=2, max=55, help="Folds of the training part.")] = 5,
    draws: Annotated[
        int, typer.Option("--draws", "-n", min=1, max=10_000, help="Draws per case.")
    ] = 200,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Processes (results do not depend on it).")
    ] = 2,
    shrink: SHRINK = None,
    shrink_war: SHRINK_WAR = None,
    search: SEARCH = None,
    anchor: ANCHOR_OPTION = None,
    fold_seed: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="Deal the training cases into folds in an order drawn with this seed"
            " (default: name order, the folds the rules of docs/validation.md were judged on).",
        ),
    ] = None,
    data_dir: DATA_DIR = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the folds as JSON.")] = False,
) -> None:
    """Cross-validation of the stage-2 search within the training part: each fold's cases
    run at the values the search finds without them, beside the shipped values (in sample)
    and the majority class (docs/validation.md, section 5). The test part is never read.
    """
    from collections import Counter

    from collsec.crisis import run_crisis
    from collsec.validation.corpus import corpus_cases
    from collsec.validation.fit import (
        ANCHOR,
        case_pairs,
        cross_validate,
        searched,
        training,
        vote_data,
        vote_error,
    )

    params = engine_params(param or [])
    cases, _ = corpus_cases(corpus)
    shrink = _pulls(shrink, shrink_war, search)
    found = cross_validate(
        cases,
        params,
        folds,
        data_dir,
        draws,
        workers=workers,
        shrink=shrink,
        anchor=anchor.value if anchor else ANCHOR,
        fold_seed=fold_seed,
    )
    rows = found["rows"]
    train = training(cases)
    inside = {}  # the same cases at the values given: in sample
    for scenario, _ in case_pairs(train):
        r = run_crisis(scenario, params, draws=draws, seed=0, explain=False)
        inside[scenario.name] = {"response": r.response, "result": r.result}
    for row in rows:
        row["in_sample_response"] = inside[row["case"]]["response"]
        row["in_sample_result"] = inside[row["case"]]["result"]
    votes = vote_data(train, params, data_dir, [])
    found["votes"] |= {
        "in_sample_right": int(round((1 - vote_error(votes, params)) * len(votes.vote))),
        "all_yes": int((votes.vote == 0).sum()),
    }
    if as_json:
        typer.echo(json.dumps(found, indent=2))
        return
    n = len(rows)
    top = {
        level: Counter(row[level] for row in rows).most_common(1)[0]
        for level in ("response", "result")
    }
    both_top = Counter((row["response"], row["result"]) for row in rows).most_common(1)[0][1]

    def share(hits: int) -> str:
        return f"{hits / n:.0%} ({hits})"

    def hits(prefix: str, levels: tuple[str, ...]) -> int:
        """Rows whose ``prefix`` prediction matches the record at every one of ``levels``."""
        return sum(all(row[level] == row[prefix + level] for level in levels) for row in rows)

    table = _table(
        f"the training part ({n} cases) in {folds} folds, {draws} draws;"
        f" {len(searched(shrink))} values searched"
    )
    for col in ("level", "in sample", "out of fold", "majority class"):
        table.add_column(col, justify="right" if col != "level" else "left")
    for level in ("response", "result"):
        label, count = top[level]
        table.add_row(
            level,
            share(hits("in_sample_", (level,))),
            share(hits("predicted_", (level,))),
            f"{share(count)}: {label}",
        )
    both = ("response", "result")
    table.add_row(
        "both", share(hits("in_sample_", both)), share(hits("predicted_", both)), share(both_top)
    )
    v = found["votes"]
    if v["n"]:

        def of_votes(right: int) -> str:
            return f"{right / v['n']:.0%} ({right})"

        table.add_row(
            f"member votes ({v['n']})",
            of_votes(v["in_sample_right"]),
            of_votes(v["right"]),
            f"{of_votes(v['all_yes'])}: all yes",
        )
    console.print(table)
    console.print(
        f"out-of-fold score: {found['score']:.1f} (2 per response or result missed, 200 times"
        " the share of member votes missed; lower is better)",
        highlight=False,
    )
    console.print(
        "out of fold: each fold's cases at the values the stage-2 search found on the other"
        " folds, from the anchors (one start; shrink: the pull toward them, inf: no"
        " search); the vote rule as given, or with --anchor stage1 refitted on the other"
        " folds too. A diagnostic of the search, not a fit.",
        highlight=False,
    )


def icb_table(summary: dict, title: str) -> Table:
    """The ICB tier's three comparisons beside the majority class: the engine's 95% Wilson
    interval, and the crises it gets right and the majority class wrong and the reverse, with
    the exact sign test's p-value.
    """
    table = _table(
        title,
        "n: crises; 95%: Wilson interval; +/-: crises the engine gets right and the majority "
        "class wrong, and the reverse; p: exact sign test on those",
    )
    columns = ("comparison", "n", "engine", "95%", "majority", "+/-", "p")
    for col in columns:
        table.add_column(col, justify="left" if col == "comparison" else "right", no_wrap=True)
    for key, label in (
        ("global_response", "global response"),
        ("regional_response", "regional response"),
        ("outcome", "outcome"),
    ):
        part = summary[key]
        if not part["n"]:
            table.add_row(label, "0", "-", "-", "-", "-", "-")
            continue
        low, high = part["interval"]
        test = part["versus_majority"]
        table.add_row(
            label,
            str(part["n"]),
            _pct(part["engine"]),
            f"{_pct(low)}-{_pct(high)}",
            f"{_pct(part['majority'])} {part['majority_class']}",
            f"{test['better']}/{test['worse']}",
            f"{test['p']:.2f}",
        )
    return table


@validate_app.command("icb")
@user_errors
def validate_icb(
    icb_dir: Annotated[
        Path | None,
        typer.Option(help="Folder of icb1*.csv and icb2*.csv (default: the data's icb/)."),
    ] = None,
    param: PARAM = None,
    draws: DRAWS = 100,
    seed: SEED = 0,
    data_dir: DATA_DIR = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Draft every interstate ICB crisis with a state trigger, run it, compare with ICB."""
    from collsec.data.icb import crises
    from collsec.validation.icb import evaluate_icb, icb_report

    params = engine_params(param or [])
    rows, left_out = evaluate_icb(crises(icb_dir, data_dir), params, draws, seed, data_dir)
    data = icb_report(rows, left_out)
    if as_json:
        typer.echo(json.dumps(data, indent=2, default=str))
        return
    errors = [r for r in data["crises"] if r["error"]]
    console.print(
        f"[bold]ICB tier[/]: {len(rows) - len(errors)} crises drafted and run "
        f"({len(left_out)} left out: not an interstate crisis with a state trigger"
        f"{f'; {len(errors)} could not be drafted' if errors else ''})",
        highlight=False,
    )
    for part in ("train", "test"):
        console.print(icb_table(data[part], f"{part} part"))
    for row in errors[:10]:
        console.print(f"not drafted: ICB {row['crisno']}: {row['error']}", markup=False)
