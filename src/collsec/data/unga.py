"""UN General Assembly ideal points (Bailey, Strezhnev & Voeten 2017; June 2024 release).

Read from the user's data directory (``unga-ideal-points/IdealpointestimatesAll_Jun2024.csv``;
see docs/data.md). The ideal point is a state's position on one dimension estimated from its
recorded Assembly votes, roughly its stance toward the US-led liberal order (high = close to
the US; about -2..+3). collsec uses it as an actor's alignment coordinate.

Session *s* runs roughly from September of year 1945 + *s* to the next September; collsec uses
session ``year - 1945`` for a crisis in ``year`` (so a crisis in June 1950 reads session 5,
which began in September 1950). States are joined to COW letter codes by their COW number
(``ccode``). The League years (before 1946) are not covered: every actor's ideal point is None.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from collsec.data.cow import STATES, _read_states, check_codes, check_year, require_columns
from collsec.data.paths import data_file

IDEAL_POINTS = "unga-ideal-points/IdealpointestimatesAll_Jun2024.csv"
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
    return _read(data_file(IDEAL_POINTS, data_dir).resolve(), data_file(STATES, data_dir).resolve())


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
