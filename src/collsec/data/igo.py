"""Membership of intergovernmental organisations (COW IGO v3, 1816-2014), by state and year.

Read from the user's data directory (see docs/data.md): ``igo/cow_igo_v3_key_orgs_state_
year_1920_2014.csv`` (47 key organisations, wide, 1920-2014) and, for any other organisation
or a year before 1920, ``igo/cow_igo_v3_state_year_long_1816_2014.csv.gz`` (all 534). Citation:
Pevehouse, Nordstrom, McManus & Jamison (2020), "Tracking Organizations in the World: The
Correlates of War IGO Version 3.0 Datasets", Journal of Peace Research 57(3): 492-503.

Members are **full members** (COW status 1). Associate members (2) and observers (3) have no
vote in the organisation's decisions and none of its obligations, so they are not members
here; :func:`statuses` lists them. A missing code (-9) is not a membership either (the note
of :func:`members_on` counts them). In the key-organisations file -1 marks a year in which the
organisation did not exist.

The data are by calendar year. For a date, :func:`members_on` reads the date's own year (the
organisations of a crisis are those of its year; 2014 carried forward after, noted), for the
states that are COW system members on the date; a state that ceased during the year (the two
Germanys and Yemens in 1990) has no row for it and is read from the year before. So a state
coded a member in the year may have joined after the date (South Sudan joined the UN on
14 July 2011), and an organisation founded or dissolved during the year is coded for the whole
year. China's seat in the UN follows :func:`collsec.data.unsc.china_seat`; League members in
1946, before the League's dissolution on 18 April 1946, are those of 1945 (the last year in
the data). Changes after 2014 are not in the data: the note says so.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from collsec.data.cow import (
    STATES,
    _by_ccode,
    _read_states,
    check_codes,
    check_year,
    require_columns,
    states_on,
)
from collsec.data.dates import check_day
from collsec.data.paths import resolved_file
from collsec.data.unsc import china_seat
from collsec.errors import DataMissingError, InputError

KEY_FILE = "igo/cow_igo_v3_key_orgs_state_year_1920_2014.csv"
LONG_FILE = "igo/cow_igo_v3_state_year_long_1816_2014.csv.gz"
LIST_FILE = "igo/cow_igo_v3_list.csv"
YEARS = (1816, 2014)
"""First and last year of COW IGO v3."""
KEY_YEARS = (1920, 2014)
"""Years of the key-organisations file; other years are read from the long file."""
LEAGUE_DISSOLVED = date(1946, 4, 18)
"""The League Assembly's last day (dissolution resolution); the data end with 1945."""

STATUS = {1: "full", 2: "associate", 3: "observer", -9: "missing"}
"""COW IGO status codes -> words (0 = not a member and -1 = no such organisation are not
listed)."""

ORGANISATIONS: dict[str, str] = {
    "UN": "United Nations",
    "LoN": "League of Nations",
    "NATO": "North Atlantic Treaty Organization",
    "WPact": "Warsaw Treaty Organization (Warsaw Pact)",
    "SEATO": "Southeast Asia Treaty Organization",
    "CENTO": "Central Treaty Organization (Baghdad Pact)",
    "ANZUS": "ANZUS Council (Australia, New Zealand, United States)",
    "CSTO": "Collective Security Treaty Organization",
    "OAS": "Organization of American States (Pan American Union before 1948)",
    "OAU": "Organization of African Unity",
    "AU": "African Union",
    "LOAS": "League of Arab States (Arab League)",
    "GCC": "Gulf Cooperation Council",
    "ECSC": "European Coal and Steel Community",
    "EEC": "European Economic Community / European Community",
    "EURATOM": "European Atomic Energy Community",
    "EU": "European Union",
    "WEU": "Western European Union",
    "OSCE": "Organization for Security and Co-operation in Europe (CSCE before 1995)",
    "COE": "Council of Europe",
    "ASEAN": "Association of Southeast Asian Nations",
    "CIS": "Commonwealth of Independent States",
    "OIC": "Organisation of Islamic Cooperation (Organization of the Islamic Conference)",
    "ECOWAS": "Economic Community of West African States",
    "SADC": "Southern African Development Community",
    "IGAD": "Intergovernmental Authority on Development",
    "SCO": "Shanghai Cooperation Organisation",
    "ComSec": "Commonwealth Secretariat (the Commonwealth)",
    "NAM": "Non-Aligned Movement",
    "CMEA": "Council for Mutual Economic Assistance (COMECON)",
    "Mercosur": "Southern Common Market (MERCOSUR)",
    "OPEC": "Organization of the Petroleum Exporting Countries",
    "OAPEC": "Organization of Arab Petroleum Exporting Countries",
    "OECD": "Organisation for Economic Co-operation and Development",
    "EFTA": "European Free Trade Association",
    "CARICOM": "Caribbean Community",
    "Andean": "Andean Community (Andean Pact)",
    "AMU": "Arab Maghreb Union",
    "Entente": "Council of the Entente",
    "EAEC": "Eurasian Economic Community",
    "APEC": "Asia-Pacific Economic Cooperation",
    "SAARC": "South Asian Association for Regional Cooperation",
    "ECO": "Economic Cooperation Organization",
    "GATT": "General Agreement on Tariffs and Trade",
    "WTO": "World Trade Organization",
    "IMF": "International Monetary Fund",
    "IBRD": "International Bank for Reconstruction and Development (World Bank)",
}
"""The 47 organisations of the key-organisations file: COW ``ioname`` -> full name."""

