"""UN General Assembly: ideal points (1946-2023), roll calls (1946-2019) and the session
measured before a date.

Read from the user's data directory (see docs/data.md):
``unga-ideal-points/IdealpointestimatesAll_Jun2024.csv`` (Bailey, Strezhnev & Voeten 2017,
June 2024 release) and ``unga-votes/un_roll_calls_1946_2019.csv.gz`` with
``un_votes_1946_2019.csv.gz`` (Voeten, Strezhnev & Bailey 2009, as packaged in the R package
unvotes). The ideal point is a state's position on one dimension estimated from its recorded
Assembly votes, roughly its stance toward the US-led liberal order (high = close to the US;
about -3..+3). States are joined to COW letter codes by their COW number (``ccode``). The
League years (before 1946) are not covered.

**The session before a date** (:func:`session_before`): the last session all of whose roll
calls (their dates in the roll-call file) fall before the date; for the sessions after the
roll calls end (75-78, 2020-23), the last session whose opening year's 31 December is before
the date (by then a session has taken most of its recorded votes). None before the first
session closed (7 December 1946). :func:`measured_session` steps back over a session without
estimates (session 19, 1964-65, took a single recorded vote), and says so.

The older rule, session ``year - 1945`` for a crisis in ``year`` (:func:`ideal_points`,
:func:`session_of`), is kept for the built-in cases and ``scenario new --year``; it reads a
session that was under way, or had not begun, at the crisis date (a crisis in June 1950 reads
session 5, which opened in September 1950).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from collsec.data.cow import (
    STATES,
    _by_ccode,
    _read_states,
    check_codes,
    check_year,
    require_columns,
)
from collsec.data.dates import check_day
from collsec.data.paths import resolved_file
from collsec.errors import InputError

IDEAL_POINTS = "unga-ideal-points/IdealpointestimatesAll_Jun2024.csv"
ROLL_CALLS = "unga-votes/un_roll_calls_1946_2019.csv.gz"
VOTES = "unga-votes/un_votes_1946_2019.csv.gz"
VOTE_WORDS = {1: "yes", 2: "abstain", 3: "no"}
"""The roll-call file's vote codes -> words (Voeten's coding; absent and non-member states
have no row)."""
FIRST_YEAR = 1946
"""The year of session 1; years before it (the League years) have no ideal points."""

_RENAME = {
    "NVotesAll": "votes",
    "IdealPointAll": "ideal_point",
    "QO%All": "ideal_point_q0",  # sic: the file spells Q0 with the letter O
    "Q5%All": "ideal_point_q5",
    "Q10%All": "ideal_point_q10",
    "Q50%All": "ideal_point_q50",
    "Q90%All": "ideal_point_q90",
    "Q95%All": "ideal_point_q95",
    "Q100%All": "ideal_point_q100",
    "USAgree": "usa_agree",
    "RUSSAgree": "russia_agree",
    "BrazilAgree": "brazil_agree",
    "ChinaAgree": "china_agree",
    "IndiaAgree": "india_agree",
    "IsraelAgree": "israel_agree",
}
"""File column -> collsec column (snake_case)."""


def session_of(year: int) -> int:
    """The Assembly session collsec reads for ``year``: ``year - 1945`` (see module doc)."""
    return year - 1945


@lru_cache(maxsize=4)
def _read(path: Path, states_path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path)  # "NA" -> NaN (pandas default)
    require_columns(raw, ["ccode", "session", *_RENAME], path)
    frame = raw.rename(columns=_RENAME)
    frame["year"] = frame.session + 1945
    codes = _read_states(states_path).drop_duplicates("ccode", keep="last")
    frame = frame.merge(codes[["ccode", "stateabb"]], on="ccode", how="left")
    keep = ["ccode", "stateabb", "session", "year", "ideal_point", *list(_RENAME.values())[2:]]
    keep += ["votes", "iso3c", "Countryname"]
    return frame[keep].rename(columns={"Countryname": "country"})


def _points(data_dir) -> pd.DataFrame:
    return _read(resolved_file(IDEAL_POINTS, data_dir), resolved_file(STATES, data_dir))


def load_ideal_points(data_dir=None) -> pd.DataFrame:
    """One row per state-session (a copy; the load is cached).

    Columns: ``ccode`` (COW number), ``stateabb`` (COW letter code, joined by ``ccode`` from the
    COW state list), ``session`` (1-78), ``year`` (1945 + session: the year the session
    opened), ``ideal_point``, its uncertainty quantiles ``ideal_point_q0`` .. ``_q100``, the
    shares of votes agreeing with the US, Russia/USSR, Brazil, China, India and Israel
    (``usa_agree`` .. ``israel_agree``, 0..1, NaN where not both voted), ``votes`` (recorded
    votes cast), ``iso3c`` and ``country`` as in the file.
    """
    return _points(data_dir).copy()


def last_year(data_dir=None) -> int:
    """The year of the last session in the file (2023 in the June 2024 release)."""
    return int(_points(data_dir).year.max())


def ideal_points(year: int, codes, data_dir=None) -> dict[str, float | None]:
    """Each COW code's Assembly ideal point in session ``year - 1945``, in the order given.

    None where there is no estimate: the state was not a UN member that session (North Korea
    in 1950), cast no recorded vote, or ``year`` is before 1946 (the League years, not covered:
    every value is None). Raises :class:`InputError` for a code not in the COW list or a year
    after the last session in the file.
    """
    codes = check_codes(codes, data_dir)
    out: dict[str, float | None] = dict.fromkeys(codes)
    year = check_year(year, None, last_year(data_dir), "UNGA ideal points, June 2024")
    if year < FIRST_YEAR:
        return out
    frame = _points(data_dir)
    session = frame[(frame.session == session_of(year)) & frame.ideal_point.notna()]
    values = session.drop_duplicates("stateabb").set_index("stateabb").ideal_point
    for code in codes:
        if code in values.index:
            out[code] = float(values[code])
    return out


def session_years(session: int) -> str:
    """The years of a session as a label: ``45`` -> ``"1990-91"``."""
    return f"{1945 + session}-{(1946 + session) % 100:02d}"


@lru_cache(maxsize=2)
def _read_roll_calls(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype={"unres": str, "short": str, "descr": str})
    require_columns(raw, ["rcid", "session", "date", "unres", "short", "descr"], path)
    frame = raw.copy()
    frame["day"] = pd.to_datetime(frame.date, format="%Y-%m-%d").dt.date
    return frame.sort_values("rcid", ignore_index=True)


def load_roll_calls(data_dir=None) -> pd.DataFrame:
    """The roll-call file (a copy; cached): one row per recorded vote, with ``rcid``,
    ``session``, ``day`` (``datetime.date``), ``unres`` (the resolution's symbol), ``short``,
    ``descr``, ``importantvote``, ``amend``, ``para`` as in the file.
    """
    return _read_roll_calls(resolved_file(ROLL_CALLS, data_dir)).copy()


@lru_cache(maxsize=2)
def _closes(path: Path, points_path: Path, states_path: Path) -> tuple[dict, int, tuple]:
    """(session -> its last roll call's date, last session with roll calls, sessions with
    ideal-point estimates).
    """
    calls = _read_roll_calls(path)
    closes = {int(s): d for s, d in calls.groupby("session").day.max().items()}
    points = _read(points_path, states_path)
    estimated = tuple(sorted(int(s) for s in points.session[points.ideal_point.notna()].unique()))
    return closes, max(closes), estimated


def _session_data(data_dir):
    return _closes(
        resolved_file(ROLL_CALLS, data_dir),
        resolved_file(IDEAL_POINTS, data_dir),
        resolved_file(STATES, data_dir),
    )


def session_before(day: date, data_dir=None) -> int | None:
    """The last Assembly session closed before ``day`` (see the module doc), or None before
    the first one closed. Raises :class:`InputError` for something that is not a date.
    """
    day = check_day(day)
    closes, last_called, estimated = _session_data(data_dir)
    closed = [s for s, end in closes.items() if end < day]
    closed += [s for s in estimated if s > last_called and date(1945 + s, 12, 31) < day]
    return max(closed) if closed else None


def session_note(session: int | None, day: date, data_dir=None) -> str:
    """One line for a draft's header: which session measures ``day`` and why."""
    day = check_day(day)
    if session is None:
        return f"UNGA: no Assembly session had closed before {day.isoformat()}"
    closes, last_called, estimated = _session_data(data_dir)
    if session in closes:
        return (
            f"UNGA session {session} ({session_years(session)}), its last roll call on "
            f"{closes[session].isoformat()}, before {day.isoformat()}"
        )
    note = (
        f"UNGA session {session} ({session_years(session)}): no roll-call dates after session "
        f"{last_called} (2019); taken as closed after 31 December {1945 + session}"
    )
    if session == estimated[-1] and date(1946 + session, 12, 31) < day:
        note += f"; the last session in the data, carried forward to {day.isoformat()}"
    return note


def measured_session(day: date, data_dir=None) -> tuple[int | None, str]:
    """The session whose measures are read for ``day``, and the note that says why.

    :func:`session_before`, or the latest session before it that has ideal-point estimates
    (session 19, 1964-65, took one recorded vote and has none). (None, note) before 1947.
    """
    session = session_before(day, data_dir)
    note = session_note(session, day, data_dir)
    if session is None:
        return None, note
    estimated = _session_data(data_dir)[2]
    usable = [s for s in estimated if s <= session]
    if not usable:
        return None, note + "; no session before it has estimates"
    if usable[-1] != session:
        note += (
            f"; session {session} has no ideal-point estimates (too few recorded votes), so "
            f"session {usable[-1]} ({session_years(usable[-1])}) is read"
        )
    return usable[-1], note


def ideal_points_in(session: int, codes, data_dir=None) -> dict[str, float | None]:
    """Each COW code's ideal point in Assembly ``session`` (1-78), in the order given; None
    where the state has no estimate (not a UN member, no recorded vote).
    """
    codes = check_codes(codes, data_dir)
    paths = resolved_file(IDEAL_POINTS, data_dir), resolved_file(STATES, data_dir)
    by_session = _by_session(*paths)
    last = max(by_session)
    if isinstance(session, bool) or not isinstance(session, int) or not 1 <= session <= last:
        raise InputError(IDEAL_POINTS, "session", f"an Assembly session 1-{last}", session)
    values = by_session.get(session, {})
    return {c: values.get(c) for c in codes}


@lru_cache(maxsize=2)
def _by_session(path: Path, states_path: Path) -> dict[int, dict[str, float]]:
    """Session -> {COW code: ideal point}, the states with an estimate (first row kept)."""
    frame = _read(path, states_path)
    frame = frame[frame.ideal_point.notna()].drop_duplicates(["session", "stateabb"])
    out: dict[int, dict[str, float]] = {int(s): {} for s in frame.session.unique()}
    for session, code, point in frame[["session", "stateabb", "ideal_point"]].itertuples(
        index=False
    ):
        out[int(session)][code] = float(point)
    return out


def ideal_points_before(day: date, codes, data_dir=None) -> dict[str, float | None]:
    """Each COW code's ideal point in the session measured before ``day``
    (:func:`measured_session`; its note says which), in the order given. All None before the
    first session closed (the League years included).
    """
    session, _ = measured_session(day, data_dir)
    if session is None:
        return dict.fromkeys(check_codes(codes, data_dir))
    return ideal_points_in(session, codes, data_dir)


@dataclass(frozen=True)
class AssemblyVote:
    """One recorded vote (roll call) of the General Assembly.

    Attributes
    ----------
    rcid:
        The roll call's id in the file.
    session:
        The Assembly session.
    day:
        Its date.
    symbol:
        The resolution's symbol as the file gives it (``unres``), or None.
    short, description:
        The file's short title and description.
    important:
        Whether the US State Department classed it as an important vote (1983 on).
    votes:
        COW code -> ``"yes"``, ``"no"`` or ``"abstain"``; absent states have no entry.

    """

    rcid: int
    session: int
    day: date
    symbol: str | None
    short: str | None
    description: str | None
    important: bool
    votes: dict[str, str] = field(repr=False)


@lru_cache(maxsize=2)
def _read_votes(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path)
    if "vote_code" in raw.columns:
        require_columns(raw, ["rcid", "ccode", "vote_code"], path)
        words = raw.vote_code.map(VOTE_WORDS)
    else:  # the unvotes layout with words
        require_columns(raw, ["rcid", "ccode", "vote"], path)
        words = raw.vote.str.lower()
    bad = ~words.isin(list(VOTE_WORDS.values()))
    if bad.any():
        row = raw[bad].iloc[0]
        raise InputError(str(path), f"rcid {row.rcid}", "a vote yes, no or abstain", row.to_dict())
    frame = pd.DataFrame({"rcid": raw.rcid, "ccode": raw.ccode.astype(int), "word": words})
    return frame.sort_values(["rcid", "ccode"], ignore_index=True)


def assembly_votes(rcid: int, data_dir=None) -> AssemblyVote:
    """One roll call by its ``rcid`` (1946-2019), member by member. Raises
    :class:`InputError` for an id not in the file.
    """
    calls = _read_roll_calls(resolved_file(ROLL_CALLS, data_dir))
    ids = calls.rcid.to_numpy()
    at = int(np.searchsorted(ids, rcid)) if not isinstance(rcid, bool) else len(ids)
    if not isinstance(rcid, int | np.integer) or at >= len(ids) or ids[at] != rcid:
        raise InputError(ROLL_CALLS, "rcid", "the id of a roll call in the file", rcid)
    call = calls.iloc[at]
    votes = _read_votes(resolved_file(VOTES, data_dir))
    vote_ids = votes.rcid.to_numpy()
    a, b = np.searchsorted(vote_ids, rcid), np.searchsorted(vote_ids, rcid, "right")
    codes = _by_ccode(resolved_file(STATES, data_dir))
    part = votes.iloc[a:b]

    def text(value) -> str | None:
        return value if isinstance(value, str) and value else None

    return AssemblyVote(
        rcid=int(rcid),
        session=int(call.session),
        day=call.day,
        symbol=text(call.unres),
        short=text(call.short),
        description=text(call.descr),
        important=bool(call.get("importantvote", 0) == 1),
        votes={codes[int(c)]: w for c, w in zip(part.ccode, part.word, strict=True)},
    )
