"""Rendering a crisis result for a person (Rich) or a program (JSON)."""

from __future__ import annotations

import json

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from collsec.crisis.outcome import CrisisResult
from collsec.voting.rules import Vote

VOTE_STYLE = {Vote.YES: "green", Vote.NO: "bold red", Vote.ABSTAIN: "yellow", Vote.ABSENT: "dim"}
RESULT_STYLE = {
    "aggression_reversed": "green",
    "deterred": "green",
    "aggression_prevailed": "red",
    "stalemate": "yellow",
}


def to_json(result: CrisisResult) -> str:
    """The result as stable, indented JSON (the format documented in docs/scenarios.md)."""
    return json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False)


LARGE_BODY = 20
"""Bodies with more members are shown as a tally with the no and abstaining members named."""


def _tally_lines(body):
    for d in body.drafts:
        dec = d.decision
        named = {v: [m for m in body.members if d.votes[m] == v] for v in Vote}
        verdict = "adopted" if dec.adopted else f"failed: {dec.cause}"
        line = Text.assemble(
            (f"  {d.measure.value}: ", "bold"),
            f"{dec.yes:g}-{dec.no:g}-{dec.abstain:g}, needed {dec.needed:g}: ",
            (verdict, "bold"),
        )
        yield line
        for v in (Vote.NO, Vote.ABSTAIN, Vote.ABSENT):
            if named[v]:
                yield Text(f"    {v.value}: {', '.join(named[v])}", style=VOTE_STYLE[v])


def _body_tables(result: CrisisResult):
    for body in result.bodies:
        title = f"{body.id}: {body.name}"
        if not body.drafts:
            yield Text(f"{title}: {body.note or 'no draft tabled'}", style="dim")
            continue
        if len(body.members) > LARGE_BODY:
            yield Text(f"{title} ({len(body.members)} members)", style="bold italic")
            yield from _tally_lines(body)
            if body.note:
                yield Text(f"  {body.note}", style="dim")
            continue
        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        table.add_column("member")
        for d in body.drafts:
            table.add_column(d.measure.value, justify="center")
        for m in body.members:
            name = f"{m}*" if m in body.permanent else m
            table.add_row(
                name, *[Text(d.votes[m].value, style=VOTE_STYLE[d.votes[m]]) for d in body.drafts]
            )
        rows = []
        for d in body.drafts:
            dec = d.decision
            verdict = "adopted" if dec.adopted else f"failed: {dec.cause}"
            if dec.vetoed_by:
                verdict += f" ({', '.join(dec.vetoed_by)})"
            rows.append(
                f"{dec.yes:g}-{dec.no:g}-{dec.abstain:g}"
                f"{f' ({dec.absent:g} absent)' if dec.absent else ''}, needed "
                f"{dec.needed:g}: {verdict}"
            )
        table.add_row(Text("decision", style="bold"), *[Text(r, style="bold") for r in rows])
        if body.permanent:
            table.caption = "* permanent member"
        yield table
        if body.note:
            yield Text(f"  {body.note}", style="dim")


def render(result: CrisisResult, console: Console) -> None:
    """Print the result: votes of each body, decision and why, coalition, scorecard, result."""
    head = f"[bold]{result.title}[/]  ({result.scenario}"
    if result.counterfactual:
        head += f", counterfactual: {result.counterfactual}"
    if result.overrides:
        head += f", --set {' '.join(result.overrides)}"
    console.print(head + f", seed {result.seed}, {result.draws} draw{'s' * (result.draws > 1)})")
    if result.attribution_probability < 1:
        console.print(
            f"attribution: the aggressor is identified with probability "
            f"{result.attribution_probability:.2f}"
        )
    for part in _body_tables(result):
        console.print(part)
    if result.coalition:
        c = result.coalition
        console.print(
            f"[bold]coalition[/]: {', '.join(c.members)}; expected power at the "
            f"theatre {c.expected_capability:.4f} vs {c.aggressor_capability:.4f} "
            f"({', '.join(c.aggressor_side)}): ratio {c.power_ratio}"
        )
        if c.free_riders:
            console.print(f"  held back (free riders): {', '.join(c.free_riders)}")
    if result.sanctions:
        s = result.sanctions
        console.print(
            f"[bold]sanctions[/] ({', '.join(s.measures)}): applied by "
            f"{len(s.applied_by)} ({', '.join(s.applied_by[:12])}"
            f"{', ...' if len(s.applied_by) > 12 else ''}); expected coverage of the "
            f"aggressor's trade {s.coverage:.2f}, bite {s.bite:.2f}"
        )
        if s.obliged_not_applying:
            console.print(
                f"  members not applying: {', '.join(s.obliged_not_applying[:15])}"
                f"{', ...' if len(s.obliged_not_applying) > 15 else ''}"
            )
    d = result.deterrence
    console.print(
        f"[bold]aggressor's calculus[/]: expected gain of going on {d.expected_gain:+.3f}"
        f" vs backing down {d.backing_down:+.3f} (stakes {d.stakes}, P(prevail) "
        f"{d.p_prevail:.2f}, P(reversed) {d.p_reversed:.2f})"
    )
    card = Table(title="principles", title_justify="left")
    for col in ("principle", "held", "value", "measure"):
        card.add_column(col)
    for name, score in result.scorecard.items():
        held = {
            True: Text("held", "green"),
            False: Text("failed", "red"),
            None: Text("not tested", "dim"),
        }[score.held]
        card.add_row(name, held, "" if score.value is None else f"{score.value:g}", score.note)
    console.print(card)
    probs = ", ".join(f"{k} {v:.0%}" for k, v in result.probabilities.items() if v > 0)
    console.print(
        Panel(
            Group(
                Text.assemble(("response: ", "bold"), result.response),
                Text.assemble(
                    ("result: ", "bold"),
                    (result.result, RESULT_STYLE[result.result]),
                    f"   ({probs})" if result.draws > 1 else "",
                ),
                Text.assemble(("causes: ", "bold"), ", ".join(result.causes) or "-"),
            ),
            title="outcome",
            expand=False,
        )
    )


def _words(code: str) -> str:
    """A code for people: ``aggression_prevailed`` -> ``aggression prevailed``."""
    return code.replace("_", " ")


def outcome_table(rows: list[tuple[str, CrisisResult]]) -> Table:
    """One line per case: the table the demo prints (codes in words; --json keeps the codes)."""
    table = Table(title="collsec: the paper's cases replayed with the default parameters")
    table.add_column("case", no_wrap=True)
    for col in ("response", "result", "P(result)", "main cause"):
        table.add_column(col)
    for name, r in rows:
        table.add_row(
            name,
            _words(r.response),
            Text(_words(r.result), RESULT_STYLE[r.result]),
            f"{r.probabilities[r.result]:.0%}",
            _words(r.main_cause or "-"),
        )
    return table