KEY_ORGANISATIONS: tuple[str, ...] = (
    "UN", "LoN", "NATO", "WPact", "SEATO", "CENTO", "ANZUS", "CSTO", "OAS", "OAU", "AU",
    "LOAS", "GCC", "EEC", "EU", "WEU", "OSCE", "COE", "ASEAN", "CIS", "OIC", "ECOWAS", "SADC",
    "IGAD", "SCO", "ComSec", "NAM",
)  # fmt: skip
"""The organisations a crisis draft looks at by default: universal, collective-defence and
regional bodies that have dealt with crises (a subset of :data:`ORGANISATIONS`)."""


_ALIASES = {
    "EC": "EEC",
    "European Community": "EEC",
    "CSCE": "OSCE",
    "COMECON": "CMEA",
    "Baghdad Pact": "CENTO",
    "Commonwealth": "ComSec",
    "League": "LoN",
    "Arab League": "LOAS",
    "Warsaw Pact": "WPact",
    "Organisation of African Unity": "OAU",
}
"""Common names of organisations -> COW ``ioname``, for suggestions only (never applied)."""


@dataclass(frozen=True)
class Membership:
    """The full members of one organisation on one date.

    Attributes
    ----------
    org:
        COW ``ioname`` (``"NATO"``).
    name:
        Its full name.
    day:
        The date.
    year:
        The data year read (the date's year, or 2014 carried forward, or 1945 for the League
        in early 1946).
    members:
        COW codes of the full members that were system members on ``day``, by COW number.
    note:
        One line for a draft's header: the source, the year read and what the year coding
        implies.

    """

    org: str
    name: str
    day: date
    year: int
    members: tuple[str, ...]
    note: str


@lru_cache(maxsize=2)
def _read_key(path: Path) -> tuple[pd.DataFrame, frozenset]:
    raw = pd.read_csv(path)
    require_columns(raw, ["ccode", "year", *ORGANISATIONS], path)
    wide = raw[["ccode", "year", *ORGANISATIONS]]
    long = wide.melt(id_vars=["ccode", "year"], var_name="ioname", value_name="status")
    existed = frozenset(
        map(tuple, long.loc[long.status != -1, ["ioname", "year"]].drop_duplicates().to_numpy())
    )
    long = long[long.status.isin(list(STATUS))]
    return long.astype({"ccode": int, "year": int, "status": int}), existed


@lru_cache(maxsize=2)
def _read_long(path: Path, list_path: Path) -> tuple[pd.DataFrame, frozenset]:
    long = pd.read_csv(path)
    require_columns(long, ["ccode", "year", "ioname", "status"], path)
    listed = pd.read_csv(list_path)
    require_columns(listed, ["ioname", "first_year_in_data", "last_year_in_data"], list_path)
    existed = frozenset(
        (r.ioname, y)
        for r in listed.itertuples()
        for y in range(int(r.first_year_in_data), int(r.last_year_in_data) + 1)
    )
    return long[long.status.isin(list(STATUS))], existed


