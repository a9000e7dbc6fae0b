"""International Crisis Behavior (ICB) v14: crises and crisis actors as plain records.

Read from a directory holding ``icb1*.csv`` (system level: one row per crisis) and
``icb2*.csv`` (actor level: one row per crisis actor), by default ``<data dir>/icb`` (the
development part, 336 crises 1918-2017; point ``icb_dir`` at a full ICB release to read it),
with the value labels ``icb_value_labels*.csv`` of the ICB codebooks v13. Citation: Brecher &
Wilkenfeld (2000), A Study of Crisis; Brecher, Wilkenfeld, Beardsley, James & Quinn (2021),
International Crisis Behavior Data Codebook, Version 14. Free for research with citation.

Codes are decoded with the labels of their own level, because several actor-level variables
number their codes differently from the system-level variable of the same name (ICB's
``LABELS.md``): ``globorg`` and ``globact`` are one higher at the actor level than
``globorg`` and ``globactm`` at the system level (and ``globact`` adds adjudication);
``regorg`` swaps Warsaw Pact and CENTO (system 7 / 8, actor 8 / 7) and renumbers "multiple"
and the later organisations; ``regact`` adds adjudication. Each decoded value also carries a
``key`` that is the same at both levels (``"council"``, ``"WPact"``, ``"sanctions"``), and
regional organisations use the COW IGO names of :mod:`collsec.data.igo` where there is one.

States are COW letter codes (ICB's state numbers are COW numbers, except that ICB keeps 260
for Germany and 678 for Yemen after the 1990 unifications: :data:`SUCCESSORS`). The triggering
entity is None for 995 (internally generated), 996 (a non-state actor) and 997 (more than one
state), with ``trigger_entity_kind`` saying which. A crisis actor that was not yet (or no
longer) a COW system member on its trigger date (Bangladesh in March 1971, Bosnia in March
1992, South Sudan in May 2011...) keeps its code, with a note: a draft must treat it as a
non-state actor or state why not. Dates: ICB writes a day that is not a calendar day
(66, 77 or 88) or leaves it empty when the exact day is not known; collsec then uses the 1st
of the month, so that inputs measured before it are measured before the trigger, and says so
in the record's notes. A crisis without a trigger year or month (crisis 474 in v14) has no
date, with a note.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from collsec.data.cow import END_OF_LIST as _LIST_END
from collsec.data.cow import STATES, _by_ccode, _read_states, require_columns
from collsec.data.paths import data_dir as resolve_data_dir
from collsec.data.paths import resolved_file
from collsec.errors import DataMissingError, InputError

ICB_FOLDER = "icb"
NOT_A_STATE = {995: "internal", 996: "non_state", 997: "several_states"}
"""ICB's triggering-entity codes that are not a state -> ``trigger_entity_kind``."""

GLOBAL_ORG = {
    "system": {0: "not_in_existence", 1: "none", 2: "other", 3: "secretary_general",
               4: "assembly", 5: "council"},
    "actor": {1: "not_in_existence", 2: "none", 3: "other", 4: "secretary_general",
              5: "assembly", 6: "council"},
}  # fmt: skip
"""``globorg`` code -> key, per level (the League's Council and Assembly before 1946)."""

_ACTIVITY = ["not_in_existence", "none", "discussion", "fact_finding", "good_offices",
             "condemnation", "call_for_action", "mediation", "arbitration"]  # fmt: skip
GLOBAL_ACTIVITY = {
    "system": dict(enumerate([*_ACTIVITY, "sanctions", "observers", "authorised_force",
                              "emergency_force", "other"])),
    "actor": dict(enumerate([*_ACTIVITY, "adjudication", "sanctions", "observers",
                             "authorised_force", "emergency_force", "other"], start=1)),
}  # fmt: skip
"""``globactm`` (system) / ``globact`` (actor) code -> key."""

