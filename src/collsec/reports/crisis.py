"""Rendering a crisis result for a person (Rich) or a program (JSON).

The text is for people: actors by name with their code in brackets ("Soviet Union [RUS]"),
long lists folded with a count ("... and 87 more", strongest members first), the decision rule
in words, causes in words, and every table narrow enough for an 80-column terminal. Every
tally printed beside a list of members is counted from the same votes as the list, and
members a rule leaves out of the count (the parties to a dispute under Covenant Art. 15) are
shown apart. The JSON is the result itself, unchanged: codes, not names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from collsec.crisis.deliberation import BodyRecord, Draft
from collsec.crisis.interests import SUBTRACTED
from collsec.crisis.outcome import CrisisResult
from collsec.scenarios.model import Scenario
from collsec.voting.rules import DecisionRule, Vote

if TYPE_CHECKING:
    from collsec.experiments.tipping import Tip, Tipping

VOTE_STYLE = {Vote.YES: "green", Vote.NO: "bold red", Vote.ABSTAIN: "yellow", Vote.ABSENT: "dim"}
RESULT_STYLE = {
    "aggression_reversed": "green",
    "deterred": "green",
    "aggression_prevailed": "red",
    "stalemate": "yellow",
}
LARGE_BODY = 20
"""Bodies with more members are shown as tallies with the members of each vote listed."""
LISTED = 8
"""How many members a folded list names before "... and N more"."""
NOT_COUNTED = "not counted"
"""Label of the members a rule leaves out of the count (parties to the dispute)."""


def to_json(result: CrisisResult) -> str:
    """The result as stable, indented JSON (the format documented in docs/scenarios.md)."""
    return json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False)


@dataclass(frozen=True)
class Labels:
    """How to show actors: names and capabilities from the scenario, when it is known.

    Without a scenario, actors are shown by code and lists keep the result's order.
    """

    names: Mapping[str, str] = field(default_factory=dict)
    capability: Mapping[str, float] = field(default_factory=dict)
    rules: Mapping[str, DecisionRule] = field(default_factory=dict)
    folded: list[int] = field(default_factory=list, compare=False)

    @classmethod
    def of(cls, scenario: Scenario | None) -> Labels:
        """Names, CINC capabilities and the bodies' decision rules of ``scenario``."""
        if scenario is None:
            return cls()
        return cls(
            names={code: actor.name for code, actor in scenario.actors.items()},
            capability={code: actor.capability for code, actor in scenario.actors.items()},
            rules={body.id: body.resolved().rule for body in scenario.bodies},
        )

    def __call__(self, code: str) -> str:
        """``"Soviet Union [RUS]"``; the code alone when the name is unknown."""
        name = self.names.get(code)
        return f"{name} [{code}]" if name and name != code else code

    def strongest_first(self, codes: Iterable[str]) -> list[str]:
        """``codes`` by capability, largest first (stable: ties keep their order)."""
        return sorted(codes, key=lambda c: -self.capability.get(c, 0.0))

    def fold(self, codes: Sequence[str], limit: int = LISTED) -> str:
        """Names of ``codes``, strongest first, the rest folded: ``"A [X], B [Y] and 87 more"``.

        A list is folded only when at least two names would be hidden.
        """
        ordered = self.strongest_first(codes)
        if len(ordered) <= limit + 1:
            return ", ".join(self(c) for c in ordered)
        shown = ", ".join(self(c) for c in ordered[:limit])
        self.folded.append(len(ordered) - limit)
        return f"{shown} ... and {len(ordered) - limit} more"


_FRACTION_WORDS = {
    Fraction(2, 3): "two-thirds",
    Fraction(1, 2): "half",
    Fraction(3, 4): "three-quarters",
}


