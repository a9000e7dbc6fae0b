"""The ICB tier: draft every interstate ICB crisis with a state trigger, run it, compare.

Every crisis of the ICB files read (``icb1*.csv``/``icb2*.csv`` in the ICB directory) whose
triggering entity is a state on the trigger date is drafted from the data by
:func:`icb_facts` and :func:`collsec.scenarios.draft.build` (no hand facts: what the drafter
cannot know, such as the League Council's elected members, stays out), run by the engine, and
compared with ICB's coding through the mapping below (docs/validation.md).

Mapping from ICB to a threat (a documented rule, the same for every crisis):

* aggressor: the triggering state (``trigent``); target: the first crisis actor whose own
  crisis that state triggered (else the first other crisis actor); date: the target's trigger
  date (else the crisis's);
* stage: ``under_way`` when the trigger was a violent act (``break`` 8 or 9), else
  ``threatened``;
* severity: by the trigger (``break``): a violent act 0.5, an indirect violent act or a
  non-violent military act 0.3, any other 0.2, plus 0.1 for a threat of grave damage and 0.2
  for a threat to existence (``gravcr`` 5, 6), at most 1. Both come from the act that opened
  the crisis, on its date: ICB's ``viol``, the violence of the crisis as a whole, is what came
  after, and a scenario may not know it (docs/validation.md section 5, rule V);
* stakes: by the gravity of the threat (``gravcr``): economic 0.3, limited military 0.3,
  political 0.4, territorial 0.6, influence 0.4, grave damage 0.7, existence 0.8, other 0.4.

Comparison:

* **global response**: the strongest measure a global body (League, UN) adopted in the run,
  against ICB's global-organisation activity (``globactm``): none (no involvement, discussion
  without resolution), resolution (fact-finding, good offices, condemnation, call for action,
  mediation, arbitration, observers, other), sanctions, force (authorisation of force,
  emergency forces). Crises ICB codes as before any global organisation existed are left out
  (it codes those of 1940-45 as without activity; no League body sat then).
* **regional response**: the same for regional bodies and alliances against ``regactmb``
  (crises where ICB codes no regional organisation in existence are left out).
* **outcome**: the aggressor won (ICB: its outcome victory; else the target's defeat), a draw
  (compromise or stalemate) or lost (its defeat, or the target's victory), against the
  engine's result (prevailed; stalemate; reversed or deterred). "Other" outcomes are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass

from collsec.crisis import EngineParams, run_crisis
from collsec.errors import CollsecError
from collsec.validation import uncertainty
from collsec.validation.corpus import split_of

SEVERITY_BY_TRIGGER = {7: 0.3, 8: 0.3, 9: 0.5}
"""ICB ``break`` -> severity (any other trigger 0.2): the act that opened the crisis."""
VIOLENT_TRIGGERS = (8, 9)
SEVERITY_BY_GRAVITY = {5: 0.1, 6: 0.2}
STAKES_BY_GRAVITY = {0: 0.3, 1: 0.3, 2: 0.4, 3: 0.6, 4: 0.4, 5: 0.7, 6: 0.8, 7: 0.4}

GLOBAL_LEVEL = {
    "none": "none",
    "discussion": "none",
    "fact_finding": "resolution",
    "good_offices": "resolution",
    "condemnation": "resolution",
    "call_for_action": "resolution",
    "mediation": "resolution",
    "arbitration": "resolution",
    "adjudication": "resolution",
    "observers": "resolution",
    "other": "resolution",
    "multiple": "resolution",
    "sanctions": "sanctions",
    "authorised_force": "force",
    "emergency_force": "force",
}
"""ICB activity key -> response level (``not_in_existence`` is left out)."""

TOOL_LEVEL = {"condemnation": "resolution", "sanctions": "sanctions", "force": "force"}
LEVELS = ("none", "resolution", "sanctions", "force")

OUTCOME_OF_AGGRESSOR = {1: "won", 2: "draw", 3: "draw", 4: "lost"}
"""ICB ``outcom`` of the aggressor -> outcome (5 other and 9 missing left out)."""
OUTCOME_OF_TARGET = {1: "lost", 2: "draw", 3: "draw", 4: "won"}
ENGINE_OUTCOME = {
    "aggression_prevailed": "won",
    "stalemate": "draw",
    "aggression_reversed": "lost",
    "deterred": "lost",
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "crisis"


def eligible(crisis) -> bool:
    """An interstate crisis with a state trigger and a date."""
    if crisis.trigger_entity is None or crisis.trigger_date is None:
        return False
    return any(a.code not in (None, crisis.trigger_entity) for a in crisis.actors)


def target_of(crisis):
    """The crisis actor the triggering state attacked or threatened (see module docstring)."""
    others = [a for a in crisis.actors if a.code not in (None, crisis.trigger_entity)]
    hit = [a for a in others if a.trigger_entity == crisis.trigger_entity]
    return (hit or others)[0]


def icb_facts(crisis) -> dict:
    """The facts layer of an ICB crisis by the documented mapping (module docstring)."""
    target = target_of(crisis)
    day = target.trigger_date or crisis.trigger_date
    trigger = crisis.trigger.code
    gravity = crisis.gravity.code if crisis.gravity.code is not None else 7
    severity = min(1.0, SEVERITY_BY_TRIGGER.get(trigger, 0.2) + SEVERITY_BY_GRAVITY.get(gravity, 0))
    return {
        "name": f"icb-{crisis.crisno}-{_slug(crisis.name)}",
        "title": f"{crisis.name.title()} (ICB {crisis.crisno})",
        "icb": crisis.crisno,
        "summary": f"Drafted from ICB v14 crisis {crisis.crisno} by the documented mapping "
        "(docs/validation.md); no hand facts.",
        "sources": [f"International Crisis Behavior v14, crisis {crisis.crisno}"],
        "threat": {
            "aggressor": crisis.trigger_entity,
            "target": target.code,
            "date": day,
            "kind": "interstate",
            "stage": "under_way" if trigger in VIOLENT_TRIGGERS else "threatened",
            "severity": round(severity, 2),
            "severity_source": f"ICB break {trigger}, gravcr {gravity} (docs/validation.md)",
            "stakes": STAKES_BY_GRAVITY.get(gravity, 0.4),
            "stakes_source": f"ICB gravcr {gravity} (docs/validation.md)",
        },
    }


def draft_icb(crisis, data_dir=None) -> str:
    """The scenario text of an ICB crisis."""
    from collsec.scenarios.draft import build

    return build(icb_facts(crisis), f"ICB crisis {crisis.crisno}", data_dir)


def recorded_outcome(crisis) -> str | None:
    """The aggressor's outcome by ICB (won, draw, lost), or None when not coded usefully."""
    by_code = {a.code: a for a in crisis.actors}
    aggressor = by_code.get(crisis.trigger_entity)
    if aggressor is not None and aggressor.outcome.code in OUTCOME_OF_AGGRESSOR:
        return OUTCOME_OF_AGGRESSOR[aggressor.outcome.code]
    target = target_of(crisis)
    return OUTCOME_OF_TARGET.get(target.outcome.code)