REGIONAL_ORG = {
    "system": {0: "not_in_existence", 1: "none", 2: "LOAS", 3: "NATO", 4: "OAS", 5: "OAU",
               6: "SEATO", 7: "WPact", 8: "CENTO", 10: "other", 11: "multiple", 12: "EU",
               13: "ASEAN", 14: "OSCE", 15: "ECOWAS"},
    "actor": {0: "not_in_existence", 1: "none", 2: "LOAS", 3: "NATO", 4: "OAS", 5: "OAU",
              6: "SEATO", 7: "CENTO", 8: "WPact", 9: "multiple", 10: "other", 11: "EU",
              12: "ASEAN", 13: "OSCE", 14: "ECOWAS"},
}  # fmt: skip
"""``regorg`` code -> key, per level (COW IGO names; "other" covers SADC, ECCAS, SAARC, CIS,
GCC...)."""

REGIONAL_ACTIVITY = {
    "system": dict(enumerate([*_ACTIVITY, "sanctions", "observers", "emergency_force",
                              "multiple", "other"])),
    "actor": dict(enumerate([*_ACTIVITY, "adjudication", "sanctions", "observers",
                             "emergency_force", "multiple", "other"])),
}  # fmt: skip
"""``regactmb`` (system) / ``regact`` (actor) code -> key."""

KEY_TABLES = {
    ("system", "globorg"): GLOBAL_ORG["system"],
    ("actor", "globorg"): GLOBAL_ORG["actor"],
    ("system", "globactm"): GLOBAL_ACTIVITY["system"],
    ("actor", "globact"): GLOBAL_ACTIVITY["actor"],
    ("system", "regorg"): REGIONAL_ORG["system"],
    ("actor", "regorg"): REGIONAL_ORG["actor"],
    ("system", "regactmb"): REGIONAL_ACTIVITY["system"],
    ("actor", "regact"): REGIONAL_ACTIVITY["actor"],
}
"""(level, ICB variable) -> its code -> key table, for every variable that has keys."""


@dataclass(frozen=True)
class Coded:
    """One coded ICB value.

    Attributes
    ----------
    code:
        The code in the file (None where the cell is empty).
    label:
        The codebook's label at its level (None for an empty cell or an undefined code).
    key:
        For the organisation and activity variables, a key that is the same at both levels;
        else None.

    """

    code: int | None
    label: str | None
    key: str | None = None


@dataclass(frozen=True)
class CrisisActor:
    """One crisis actor (ICB2 row) of a crisis.

    Attributes
    ----------
    code:
        COW letter code (``cracid`` through the COW list); ``ccode`` the number.
    icb_name:
        ICB's own abbreviation (``actor``; e.g. ``RUM`` for COW ``ROM``).
    trigger_date:
        The day the actor's crisis began (``yrtrig``, ``motrig``, ``datrig``), or None.
    trigger_entity:
        COW code of the state that triggered the actor's crisis, or None (see
        ``trigger_entity_kind``: ``state``, ``internal``, ``non_state``, ``several_states``).
    trigger_entity_code:
        ICB's ``trigent``.
    trigger, gravity, violence, outcome, power_status:
        ``triggr``, ``gravty``, ``viol``, ``outcom``, ``powsta``.
    global_org, global_activity, regional_org, regional_activity:
        ``globorg``, ``globact``, ``regorg``, ``regact`` (actor-level codes, with keys).
    notes:
        Dates approximated, codes without a label.

    """

    code: str | None
    ccode: int
    icb_name: str
    trigger_date: date | None
    trigger_entity: str | None
    trigger_entity_code: int | None
    trigger_entity_kind: str | None
    trigger: Coded
    gravity: Coded
    violence: Coded
    outcome: Coded
    power_status: Coded
    global_org: Coded
    global_activity: Coded
    regional_org: Coded
    regional_activity: Coded
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Crisis:
    """One international crisis (ICB1 row) with its crisis actors.

    Attributes
    ----------
    crisno:
        ICB crisis number.
    name:
        ICB's name (``crisname``).
    trigger_date, end_date:
        First and last day of the crisis (``yrtrig/motrig/datrig``, ``yrterm/moterm/daterm``),
        or None where the file has no year or month.
    trigger_entity, trigger_entity_code, trigger_entity_kind:
        As for :class:`CrisisActor` (system-level ``trigent``).
    trigger, gravity, violence:
        ``break`` (the trigger's type), ``gravcr``, ``viol``.
    global_org, global_activity, regional_org, regional_activity:
        ``globorg``, ``globactm``, ``regorg``, ``regactmb`` (system-level codes, with keys).
    actors:
        The crisis actors, in the file's order.
    notes:
        Dates approximated or missing, codes without a label.

    """

    crisno: int
    name: str
    trigger_date: date | None
    end_date: date | None
    trigger_entity: str | None
    trigger_entity_code: int | None
    trigger_entity_kind: str | None
    trigger: Coded
    gravity: Coded
    violence: Coded
    global_org: Coded
    global_activity: Coded
    regional_org: Coded
    regional_activity: Coded
    actors: tuple[CrisisActor, ...]
    notes: tuple[str, ...]

    @property
    def actor_codes(self) -> tuple[str, ...]:
        """COW codes of the crisis actors, in the file's order."""
        return tuple(a.code for a in self.actors if a.code is not None)


