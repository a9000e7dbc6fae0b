"""Foreign-policy similarity from the UN General Assembly: dyadic agreement and affinity.

Read from the user's data directory (see docs/data.md):
``unga-votes/unga_agreement_dyad_year_1946_2019.csv.gz``, one row per pair of states and
session (its ``year`` is the session's opening year, session + 1945), computed from Voeten's
roll calls (Voeten, Strezhnev & Bailey 2009, Harvard Dataverse, CC0): ``agree3``, the mean
over the pair's joint recorded votes of ``1 - |v1 - v2| / 2`` with yes = 1, abstain = 2,
no = 3 (1: always the same vote; 0: always yes against no), and ``n_joint``, the number of
those votes. Absences are not votes.

**Affinity** between two states (-1..1) is ``2 * agree3 - 1`` in the session measured before
the crisis date (:func:`collsec.data.unga.measured_session`). Pairs with fewer than
:data:`MIN_JOINT` joint votes are thin (an agreement on 3 votes says little) and are treated
as missing. Where a pair is missing, or the roll calls have ended (sessions after 2019), the
value comes from the two states' ideal points in the same session (Bailey, Strezhnev & Voeten
2017), through a straight line from the distance ``|ideal point 1 - ideal point 2|`` to
``2 * agree3 - 1``, fitted by least squares over every pair with at least :data:`MIN_JOINT`
joint votes in the last :data:`FIT_SESSIONS` sessions up to that session that have both
measures (for sessions 75-78: sessions 65-74), and clipped to -1..1 (the map is fitted on the
usual threshold whatever ``min_joint`` a caller gives for the pairs themselves). The fit is
deterministic; its coefficients are in the source string of every value it gives. A state's
affinity with itself is 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from collsec.data.cow import STATES, _by_code, check_codes, require_columns
from collsec.data.paths import resolved_file
from collsec.data.unga import (
    IDEAL_POINTS,
    _read,
    measured_session,
    session_years,
)
from collsec.errors import InputError

AGREEMENT = "unga-votes/unga_agreement_dyad_year_1946_2019.csv.gz"
MIN_JOINT = 10
"""Fewest joint recorded votes for a pair's agreement to count (else: the ideal points)."""
FIT_SESSIONS = 10
"""How many sessions the ideal-point map is fitted on."""

_WIDTH = 1000  # pair key = ccode1 * _WIDTH + ccode2 (COW numbers are below 1000)


class Affinity(NamedTuple):
    """An affinity (-1..1, or None where nothing measures it) and where it comes from."""

    value: float | None
    source: str


@dataclass(frozen=True)
class IdealPointMap:
    """The least-squares line ``2 * agree3 - 1 = intercept + slope * |ideal point
    difference|`` and what it was fitted on (sessions, number of pairs, R squared).
    """

    intercept: float
    slope: float
    sessions: tuple[int, ...]
    pairs: int
    r_squared: float

    def __call__(self, distance: np.ndarray) -> np.ndarray:
        """The mapped affinity of ideal-point distances, clipped to -1..1."""
        return np.clip(self.intercept + self.slope * np.asarray(distance), -1.0, 1.0)

    def describe(self) -> str:
        """The map in words, for a source string."""
        return (
            f"2*agree3-1 = {self.intercept:.3f} {self.slope:+.3f} x |difference|, least squares "
            f"on sessions {self.sessions[0]}-{self.sessions[-1]} ({self.pairs} pairs, "
            f"R2 {self.r_squared:.2f})"
        )


@lru_cache(maxsize=2)
def _read_agreement(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path)
    require_columns(raw, ["ccode1", "ccode2", "year", "n_joint", "agree3"], path)
    low = np.minimum(raw.ccode1, raw.ccode2).astype(np.int64)
    high = np.maximum(raw.ccode1, raw.ccode2).astype(np.int64)
    frame = pd.DataFrame(
        {
            "session": (raw.year - 1945).astype(int),
            "key": low * _WIDTH + high,
            "ccode1": low,
            "ccode2": high,
            "agree3": raw.agree3.astype(float),
            "n_joint": raw.n_joint.astype(int),
        }
    )
    return frame.sort_values(["session", "key"], ignore_index=True)


def _agreement(data_dir) -> pd.DataFrame:
    return _read_agreement(resolved_file(AGREEMENT, data_dir))


def load_agreement(data_dir=None) -> pd.DataFrame:
    """The agreement file (a copy; cached): ``session, key, ccode1, ccode2, agree3,
    n_joint``, one row per pair (``ccode1 < ccode2``) and session, sorted.
    """
    return _agreement(data_dir).copy()


