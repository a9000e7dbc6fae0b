"""Great-power and nuclear status of a state on a date, from two small tables shipped with
collsec (``major_powers.csv`` and ``nuclear_states.csv`` beside this module).

``major_powers.csv`` transcribes the Correlates of War list of major powers (State System
Membership v2016, ``majors2016``): USA from 1898; UKG from 1816; FRN 1816-1940 and from 1945;
GMY 1816-1918, 1925-1945 and from 1991; AUH 1816-1918; ITA 1860-1943; RUS 1816-1917 and from
1922; CHN from 1950; JPN 1895-1945 and from 1991. Its start and end days are those of the
events its ``event`` column names; they could not be checked against the COW file here (the
table's header says so). ``nuclear_states.csv`` gives each state's first nuclear test (or
acquisition) with a source per row. Israel, which has never declared or tested a weapon, is
counted from 1967 (status ``undeclared``): the states it faced in crises acted on the belief
that it had them, and leaving it out would make the engine ignore a deterrent that the
literature (Cohen 1998) dates to the eve of the June 1967 war; a user can drop it by status.
South Africa held weapons from 1979 and dismantled them by 10 July 1991 (status
``dismantled``). Both tables end open: a spell without an end is carried forward.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import NamedTuple

import pandas as pd

from collsec.data.dates import check_day
from collsec.errors import InputError

MAJOR_POWERS = "major_powers.csv"
NUCLEAR_STATES = "nuclear_states.csv"
LIST_END = date(2016, 12, 31)
"""The last day of the COW v2016 lists: an open spell is carried forward past it."""


class Status(NamedTuple):
    """A yes/no status on a date and the sentence that says where it comes from."""

    value: bool
    source: str


def _read(name: str, dates: list[str]) -> pd.DataFrame:
    with resources.files(__package__).joinpath(name).open(encoding="utf-8") as f:
        table = pd.read_csv(f, comment="#", dtype=str, keep_default_na=False)
    for column in dates:
        table[column] = [date.fromisoformat(v) if v else None for v in table[column]]
    return table


@cache
def major_powers() -> pd.DataFrame:
    """The major-power spells: ``code, start, end`` (``datetime.date``; ``end`` None: open)
    and ``event`` (what the start or end day marks).
    """
    return _read(MAJOR_POWERS, ["start", "end"])


@cache
def nuclear_states() -> pd.DataFrame:
    """The nuclear states: ``code, start, end`` (the file's ``from`` and ``to``,
    ``datetime.date``; ``end`` None: still held), ``status`` (tested, undeclared,
    dismantled), ``event`` and ``source``.
    """
    return _read(NUCLEAR_STATES, ["from", "to"]).rename(columns={"from": "start", "to": "end"})


@cache
def _spells(name: str) -> dict[str, tuple]:
    """Code -> its rows of one table, as named tuples (read once)."""
    table = major_powers() if name == MAJOR_POWERS else nuclear_states()
    out: dict[str, list] = {}
    for row in table.itertuples(index=False):
        out.setdefault(row.code, []).append(row)
    return {code: tuple(rows) for code, rows in out.items()}


def _check_code(code) -> str:
    if not isinstance(code, str) or not code.isupper() or not 2 <= len(code) <= 3:
        raise InputError("--actors", str(code), "a COW letter code such as USA, RUS, UKG", code)
    return code


def major_power(code: str, day: date) -> Status:
    """Whether ``code`` was a major power of the COW list on ``day``, with the source.

    A state not in the list is not a major power (value False). Raises :class:`InputError` for
    something that is not a COW letter code or a date.
    """
    code, day = _check_code(code), check_day(day)
    for row in _spells(MAJOR_POWERS).get(code, ()):
        if row.start <= day and (row.end is None or day <= row.end):
            end = "" if row.end is None else f" to {row.end.isoformat()}"
            if row.end is None and day > LIST_END:
                end = f" (the list ends on {LIST_END.isoformat()}: carried forward)"
            return Status(
                True,
                f"COW major powers (majors2016): {code} from {row.start.isoformat()}{end} "
                "(collsec major_powers.csv)",
            )
    return Status(False, f"COW major powers (majors2016): {code} not a major power on {day}")


def nuclear(code: str, day: date) -> Status:
    """Whether ``code`` held nuclear weapons on ``day``, with the source.

    True from the date of the first test (or acquisition) in ``nuclear_states.csv`` and,
    for a state that dismantled them, until the date they were gone. The source names the
    status (``undeclared`` for Israel: an estimate). Raises :class:`InputError` for something
    that is not a COW letter code or a date.
    """
    code, day = _check_code(code), check_day(day)
    for row in _spells(NUCLEAR_STATES).get(code, ()):
        if row.start <= day and (row.end is None or day <= row.end):
            return Status(
                True, f"nuclear ({row.status}) from {row.start.isoformat()}: {row.source}"
            )
        if row.end is not None and day > row.end:
            return Status(
                False, f"nuclear weapons dismantled by {row.end.isoformat()}: {row.source}"
            )
    return Status(False, f"no nuclear weapons on {day.isoformat()} (collsec nuclear_states.csv)")
