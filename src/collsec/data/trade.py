"""Trade between states (COW dyadic trade v4.0, 1870-2014): shares and dependence.

Read from the user's data directory (``cow-trade/cow_trade_v4_nondirected_dyad_year.csv.gz``;
see docs/data.md): one row per pair of states and year, ``flow1`` = imports of ``ccode1`` from
``ccode2`` and ``flow2`` = imports of ``ccode2`` from ``ccode1``, millions of current US
dollars. Citation: Barbieri, Keshk & Pollins (2009), "Trading Data: Evaluating our Assumptions
and Coding Rules", Conflict Management and Peace Science 26(5): 471-491; Barbieri & Keshk
(2016), COW Trade v4.0 codebook.

A pair's trade is its two flows (imports each way, i.e. the first state's imports plus its
exports), a state's total trade the sum over all its pairs. A missing flow (empty in this
conversion, -9 in the COW original) is missing, never zero: a pair with both flows missing has
no data and is left out; a pair with one flow missing counts the flow that is known. Shares
are therefore over the partners with data, and sum to 1 over them. The raw flows are used; the
COW project's smoothed flows (``smoothflow1/2``, which differ from the raw ones mostly for
small flows) are available with ``smoothed=True``.

For a crisis date collsec reads the last full year before it (``year - 1``; :func:`trade_year`);
after 2015 the 2014 flows are carried forward, and the note says so.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from collsec.data.cow import (
    STATES,
    _by_ccode,
    _by_code,
    check_codes,
    check_year,
    require_columns,
)
from collsec.data.dates import DataYear, last_full_year_before
from collsec.data.paths import resolved_file

TRADE = "cow-trade/cow_trade_v4_nondirected_dyad_year.csv.gz"
YEARS = (1870, 2014)
"""First and last year of COW trade v4.0."""


@lru_cache(maxsize=2)
def _read(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path)
    columns = ["ccode1", "ccode2", "year", "flow1", "flow2", "smoothflow1", "smoothflow2"]
    require_columns(raw, columns, path)
    frame = raw[columns].copy()
    flows = frame[columns[3:]].astype(float)
    frame[columns[3:]] = flows.where(flows >= 0, np.nan)  # -9 (or any negative) is missing
    return frame.sort_values(["year", "ccode1", "ccode2"], ignore_index=True)


@lru_cache(maxsize=64)
def _year(path: Path, year: int, smoothed: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ccode1, ccode2, pair trade or NaN) of one year, and the totals by COW number."""
    frame = _read(path)
    years = frame.year.to_numpy()
    a, b = np.searchsorted(years, year), np.searchsorted(years, year, "right")
    part = frame.iloc[a:b]
    one, two = ("smoothflow1", "smoothflow2") if smoothed else ("flow1", "flow2")
    flows = part[[one, two]].to_numpy()
    known = ~np.isnan(flows)
    pair = np.where(known.any(axis=1), np.nansum(flows, axis=1), np.nan)
    return part.ccode1.to_numpy(), part.ccode2.to_numpy(), pair


def _totals(c1: np.ndarray, c2: np.ndarray, pair: np.ndarray) -> np.ndarray:
    weights = np.nan_to_num(pair)
    size = int(max(c1.max(initial=0), c2.max(initial=0))) + 1
    return np.bincount(c1, weights, size) + np.bincount(c2, weights, size)


def _number(code: str, data_dir) -> int:
    return _by_code(resolved_file(STATES, data_dir))[code]


def _flows_of(code: str, year: int, smoothed: bool, data_dir):
    """The pair flows of ``year`` (ccode1, ccode2, trade) with ``code``'s COW number and the
    mask of its known flows; checks the year and the code (one :class:`InputError` each).
    """
    year = check_year(year, *YEARS, "COW trade v4.0")
    path = resolved_file(TRADE, data_dir)  # a missing trade file is named before the states
    (code,) = check_codes([code], data_dir)
    c1, c2, pair = _year(path, year, smoothed)
    n = _number(code, data_dir)
    return c1, c2, pair, n, ((c1 == n) | (c2 == n)) & ~np.isnan(pair)


def trade_year(day: date) -> DataYear:
    """The trade year read for a crisis on ``day``: the last full year before it, 2014
    carried forward after 2015 (the note says so).
    """
    return last_full_year_before(day, *YEARS, "COW trade v4.0")


def trade_shares(code: str, year: int, smoothed: bool = False, data_dir=None) -> dict[str, float]:
    """Share of ``code``'s total trade (imports + exports) with each partner in ``year``.

    Returns ``{partner: share}`` over the partners with data, shares in 0..1 summing to 1,
    largest first. Empty when the state has no trade with data that year. Raises
    :class:`InputError` for an unknown code or a year outside 1870-2014.
    """
    c1, c2, pair, n, mine = _flows_of(code, year, smoothed, data_dir)
    total = pair[mine].sum()
    if not mine.any() or total <= 0:
        return {}
    partner = np.where(c1[mine] == n, c2[mine], c1[mine])
    share = pair[mine] / total
    names = _by_ccode(resolved_file(STATES, data_dir))
    order = np.lexsort((partner, -share))
    return {names[int(partner[i])]: float(share[i]) for i in order}


def dependence(codes, on: str, year: int, smoothed: bool = False, data_dir=None) -> dict:
    """Share of each state's total trade that is with ``on`` in ``year`` (0..1).

    For sanctions: how much of its trade each state would give up by cutting ``on`` off, or
    how exposed it is to ``on``. Returns ``{code: share or None}`` in the order given; None
    where there is no data (no flow known for the pair, or no known trade at all), and for
    ``on`` itself. Raises :class:`InputError` for an unknown code or a year outside 1870-2014.
    """
    year = check_year(year, *YEARS, "COW trade v4.0")
    path = resolved_file(TRADE, data_dir)
    codes = check_codes(codes, data_dir)
    (on,) = check_codes([on], data_dir)
    c1, c2, pair = _year(path, year, smoothed)
    totals = _totals(c1, c2, pair)
    target = _number(on, data_dir)
    with_target = (c1 == target) | (c2 == target)
    other = np.where(c1[with_target] == target, c2[with_target], c1[with_target])
    value = dict(zip(other.tolist(), pair[with_target].tolist(), strict=True))
    numbers = _by_code(resolved_file(STATES, data_dir))
    out: dict[str, float | None] = {}
    for code in codes:
        n = numbers[code]
        trade = value.get(n)
        total = totals[n] if n < len(totals) else 0.0
        ok = code != on and trade is not None and not np.isnan(trade) and total > 0
        out[code] = float(trade / total) if ok else None
    return out


def total_trade(code: str, year: int, smoothed: bool = False, data_dir=None) -> float | None:
    """``code``'s total trade (imports + exports) in ``year``, millions of current US dollars,
    over the partners with data; None when it has none.
    """
    _, _, pair, _, mine = _flows_of(code, year, smoothed, data_dir)
    return float(pair[mine].sum()) if mine.any() else None


def load_trade(data_dir=None) -> pd.DataFrame:
    """The trade file (a copy; cached): ``ccode1, ccode2, year, flow1, flow2, smoothflow1,
    smoothflow2`` (millions of current US dollars; missing is NaN), sorted by year.
    """
    return _read(resolved_file(TRADE, data_dir)).copy()
