"""The UN Security Council: its members on a date (1946-2025) and its votes (1994-2025).

Read from the user's data directory (see docs/data.md):

* ``unsc-membership/unsc_members_by_year_1946_2025.csv``: one row per member and calendar
  year (UN DPPA "Security Council Membership", cross-checked with the UN's list of elected
  members), with ``unsc_elected_terms_1946_2025.csv``, one row per elected term;
* ``unsc-votes/unsc_draft_votes_1994_2025-dev.csv``: one row per member and vote on a draft
  resolution (UN Dag Hammarskjold Library voting records; a member that was absent or did not
  take part has no row). The votes on a few crises are held apart and are not in the file.

States are COW letter codes. The file's COW numbers are mapped through the COW state list,
with these rules, each stated in :attr:`Council.notes` when it applies:

* China's seat: the Republic of China's government held it, first as the government of China
  (COW ``CHN``, 710) and, from 8 December 1949 (when COW starts Taiwan), as ``TAW`` (713); from
  25 October 1971 (General Assembly resolution 2758) the People's Republic (``CHN``). The same
  rule gives China's seat in the Assembly (:func:`china_seat`).
* The USSR's seat passed to the Russian Federation on 24 December 1991; COW codes both ``RUS``.
* The Ukrainian SSR (Council member 1948-49 and 1984-85) and the Byelorussian SSR (1974-75),
  UN members from 1945, were not COW system members: they are ``UKR`` and ``BLR`` with a note.
* Yemen's 1990-91 seat was held by the Yemen Arab Republic (``YAR``) until unification on
  22 May 1990, then by the Republic of Yemen (``YEM``).
* Germany: the Federal Republic (``GFR``, 260) to 1990, the Democratic Republic (``GDR``,
  265), unified Germany (``GMY``, 255) from 1991; Yugoslavia is ``YUG`` (345).

The membership file is by calendar year: elected terms run from 1 January to 31 December, so
a date's Council is the Council of its year (split terms were split by year).

A member that boycotted the Council is in :attr:`Council.boycotting` on the dates it stayed
away (:data:`BOYCOTTS`; the membership file does not record it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from collsec.data.cow import STATES, _by_ccode, _read_states, require_columns
from collsec.data.dates import check_day
from collsec.data.paths import resolved_file
from collsec.errors import InputError

MEMBERS = "unsc-membership/unsc_members_by_year_1946_2025.csv"
TERMS = "unsc-membership/unsc_elected_terms_1946_2025.csv"
VOTES = "unsc-votes/unsc_draft_votes_1994_2025-dev.csv"

FIRST_MEETING = date(1946, 1, 17)
"""The Security Council's first meeting (London); no Council before it."""
CHINA_SEAT_TO_PRC = date(1971, 10, 25)
"""General Assembly resolution 2758: the PRC's representatives seated in China's place."""
USSR_TO_RUSSIA = date(1991, 12, 24)
"""The Russian Federation took the USSR's seat (letter of President Yeltsin, 24 Dec 1991)."""
YEMEN_UNIFIED = date(1990, 5, 22)
"""Unification of the Yemen Arab Republic and the PDR Yemen (COW: YAR ends 21 May 1990)."""
BOYCOTTS: tuple[tuple[str, date, date, str], ...] = (
    (
        "RUS",
        date(1950, 1, 13),
        date(1950, 7, 31),
        "boycotting the Council from 13 January 1950 over China's seat (Malik walked out at the "
        "461st meeting) until 1 August 1950, when it returned to preside (S/PV.461, S/PV.480)",
    ),
)
"""Members that stayed away from the Council's meetings: (code, first day, last day, reason)."""