def _one(folder: Path, pattern: str, what: str) -> Path:
    found = sorted(p for p in folder.glob(pattern) if p.is_file())
    if not found:
        raise DataMissingError(
            f"{folder}: no file matching {pattern} ({what}); ICB data come from the ICB "
            "project (see docs/data.md)"
        )
    if len(found) > 1:
        raise InputError(str(folder), pattern, f"one {what} file", ", ".join(p.name for p in found))
    return found[0].resolve()


def _files(icb_dir, data_dir) -> tuple[Path, Path, Path]:
    folder = Path(icb_dir).expanduser() if icb_dir is not None else None
    if folder is None:
        folder = resolve_data_dir(data_dir) / ICB_FOLDER
    if not folder.is_dir():
        raise DataMissingError(f"{folder}: ICB directory not found (expected a directory)")
    system = _one(folder, "icb1*.csv", "ICB system-level")
    actors = _one(folder, "icb2*.csv", "ICB actor-level")
    try:
        labels = _one(folder, "icb_value_labels*.csv", "ICB value labels")
    except DataMissingError:
        if icb_dir is None:
            raise
        labels = _one(resolve_data_dir(data_dir) / ICB_FOLDER, "icb_value_labels*.csv", "labels")
    return system, actors, labels


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _day(year, month, day, what: str) -> tuple[date | None, str | None]:
    y, m, d = _int(year), _int(month), _int(day)
    if y is None or m is None or not 1 <= m <= 12:
        return None, f"{what}: no year or month in the file"
    last = calendar.monthrange(y, m)[1]
    if d is None or not 1 <= d <= last:
        shown = "empty" if d is None else f"coded {d}"
        why = (
            ", so that inputs measured before it are measured before the trigger"
            if "trigger" in what
            else ""
        )
        return date(y, m, 1), (
            f"{what}: day {shown} (not a calendar day); the 1st of {y}-{m:02d} is used{why}"
        )
    return date(y, m, d), None


SUCCESSORS = {
    260: (255, date(1990, 10, 3), "Germany"),
    678: (679, date(1990, 5, 22), "Yemen"),
}
"""ICB state numbers that ICB keeps after a unification -> (the COW number from then, the
date, the state): ICB writes 260 for Germany and 678 for Yemen after 1990, where COW has
unified Germany (255, GMY) and Yemen (679, YEM)."""