@lru_cache(maxsize=4)
def _indexed(path: Path, other: Path | None) -> tuple[dict, frozenset, np.ndarray, np.ndarray]:
    """Rows sorted by organisation and year: ``{(org, year): (start, stop)}``, the set of
    organisation-years that existed, and the ``ccode`` and ``status`` columns.
    """
    frame, existed = _read_key(path) if other is None else _read_long(path, other)
    frame = frame.sort_values(["ioname", "year", "ccode"], ignore_index=True)
    org, year = frame.ioname.to_numpy(), frame.year.to_numpy()
    change = np.flatnonzero((org[1:] != org[:-1]) | (year[1:] != year[:-1])) + 1
    starts = np.concatenate([[0], change])
    stops = np.concatenate([change, [len(frame)]])
    bounds = {
        (str(org[a]), int(year[a])): (int(a), int(b))
        for a, b in zip(starts, stops, strict=True)
        if b > a
    }
    return bounds, existed, frame.ccode.to_numpy(), frame.status.to_numpy()


def _paths(org: str, year: int, data_dir) -> tuple[Path, Path | None]:
    """The file that holds one organisation-year: the key file when it covers it."""
    if org in ORGANISATIONS and KEY_YEARS[0] <= year <= KEY_YEARS[1]:
        return resolved_file(KEY_FILE, data_dir), None
    return resolved_file(LONG_FILE, data_dir), resolved_file(LIST_FILE, data_dir)


@lru_cache(maxsize=2)
def _known(list_path: Path) -> tuple[str, ...]:
    listed = pd.read_csv(list_path)
    return tuple(listed.ioname)


def check_org(org, data_dir=None) -> str:
    """``org`` if it is a COW IGO ``ioname``, else :class:`InputError` with a suggestion."""
    if org in ORGANISATIONS:
        return org
    try:
        known = _known(resolved_file(LIST_FILE, data_dir))
    except DataMissingError:
        known = tuple(ORGANISATIONS)
    if org in known:
        return org
    text = str(org)
    by_name = {name.lower(): key for key, name in ORGANISATIONS.items()}
    guesses = [_ALIASES[text.strip()]] if text.strip() in _ALIASES else []
    guesses += [k for k in known if k.lower() == text.strip().lower()]
    if len(text) >= 3:
        guesses += [k for k, name in ORGANISATIONS.items() if text.lower() in name.lower()]
    guesses += [by_name[n] for n in difflib.get_close_matches(text.lower(), by_name, n=2)]
    guesses += difflib.get_close_matches(text, known, n=2)
    hint = f" (did you mean {' or '.join(dict.fromkeys(guesses))}?)" if guesses else ""
    raise InputError(
        "igo", "organisation", f"a COW IGO name such as UN, NATO, OAS, LOAS, EU{hint}", org
    )


def statuses(org: str, year: int, data_dir=None) -> dict[str, str]:
    """Each state with a status in ``org`` in ``year``: COW code -> ``"full"``,
    ``"associate"``, ``"observer"`` or ``"missing"``, by COW number. Empty when the
    organisation did not exist. Raises :class:`InputError` for an unknown organisation or a
    year outside 1816-2014.
    """
    org = check_org(org, data_dir)
    year = check_year(year, *YEARS, "COW IGO v3")
    return dict(_statuses(org, year, data_dir))


def _statuses(org: str, year: int, data_dir) -> Mapping[str, str]:
    paths = _paths(org, year, data_dir)
    return _status_map(org, year, *paths, resolved_file(STATES, data_dir))


@lru_cache(maxsize=8192)
def _status_map(
    org: str, year: int, path: Path, list_path: Path | None, states_path: Path
) -> Mapping[str, str]:
    bounds, _, ccodes, status = _indexed(path, list_path)
    start, stop = bounds.get((org, year), (0, 0))
    codes = _by_ccode(states_path)
    return MappingProxyType(
        {
            codes[int(c)]: STATUS[int(s)]
            for c, s in zip(ccodes[start:stop], status[start:stop], strict=True)
        }
    )


def existed(org: str, year: int, data_dir=None) -> bool:
    """Whether ``org`` existed in ``year`` according to COW IGO v3."""
    org = check_org(org, data_dir)
    year = check_year(year, *YEARS, "COW IGO v3")
    return (org, year) in _indexed(*_paths(org, year, data_dir))[1]


def members(org: str, year: int, data_dir=None) -> list[str]:
    """COW codes of the full members of ``org`` in ``year`` (1816-2014), by COW number.

    Empty when the organisation did not exist that year. Raises :class:`InputError` for an
    unknown organisation or a year outside the data.
    """
    org = check_org(org, data_dir)
    year = check_year(year, *YEARS, "COW IGO v3")
    return [c for c, s in _statuses(org, year, data_dir).items() if s == "full"]


