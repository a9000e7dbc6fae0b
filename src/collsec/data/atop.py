"""ATOP 5.1 alliance pledges in force, per directed pair of states and year (1815-2018).

Read from the user's data directory (``atop/atop5_1_directed_dyad_year.csv.gz``; see
docs/data.md). One row per ordered pair and year in which some pledge binds ``ccode1`` toward
``ccode2``: defence (``ccode1`` will defend ``ccode2`` if attacked), offence, neutrality,
non-aggression, consultation. The pledge is directed: a guarantee may run one way only.
Citation: Leeds, Ritter, Mitchell & Long (2002), "Alliance Treaty Obligations and Provisions,
1815-1944", International Interactions 28: 237-260; ATOP v5.1, free for research with citation.

ATOP dates an obligation from the treaty's signature and codes a pair in every calendar year
in which the obligation held for part of the year. For a crisis date collsec reads the last
full year before it (``year - 1``; :func:`pledge_year`): a pledge signed later in the year
before the crisis is in, one signed in the crisis year itself is not. After 2018 the 2018
pledges are carried forward, and the note says so. States are COW letter codes.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from collsec.data.cow import STATES, _by_ccode, check_codes, check_year, require_columns
from collsec.data.dates import DataYear, last_full_year_before
from collsec.data.paths import resolved_file
from collsec.errors import InputError

ATOP = "atop/atop5_1_directed_dyad_year.csv.gz"
YEARS = (1815, 2018)
"""First and last year of the ATOP 5.1 directed dyad-year file."""

PLEDGES = ("defense", "offense", "neutral", "nonagg", "consul")
"""The five kinds of pledge, as columns of :func:`pledges` (file columns ``atop_<kind>``)."""


@lru_cache(maxsize=2)
def _read(path: Path, states_path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path)
    columns = ["ccode1", "ccode2", "year", *(f"atop_{k}" for k in PLEDGES)]
    require_columns(raw, columns, path)
    codes = _by_ccode(states_path)
    frame = pd.DataFrame(
        {
            "year": raw.year.astype(int),
            "code1": raw.ccode1.map(codes),
            "code2": raw.ccode2.map(codes),
            **{k: raw[f"atop_{k}"].fillna(0).astype(int).astype(bool) for k in PLEDGES},
        }
    )
    unknown = frame.code1.isna() | frame.code2.isna()
    if unknown.any():
        row = raw[unknown].iloc[0]
        raise _unknown_ccode(path, row)
    return frame.sort_values(["year", "code1", "code2"], ignore_index=True)


def _unknown_ccode(path: Path, row) -> InputError:
    return InputError(
        str(path),
        f"ccode1={row.ccode1}, ccode2={row.ccode2}, year={row.year}",
        "COW state numbers that are in cow-states/states2016.csv",
    )


def _table(data_dir) -> pd.DataFrame:
    return _read(resolved_file(ATOP, data_dir), resolved_file(STATES, data_dir))


def load_pledges(data_dir=None) -> pd.DataFrame:
    """The whole ATOP table (a copy; the load is cached): ``year, code1, code2`` and one
    boolean column per kind of pledge (``defense, offense, neutral, nonagg, consul``),
    sorted by year then codes. ``code1`` pledged to ``code2``.
    """
    return _table(data_dir).copy()


@lru_cache(maxsize=8)
def _bounds(path: Path, states_path: Path) -> dict[int, tuple[int, int]]:
    years = _read(path, states_path).year.to_numpy()
    out = {}
    for y in np.unique(years):
        out[int(y)] = (int(np.searchsorted(years, y)), int(np.searchsorted(years, y, "right")))
    return out


def pledges(year: int, codes=None, data_dir=None) -> pd.DataFrame:
    """The pledges in force in ``year`` (1815-2018), one row per directed pair.

    Parameters
    ----------
    year:
        Calendar year, 1815-2018.
    codes:
        COW letter codes to keep (both ends of the pair must be among them); None keeps all.

    Returns
    -------
    DataFrame with columns ``code1, code2, defense, offense, neutral, nonagg, consul``
    (booleans; ``code1`` pledged to ``code2``), sorted by ``code1, code2``. A pair with no row
    has no ATOP pledge that year.

    Raises :class:`InputError` for a year outside 1815-2018 or an unknown COW code.

    """
    year = check_year(year, *YEARS, "ATOP 5.1")
    path, states = resolved_file(ATOP, data_dir), resolved_file(STATES, data_dir)
    start, stop = _bounds(path, states).get(year, (0, 0))
    out = _read(path, states).iloc[start:stop].drop(columns="year")
    if codes is not None:
        keep = set(check_codes(codes, data_dir))
        out = out[out.code1.isin(keep) & out.code2.isin(keep)]
    return out.reset_index(drop=True)


def pledge_year(day: date) -> DataYear:
    """The ATOP year read for a crisis on ``day``: the last full year before it (``year -
    1``), 2018 carried forward after 2019 (the note says so).
    """
    return last_full_year_before(day, *YEARS, "ATOP 5.1")


def pledges_before(day: date, codes=None, data_dir=None) -> pd.DataFrame:
    """:func:`pledges` of :func:`pledge_year` ``(day)``: the pledges measured before ``day``."""
    return pledges(pledge_year(day).year, codes, data_dir)


def partners(code: str, year: int, kind: str = "defense", data_dir=None) -> dict[str, list[str]]:
    """Who ``code`` pledged ``kind`` to in ``year``, and who pledged it to ``code``.

    Returns ``{"to": [...], "from": [...]}``: ``to`` the states ``code`` pledged to defend (or
    another ``kind`` of pledge, one of :data:`PLEDGES`), ``from`` the states that pledged it
    to ``code``; each sorted. Raises :class:`InputError` for an unknown kind, code or year.
    """
    if kind not in PLEDGES:
        raise InputError("atop", "kind", f"one of {', '.join(PLEDGES)}", kind)
    (code,) = check_codes([code], data_dir)
    table = pledges(year, data_dir=data_dir)
    table = table[table[kind]]
    return {
        "to": sorted(table.code2[table.code1 == code]),
        "from": sorted(table.code1[table.code2 == code]),
    }