class _Decoder:
    def __init__(self, labels: pd.DataFrame, codes: dict[int, str], spells: dict[str, list]):
        self.labels = {
            (lvl.split()[0], var, int(code)): label
            for lvl, var, code, label in labels[["level", "variable", "code", "label"]].itertuples(
                index=False
            )
        }
        self.codes = codes
        self.spells = spells

    def state(self, number: int, day: date | None, what: str, notes: list[str]) -> str | None:
        """COW code of ICB state ``number`` on ``day``, with notes on what was changed."""
        if number in SUCCESSORS and day is not None and day >= SUCCESSORS[number][1]:
            successor, since, name = SUCCESSORS[number]
            notes.append(
                f"{what}: ICB {number} for {name} after {since.isoformat()}; COW "
                f"{self.codes[successor]} ({successor})"
            )
            number = successor
        code = self.codes.get(number)
        if code is None:
            notes.append(f"{what}: {number} is not a COW state number")
            return None
        spells = self.spells.get(code, [])
        if day is not None and not any(a <= day <= b for a, b in spells) and day <= _LIST_END:
            starts = [a for a, _ in spells if a > day]
            since = f" (a member from {min(starts).isoformat()})" if starts else ""
            notes.append(f"{what}: {code} was not a COW system member on {day.isoformat()}{since}")
        return code

    def coded(self, level: str, variable: str, value, notes: list[str]) -> Coded:
        code = _int(value)
        if code is None:
            return Coded(None, None)
        label = self.labels.get((level, variable, code))
        keys = KEY_TABLES.get((level, variable))
        key = keys.get(code) if keys is not None else None
        if label is None:
            notes.append(f"{variable} = {code} has no label in the {level}-level codebook")
        return Coded(code, label, key)

    def entity(
        self, value, day: date | None, notes: list[str]
    ) -> tuple[str | None, int | None, str | None]:
        number = _int(value)
        if number is None:
            return None, None, None
        if number in NOT_A_STATE:
            return None, number, NOT_A_STATE[number]
        code = self.state(number, day, "triggering entity", notes)
        return code, number, ("state" if code else None)


_SYSTEM_COLUMNS = ["crisno", "crisname", "break", "trigent", "yrtrig", "motrig", "datrig",
                   "yrterm", "moterm", "daterm", "gravcr", "viol", "globorg", "globactm",
                   "regorg", "regactmb"]  # fmt: skip
_ACTOR_COLUMNS = ["crisno", "cracid", "actor", "triggr", "yrtrig", "motrig", "datrig",
                  "trigent", "gravty", "viol", "outcom", "powsta", "globorg", "globact",
                  "regorg", "regact"]  # fmt: skip