def rule_in_words(rule: DecisionRule) -> str:
    """A decision rule as a person would state it.

    Examples: ``"unanimity, the parties to the dispute not counted"``; ``"9 yes votes and no
    permanent member against"``; ``"two-thirds of those present and voting"``.
    """
    if rule.is_unanimity:
        text = "unanimity"
    else:
        parts = []
        if rule.quota is not None:
            parts.append(f"{rule.quota:g} yes {'weighted votes' if rule.weights else 'votes'}")
        if rule.share is not None:
            frac = Fraction(rule.share).limit_denominator(12)
            share = _FRACTION_WORDS.get(frac, f"{frac.numerator}/{frac.denominator}")
            base = "the members" if rule.share_of == "members" else "those present and voting"
            parts.append(f"{share} of {base}")
        text = " and ".join(parts)
        if rule.veto_holders:
            who = (
                "permanent member"
                if rule.veto_holders == "permanent"
                else "of " + ", ".join(rule.veto_holders)
            )
            text += (
                f" and no {who} against"
                if rule.vetoes_to_block == 1
                else f" and fewer than {rule.vetoes_to_block} {who}s against"
            )
            if rule.abstention_blocks:
                text += " (an abstention or absence counts as against)"
    if rule.exclude_parties:
        text += ", the parties to the dispute not counted"
    if rule.veto_waived_for:
        text += f"; no veto on {', '.join(rule.veto_waived_for)} drafts"
    return text


def _needed(draft: Draft, rule: DecisionRule | None) -> str:
    """What one draft needed: the rule's name under unanimity, else the yes votes needed."""
    if (rule is not None and rule.is_unanimity) or draft.decision.cause == "unanimity_failed":
        return "unanimity"
    return f"{draft.decision.needed:g} yes"


VERDICT = {
    None: "adopted",
    "veto": "vetoed",
    "unanimity_failed": "no unanimity",
    "insufficient_votes": "too few yes",
}


def _verdict(draft: Draft) -> str:
    return VERDICT.get(draft.decision.cause, draft.decision.cause or "adopted")


def _counted(body: BodyRecord, draft: Draft) -> list[str]:
    """The members whose votes the rule counted on this draft (all but the parties left out)."""
    left_out = set(draft.decision.not_counted)
    return [m for m in body.members if m not in left_out]


def vote_lists(body: BodyRecord, draft: Draft) -> dict[Vote, list[str]]:
    """The counted members of ``body`` by their vote on ``draft``: the lists beside a tally."""
    counted = _counted(body, draft)
    return {v: [m for m in counted if draft.votes[m] == v] for v in Vote}


def _vetoers(body: BodyRecord, labels: Labels) -> Iterable[Text]:
    """Who blocked each draft: vetoed by named members, or blocked (unanimity) by each no."""
    for d in body.drafts:
        if d.decision.vetoed_by:
            verb = "blocked" if d.decision.cause == "unanimity_failed" else "vetoed"
            who = labels.fold(d.decision.vetoed_by)
            yield Text(f"  {d.measure.value}: {verb} by {who}", style="red")


def _small_body(body: BodyRecord, labels: Labels) -> Iterable[Table | Text]:
    """One row per member, one column per draft, then the tally, the need and the verdict."""
    permanent = set(body.permanent)
    left_out = {m for d in body.drafts for m in d.decision.not_counted}
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1))
    table.add_column("member", overflow="fold")
    for d in body.drafts:
        table.add_column(d.measure.value, justify="center", no_wrap=True)
    for m in body.members:
        mark = ("*" if m in permanent else "") + ("\u2020" if m in left_out else "")
        table.add_row(
            labels(m) + mark,
            *[Text(d.votes[m].value, style=VOTE_STYLE[d.votes[m]]) for d in body.drafts],
        )
    table.add_section()
    rule = labels.rules.get(body.id)
    weighted = rule is not None and bool(rule.weights)
    for total in ("yes", "no", "abstain"):
        table.add_row(
            total + (" (weight)" if weighted else ""),
            *[f"{getattr(d.decision, total):g}" for d in body.drafts],
        )
    if any(d.decision.absent for d in body.drafts):
        table.add_row("absent", *[f"{d.decision.absent:g}" for d in body.drafts])
    if left_out:
        table.add_row(NOT_COUNTED, *[str(len(d.decision.not_counted)) for d in body.drafts])
    table.add_row("needed", *[_needed(d, rule) for d in body.drafts])
    table.add_row(
        Text("decision", style="bold"),
        *[Text(_verdict(d), style="bold") for d in body.drafts],
    )
    yield table
    notes = []
    if permanent & set(body.members):
        notes.append("* permanent member")
    if left_out:
        notes.append("\u2020 party to the dispute, not counted")
    if notes:
        yield Text("  " + "; ".join(notes), style="dim")