UN_NAMES: dict[str, str] = {
    "United States": "USA",
    "United Kingdom": "UKG",
    "United Kingdom of Great Britain and Northern Ireland": "UKG",
    "Russian Federation": "RUS",
    "USSR (Union of Soviet Socialist Republics)": "RUS",
    "Republic of Korea": "ROK",
    "Democratic People's Republic of Korea": "PRK",
    "Viet Nam": "DRV",
    "Côte d'Ivoire": "CDI",
    "Saint Vincent and the Grenadines": "SVG",
    "Syrian Arab Republic": "SYR",
    "Iran (Islamic Republic of)": "IRN",
    "Türkiye": "TUR",
    "Czechia": "CZR",
    "United Republic of Tanzania": "TAZ",
    "Venezuela (Bolivarian Republic of)": "VEN",
    "Bolivia (Plurinational State of)": "BOL",
    "Cabo Verde": "CAP",
    "United Arab Republic": "EGY",
    "German FR (German Federal Republic)": "GFR",
    "German DR (German Democratic Republic)": "GDR",
    "Ukrainian SSR (Ukrainian Soviet Socialist Republic)": "UKR",
    "Ethipia": "ETH",  # sic: one row of the votes file (vote of 1 June 2018)
}
"""UN names of members that differ from their COW name -> COW letter code. Every other name
is looked up among the COW names (``cow-states``); :func:`member_code` does both."""


def china_seat(day: date, data_dir=None) -> str:
    """COW code of the government holding China's seat in the UN on ``day``.

    ``CHN`` before COW's start of Taiwan (8 December 1949: the Republic of China governed
    China), ``TAW`` from then until 24 October 1971, ``CHN`` (the People's Republic) from
    25 October 1971 (General Assembly resolution 2758). Applies to the Council and the Assembly.
    """
    day = check_day(day)
    if day < _taiwan_from(resolved_file(STATES, data_dir)):
        return "CHN"
    return "TAW" if day < CHINA_SEAT_TO_PRC else "CHN"


@lru_cache(maxsize=2)
def _taiwan_from(states_path: Path) -> date:
    states = _read_states(states_path)
    return states.start[states.stateabb == "TAW"].min()


@dataclass(frozen=True)
class Council:
    """The Security Council on one date.

    Attributes
    ----------
    day:
        The date.
    members:
        COW codes of all members: the permanent five first (in the order of the Charter's
        Art. 23: China, France, USSR/Russia, UK, US), then the elected by COW number.
    permanent, elected:
        The two classes of seat.
    size:
        11 to 1965, 15 from 1966 (Charter amendment of 1963, in force 31 August 1965).
    names:
        COW code -> the member's name as the UN gives it in the file.
    terms:
        COW code of each elected member -> (first year, last year) of its term.
    source:
        The data set, for a draft's header.
    notes:
        Every rule of the module doc that applied to this date.
    boycotting:
        COW code of each member staying away from the Council on the date -> why
        (:data:`BOYCOTTS`).

    """

    day: date
    members: tuple[str, ...]
    permanent: tuple[str, ...]
    elected: tuple[str, ...]
    size: int
    names: dict[str, str] = field(repr=False)
    terms: dict[str, tuple[int, int]] = field(repr=False)
    source: str
    notes: tuple[str, ...]
    boycotting: dict[str, str] = field(default_factory=dict, repr=False)


_PERMANENT_ORDER = (710, 713, 220, 365, 200, 2)


@lru_cache(maxsize=2)
def _read_members(path: Path, terms_path: Path, states_path: Path):
    members = pd.read_csv(path)
    require_columns(members, ["year", "country_un_name", "ccode", "seat", "council_size"], path)
    terms = pd.read_csv(terms_path)
    require_columns(terms, ["ccode", "start_year", "end_year", "note"], terms_path)
    codes = _by_ccode(states_path)
    unknown = members[~members.ccode.isin(list(codes))]
    if len(unknown):
        row = unknown.iloc[0]
        raise InputError(
            str(path), f"year {row.year}, {row.country_un_name}", "a COW number", row.ccode
        )
    by_year: dict[int, list[tuple[int, str, str, int]]] = {}
    columns = ["year", "ccode", "country_un_name", "seat", "council_size"]
    for year, ccode, name, seat, size in members[columns].itertuples(index=False):
        by_year.setdefault(int(year), []).append((int(ccode), str(name), str(seat), int(size)))
    term_of = {}
    for t in terms.itertuples():
        note = t.note if isinstance(t.note, str) else ""
        for year in range(int(t.start_year), int(t.end_year) + 1):
            term_of[int(t.ccode), year] = (int(t.start_year), int(t.end_year), note)
    spells: dict[str, list[tuple[date, date]]] = {}
    for code, start, end in _read_states(states_path)[["stateabb", "start", "end"]].itertuples(
        index=False
    ):
        spells.setdefault(code, []).append((start, end))
    return by_year, term_of, spells


