"""Validation of the engine on a corpus: accuracy at three levels, beside simple baselines.

For every case the engine runs the scenario (never reading the record), then its response,
its result and each member's position on each recorded draft are compared with the record:

* **response** and **result**, and both together (the headline accuracy);
* **member votes**: every member vote the record gives (in the file, or read from a public
  data set by ``votes_from``), on drafts against the aggressor (``condemnation``,
  ``sanctions``, ``force``; ``other`` drafts are not scored), compared with the member's vote
  by the support rule on that measure (``absent`` where the scenario says it stayed away);
  members recorded absent are not scored;
* **tallies**: for drafts known only by their tally, the share of recorded votes the engine's
  tally matches (sum over yes/no/abstain of the smaller count, over the recorded total).

Baselines, computed on the same cases: the majority class (of the cases evaluated) for
response, result and both; the one-line rule "the Council condemns, the aggression prevails";
for votes, "every member votes yes" and "yes, unless allied to or aligned with the aggressor"
(a treaty pledge either way with the aggressor's side, or a higher affinity with it than with
the target: then no).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

import numpy as np

from collsec.crisis import EngineParams, run_crisis
from collsec.crisis.causes import FORCE_RESPONSES, RESPONSE_LEVEL
from collsec.crisis.deliberation import deference_in, elected_gain, lead_of, phase_of, stronger
from collsec.crisis.interests import vote_of
from collsec.crisis.situation import situation
from collsec.errors import CollsecError
from collsec.institutions import Tool
from collsec.scenarios.load import load_scenario
from collsec.validation import uncertainty
from collsec.validation.corpus import UNFITTED, Case, part_of
from collsec.validation.records import Decision, Record, load_record

SCORED = ("condemnation", "sanctions", "force")
ONE_LINE = ("condemnation", "aggression_prevailed")
"""The one-line rule: the Council condemns, the aggression prevails."""


MISS_CLASSES = {
    "war_result": "response right; the result differs",
    "pledge_fires": "a treaty pledge brings collective defence that did not happen",
    "force_route": "force was used, by another route than the engine's",
    "short_of_force": "force was used; the engine stops short of it",
    "too_weak": "a body went further (sanctions or condemnation) than the engine",
    "too_strong": "the engine's response goes further than history's",
}
"""The classes of miss (docs/validation.md, section 5), by what the engine got wrong."""


def miss_class(response: str, predicted: str) -> str:
    """The class of a miss (a key of :data:`MISS_CLASSES`) from the recorded and predicted
    responses; the same rule for every case (a wrong result as well is shown beside it).
    """
    if response == predicted:
        return "war_result"
    if predicted == "collective_defence":
        return "pledge_fires"
    if response in FORCE_RESPONSES:
        return "force_route" if predicted in FORCE_RESPONSES else "short_of_force"
    level = RESPONSE_LEVEL[response]
    went_further = level is not None and stronger(level, RESPONSE_LEVEL[predicted])
    return "too_weak" if went_further else "too_strong"


@dataclass(frozen=True)
class CaseRow:
    """One case: recorded and predicted response and result."""

    case: str
    split: str
    icb: int | None
    response: str
    predicted_response: str
    result: str
    predicted_result: str
    probability: float
    main_cause: str | None
    error: str = ""

    @property
    def both(self) -> bool:
        """Response and result both right."""
        return self.response == self.predicted_response and self.result == self.predicted_result

    @property
    def miss(self) -> str | None:
        """The class of the miss (:func:`miss_class`), None when both are right or on error."""
        if self.both or self.error:
            return None
        return miss_class(self.response, self.predicted_response)


@dataclass(frozen=True)
class VoteRow:
    """One recorded member vote, the engine's, and the two vote baselines'."""

    case: str
    split: str
    body: str
    symbol: str
    measure: str
    member: str
    recorded: str
    predicted: str
    aligned: str
    engine_decision: str = "not tabled"
    """What the engine's body did with a draft of this measure: ``adopted``, ``not adopted``
    or ``not tabled`` (it adopted a stronger one first, had no sponsor, or never sat)."""


ENGINE_DECISIONS = ("adopted", "not adopted", "not tabled")


def engine_decision(result, body: str, measure: str) -> str:
    """The :attr:`VoteRow.engine_decision` of ``measure`` in ``body`` for a crisis result."""
    rec = next((b for b in result.bodies if b.id == body), None)
    draft = None if rec is None else rec.draft(Tool(measure))
    if draft is None:
        return "not tabled"
    return "adopted" if draft.decision.adopted else "not adopted"


@dataclass(frozen=True)
class TallyRow:
    """A draft known by its tally only: recorded and predicted counts."""

    case: str
    split: str
    body: str
    symbol: str
    measure: str
    recorded: dict
    predicted: dict

    @property
    def matched(self) -> int:
        """Recorded votes the predicted tally matches (the best pairing of the two)."""
        return sum(
            min(self.recorded.get(v) or 0, self.predicted.get(v) or 0)
            for v in ("yes", "no", "abstain")
        )

    @property
    def total(self) -> int:
        """Recorded yes, no and abstentions."""
        return sum(self.recorded.get(v) or 0 for v in ("yes", "no", "abstain"))


@dataclass
class Evaluation:
    """Everything a validation run found, case by case and vote by vote."""

    cases: list[CaseRow] = field(default_factory=list)
    votes: list[VoteRow] = field(default_factory=list)
    tallies: list[TallyRow] = field(default_factory=list)
    unpaired: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def decision_votes(decision: Decision, data_dir=None, warnings=None) -> dict[str, str]:
    """The member votes of a recorded decision: those in the record, and those its
    ``votes_from`` names in a public data set (read from ``data_dir``). When the data set
    cannot be read, the record's own votes are used and the reason is added to ``warnings``.
    """
    votes = dict(decision.votes)
    if decision.votes_from is not None:
        from collsec.validation.votes import votes_from

        try:
            read = votes_from(decision.votes_from, data_dir)
        except CollsecError as error:
            if warnings is not None:
                warnings.append(f"{decision.symbol or decision.body}: votes not read ({error})")
            read = {}
        for member, vote in read.items():
            votes.setdefault(member, vote)
    return votes


def _aligned_baseline(sit, member: str) -> str:
    i = sit.index.get(member)
    if i is None:
        return "yes"
    side = sit.aggressor_side
    if side[i]:
        return "no"
    allied = bool(sit.allied[i, side].any())
    aligned = (
        bool(sit.affinity[i, side].max() > sit.affinity[i, sit.target]) if side.any() else False
    )
    return "no" if allied or aligned else "yes"


def _predicted(scenario, result, decision: Decision, member: str, params: EngineParams) -> str:
    """The engine's vote for ``member`` on the decision's measure (or why there is none): its
    position's, and for an elected member of a global council its support plus the
    deference times the lead of the body's permanent members' positions
    (:func:`~collsec.crisis.deliberation.elected_gain`), as the body would have voted it.
    """
    actor = scenario.actors.get(member)
    if actor is None:
        return "not_in_scenario"
    if actor.absent_from(decision.body):
        return "absent"
    position = result.positions.get(member)
    if position is None:
        return "not_seated"
    mine = position[decision.measure]
    body = next((b for b in scenario.bodies if b.id == decision.body), None)
    if body is None or phase_of(scenario, body) != "council":
        return mine.vote.value
    permanent = scenario.permanent(body)
    lead = lead_of(
        {
            p: result.positions[p][decision.measure].vote
            for p in permanent
            if p in result.positions and not scenario.actors[p].absent_from(body.id)
        },
        permanent,
    )
    gain = elected_gain(member, permanent, deference_in(scenario, body, params), lead)
    return vote_of(mine.support + gain, mine.threshold, params.thresholds.band).value


def evaluate_case(
    case: Case,
    params: EngineParams,
    draws: int = 200,
    seed: int = 0,
    data_dir=None,
    warnings: list[str] | None = None,
    fitted_cases: frozenset[str] | None = None,
) -> tuple[CaseRow, list[VoteRow], list[TallyRow]]:
    """Run one case and compare it with its record (see the module docstring); its part is
    :func:`collsec.validation.corpus.part_of` given the cases the parameters were fitted on.
    """
    record: Record = load_record(case.record)
    scenario = load_scenario(case.scenario)
    split = part_of(scenario.name, scenario.icb, fitted_cases)
    result = run_crisis(scenario, params, draws=draws, seed=seed)
    row = CaseRow(
        case=case.name,
        split=split,
        icb=scenario.icb,
        response=record.response,
        predicted_response=result.response,
        result=record.result,
        predicted_result=result.result,
        probability=result.probabilities[result.result],
        main_cause=result.main_cause,
    )
    sit = situation(scenario, params)
    bodies = {b.id: b for b in scenario.bodies}
    votes, tallies = [], []
    for decision in record.decisions:
        unseated = (
            f"{case.name} ({decision.body}): the record names a body the scenario does not"
            " seat (the engine cannot have decided there; its votes are not scored)"
        )
        if decision.body not in bodies and warnings is not None and unseated not in warnings:
            warnings.append(unseated)
        if decision.measure not in SCORED:
            continue
        recorded = decision_votes(decision, data_dir, warnings)
        body = bodies.get(decision.body)

        def predicted(member: str, decision: Decision = decision) -> str:
            return _predicted(scenario, result, decision, member, params)

        draft = {
            "case": case.name,
            "split": split,
            "body": decision.body,
            "symbol": decision.symbol,
            "measure": decision.measure,
        }
        decided = engine_decision(result, decision.body, decision.measure)
        for member, vote in sorted(recorded.items()):
            if vote == "absent":
                continue
            votes.append(
                VoteRow(
                    **draft,
                    member=member,
                    recorded=vote,
                    predicted=predicted(member),
                    aligned=_aligned_baseline(sit, member),
                    engine_decision=decided,
                )
            )
        if not recorded and decision.tally is not None and body is not None:
            counts = Counter(predicted(m) for m in scenario.members(body))
            tallies.append(
                TallyRow(
                    **draft,
                    recorded=decision.tally.model_dump(exclude_none=True),
                    predicted={v: counts.get(v, 0) for v in ("yes", "no", "abstain", "absent")},
                )
            )
    return row, votes, tallies


def evaluate(
    cases: list[Case],
    params: EngineParams | None = None,
    draws: int = 200,
    seed: int = 0,
    data_dir=None,
    unpaired: list[str] | None = None,
    fitted_cases: frozenset[str] | None = None,
) -> Evaluation:
    """Evaluate every case; a case whose files are bad is kept with its error (never lost).
    ``fitted_cases``: the training cases ``params`` were fitted on (the others of the training
    part are reported as :data:`~collsec.validation.corpus.UNFITTED`); None: no distinction.
    """
    params = params or EngineParams()
    out = Evaluation(unpaired=list(unpaired or []))
    for case in cases:
        try:
            row, votes, tallies = evaluate_case(
                case, params, draws, seed, data_dir, out.warnings, fitted_cases
            )
        except CollsecError as error:
            out.cases.append(
                CaseRow(case.name, "error", None, "", "", "", "", 0.0, None, error=str(error))
            )
            continue
        out.cases.append(row)
        out.votes += votes
        out.tallies += tallies
    return out


def _share(hits: int, n: int) -> float | None:
    return round(hits / n, 4) if n else None


def _majority(values: list) -> tuple[object, int]:
    if not values:
        return None, 0
    value, count = Counter(values).most_common(1)[0]
    return value, count


def per_draft(votes: list[VoteRow]) -> dict:
    """Vote accuracy with each recorded draft weighing the same, whatever its size: the mean
    over drafts of the share of its members' votes the engine (and "all yes") gets right. An
    Assembly roll call of 150 members otherwise weighs as ten Council votes.
    """
    drafts: dict[tuple, list[VoteRow]] = {}
    for v in votes:
        drafts.setdefault((v.case, v.body, v.symbol, v.measure), []).append(v)
    if not drafts:
        return {"drafts": 0, "accuracy": None, "all_yes": None}

    def mean(hit) -> float:
        return round(float(np.mean([np.mean([hit(v) for v in d]) for d in drafts.values()])), 4)

    return {
        "drafts": len(drafts),
        "accuracy": mean(lambda v: v.recorded == v.predicted),
        "all_yes": mean(lambda v: v.recorded == "yes"),
    }


def summary(ev: Evaluation, split: str | None = None) -> dict:
    """Accuracy and baselines for one part (``"train"``, ``"test"``, ``"unfitted"``) or all
    cases (None).
    """
    rows = [r for r in ev.cases if not r.error and (split is None or r.split == split)]
    votes = [v for v in ev.votes if split is None or v.split == split]
    tallies = [t for t in ev.tallies if split is None or t.split == split]
    n = len(rows)
    resp, resp_n = _majority([r.response for r in rows])
    res, res_n = _majority([r.result for r in rows])
    both, both_n = _majority([(r.response, r.result) for r in rows])
    one_line = sum((r.response, r.result) == ONE_LINE for r in rows)
    scored = [v for v in votes]
    right = {
        "response": [r.response == r.predicted_response for r in rows],
        "result": [r.result == r.predicted_result for r in rows],
        "both": [r.both for r in rows],
    }
    return {
        "cases": n,
        **{level: _share(sum(hits), n) for level, hits in right.items()},
        "baselines": {
            "majority_response": {"value": resp, "accuracy": _share(resp_n, n)},
            "majority_result": {"value": res, "accuracy": _share(res_n, n)},
            "majority_both": {"value": list(both) if both else None, "accuracy": _share(both_n, n)},
            "council_condemns_aggression_prevails": {"accuracy": _share(one_line, n)},
        },
        "votes": {
            "n": len(scored),
            "accuracy": _share(sum(v.recorded == v.predicted for v in scored), len(scored)),
            "baselines": {
                "all_yes": _share(sum(v.recorded == "yes" for v in scored), len(scored)),
                "yes_unless_allied_or_aligned": _share(
                    sum(v.recorded == v.aligned for v in scored), len(scored)
                ),
            },
            "by_body": {
                body: _share(
                    sum(v.recorded == v.predicted for v in scored if v.body == body),
                    sum(v.body == body for v in scored),
                )
                for body in sorted({v.body for v in scored})
            },
            "by_engine_decision": {
                kind: {
                    "n": len(group),
                    "accuracy": _share(sum(v.recorded == v.predicted for v in group), len(group)),
                    "all_yes": _share(sum(v.recorded == "yes" for v in group), len(group)),
                }
                for kind in ENGINE_DECISIONS
                if (group := [v for v in scored if v.engine_decision == kind])
            },
            "confusion": confusion([(v.recorded, v.predicted) for v in scored]),
            "per_draft": per_draft(scored),
        },
        "tallies": {
            "drafts": len(tallies),
            "agreement": _share(sum(t.matched for t in tallies), sum(t.total for t in tallies)),
        },
        "confusion": {
            "response": confusion([(r.response, r.predicted_response) for r in rows]),
            "result": confusion([(r.result, r.predicted_result) for r in rows]),
        },
        "uncertainty": _uncertainty(rows, right, scored, resp, res, both),
    }


def _uncertainty(
    rows: list[CaseRow], right: dict[str, list[bool]], votes: list[VoteRow], resp, res, both
) -> dict:
    """Intervals and paired comparisons of one split (:mod:`collsec.validation.uncertainty`);
    ``right``: whether the engine got each case right, per level.
    """
    n = len(rows)
    baseline = {
        ("response", "majority"): [r.response == resp for r in rows],
        ("result", "majority"): [r.result == res for r in rows],
        ("both", "majority"): [(r.response, r.result) == both for r in rows],
        ("both", "one_line_rule"): [(r.response, r.result) == ONE_LINE for r in rows],
    }
    return {
        "level": uncertainty.LEVEL,
        "intervals": {level: uncertainty.wilson(sum(hits), n) for level, hits in right.items()},
        "paired": {
            f"{level}_vs_{name}": uncertainty.paired(right[level], hits)
            for (level, name), hits in baseline.items()
        },
        "votes_vs_all_yes": uncertainty.vote_difference(
            [v.case for v in votes],
            [v.recorded == v.predicted for v in votes],
            [v.recorded == "yes" for v in votes],
        ),
    }


def confusion(pairs: list[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Recorded -> predicted -> count."""
    out: dict[str, dict[str, int]] = {}
    for recorded, predicted in pairs:
        out.setdefault(recorded, {})
        out[recorded][predicted] = out[recorded].get(predicted, 0) + 1
    return out


def report(ev: Evaluation) -> dict:
    """The whole evaluation as plain data (the JSON of ``collsec validate --json``); the part
    ``unfitted`` only when some training case was not in the fit.
    """
    unfitted = any(r.split == UNFITTED for r in ev.cases)
    return {
        "train": summary(ev, "train"),
        "test": summary(ev, "test"),
        **({UNFITTED: summary(ev, UNFITTED)} if unfitted else {}),
        "all": summary(ev),
        "cases": [asdict(r) | {"both": r.both, "miss": r.miss} for r in ev.cases],
        "vote_misses": [asdict(v) for v in ev.votes if v.recorded != v.predicted],
        "tallies": [asdict(t) | {"matched": t.matched, "total": t.total} for t in ev.tallies],
        "unpaired": ev.unpaired,
        "warnings": ev.warnings,
    }


def vote_matrix(ev: Evaluation) -> np.ndarray:
    """Recorded (rows) x predicted (columns) counts over yes, no, abstain."""
    order = ("yes", "no", "abstain")
    m = np.zeros((3, 3), dtype=int)
    for v in ev.votes:
        if v.recorded in order and v.predicted in order:
            m[order.index(v.recorded), order.index(v.predicted)] += 1
    return m
