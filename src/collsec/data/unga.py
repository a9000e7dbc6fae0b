"""UN General Assembly ideal points (Bailey, Strezhnev & Voeten 2017; June 2024 release).

Session *s* covers roughly September of year 1945 + *s* to the next September; collsec uses
session ``year - 1945`` for a crisis in ``year``. States are joined to COW letter codes by their
COW number (``ccode``). The League years (before 1946) are not covered.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from collsec.data.cow import STATES, _read_states
from collsec.data.paths import data_file

IDEAL_POINTS = "unga-ideal-points/IdealpointestimatesAll_Jun2024.csv"
FIRST_SESSION_YEAR = 1946


@lru_cache(maxsize=4)
def _read(path: Path, states_path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path)
    codes = _read_states(states_path).drop_duplicates("ccode", keep="last")[["ccode", "stateabb"]]
    frame = raw.rename(
        columns={"IdealPointAll": "ideal_point", "NVotesAll": "votes", "Countryname": "country"}
    )
    frame = frame.rename(columns=lambda c: c[:-5].lower() + "_agree" if c.endswith("Agree") else c)
    frame["year"] = frame.session + 1945
    keep = [
        "ccode",
        "session",
        "year",
        "iso3c",
        "country",
        "votes",
        "ideal_point",
        *[c for c in frame.columns if c.endswith("_agree")],
    ]
    return frame[keep].merge(codes, on="ccode", how="left")


def load_ideal_points(data_dir=None) -> pd.DataFrame:
    """One row per state-session: ccode, stateabb, session, year, ideal_point, votes and the
    agreement shares with the US, Russia, Brazil, China, India and Israel (``*_agree``).
    """
    return _read(
        data_file(IDEAL_POINTS, data_dir).resolve(), data_file(STATES, data_dir).resolve()
    ).copy()


def ideal_points(year: int, codes, data_dir=None) -> dict[str, float | None]:
    """Each code's ideal point in session ``year - 1945``; None where there is no estimate
    (not a member, did not vote, or a League year).
    """
    out: dict[str, float | None] = dict.fromkeys(codes)
    if year < FIRST_SESSION_YEAR:
        return out
    frame = load_ideal_points(data_dir)
    session = frame[frame.session == year - 1945].dropna(subset=["ideal_point"])
    values = session.set_index("stateabb").ideal_point
    for code in codes:
        if code in values.index:
            out[code] = float(values[code])
    return out