def _large_body(body: BodyRecord, labels: Labels) -> Iterable[Text]:
    """One tally per draft, with the members of each vote but the largest named (folded)."""
    rule = labels.rules.get(body.id)
    for d in body.drafts:
        dec = d.decision
        lists = vote_lists(body, d)
        tally = f"{dec.yes:g} yes, {dec.no:g} no, {dec.abstain:g} abstaining"
        if dec.absent:
            tally += f", {dec.absent:g} absent"
        if dec.not_counted:
            tally += f"; {len(dec.not_counted)} {NOT_COUNTED}"
        yield Text.assemble(
            (f"  {d.measure.value}: ", "bold"),
            (_verdict(d), "bold"),
            f" ({tally}; needed: {_needed(d, rule)})",
        )
        largest = max(lists, key=lambda v: len(lists[v]))
        for vote in Vote:
            if not lists[vote]:
                continue
            named = labels.fold(lists[vote])
            if vote == largest:
                alone = len(lists[vote]) == sum(len(v) for v in lists.values())
                named = "every member counted" if alone else "the other members"
            yield Text(f"    {vote.value} ({len(lists[vote])}): {named}", style=VOTE_STYLE[vote])
        if dec.not_counted:
            parties = ", ".join(f"{labels(m)} {d.votes[m].value}" for m in dec.not_counted)
            yield Text(f"    {NOT_COUNTED} (parties to the dispute): {parties}", style="dim")


def _referral(body: BodyRecord, labels: Labels) -> Iterable[Text]:
    """The Council's procedural vote that sent the question to this body, if there was one."""
    dec = body.referral
    if dec is None:
        return
    who = f" ({labels.fold(dec.vetoed_by)} against)" if dec.vetoed_by else ""
    yield Text(
        f"  referred by a procedural vote of the Council: "
        f"{'adopted' if dec.adopted else 'failed'}{who} ({dec.yes:g} yes, {dec.no:g} no, "
        f"{dec.abstain:g} abstaining; needed: {dec.needed:g} yes)",
        style="dim",
    )


def _body_parts(result: CrisisResult, labels: Labels):
    for body in result.bodies:
        title = f"{body.id}: {body.name}"
        if not body.drafts:
            why = body.note or (_unsponsored(body) if body.unsponsored else "no draft tabled")
            yield Text(f"{title}: {why}", style="dim")
            yield from _referral(body, labels)
            continue
        yield Text(f"{title}: {len(body.members)} members", style="bold")
        yield from _referral(body, labels)
        rule = labels.rules.get(body.id)
        if rule is not None:
            yield Text(f"  rule: {rule_in_words(rule)}", style="italic")
        if len(body.members) > LARGE_BODY:
            yield from _large_body(body, labels)
        else:
            yield from _small_body(body, labels)
        yield from _vetoers(body, labels)
        if body.unsponsored:
            yield Text(f"  {_unsponsored(body)}", style="dim")
        if body.note:
            yield Text(f"  {body.note}", style="dim")


def _unsponsored(body) -> str:
    """Why the measures of ``body.unsponsored`` were not voted on (thresholds.sponsor)."""
    measures = " or ".join(m.value for m in body.unsponsored)
    them = "it" if len(body.unsponsored) == 1 else "them"
    return f"{measures} not tabled: no member cared enough to sponsor {them}"


def _words(code: str) -> str:
    """A code for people: ``aggression_prevailed`` -> ``aggression prevailed``."""
    return code.replace("_", " ")


CAUSE_WORDS = {
    "veto": "vetoed by {}",
    "absent": "{} absent, its veto unused",
    "unilateral": "{} acted alone",
    "collective_defence": "collective defence by {}",
    "regional_action": "regional action by {}",
    "unanimity_failed": "no unanimity",
    "insufficient_votes": "too few yes votes",
    "attribution_failed": "the aggressor was not identified",
    "permanent_members_agreed": "the permanent members agreed",
    "non_members": "powers outside the bodies",
    "free_riding": "free riding",
    "sanctions_too_weak": "sanctions too weak",
    "coalition_too_weak": "coalition too weak",
    "aggressor_backed_down": "the aggressor backed down",
}
"""Cause code (docs/scenarios.md) -> words; ``{}`` takes the actor or body after the colon."""


def cause_in_words(code: str, labels: Labels) -> str:
    """``"veto:RUS"`` -> ``"vetoed by Soviet Union [RUS]"``; an unknown code is kept as is."""
    head, _, arg = code.partition(":")
    words = CAUSE_WORDS.get(head)
    if words is None:
        return code
    if "{}" in words:
        return words.format(labels(arg) if head in ("veto", "absent", "unilateral") else arg)
    return words