def _members(data_dir):
    return _read_members(
        resolved_file(MEMBERS, data_dir),
        resolved_file(TERMS, data_dir),
        resolved_file(STATES, data_dir),
    )


def years(data_dir=None) -> tuple[int, int]:
    """First and last year of the membership file (1946, 2025)."""
    by_year = _members(data_dir)[0]
    return min(by_year), max(by_year)


def council_on(day: date, data_dir=None) -> Council | None:
    """The Security Council on ``day`` (see the module doc for the rules).

    Returns None before the Council's first meeting (17 January 1946): for earlier dates the
    League of Nations is the body (League members: :func:`collsec.data.igo.members_on` with
    ``"LoN"``). Raises :class:`InputError` for a date after the last year of the file (2025).
    """
    day = check_day(day)
    if day < FIRST_MEETING:
        return None
    by_year, terms, spells = _members(data_dir)
    first, last = min(by_year), max(by_year)
    if day.year > last:
        raise InputError(
            MEMBERS, "date", f"a date in {first}-{last} (the membership file)", day.isoformat()
        )
    rows = by_year[day.year]
    codes = _by_ccode(resolved_file(STATES, data_dir))
    end_of_list = max(end for spell in spells.values() for _, end in spell)
    notes: list[str] = []
    names: dict[str, str] = {}
    permanent: list[tuple[int, str]] = []
    elected: list[tuple[int, str]] = []
    for ccode, un_name, seat, _size in rows:
        if ccode in (710, 713):
            code = china_seat(day, data_dir)
            if day.year <= CHINA_SEAT_TO_PRC.year:
                notes.append(_china_note(day, code))
        elif ccode == 679 and day < YEMEN_UNIFIED:
            code = "YAR"
            notes.append(
                f"Yemen's seat: the Yemen Arab Republic (YAR) until unification on "
                f"{YEMEN_UNIFIED.isoformat()}, then the Republic of Yemen (YEM)"
            )
        else:
            code = codes[ccode]
        if ccode == 365 and day.year == USSR_TO_RUSSIA.year:
            notes.append(
                f"USSR until {USSR_TO_RUSSIA.isoformat()}, then the Russian Federation (COW "
                "codes both RUS)"
            )
        alive = any(start <= day <= end for start, end in spells.get(code, []))
        if not alive and day <= end_of_list:
            notes.append(
                f"{code} ({un_name}) sat in the Council but was not a COW system "
                f"member on {day.isoformat()} (a UN member that COW does not count as a state)"
            )
        names[code] = un_name
        (permanent if seat == "permanent" else elected).append((ccode, code))
    order = {c: i for i, c in enumerate(_PERMANENT_ORDER)}
    permanent_codes = tuple(c for _, c in sorted(permanent, key=lambda p: order.get(p[0], 999)))
    elected_codes = tuple(c for _, c in sorted(elected))
    term_of = {}
    for ccode, code in elected:
        if (ccode, day.year) in terms:
            start, end, note = terms[ccode, day.year]
            term_of[code] = (start, end)
            if note:
                notes.append(f"{code}: {note}")
    size = rows[0][3]
    boycotting = {
        code: reason
        for code, first_day, last_day, reason in BOYCOTTS
        if first_day <= day <= last_day and code in permanent_codes + elected_codes
    }
    notes += [f"{code}: {reason}" for code, reason in boycotting.items()]
    source = (
        f"UN DPPA Security Council membership, {day.year} (unsc-membership; the Council of the "
        "calendar year)"
    )
    return Council(
        day=day,
        members=permanent_codes + elected_codes,
        permanent=permanent_codes,
        elected=elected_codes,
        size=size,
        names=names,
        terms=term_of,
        source=source,
        notes=tuple(dict.fromkeys(notes)),
        boycotting=boycotting,
    )