@dataclass(frozen=True)
class SessionAgreement:
    """The dyadic agreement of one session, as a fast lookup by COW numbers.

    Attributes
    ----------
    session:
        The Assembly session.
    keys:
        Sorted pair keys ``low * 1000 + high`` of the pairs with at least ``min_joint`` joint
        votes.
    agree3, n_joint:
        Their agreement (0..1) and number of joint votes.
    min_joint:
        The threshold applied.

    """

    session: int
    keys: np.ndarray
    agree3: np.ndarray
    n_joint: np.ndarray
    min_joint: int

    def lookup(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(agree3, n_joint) of the pairs ``(a[i], b[i])`` (COW numbers, either order);
        NaN and 0 where the pair is missing or thin.
        """
        a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
        keys = np.minimum(a, b) * _WIDTH + np.maximum(a, b)
        at = np.searchsorted(self.keys, keys)
        found = at < len(self.keys)
        found[found] = self.keys[at[found]] == keys[found]
        agree = np.full(len(keys), np.nan)
        joint = np.zeros(len(keys), np.int64)
        agree[found], joint[found] = self.agree3[at[found]], self.n_joint[at[found]]
        return agree, joint

    def mean_by_state(self) -> dict[int, float]:
        """Each state's mean affinity (2 * agree3 - 1) with all its partners of the session."""
        low, high = self.keys // _WIDTH, self.keys % _WIDTH
        value = 2 * self.agree3 - 1
        states = np.concatenate([low, high])
        sums = pd.Series(np.concatenate([value, value])).groupby(states).mean()
        return {int(k): float(v) for k, v in sums.items()}


@lru_cache(maxsize=256)
def _session(path: Path, session: int, min_joint: int) -> SessionAgreement:
    frame = _read_agreement(path)
    sessions = frame.session.to_numpy()
    a, b = np.searchsorted(sessions, session), np.searchsorted(sessions, session, "right")
    part = frame.iloc[a:b]
    part = part[part.n_joint >= min_joint]
    return SessionAgreement(
        session=session,
        keys=part.key.to_numpy(),
        agree3=part.agree3.to_numpy(),
        n_joint=part.n_joint.to_numpy(),
        min_joint=min_joint,
    )


def sessions(data_dir=None) -> tuple[int, ...]:
    """The sessions of the agreement file (1-74: the sessions with roll calls)."""
    return _sessions(resolved_file(AGREEMENT, data_dir))


@lru_cache(maxsize=2)
def _sessions(path: Path) -> tuple[int, ...]:
    return tuple(int(s) for s in np.unique(_read_agreement(path).session))


def agreement(session: int, min_joint: int = MIN_JOINT, data_dir=None) -> SessionAgreement:
    """The dyadic agreement of Assembly ``session`` (pairs with at least ``min_joint`` joint
    votes). Raises :class:`InputError` for a session not in the file (1-74).
    """
    known = sessions(data_dir)
    if isinstance(session, bool) or not isinstance(session, int) or session not in known:
        raise InputError(
            AGREEMENT, "session", f"a session with roll calls ({known[0]}-{known[-1]})", session
        )
    return _session(resolved_file(AGREEMENT, data_dir), session, min_joint)


@lru_cache(maxsize=128)
def _points_by_number(points_path: Path, states_path: Path, session: int) -> dict[int, float]:
    frame = _read(points_path, states_path)
    rows = frame[(frame.session == session) & frame.ideal_point.notna()]
    return dict(zip(rows.ccode.astype(int), rows.ideal_point.astype(float), strict=True))


@lru_cache(maxsize=2)
def _estimated(points_path: Path, states_path: Path) -> tuple[int, ...]:
    points = _read(points_path, states_path)
    return tuple(sorted(int(s) for s in points.session[points.ideal_point.notna()].unique()))


@lru_cache(maxsize=128)
def _fit(path: Path, points_path: Path, states_path: Path, session: int) -> IdealPointMap | None:
    with_points = set(_estimated(points_path, states_path))
    both = sorted(s for s in _sessions(path) if s <= session and s in with_points)
    used = tuple(both[-FIT_SESSIONS:])
    if not used:
        return None
    x, y = [], []
    for s in used:
        table = _session(path, s, MIN_JOINT)
        ideal = np.full(_WIDTH, np.nan)
        for ccode, point in _points_by_number(points_path, states_path, s).items():
            ideal[ccode] = point
        p1, p2 = ideal[table.keys // _WIDTH], ideal[table.keys % _WIDTH]
        keep = ~np.isnan(p1) & ~np.isnan(p2)
        x.append(np.abs(p1 - p2)[keep])
        y.append(2 * table.agree3[keep] - 1)
    xs, ys = np.concatenate(x), np.concatenate(y)
    if len(xs) < 2 or np.ptp(xs) == 0:
        return None
    design = np.column_stack([np.ones_like(xs), xs])
    (intercept, slope), *_ = np.linalg.lstsq(design, ys, rcond=None)
    residual = ys - (intercept + slope * xs)
    r_squared = 1 - residual.var() / ys.var() if ys.var() > 0 else 1.0
    return IdealPointMap(float(intercept), float(slope), used, len(xs), float(r_squared))


def ideal_point_map(session: int, data_dir=None) -> IdealPointMap:
    """The map from ideal-point distance to affinity used for ``session`` (see module doc),
    fitted on the pairs with at least :data:`MIN_JOINT` joint votes.

    Raises :class:`InputError` when no session up to ``session`` has both measures.
    """
    fitted = _fit(
        resolved_file(AGREEMENT, data_dir),
        resolved_file(IDEAL_POINTS, data_dir),
        resolved_file(STATES, data_dir),
        session,
    )
    if fitted is None:
        raise InputError(AGREEMENT, "session", "a session after the first with both", session)
    return fitted


def affinity(codes, parties, day: date, min_joint: int = MIN_JOINT, data_dir=None) -> dict:
    """Each state's affinity (-1..1) with each party, measured before ``day``.

    Parameters
    ----------
    codes:
        COW codes of the states (e.g. every state of the date).
    parties:
        COW codes of the parties (the aggressor and the target, ...).
    day:
        The crisis date; the session is :func:`collsec.data.unga.measured_session`.
    min_joint:
        Fewest joint votes for a roll-call agreement to count.

    Returns
    -------
    ``{code: {party: Affinity(value, source)}}`` in the order given. The value is
    ``2*agree3-1`` from the roll calls, else the ideal-point map's value, else None (no
    measure: a state with no recorded vote that session, or a date before 1947).

    """
    codes = check_codes(codes, data_dir)
    parties = check_codes(parties, data_dir)
    session, note = measured_session(day, data_dir)
    if session is None:
        missing = Affinity(None, note)
        return {c: dict.fromkeys(parties, missing) for c in codes}
    numbers = _by_code(resolved_file(STATES, data_dir))
    mine = np.array([numbers[c] for c in codes], np.int64)
    path = resolved_file(AGREEMENT, data_dir)
    points_path = resolved_file(IDEAL_POINTS, data_dir)
    states_path = resolved_file(STATES, data_dir)
    with_calls = session in set(sessions(data_dir))
    table = _session(path, session, min_joint) if with_calls else None
    ideal = _points_by_number(points_path, states_path, session)
    fitted = _fit(path, points_path, states_path, session)
    years = session_years(session)
    out: dict[str, dict[str, Affinity]] = {c: {} for c in codes}
    for party in parties:
        other = np.full(len(mine), numbers[party], np.int64)
        if table is not None:
            agree, joint = table.lookup(mine, other)
        else:
            agree, joint = np.full(len(mine), np.nan), np.zeros(len(mine), np.int64)
        p_party = ideal.get(numbers[party])
        for i, code in enumerate(codes):
            if code == party:
                out[code][party] = Affinity(1.0, "the same state")
            elif not np.isnan(agree[i]):
                out[code][party] = Affinity(
                    float(2 * agree[i] - 1),
                    f"UNGA roll-call agreement, session {session} ({years}), {joint[i]} joint "
                    "votes",
                )
            elif fitted is not None and p_party is not None and int(mine[i]) in ideal:
                distance = abs(ideal[int(mine[i])] - p_party)
                why = (
                    "the roll calls end in 2019"
                    if table is None
                    else f"fewer than {min_joint} joint recorded votes"
                )
                out[code][party] = Affinity(
                    float(fitted(distance)),
                    f"UNGA ideal points session {session} ({years}), via the fitted map "
                    f"{fitted.describe()} ({why} for this pair)",
                )
            else:
                out[code][party] = Affinity(
                    None,
                    f"no UNGA measure in session {session} ({years}): {code} or {party} cast no "
                    "recorded vote (not a UN member, or absent)",
                )
    return out


def mean_affinity(codes, day: date, min_joint: int = MIN_JOINT, data_dir=None) -> dict:
    """Each state's mean affinity with every other state in the session measured before
    ``day`` (the same measure as :func:`affinity`): its overall propensity to agree, which a
    relative affinity subtracts. ``{code: Affinity}``; None where the state cast no vote.
    """
    codes = check_codes(codes, data_dir)
    session, note = measured_session(day, data_dir)
    if session is None:
        return {c: Affinity(None, note) for c in codes}
    numbers = _by_code(resolved_file(STATES, data_dir))
    path = resolved_file(AGREEMENT, data_dir)
    years = session_years(session)
    if session in set(sessions(data_dir)):
        means = _session(path, session, min_joint).mean_by_state()
        source = f"mean UNGA roll-call agreement with all partners, session {session} ({years})"
    else:
        points_path = resolved_file(IDEAL_POINTS, data_dir)
        states_path = resolved_file(STATES, data_dir)
        ideal = _points_by_number(points_path, states_path, session)
        fitted = _fit(path, points_path, states_path, session)
        xs = np.array(list(ideal.values()))
        means = (
            {n: float(np.mean(fitted(np.abs(xs - x)))) for n, x in ideal.items()}
            if fitted is not None
            else {}
        )
        source = f"mean ideal-point affinity with all states, session {session} ({years})"
    return {
        c: Affinity(means.get(numbers[c]), source if numbers[c] in means else note) for c in codes
    }
