"""Deliberation: each body concerned votes on the measures of the escalation ladder.

A body tables force, else sanctions, else condemnation (among the tools it held on the crisis
date), and stops at the first draft its rule adopts. Each member's vote comes from its
support (:mod:`collsec.crisis.interests`); absent members are absent; the decision and who
was pivotal or vetoed come from :func:`collsec.voting.rules.decide`.

Bodies deliberate in the Charter's order (:func:`deliberate_all`):

A. a collective-defence alliance of which the target is a member and the aggressor is not,
   when the attack struck the target in the treaty's area (the threat's ``struck``, else its
   theatre), acts at once (UN Charter Art. 51, NATO Arts. 5-6); an attack by one member on
   another is a dispute the body deliberates on as a regional body (Art. 52(2));
R. regional bodies and alliances acting for a non-member deliberate; a body of the region
   (the aggressor or the target a member) that adopts sanctions or force is a *request* to
   the Council, weighed against non-intervention in internal crises;
G. global councils (the Security Council, the League) vote the ladder; a dispute between two
   members of a regional body that adopted a measure on it is left to that body for its
   settlement (Charter Art. 52(2)-(3)), the council taking up only enforcement (sanctions,
   force: Art. 53, no enforcement by a regional agency without the Council), not a
   condemnation (:func:`left_to`);
   (in every body, a draft authorising force is tabled only when it has a sponsor: a state
   ready and able to field the force, :func:`sponsors`; in a regional body or alliance the
   sponsor must be one of its members, who field its force);
F. if a council draft was vetoed and no force was authorised, the Council may refer the
   question to the General Assembly by a procedural vote (no veto); the Assembly takes up the
   measures vetoed in the Council (those above what the Council adopted), with the powers it
   held on the date (Arts. 10-11; force only from "Uniting for Peace", 3 Nov 1950); with no
   council in the scenario it takes up every measure;
U. failing every body, a state with enough support and the power to win acts alone.

A regional body's force is "regional action without global authorisation" only when no
global body authorised force (Charter Art. 53).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from pydantic import BaseModel, ConfigDict

from collsec.crisis.interests import Support, vote_of
from collsec.crisis.params import EngineParams
from collsec.crisis.situation import Situation, covers_struck, owes_defence
from collsec.institutions import LADDER, Institution, Tool
from collsec.scenarios.model import Body, Scenario
from collsec.voting.rules import Decision, Vote, decide


class Draft(BaseModel):
    """One draft put to a body: the measure, every member's vote, and the decision.

    ``lead`` is the share of the permanent members present that voted yes (:func:`lead_of`),
    the lead an elected member of a global council follows (:func:`elected_gain`).
    """

    model_config = ConfigDict(frozen=True)

    measure: Tool
    votes: dict[str, Vote]
    decision: Decision
    lead: float = 0.0


class BodyRecord(BaseModel):
    """What one body did: the drafts it voted on, in order, and the measure it adopted.

    ``referral`` is the Council's procedural vote that sent a blocked question to the
    Assembly (on the Assembly's record), when there was one. ``deference`` is what an
    elected member's support gains here when every permanent member present leads with a yes
    (:func:`deference_in`; 0 outside a global council; a permanent member gains nothing:
    :func:`elected_gain`).
    """

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    scope: str
    members: tuple[str, ...]
    permanent: tuple[str, ...]
    drafts: tuple[Draft, ...] = ()
    adopted: Tool | None = None
    referral: Decision | None = None
    note: str = ""
    deference: float = 0.0
    unsponsored: tuple[Tool, ...] = ()
    """Measures the body could have voted on that no member tabled: none present supported
    them by the measure's margin above the threshold (:func:`sponsored`)."""

    def draft(self, measure: Tool) -> Draft | None:
        """The draft on ``measure``, if one was tabled."""
        return next((d for d in self.drafts if d.measure == measure), None)


def deliberate(
    body_id: str,
    institution: Institution,
    members: tuple[str, ...],
    permanent: tuple[str, ...],
    support: Mapping[Tool, Support],
    index: Mapping[str, int],
    absent: Iterable[str],
    params: EngineParams,
    parties: Iterable[str] = (),
    classes: Iterable[str] = (),
    tools: Iterable[Tool] | None = None,
    note: str = "",
    deference: float = 0.0,
    ready: np.ndarray | None = None,
) -> BodyRecord:
    """Vote the ladder in one body; stop at the first measure adopted. Every draft needs a
    sponsor among the members present: one of condemnation or sanctions a member keen enough
    (:func:`sponsored`; the others are listed as ``unsponsored``), one authorising force a
    state ready and able to field it whose force the body can authorise
    (:func:`may_table_force`; without one, force is not on the body's agenda at all).

    Parameters
    ----------
    support:
        Measure -> :class:`Support` of every actor (arrays aligned with ``index``).
    absent:
        Members who stay away (their vote is ABSENT whatever their support).
    parties:
        The parties to the dispute (left out of the count, or bound to abstain, by rules that
        say so).
    tools:
        The measures that may be tabled here (default: all the institution's tools; the
        caller passes those it held on the crisis date).
    deference:
        Added, times the permanent members' lead, to the support of every member that is not
        ``permanent`` (:func:`deference_in`, :func:`ballot`).
    ready:
        The states that would sponsor force (:func:`sponsors`, bool aligned with ``index``);
        None: force is not restricted here.

    """
    absent = set(absent)
    held = {p.tool for p in institution.tools}
    allowed = held if tools is None else set(tools) & held
    band = params.thresholds.band
    drafts, unsponsored = [], []
    adopted = None
    present = [index[m] for m in members if m not in absent]
    if ready is not None and not may_table_force(institution, ready, present):
        allowed.discard(Tool.FORCE)
    for measure in (t for t in LADDER if t in allowed):
        s = support[measure]
        if measure != Tool.FORCE and not sponsored(s, present, params.thresholds.margin(measure)):
            unsponsored.append(measure)
            continue
        votes, lead = ballot(
            members,
            permanent,
            absent,
            lambda m, s=s: s.total[index[m]],
            s.threshold,
            band,
            deference,
        )
        decision = decide(
            institution.rule,
            members,
            votes,
            parties=parties,
            draft_classes=classes,
            permanent=permanent,
        )
        recorded = decision_votes(institution, votes, parties)
        drafts.append(Draft(measure=measure, votes=recorded, decision=decision, lead=lead))
        if decision.adopted:
            adopted = measure
            break
    return BodyRecord(
        id=body_id,
        name=institution.name,
        scope=institution.scope,
        members=members,
        permanent=permanent,
        drafts=tuple(drafts),
        adopted=adopted,
        note=note,
        deference=deference,
        unsponsored=tuple(unsponsored),
    )


def sponsored(s: Support, present, margin: float) -> bool:
    """Whether some actor of ``present`` (indices: the members present) would table a draft
    of ``s.tool``: its support reaches the threshold plus ``margin`` (the measure's
    :meth:`~collsec.crisis.params.Thresholds.margin`).
    Only a member puts a draft to the vote (the Security Council's provisional rules 35 and
    38: a state invited to take part, a party among them, may submit a draft, voted on only
    at a member's request), so a party sponsors only where it sits: the target that holds a
    seat always does (the complainant: France on the Rhineland in the League Council, 1936).
    Force has its own sponsors, who must also be able to field it (:func:`sponsors`).
    """
    idx = np.asarray(present, dtype=int)
    return bool(idx.size and (s.total[idx] >= s.threshold + margin).any())


def decision_votes(institution: Institution, votes: dict, parties: Iterable[str]) -> dict:
    """The votes as recorded: parties bound to abstain (Art. 27(3)) shown abstaining."""
    if not institution.rule.parties_abstain:
        return votes
    parties = set(parties)
    return {m: Vote.ABSTAIN if m in parties and v != Vote.ABSENT else v for m, v in votes.items()}


PHASE_RANK = {"defence": 0, "council": 1, "fallback": 2, "regional": 3}
"""Authority of a body's phase: an alliance defending its member acts on its own right (0);
then the global councils, the Assembly, regional bodies; a lone state comes last (4)."""


def phase_of(scenario: Scenario, body: Body) -> str:
    """The phase a body deliberates in (see the module docstring)."""
    inst = body.resolved()
    if (
        owes_defence(scenario, body)
        # among members the body settles (Art. 52(2))
        and scenario.threat.aggressor not in scenario.members(body)
        and covers_struck(scenario, body)
    ):
        return "defence"
    if inst.scope == "global":
        return "fallback" if inst.fallback else "council"
    return "regional"


def lead_of(votes: Mapping[str, Vote], permanent: Iterable[str]) -> float:
    """Share of the permanent members present (not ABSENT) that vote yes, in [0, 1]; 0 when
    none is present. The parties among them count with their vote (an aggressor against).
    """
    cast = [votes[m] for m in permanent if m in votes and votes[m] != Vote.ABSENT]
    return sum(v == Vote.YES for v in cast) / len(cast) if cast else 0.0


def elected_gain(member: str, permanent: Iterable[str], deference: float, lead: float) -> float:
    """The support ``member`` gains for a vote in a body with these ``permanent`` members and
    this ``deference`` (:func:`deference_in`) when the permanent members present lead with
    the share ``lead`` of yes votes (:func:`lead_of`): ``deference * lead`` for an elected
    member, 0 for a permanent one, who votes its interests. Elected members follow the
    permanent members' lead: the texts that reach a vote are mostly theirs (the "penholders"),
    and an elected member seldom stands against them; where the permanent members split or
    hold back, so do the elected (fitted on the training votes, docs/validation.md).
    """
    return 0.0 if member in permanent else deference * lead


def ballot(
    members: Iterable[str],
    permanent: Iterable[str],
    absent: Iterable[str],
    support: Callable[[str], float],
    threshold: float,
    band: float,
    deference: float,
) -> tuple[dict[str, Vote], float]:
    """Every member's vote on one draft, and the permanent members' lead (:func:`lead_of`):
    the permanent members vote their ``support``, then the elected members theirs plus
    :func:`elected_gain`. Absent members are ABSENT.
    """
    members, permanent, absent = tuple(members), tuple(permanent), set(absent)
    votes = {
        m: Vote.ABSENT if m in absent else vote_of(support(m), threshold, band)
        for m in members
        if m in permanent
    }
    lead = lead_of(votes, permanent)
    for m in members:
        if m not in votes:
            votes[m] = (
                Vote.ABSENT
                if m in absent
                else vote_of(
                    support(m) + elected_gain(m, permanent, deference, lead), threshold, band
                )
            )
    return {m: votes[m] for m in members}, lead


def elected_to_council(scenario: Scenario, body_id: str, member: str) -> bool:
    """Whether ``member`` sits in body ``body_id`` of the scenario as an elected member of a
    global council, the seat whose vote :func:`deference_in` moves.
    """
    body = next((b for b in scenario.bodies if b.id == body_id), None)
    return (
        body is not None
        and phase_of(scenario, body) == "council"
        and member not in scenario.permanent(body)
    )


def deference_in(scenario: Scenario, body: Body, params: EngineParams) -> float:
    """Support an elected member gains for a vote in ``body`` when every permanent member
    present votes yes: ``thresholds.deference`` in a global council (elected members seldom
    stand against the permanent members that sponsor a text: :func:`elected_gain`), 0 in the
    Assembly, a regional body or an alliance. Permanent members gain nothing.
    """
    return params.thresholds.deference if phase_of(scenario, body) == "council" else 0.0


def ranks(scenario: Scenario) -> dict[str, int]:
    """Body id -> :data:`PHASE_RANK` of its phase."""
    return {b.id: PHASE_RANK[phase_of(scenario, b)] for b in scenario.bodies}


def stronger(measure: Tool, than: Tool | None) -> bool:
    """Whether ``measure`` is higher on the ladder than ``than`` (None: nothing adopted)."""
    return than is None or LADDER.index(measure) < LADDER.index(than)


def parties_of(scenario: Scenario, sit: Situation) -> list[str]:
    """The parties to the dispute: the aggressor's side, the target and the state a target
    population belongs to.
    """
    parties = [sit.codes[i] for i in np.flatnonzero(sit.aggressor_side)]
    parties.append(scenario.threat.target)
    part_of = scenario.actors[scenario.threat.target].part_of
    return parties + ([part_of] if part_of else [])


@dataclass
class Deliberation:
    """What the bodies (and failing them, a lone state) did.

    ``response`` is set when force was decided: ``collective_defence``,
    ``authorised_force``, ``regional_action`` or ``unilateral``; ``acting`` holds the bodies
    that decided it, ``lone`` the state acting alone; ``request`` whether a regional body of
    the region asked for action.
    """

    records: list[BodyRecord]
    response: str | None = None
    acting: list[BodyRecord] = field(default_factory=list)
    lone: int | None = None
    request: bool = False


def _idle(scenario, body, note: str, referral=None) -> BodyRecord:
    """The record of a body that took no vote, and why (``note``)."""
    inst = body.resolved()
    return BodyRecord(
        id=body.id,
        name=inst.name,
        scope=inst.scope,
        members=scenario.members(body),
        permanent=scenario.permanent(body),
        referral=referral,
        note=note,
    )


def _run(scenario, sit, params, body, supports, tools, note="", ready=None):
    """Deliberate in ``body`` on ``tools`` (None: all it holds); ``ready`` marks the states
    that would sponsor force (:func:`sponsors`; None: force is not restricted here).
    """
    inst = body.resolved()
    members = scenario.members(body)
    day = scenario.threat.date
    if not inst.valid_on(day):
        since, until = inst.valid_from or "its founding", inst.valid_to or "today"
        return _idle(scenario, body, f"could not act on {day} (it could from {since} to {until})")
    held = set(inst.tools_on(day))
    allowed = [t for t in LADDER if t in held and (tools is None or t in tools)]
    absent = [m for m in members if scenario.actors[m].absent_from(body.id)]
    return deliberate(
        body.id,
        inst,
        members,
        scenario.permanent(body),
        supports,
        sit.index,
        absent,
        params,
        parties=parties_of(scenario, sit),
        classes=scenario.threat.classes,
        tools=allowed,
        note=note,
        deference=deference_in(scenario, body, params),
        ready=ready,
    )


def _referral(scenario, sit, params, council: Body, record: BodyRecord, supports):
    """The Council's procedural vote to refer a blocked question to the Assembly (no veto);
    members vote as they would on condemnation. None when the Council has no procedural rule
    (the question is then open to the Assembly as it stands).
    """
    inst = council.resolved()
    if inst.procedural_rule is None:
        return None
    s = supports[Tool.CONDEMNATION]
    votes, _ = ballot(
        record.members,
        record.permanent,
        [m for m in record.members if scenario.actors[m].absent_from(council.id)],
        lambda m: s.total[sit.index[m]],
        s.threshold,
        params.thresholds.band,
        record.deference,
    )
    return decide(inst.procedural_rule, record.members, votes)


def capable(sit: Situation, power, enemy: float) -> np.ndarray:
    """States that could, with the target, match the aggressor's side at the theatre: seated,
    neither the target nor on the aggressor's side.
    """
    able = sit.seated & ~sit.aggressor_side & (power + power[sit.target] >= enemy)
    able[sit.target] = False
    return able


def sponsors(
    sit: Situation, force: Support, power, enemy: float, margin: float = 0.0
) -> np.ndarray:
    """The states that would sponsor a draft authorising force (bool, shape (n,)): ready to
    field the force and keen enough to table it (support for force at least its threshold
    plus ``margin``, force's :meth:`~collsec.crisis.params.Thresholds.margin`, as for any
    draft: :func:`sponsored`) and able, with the target, to match the aggressor's side at
    the theatre (:func:`capable`). No body is asked to authorise a force no one is ready and
    able to field (authorisations are requested by the states that act).
    """
    return capable(sit, power, enemy) & (force.total >= force.threshold + margin)


def sponsor_pool(institution: Institution, states: np.ndarray, present) -> np.ndarray:
    """Of ``states`` (bool, shape (n,)), those whose force the body can authorise: a global
    body any state's (UN Charter Arts. 42, 48); a regional body or alliance acts with its own
    members' forces (Art. 53: enforcement action *by* regional agencies), so only its members
    present (``present``: their indices).
    """
    if institution.scope == "global":
        return states
    pool = np.zeros_like(states)
    idx = np.asarray(present, dtype=int)
    pool[idx] = states[idx]
    return pool


def may_table_force(institution: Institution, ready: np.ndarray, present) -> bool:
    """Whether a body can table force: some state it can authorise is ready to sponsor it
    (:func:`sponsor_pool`, :func:`sponsors`).
    """
    return bool(sponsor_pool(institution, ready, present).any())


def turns_on_own_member(scenario: Scenario, sit: Situation, body: Body) -> bool:
    """Whether a regional body or alliance would act against one of its members on behalf of
    a state outside it. It does not: regional bodies settle disputes among their members
    (UN Charter Art. 52(2)) and stand by them against outsiders (Pact of the League of Arab
    States Arts. 2, 6; OAU Charter Art. III), so such a crisis goes to the global bodies.
    """
    members = set(scenario.members(body))
    side = {sit.codes[i] for i in np.flatnonzero(sit.aggressor_side)}
    target = scenario.threat.target
    target_side = {target, scenario.actors[target].part_of} - {None}
    return bool(side & members) and not (target_side & members)


def deliberate_all(
    scenario: Scenario,
    sit: Situation,
    params: EngineParams,
    supports: Callable[[bool], Mapping[Tool, Support]],
    attributed: bool,
    power: np.ndarray,
    enemy: float,
) -> Deliberation:
    """Phases A, R, G, F and U (module docstring). ``supports(request)`` gives the supports
    without and with a regional request.
    """
    allowed = None if attributed else [Tool.CONDEMNATION]
    phases: dict[str, list[Body]] = {"defence": [], "council": [], "fallback": [], "regional": []}
    for body in scenario.bodies:
        phases[phase_of(scenario, body)].append(body)
    base = supports(False)
    ready = sponsors(sit, base[Tool.FORCE], power, enemy, params.thresholds.margin(Tool.FORCE))
    records: list[BodyRecord] = []
    force_by: dict[str, list[BodyRecord]] = {"defence": [], "global": [], "regional": []}

    for body in phases["defence"]:
        rec = _run(scenario, sit, params, body, base, allowed, ready=ready)
        records.append(rec)
        if rec.adopted == Tool.FORCE:
            force_by["defence"].append(rec)

    regional, request = [], False
    parties = set(parties_of(scenario, sit))
    for body in phases["regional"]:
        if turns_on_own_member(scenario, sit, body):
            note = "not seized: the aggressor is a member and the target is not"
            regional.append(_idle(scenario, body, note))
            continue
        rec = _run(scenario, sit, params, body, base, allowed, ready=ready)
        regional.append(rec)
        of_region = bool(parties & set(rec.members))
        if of_region and rec.adopted in (Tool.SANCTIONS, Tool.FORCE):
            request = True
    after = supports(request)  # a request only adds support: the sponsors stay sponsors

    settling = left_to(scenario, regional)
    council_tools, note = allowed, ""
    if settling is not None:
        council_tools = [t for t in (allowed or LADDER) if t != Tool.CONDEMNATION]
        note = f"condemnation left to {settling}, of which both parties are members (Art. 52(2))"
    councils = [
        (b, _run(scenario, sit, params, b, after, council_tools, note, ready=ready))
        for b in phases["council"]
    ]
    records += [r for _, r in councils]
    best = None
    for _, rec in councils:
        if rec.adopted is not None and stronger(rec.adopted, best):
            best = rec.adopted
        if rec.adopted == Tool.FORCE:
            force_by["global"].append(rec)
    vetoed = [(b, r) for b, r in councils if any(d.decision.cause == "veto" for d in r.drafts)]
    for body in phases["fallback"]:
        if best == Tool.FORCE or (councils and not vetoed):
            note = "not seized: the Council was not blocked by a veto"
            records.append(_idle(scenario, body, note))
            continue
        referral = None
        if vetoed:
            referral = _referral(scenario, sit, params, *vetoed[0], after)
            if referral is not None and not referral.adopted:
                note = "not seized: the Council's procedural vote to refer failed"
                records.append(_idle(scenario, body, note, referral))
                continue
        blocked = {d.measure for _, r in vetoed for d in r.drafts if d.decision.cause == "veto"}
        tools = [t for t in LADDER if stronger(t, best) and (not councils or t in blocked)]
        if allowed is not None:
            tools = [t for t in tools if t in allowed]
        note = "took up the measures vetoed in the Council" if vetoed else ""
        rec = _run(scenario, sit, params, body, after, tools, note, ready=ready)
        rec = rec.model_copy(update={"referral": referral})
        records.append(rec)
        if rec.adopted == Tool.FORCE:
            force_by["global"].append(rec)

    global_force = bool(force_by["global"] or force_by["defence"])
    for rec in regional:
        if rec.adopted == Tool.FORCE and global_force:
            note = "force beside a global authorisation or a defence already under way (Art. 53)"
            rec = rec.model_copy(update={"note": note})
        elif rec.adopted == Tool.FORCE:
            force_by["regional"].append(rec)
        records.append(rec)

    for kind, response in (
        ("defence", "collective_defence"),
        ("global", "authorised_force"),
        ("regional", "regional_action"),
    ):
        if force_by[kind]:
            return Deliberation(records, response, force_by[kind], request=request)
    lone = None
    if attributed:
        lone = act_alone(sit, params, after[Tool.FORCE].total, power, enemy)
    if lone is not None:
        return Deliberation(records, "unilateral", [], lone=lone, request=request)
    return Deliberation(records, request=request)


def left_to(scenario: Scenario, regional: list[BodyRecord]) -> str | None:
    """The regional body a global council leaves a dispute's settlement to, if any: the first
    that adopted a measure and holds both the aggressor and the target as members. The members
    of a regional arrangement "shall make every effort to achieve pacific settlement of local
    disputes through such regional arrangements or by such regional agencies before referring
    them to the Security Council" (UN Charter Art. 52(2)); enforcement stays the Council's
    (Art. 53). In the ICB crises of the
    training part, 25% of the disputes between members of a common regional body saw a global
    body act, against 48% of the others (docs/validation.md, "Rules tried").
    """
    parties = {scenario.threat.aggressor, scenario.threat.target}
    for rec in regional:
        if rec.adopted is not None and parties <= set(rec.members):
            return rec.id
    return None


def act_alone(
    sit: Situation, params: EngineParams, force_support: np.ndarray, power, enemy: float
) -> int | None:
    """A state acting alone (neither the target nor its treaty defenders, who fight in
    self-defence anyway): support for force at least ``unilateral_threshold`` and the power,
    with the target's, to match the aggressor's side at the theatre. The strongest such state.
    """
    candidates = (
        (force_support >= params.unilateral_threshold)
        & sit.seated
        & ~sit.aggressor_side
        & ~sit.defenders
        & (power + power[sit.target] >= enemy)
    )
    candidates[sit.target] = False
    if not candidates.any():
        return None
    return int(np.argmax(np.where(candidates, power, -1.0)))