def _cause_of_run(code: str, result: CrisisResult, labels: Labels) -> str:
    """:func:`cause_in_words`, with the measure the permanent members agreed on named (so
    that "vetoed by X" beside it reads as another draft, not a contradiction).
    """
    words = cause_in_words(code, labels)
    if code == "permanent_members_agreed":
        adopted = [b.adopted for b in result.bodies if b.scope == "global" and b.permanent]
        if adopted and adopted[0] is not None:
            words += f" on {_words(adopted[0].value)}"
    return words


def render(result: CrisisResult, console: Console, scenario: Scenario | None = None) -> None:
    """Print the result: votes of each body, decision and why, coalition, scorecard, result.

    ``scenario`` (the one that was run) gives the actors' names, their capabilities (lists
    name the strongest first) and the bodies' rules; without it, codes are shown.
    """
    labels = Labels.of(scenario)
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
    for part in _body_parts(result, labels):
        console.print(part)
    if result.coalition:
        c = result.coalition
        console.print(
            Text.assemble(
                ("coalition", "bold"),
                f", {len(c.members)} members: {labels.fold(c.members)}",
            )
        )
        console.print(
            f"  expected power at the theatre {c.expected_capability:.4f} against "
            f"{c.aggressor_capability:.4f} for {labels.fold(c.aggressor_side)}"
            + (f": ratio {c.power_ratio:.3g}" if c.power_ratio is not None else ""),
            highlight=False,
        )
        if c.free_riders:
            console.print(
                f"  held back (free riders, {len(c.free_riders)}): {labels.fold(c.free_riders)}"
            )
    if result.sanctions:
        s = result.sanctions
        console.print(
            Text.assemble(
                ("sanctions", "bold"),
                f" ({', '.join(s.measures)}) applied by {len(s.applied_by)}: "
                f"{labels.fold(s.applied_by)}",
            )
        )
        console.print(
            f"  expected coverage of the aggressor's trade {s.coverage:.2f}, bite {s.bite:.2f}",
            highlight=False,
        )
        if s.obliged_not_applying:
            console.print(
                f"  members not applying ({len(s.obliged_not_applying)}): "
                f"{labels.fold(s.obliged_not_applying)}"
            )
    d = result.deterrence
    console.print(
        Text.assemble(
            ("aggressor's calculus", "bold"),
            f": expected gain of going on {d.expected_gain:+.3f} against backing down "
            f"{d.backing_down:+.3f} (stakes {d.stakes}, P(prevail) {d.p_prevail:.2f}, "
            f"P(reversed) {d.p_reversed:.2f})",
        )
    )
    if d.patron is not None:
        console.print(
            f"  its patron {labels(d.patron)} (affinity {d.patron_leverage:.2f}) presses"
            " it to hand back what it took if it stops",
            highlight=False,
        )
    if d.gives_up is not None and d.backs_down_probability > 0:
        console.print(
            f"  calling the threat off, it gives up its aim with probability {d.gives_up:.2f}"
            " (deterred); otherwise its claim stays and the crisis ends in a stalemate",
            highlight=False,
        )
    why = explanation_table(result, labels)
    if why is not None:
        console.print(why)
    card = _narrow_table("principles")
    for col in ("principle", "held", "value", "measure"):
        card.add_column(col, no_wrap=col != "measure")
    for name, score in result.scorecard.items():
        held = {
            True: Text("held", "green"),
            False: Text("failed", "red"),
            None: Text("not tested", "dim"),
        }[score.held]
        value = "" if score.value is None else f"{score.value:.3g}"
        card.add_row(_words(name), held, value, score.note)
    console.print(card)
    probs = ", ".join(f"{_words(k)} {v:.0%}" for k, v in result.probabilities.items() if v > 0)
    causes = [_cause_of_run(c, result, labels) for c in result.causes]
    console.print(
        Panel(
            Group(
                Text.assemble(("response: ", "bold"), _words(result.response)),
                Text.assemble(
                    ("result: ", "bold"),
                    (_words(result.result), RESULT_STYLE[result.result]),
                    f" (over {result.draws} draws: {probs})" if result.draws > 1 else "",
                ),
                Text.assemble(("why: ", "bold"), "; ".join(causes) or "-"),
            ),
            title="outcome",
            expand=False,
        )
    )
    if labels.folded:
        console.print(
            "Long lists name the strongest members first"
            + (" (CINC)" if labels.capability else "")
            + " and fold the rest; --json has them all, by code.",
            style="dim",
        )