def _level(key: str | None) -> str | None:
    return GLOBAL_LEVEL.get(key) if key not in (None, "not_in_existence") else None


def engine_levels(result) -> tuple[str, str]:
    """The strongest measure adopted by a global body and by a regional body, as levels."""
    best = {"global": "none", "regional": "none"}
    for body in result.bodies:
        if body.adopted is None:
            continue
        scope = "global" if body.scope == "global" else "regional"
        level = TOOL_LEVEL[body.adopted.value]
        if LEVELS.index(level) > LEVELS.index(best[scope]):
            best[scope] = level
    return best["global"], best["regional"]


@dataclass(frozen=True)
class IcbRow:
    """One ICB crisis: recorded and predicted levels and outcome."""

    crisno: int
    name: str
    split: str
    global_level: str | None
    predicted_global: str
    regional_level: str | None
    predicted_regional: str
    outcome: str | None
    predicted_outcome: str
    error: str = ""
    acted: tuple[str, ...] = ()
    """Each body that adopted a measure in the run, as ``BODY:measure`` (why the levels are
    what they are)."""


def evaluate_icb(crises, params: EngineParams | None = None, draws=100, seed=0, data_dir=None):
    """Draft, run and compare every eligible crisis; a crisis that cannot be drafted is kept
    with its error (never lost). Returns the rows and the crises left out (with why).
    """
    from collsec.data.cow import states_on
    from collsec.scenarios.load import parse_yaml, validate

    params = params or EngineParams()
    rows, left_out = [], []
    for crisis in crises:
        if not eligible(crisis):
            why = crisis.trigger_entity_kind or "no trigger date"
            left_out.append((crisis.crisno, why))
            continue
        split = split_of(f"icb-{crisis.crisno}", crisis.crisno)
        day = target_of(crisis).trigger_date or crisis.trigger_date
        alive = set(states_on(day, data_dir))
        outside = [c for c in (crisis.trigger_entity, target_of(crisis).code) if c not in alive]
        if outside:
            left_out.append(
                (crisis.crisno, f"not a COW system member on {day}: {', '.join(outside)}")
            )
            continue
        try:
            text = draft_icb(crisis, data_dir)
            data, lines = parse_yaml(f"ICB {crisis.crisno}", text)
            scenario = validate(f"ICB {crisis.crisno}", data, lines)
            result = run_crisis(scenario, params, draws=draws, seed=seed)
        except CollsecError as error:
            rows.append(
                IcbRow(crisis.crisno, crisis.name, split, None, "", None, "", None, "", str(error))
            )
            continue
        g, r = engine_levels(result)
        rows.append(
            IcbRow(
                crisno=crisis.crisno,
                name=crisis.name,
                split=split,
                global_level=_level(crisis.global_activity.key),
                predicted_global=g,
                regional_level=_level(crisis.regional_activity.key),
                predicted_regional=r,
                outcome=recorded_outcome(crisis),
                predicted_outcome=ENGINE_OUTCOME[result.result],
                acted=tuple(f"{b.id}:{b.adopted.value}" for b in result.bodies if b.adopted),
            )
        )
    return rows, left_out


