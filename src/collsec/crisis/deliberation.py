"""Deliberation: each body concerned votes on the measures of the escalation ladder.

A body tables force, else sanctions, else condemnation (among the tools it has), and stops at
the first draft its rule adopts. Each member's vote comes from its support
(:mod:`collsec.crisis.interests`); absent members are absent; the decision and who was
pivotal or vetoed come from :func:`collsec.voting.rules.decide`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from pydantic import BaseModel, ConfigDict

from collsec.crisis.interests import vote_of
from collsec.crisis.params import EngineParams
from collsec.institutions import LADDER, Institution, Tool
from collsec.voting.rules import Decision, Vote, decide


class Draft(BaseModel):
    """One draft put to a body: the measure, every member's vote, and the decision."""

    model_config = ConfigDict(frozen=True)

    measure: Tool
    votes: dict[str, Vote]
    decision: Decision


class BodyRecord(BaseModel):
    """What one body did: the drafts it voted on, in order, and the measure it adopted."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    scope: str
    members: tuple[str, ...]
    permanent: tuple[str, ...]
    drafts: tuple[Draft, ...] = ()
    adopted: Tool | None = None
    note: str = ""

    def draft(self, measure: Tool) -> Draft | None:
        """The draft on ``measure``, if one was tabled."""
        return next((d for d in self.drafts if d.measure == measure), None)


def deliberate(
    body_id: str,
    institution: Institution,
    members: tuple[str, ...],
    permanent: tuple[str, ...],
    support: Mapping[Tool, np.ndarray],
    index: Mapping[str, int],
    absent: Iterable[str],
    params: EngineParams,
    parties: Iterable[str] = (),
    classes: Iterable[str] = (),
    tools: Iterable[Tool] | None = None,
    note: str = "",
) -> BodyRecord:
    """Vote the ladder in one body; stop at the first measure adopted.

    Parameters
    ----------
    support:
        Measure -> support of every actor (array aligned with ``index``).
    absent:
        Members who stay away (their vote is ABSENT whatever their support).
    parties:
        The parties to the dispute (left out of the count by rules that exclude them).
    tools:
        The measures that may be tabled here (default: all the institution's tools).

    """
    absent = set(absent)
    allowed = set(institution.tools if tools is None else tools) & set(institution.tools)
    drafts = []
    adopted = None
    for measure in (t for t in LADDER if t in allowed):
        votes = {
            m: Vote.ABSENT if m in absent else vote_of(support[measure][index[m]], measure, params)
            for m in members
        }
        decision = decide(
            institution.rule,
            members,
            votes,
            parties=parties,
            draft_classes=classes,
            permanent=permanent,
        )
        drafts.append(Draft(measure=measure, votes=votes, decision=decision))
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
    )