def memberships(code: str, year: int, organisations=None, data_dir=None) -> list[str]:
    """The organisations (of ``organisations``, default :data:`KEY_ORGANISATIONS`) that
    ``code`` was a full member of in ``year``, in that order.
    """
    (code,) = check_codes([code], data_dir)
    orgs = KEY_ORGANISATIONS if organisations is None else organisations
    return [org for org in orgs if code in set(members(org, year, data_dir))]


def organisations_of(codes, year: int, organisations=None, data_dir=None) -> dict[str, list]:
    """The organisations (default :data:`KEY_ORGANISATIONS`) that at least one of ``codes``
    belonged to in ``year``: ``{org: [the codes among its full members, in the order
    given]}``, in the order of ``organisations``.
    """
    codes = check_codes(codes, data_dir)
    orgs = KEY_ORGANISATIONS if organisations is None else organisations
    out = {}
    for org in orgs:
        full = set(members(org, year, data_dir))
        inside = [c for c in codes if c in full]
        if inside:
            out[org] = inside
    return out


@lru_cache(maxsize=512)
def _at_year_end(states_path: Path, year: int) -> frozenset[str]:
    """The states that were system members on 31 December of ``year`` (the end of the list,
    2016-12-31, for later years): the states with a row in COW IGO's state-year files.
    """
    states = _read_states(states_path)
    year_end = min(date(year, 12, 31), states.end.max())
    return frozenset(states.stateabb[(states.start <= year_end) & (states.end >= year_end)])


def membership_year(org: str, day: date) -> tuple[int, str]:
    """The data year :func:`members_on` reads for ``org`` on ``day``, and why."""
    day = check_day(day)
    if org == "LoN" and day.year == 1946:
        if day <= LEAGUE_DISSOLVED:
            return 1945, (
                "1945 carried into 1946: the League was dissolved on "
                f"{LEAGUE_DISSOLVED.isoformat()} and the data end with 1945"
            )
        return 1946, f"the League was dissolved on {LEAGUE_DISSOLVED.isoformat()}"
    if day.year > YEARS[1]:
        return YEARS[1], (
            f"{YEARS[1]} carried forward to {day.isoformat()}: the data end in {YEARS[1]}; "
            "later accessions, withdrawals and suspensions are not in them"
        )
    if day.year < YEARS[0]:
        raise InputError("igo", "date", f"a date in {YEARS[0]}-{YEARS[1]}", day.isoformat())
    return day.year, f"the year of {day.isoformat()}"


def members_on(org: str, day: date, data_dir=None) -> Membership:
    """The full members of ``org`` on ``day`` (see the module doc for the date rule).

    Only states that are COW system members on ``day`` are listed (the Ukrainian and
    Byelorussian SSRs, UN members from 1945, are not). Raises :class:`InputError` for an
    unknown organisation or a date before 1816.
    """
    org = check_org(org, data_dir)
    day = check_day(day)
    year, why = membership_year(org, day)
    alive = states_on(day, data_dir)
    at_year_end = _at_year_end(resolved_file(STATES, data_dir), year)
    this_year = _statuses(org, year, data_dir)
    last_year = _statuses(org, year - 1, data_dir) if year > YEARS[0] else {}
    chosen = []
    for code in alive:
        status = this_year if code in at_year_end else last_year
        if status.get(code) == "full":
            chosen.append(code)
    notes = [f"COW IGO v3 {year}, full members ({why})"]
    if org == "UN" and chosen:
        holder = china_seat(day, data_dir)
        other = "TAW" if holder == "CHN" else "CHN"
        chosen = [c for c in chosen if c != other]
        if holder not in chosen and holder in alive:
            chosen.append(holder)
            chosen.sort(key=alive.index)
        if day.year <= 1971:
            notes.append(f"China's seat: {holder} (unsc.china_seat)")
    if any(code not in at_year_end for code in alive):
        notes.append("states that ceased during the year read from the year before")
    notes.append(
        "year-level coding: a state coded a member may have joined later in the year, and an "
        "organisation founded or dissolved in the year is coded for all of it"
    )
    missing = [c for c in alive if this_year.get(c) == "missing"]
    if missing:
        notes.append(f"membership missing (-9) in the data for {len(missing)} states")
    return Membership(
        org=org,
        name=ORGANISATIONS.get(org, org),
        day=day,
        year=year,
        members=tuple(chosen),
        note="; ".join(notes),
    )
