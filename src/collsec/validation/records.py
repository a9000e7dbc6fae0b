"""Records of what happened in a crisis: the response, the result, the recorded votes.

A record lives apart from its scenario (``records/NAME.yaml`` beside ``scenarios/NAME.yaml``
in a corpus) and is read only by validation, never by the engine. The format and the coding
rules for responses, results and measures are in ``docs/validation.md``.

Member votes are given in the record where known, or referenced in a public data set
(``votes_from``: the Security Council's votes 1994-2025, the Assembly's roll calls 1946-2019)
and read from the user's data directory, never copied into the repository.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from collsec.crisis.outcome import RESPONSES, RESULTS
from collsec.errors import InputError

Response = Literal[RESPONSES]  # type: ignore[valid-type]
Result = Literal[RESULTS]  # type: ignore[valid-type]
RecordedVote = Literal["yes", "no", "abstain", "absent"]
Measure = Literal["condemnation", "sanctions", "force", "other"]
Text = Annotated[str, Field(max_length=4000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tally(_Strict):
    """Counts of a recorded vote (keys left out are unknown)."""

    yes: int | None = Field(default=None, ge=0)
    no: int | None = Field(default=None, ge=0)
    abstain: int | None = Field(default=None, ge=0)
    absent: int | None = Field(default=None, ge=0)


class VotesFrom(_Strict):
    """Where the member votes of a decision are read: a public data set and its key."""

    dataset: Literal["unsc-votes", "unga-votes"]
    draft: str | None = Field(default=None, max_length=100)
    rcid: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _key(self) -> VotesFrom:
        if self.dataset == "unsc-votes" and not self.draft:
            raise ValueError("draft: the draft symbol (e.g. S/2011/612) for unsc-votes")
        if self.dataset == "unga-votes" and self.rcid is None:
            raise ValueError("rcid: the roll-call id for unga-votes")
        return self


class Decision(_Strict):
    """One recorded decision of a body on the crisis (adopted or not).

    ``measure`` codes what the draft would have done against the aggressor: ``condemnation``
    (determines a breach, condemns, demands a ceasefire or withdrawal), ``sanctions``,
    ``force`` (an authorisation or decision to use force), or ``other`` (consent-based
    peacekeeping, procedure, drafts aimed at the target's side): ``other`` is never scored.
    """

    body: Annotated[str, Field(max_length=40)]
    date: dt.date | None = None
    symbol: Annotated[str, Field(max_length=200)] = ""
    measure: Measure
    adopted: bool
    tally: Tally | None = None
    votes: dict[str, RecordedVote] = Field(default_factory=dict)
    votes_from: VotesFrom | None = None
    source: Text = ""


class Record(_Strict):
    """What happened in one crisis (see the module docstring)."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=100)
    response: Response
    result: Result
    main_cause: Annotated[str, Field(max_length=100)] | None = None
    explanation: Text = ""
    sources: tuple[Text, ...] = ()
    decisions: tuple[Decision, ...] = ()


def load_record(path: str | Path) -> Record:
    """Read and validate a record file; every problem is one :class:`InputError` naming the
    file, the line and the field.
    """
    from collsec.scenarios.load import parse_yaml, validate

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), "file", "a readable UTF-8 record file", str(error)) from None
    data, lines = parse_yaml(str(path), text)
    record = validate(str(path), data, lines, model=Record)
    if record.name != path.stem:
        raise InputError(str(path), "name", f"the file's name ({path.stem!r})", record.name)
    return record