@lru_cache(maxsize=4)
def _read(system_path: Path, actor_path: Path, labels_path: Path, states_path: Path) -> dict:
    system = pd.read_csv(system_path)
    require_columns(system, _SYSTEM_COLUMNS, system_path)
    actors = pd.read_csv(actor_path)
    require_columns(actors, _ACTOR_COLUMNS, actor_path)
    labels = pd.read_csv(labels_path)
    require_columns(labels, ["level", "variable", "code", "label"], labels_path)
    system = system[_SYSTEM_COLUMNS].rename(columns={"break": "break_"})  # a Python keyword
    spells: dict[str, list] = {}
    states = _read_states(states_path)
    for code, start, end in states[["stateabb", "start", "end"]].itertuples(index=False):
        spells.setdefault(code, []).append((start, end))
    decode = _Decoder(labels, dict(_by_ccode(states_path)), spells)
    by_crisis: dict[int, list[CrisisActor]] = {}
    for row in actors[_ACTOR_COLUMNS].itertuples(index=False):
        by_crisis.setdefault(int(row.crisno), []).append(_actor(row, decode))
    out = {}
    for row in system.itertuples(index=False):
        crisno = int(row.crisno)
        notes: list[str] = []
        start, why = _day(row.yrtrig, row.motrig, row.datrig, "trigger date")
        notes += [why] if why else []
        end, why = _day(row.yrterm, row.moterm, row.daterm, "end date")
        notes += [why] if why else []
        entity = decode.entity(row.trigent, start, notes)
        members = by_crisis.get(crisno, ())
        if start is not None and start <= _LIST_END:
            for actor in members:
                spells = decode.spells.get(actor.code, [])
                if actor.code and not any(a <= start <= b for a, b in spells):
                    notes.append(
                        f"crisis actor {actor.code} was not a COW system member on the trigger "
                        f"date {start.isoformat()}"
                    )
        out[crisno] = Crisis(
            crisno=crisno,
            name=str(row.crisname).strip(),
            trigger_date=start,
            end_date=end,
            trigger_entity=entity[0],
            trigger_entity_code=entity[1],
            trigger_entity_kind=entity[2],
            trigger=decode.coded("system", "break", row.break_, notes),
            gravity=decode.coded("system", "gravcr", row.gravcr, notes),
            violence=decode.coded("system", "viol", row.viol, notes),
            global_org=decode.coded("system", "globorg", row.globorg, notes),
            global_activity=decode.coded("system", "globactm", row.globactm, notes),
            regional_org=decode.coded("system", "regorg", row.regorg, notes),
            regional_activity=decode.coded("system", "regactmb", row.regactmb, notes),
            actors=tuple(members),
            notes=tuple(notes),
        )
    return out


def _actor(row, decode: _Decoder) -> CrisisActor:
    notes: list[str] = []
    start, why = _day(row.yrtrig, row.motrig, row.datrig, "actor's trigger date")
    notes += [why] if why else []
    entity = decode.entity(row.trigent, start, notes)
    ccode = int(row.cracid)
    code = decode.state(ccode, start, "crisis actor", notes)
    return CrisisActor(
        code=code,
        ccode=ccode,
        icb_name=str(row.actor).strip(),
        trigger_date=start,
        trigger_entity=entity[0],
        trigger_entity_code=entity[1],
        trigger_entity_kind=entity[2],
        trigger=decode.coded("actor", "triggr", row.triggr, notes),
        gravity=decode.coded("actor", "gravty", row.gravty, notes),
        violence=decode.coded("actor", "viol", row.viol, notes),
        outcome=decode.coded("actor", "outcom", row.outcom, notes),
        power_status=decode.coded("actor", "powsta", row.powsta, notes),
        global_org=decode.coded("actor", "globorg", row.globorg, notes),
        global_activity=decode.coded("actor", "globact", row.globact, notes),
        regional_org=decode.coded("actor", "regorg", row.regorg, notes),
        regional_activity=decode.coded("actor", "regact", row.regact, notes),
        notes=tuple(notes),
    )


def _all(icb_dir, data_dir) -> dict[int, Crisis]:
    system, actors, labels = _files(icb_dir, data_dir)
    return _read(system, actors, labels, resolved_file(STATES, data_dir))


def crises(icb_dir=None, data_dir=None) -> tuple[Crisis, ...]:
    """Every crisis of the ICB files in ``icb_dir`` (default ``<data dir>/icb``), in the
    file's order, each with its actors (see the module doc).

    Raises :class:`DataMissingError` when the files are not there and :class:`InputError`
    when a folder holds more than one ``icb1*.csv`` (or ``icb2*.csv``).
    """
    return tuple(_all(icb_dir, data_dir).values())


def crisis(crisno: int, icb_dir=None, data_dir=None) -> Crisis:
    """One crisis by its ICB number. Raises :class:`InputError` for a number not in the files
    (the development part holds 336 of ICB's 487 crises; the rest are held apart).
    """
    table = _all(icb_dir, data_dir)
    if isinstance(crisno, bool) or not isinstance(crisno, int) or crisno not in table:
        raise InputError(
            "icb", "crisno", f"an ICB crisis number in the files ({len(table)} crises)", crisno
        )
    return table[crisno]