def _china_note(day: date, code: str) -> str:
    if code == "TAW":
        return (
            "China's seat: held by the Republic of China (COW TAW) until "
            f"{CHINA_SEAT_TO_PRC.isoformat()} (GA res. 2758), then the PRC (CHN)"
        )
    if day < CHINA_SEAT_TO_PRC:
        return (
            "China's seat: the Republic of China, then governing China (COW CHN until COW "
            "starts Taiwan on 1949-12-08)"
        )
    return f"China's seat: the People's Republic (CHN) from {CHINA_SEAT_TO_PRC.isoformat()}"


# --- votes ----------------------------------------------------------------------------------

VOTE_WORDS = {"Yes": "yes", "No": "no", "Abstain": "abstain"}
"""The file's votes -> collsec's words."""

_SYMBOL = re.compile(r"S/\d{4}/\d+", re.IGNORECASE)


@dataclass(frozen=True)
class CouncilVote:
    """One vote of the Council on a draft resolution, member by member.

    Attributes
    ----------
    vote_id:
        The file's id of the vote.
    day:
        The date of the vote.
    drafts:
        The draft symbols the file gives for it (``S/YYYY/NNN``, upper case; empty for an oral
        amendment or a recommendation without a symbol).
    draft_text:
        The file's ``draft`` cell as written.
    resolution:
        The resolution adopted (``"678 (1990)"``), or None.
    outcome:
        The file's outcome (``"Adopted unanimously"``, ``"Not adopted - veto"``, ...).
    agenda_item:
        What the draft is about, in the UN's words.
    votes:
        COW code -> ``"yes"``, ``"no"`` or ``"abstain"``.
    absent:
        Council members of that date with no row (absent or not taking part), or () when the
        Council of the date is unknown.
    notes:
        Data-quality remarks (a member with two rows, a row the compiler marked suspect).

    """

    vote_id: int
    day: date
    drafts: tuple[str, ...]
    draft_text: str
    resolution: str | None
    outcome: str
    agenda_item: str
    votes: dict[str, str] = field(repr=False)
    absent: tuple[str, ...]
    notes: tuple[str, ...]


def member_code(name: str, data_dir=None) -> str:
    """COW code of a UN member's name as the Council files write it (:data:`UN_NAMES`, else
    the COW name). Raises :class:`InputError` for a name that maps to no COW state.
    """
    if name in UN_NAMES:
        return UN_NAMES[name]
    by_name = _cow_names(resolved_file(STATES, data_dir))
    if name in by_name:
        return by_name[name]
    raise InputError(VOTES, "member_state", "a UN member name that maps to a COW code", name)


@lru_cache(maxsize=2)
def _cow_names(states_path: Path) -> dict[str, str]:
    states = _read_states(states_path)
    return dict(zip(states.name, states.stateabb, strict=True))


@lru_cache(maxsize=2)
def _read_votes(path: Path, states_path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype={"resolution": str, "draft": str})
    columns = ["vote_id", "date", "draft", "resolution", "outcome", "member_state", "vote"]
    require_columns(raw, [*columns, "agenda_item", "quality"], path)
    by_name = _cow_names(states_path)
    names = raw.member_state.unique()
    code_of = {}
    for name in names:
        code = UN_NAMES.get(name, by_name.get(name))
        if code is None:
            raise InputError(str(path), "member_state", "a UN member name known to collsec", name)
        code_of[name] = code
    bad = raw[~raw.vote.isin(list(VOTE_WORDS))]
    if len(bad):
        row = bad.iloc[0]
        raise InputError(str(path), f"vote_id {row.vote_id}", "Yes, No or Abstain", row.vote)
    frame = raw.assign(code=raw.member_state.map(code_of), word=raw.vote.map(VOTE_WORDS))
    frame["day"] = pd.to_datetime(frame.date, format="%Y-%m-%d").dt.date
    return frame.sort_values(["vote_id"], kind="stable", ignore_index=True)