TERM_COLUMNS = (
    ("concern", "concn"),
    ("partisanship", "side"),
    ("alliance", "pact"),
    ("cost", "cost"),
    ("non_intervention", "nonin"),
)
"""Terms shown, and their headers: concern, partisanship (affinity with a side), treaty
pacts, the cost of acting and non-intervention (the last two subtract: shown with the sign
they enter the total with, :data:`~collsec.crisis.interests.SUBTRACTED`, so that a row's terms
add up to its total)."""


def _narrow_table(title: str) -> Table:
    """A table without side borders or edge padding, its title on the left: the wide tables
    of a run that must fit 80 columns.
    """
    return Table(
        title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False
    )


def explanation_table(result: CrisisResult, labels: Labels) -> Table | None:
    """Why each member of the first global council voted as it did, on the strongest measure
    it was asked: its support, the threshold a yes needs, and the terms of its support (cost
    and non-intervention subtract). The JSON's ``positions`` has every actor and measure.
    """
    council = next((b for b in result.bodies if b.scope == "global" and b.drafts), None)
    if council is None or not result.positions:
        return None
    draft = council.drafts[0]
    measure = draft.measure.value
    table = _narrow_table(
        f"why each member of {council.id} voted as it did on {measure} (support terms)"
    )
    table.add_column("member", no_wrap=True, max_width=18, overflow="ellipsis")
    table.add_column("vote", no_wrap=True, min_width=7)
    for _, head in (("support", "total"), *TERM_COLUMNS):
        table.add_column(head, justify="right", no_wrap=True, min_width=5)
    shown = 0
    for member in council.members:
        position = result.positions.get(member, {}).get(measure)
        if position is None:
            continue
        if abs(position.support) >= 1e5:  # a party: its vote follows from being one
            support = "party"
            terms = [""] * len(TERM_COLUMNS)
        else:
            support = f"{position.support:+.2f}"
            terms = [
                f"{round((-1 if k in SUBTRACTED else 1) * position.terms[k], 2) + 0.0:+.2f}"
                for k, _ in TERM_COLUMNS
            ]
        name = labels(member).rsplit(" [", 1)[0]
        vote = draft.votes.get(member, position.vote)
        table.add_row(f"{member} {name}", vote.value, support, *terms)
        shown += 1
        if shown == 15:
            break
    threshold = next(iter(result.positions.values()))[measure].threshold
    gain = council.deference * draft.lead
    where = (
        f", an elected member's {threshold - gain:+.2f} (the deference {council.deference:.2f}"
        f" times the permanent members' lead {draft.lead:.2f}, their share voting yes)"
        if council.deference
        else ""
    )
    table.caption = (
        f"a yes needs a total >= {threshold:+.2f}{where}. concn: "
        "concern for the aggression; side: affinity with the target over the aggressor; pact: "
        "treaty pledges; cost and nonin (non-intervention) shown as they subtract: the terms add "
        "up to the total. --json: every actor, every measure."
    )
    return table


def compare(
    base: CrisisResult, other: CrisisResult, labels: Labels, changed: str = "--set"
) -> Table:
    """The baseline and a counterfactual side by side: response, result, probabilities, the
    main cause, and every member vote that changes (body, measure, member: before -> after).
    ``changed`` heads the second column when ``other`` applies no named counterfactual (what
    changed: ``--set`` or ``--param``).
    """
    table = _narrow_table(f"{base.title}: baseline and {other.counterfactual or 'the change'}")
    for col in ("", "baseline", other.counterfactual or changed):
        table.add_column(col, overflow="fold")
    table.add_row("response", _words(base.response), _words(other.response))
    table.add_row("result", _words(base.result), _words(other.result))
    for result_name in base.probabilities:
        a, b = base.probabilities[result_name], other.probabilities[result_name]
        if a or b:
            table.add_row(f"P({_words(result_name)})", f"{a:.0%}", f"{b:.0%}")
    table.add_row(
        "main cause",
        cause_in_words(base.main_cause, labels) if base.main_cause else "-",
        cause_in_words(other.main_cause, labels) if other.main_cause else "-",
    )

    def drafts(result: CrisisResult) -> dict:
        return {(b.id, d.measure.value): d for b in result.bodies for d in b.drafts}

    def tally(d) -> str:
        return f"{d.decision.yes:g}-{d.decision.no:g}-{d.decision.abstain:g}"

    one, two = drafts(base), drafts(other)
    for key in sorted(set(one) | set(two)):
        a, b = one.get(key), two.get(key)
        label = f"{key[0]} {key[1]}"
        if a is None or b is None:
            table.add_row(
                label,
                "not tabled" if a is None else f"tabled, {tally(a)}",
                "not tabled" if b is None else f"tabled, {tally(b)}",
            )
            continue
        changed = [m for m in a.votes if b.votes.get(m) != a.votes[m]]
        for member in changed[:8]:
            table.add_row(
                f"{label}: {labels(member)}", a.votes[member].value, b.votes[member].value
            )
        if len(changed) > 8:
            table.add_row(f"{label}: {len(changed) - 8} more votes changed", "", "")
    return table