def _accuracy(pairs: list[tuple[str, str]]) -> dict:
    """The engine's accuracy with its Wilson interval, the majority class's, and the two set
    against each other crisis by crisis (:mod:`collsec.validation.uncertainty`).
    """
    n = len(pairs)
    hits = sum(a == b for a, b in pairs)
    majority, count = Counter(a for a, _ in pairs).most_common(1)[0] if pairs else (None, 0)
    return {
        "n": n,
        "engine": round(hits / n, 4) if n else None,
        "interval": uncertainty.wilson(hits, n),
        "majority_class": majority,
        "majority": round(count / n, 4) if n else None,
        "versus_majority": uncertainty.paired(
            [a == b for a, b in pairs], [a == majority for a, _ in pairs]
        ),
        "confusion": _confusion(pairs),
    }


def _confusion(pairs):
    out: dict = {}
    for a, b in pairs:
        out.setdefault(a, {})
        out[a][b] = out[a].get(b, 0) + 1
    return out


def icb_summary(rows: list[IcbRow], split: str | None = None) -> dict:
    """Accuracy of the three comparisons, beside the majority class, for one split."""
    rows = [r for r in rows if not r.error and (split is None or r.split == split)]
    return {
        "crises": len(rows),
        "global_response": _accuracy(
            [(r.global_level, r.predicted_global) for r in rows if r.global_level]
        ),
        "regional_response": _accuracy(
            [(r.regional_level, r.predicted_regional) for r in rows if r.regional_level]
        ),
        "outcome": _accuracy([(r.outcome, r.predicted_outcome) for r in rows if r.outcome]),
    }


def icb_report(rows, left_out) -> dict:
    """The ICB tier as plain data (``collsec validate icb --json``)."""
    return {
        "train": icb_summary(rows, "train"),
        "test": icb_summary(rows, "test"),
        "all": icb_summary(rows),
        "crises": [asdict(r) for r in rows],
        "left_out": [{"crisno": c, "why": w} for c, w in left_out],
    }