def _votes(data_dir) -> pd.DataFrame:
    return _read_votes(resolved_file(VOTES, data_dir), resolved_file(STATES, data_dir))


@lru_cache(maxsize=2)
def _vote_index(path: Path, states_path: Path) -> tuple[dict, dict]:
    frame = _read_votes(path, states_path)
    rows = frame.groupby("vote_id").indices
    by_draft: dict[str, list[int]] = {}
    for vote_id, idx in rows.items():
        text = frame.draft.iat[idx[0]]
        for symbol in _symbols(text):
            by_draft.setdefault(symbol, []).append(int(vote_id))
    return rows, by_draft


def _symbols(text) -> tuple[str, ...]:
    if not isinstance(text, str):
        return ()
    return tuple(dict.fromkeys(s.upper() for s in _SYMBOL.findall(text)))


def _index(data_dir):
    return _vote_index(resolved_file(VOTES, data_dir), resolved_file(STATES, data_dir))


def council_vote(vote_id: int, data_dir=None) -> CouncilVote:
    """One vote by the file's ``vote_id``. Raises :class:`InputError` for an unknown id.

    A member with two rows for the same vote (three in the file, 2018-2020) keeps its first
    row; the note names both. ``absent`` lists the members of :func:`council_on` the date
    with no row.
    """
    frame = _votes(data_dir)
    rows, _ = _index(data_dir)
    if vote_id not in rows:
        raise InputError(VOTES, "vote_id", "the id of a vote in the file", vote_id)
    group = frame.iloc[rows[vote_id]]
    first = group.iloc[0]
    notes = []
    votes: dict[str, str] = {}
    for code, word, name in zip(group.code, group.word, group.member_state, strict=True):
        if code in votes:
            if votes[code] != word:
                notes.append(f"{name} has two rows ({votes[code]}, {word}); the first is kept")
            continue
        votes[code] = word
    quality = sorted(set(group.quality) - {"ok"})
    if quality:
        notes.append(f"rows marked {', '.join(quality)} by the compiler (see the file README)")
    council = council_on(first.day, data_dir)
    absent = tuple(c for c in council.members if c not in votes) if council else ()
    resolution = first.resolution if isinstance(first.resolution, str) else None
    return CouncilVote(
        vote_id=int(vote_id),
        day=first.day,
        drafts=_symbols(first.draft),
        draft_text=first.draft if isinstance(first.draft, str) else "",
        resolution=resolution,
        outcome=str(first.outcome),
        agenda_item=str(first.agenda_item),
        votes=votes,
        absent=absent,
        notes=tuple(notes),
    )


def council_votes(draft: str, data_dir=None) -> tuple[CouncilVote, ...]:
    """Every vote on the draft ``S/YYYY/NNN`` (case-insensitive), in the file's order.

    Usually one; a draft voted twice (a revised text, a vote by parts) gives several. Raises
    :class:`InputError` for a symbol that is not of that form or not in the file (which holds
    1994-2025, less the crises held apart).
    """
    symbol = draft.strip().upper() if isinstance(draft, str) else draft
    if not isinstance(symbol, str) or not _SYMBOL.fullmatch(symbol):
        raise InputError(VOTES, "draft", "a draft symbol S/YYYY/NNN", draft)
    _, by_draft = _index(data_dir)
    if symbol not in by_draft:
        raise InputError(
            VOTES, "draft", "a draft put to the vote in 1994-2025 (in the file)", draft
        )
    return tuple(council_vote(v, data_dir) for v in by_draft[symbol])


def load_council_votes(data_dir=None) -> pd.DataFrame:
    """The votes file, one row per member and vote (a copy; cached), with ``code`` (COW),
    ``word`` (yes / no / abstain) and ``day`` (``datetime.date``) added.
    """
    return _votes(data_dir).copy()