def history_cell(result: CrisisResult, recorded: tuple[str, str] | None) -> Text:
    """What history recorded beside the run: "same", or the recorded response and/or result
    where they differ (``recorded``: the record's (response, result); None: no record).
    """
    if recorded is None:
        return Text("no record", "dim")
    differ = [
        _short(was)
        for was, got in zip(recorded, (result.response, result.result), strict=True)
        if was != got
    ]
    return Text("was " + ", ".join(differ), "red") if differ else Text("same", "green")


def _short(code: str) -> str:
    """A response or result in few words (the demo's narrow table)."""
    return _words(code.removeprefix("aggression_"))


def outcome_table(
    rows: list[tuple[str, CrisisResult]],
    scenarios: Mapping[str, Scenario] | None = None,
    recorded: Mapping[str, tuple[str, str]] | None = None,
) -> Table:
    """One line per case: the table the demo prints (codes in words; --json keeps the codes).

    ``scenarios`` (case name -> scenario) gives the names of the actors in the main cause;
    ``recorded`` (case name -> the record's response and result) adds a column "history".
    """
    scenarios = scenarios or {}
    table = Table(
        title="collsec: the paper's cases replayed with the default parameters",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("case", no_wrap=True)
    columns = ("response", "aggression", "P", "main cause")
    for col in (*columns, "history") if recorded is not None else columns:
        table.add_column(col, overflow="fold", min_width=12 if col == "response" else None)
    for name, r in rows:
        cells = [
            name,
            _words(r.response),
            Text(_short(r.result), RESULT_STYLE[r.result]),
            f"{r.probabilities[r.result]:.0%}",
            cause_in_words(r.main_cause, Labels.of(scenarios.get(name))) if r.main_cause else "-",
        ]
        if recorded is not None:
            cells.append(history_cell(r, recorded.get(name)))
        table.add_row(*cells)
    return table


def tipping_table(tipping: Tipping) -> Group:
    """Each fitted parameter whose move (within the steps tried) changes the outcome, nearest
    first: its value and, on each side, the nearest value that does and what changes there;
    then a line counting the parameters that change nothing.
    """
    from collsec.experiments.tipping import STEPS  # (its import loads the fit: only when used)

    title = Text(
        f"{tipping.scenario}: {_words(tipping.response)}, {_words(tipping.result)}. "
        "What one fitted parameter must move, the others held, to change it:"
    )
    moved = [p for p in tipping.points if p.below is not None or p.above is not None]
    moved.sort(key=lambda p: min(abs(t.step) for t in (p.below, p.above) if t is not None))

    def cell(tip: Tip | None) -> str:
        if tip is None:
            return "-"
        changed = [
            _words(new)
            for old, new in ((tipping.response, tip.response), (tipping.result, tip.result))
            if new != old
        ]
        return f"{tip.value:.4g} ({tip.step:+.0%}): {', '.join(changed)}"

    steps = ", ".join(f"{s:.0%}" for s in STEPS)
    note = Text(
        f"{len(tipping.points) - len(moved)} {'other ' if moved else ''}parameters change "
        f"nothing when moved by {steps} either way ({tipping.draws} draws, seed "
        f"{tipping.seed}). One at a time: not an uncertainty interval."
    )
    if not moved:
        return Group(title, note)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("parameter", no_wrap=True)
    table.add_column("value", no_wrap=True)
    table.add_column("lower", overflow="fold")
    table.add_column("higher", overflow="fold")
    for p in moved:
        table.add_row(p.name, f"{p.value:.4g}", cell(p.below), cell(p.above))
    return Group(title, table, note)
