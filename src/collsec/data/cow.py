"""Correlates of War data: national material capabilities (CINC) and the state system list.

Read from the user's data directory (``cow-nmc/NMC-60-abridged.csv``,
``cow-states/states2016.csv``; see docs/data.md), never from a copy in the repository.
Citation: Singer, Bremer & Stuckey (1972); Greig & Enterline (2021), NMC v6.0; Correlates of War
Project (2017), State System Membership v2016.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from collsec.data.paths import data_file
from collsec.errors import InputError

NMC = "cow-nmc/NMC-60-abridged.csv"
STATES = "cow-states/states2016.csv"
YEARS = (1816, 2016)


@lru_cache(maxsize=4)
def _read_nmc(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, na_values=[-9])
    return frame.drop(columns=["version"], errors="ignore")


@lru_cache(maxsize=4)
def _read_states(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path).loc[:, lambda f: ~f.columns.str.startswith("Unnamed")]
    start = pd.to_datetime(dict(year=raw.styear, month=raw.stmonth, day=raw.stday)).dt.date
    end = pd.to_datetime(dict(year=raw.endyear, month=raw.endmonth, day=raw.endday)).dt.date
    return pd.DataFrame(
        {
            "stateabb": raw.stateabb,
            "ccode": raw.ccode,
            "name": raw.statenme,
            "start": start,
            "end": end,
        }
    )


def load_capabilities(data_dir=None) -> pd.DataFrame:
    """The NMC table, one row per state-year: stateabb, ccode, year, milex, milper, irst, pec,
    tpop, upop, cinc (share of world capability, 0..1; missing values as NaN).
    """
    return _read_nmc(data_file(NMC, data_dir).resolve()).copy()


def load_states(data_dir=None) -> pd.DataFrame:
    """The state system list: stateabb, ccode, name, start, end (one row per spell)."""
    return _read_states(data_file(STATES, data_dir).resolve()).copy()


def states_on(day: date, data_dir=None) -> list[str]:
    """COW codes of the states that existed on ``day``, in COW number order."""
    s = load_states(data_dir)
    alive = s[(s.start <= day) & (s.end >= day)].sort_values("ccode")
    return alive.stateabb.tolist()


def capabilities(year: int, codes, data_dir=None) -> dict[str, float]:
    """CINC of each code in ``year``.

    Raises :class:`InputError` for a year outside 1816-2016, a code that is not a COW state,
    or a state without a CINC that year (not a state then).
    """
    if not YEARS[0] <= year <= YEARS[1]:
        raise InputError("--year", "year", f"a year in {YEARS[0]}-{YEARS[1]} (COW NMC 6.0)", year)
    nmc = _read_nmc(data_file(NMC, data_dir).resolve())
    known = set(_read_states(data_file(STATES, data_dir).resolve()).stateabb)
    rows = nmc[nmc.year == year].set_index("stateabb").cinc
    out = {}
    for code in codes:
        if code not in known:
            raise InputError(
                "--actors",
                code,
                "a Correlates of War state code (e.g. USA, RUS, "
                "UKG, FRN, CHN); see cow-states/states2016.csv",
                code,
            )
        if code not in rows.index or pd.isna(rows[code]):
            raise InputError(
                "--actors",
                code,
                f"a state with a CINC in {year} (it was not a state of the system that year)",
                code,
            )
        out[code] = float(rows[code])
    return out


def state_name(code: str, data_dir=None) -> str:
    """The COW name of a state code (its last spell's name)."""
    names = load_states(data_dir).drop_duplicates("stateabb", keep="last").set_index("stateabb")
    return str(names.name.get(code, code))
