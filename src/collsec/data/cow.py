"""Correlates of War data: national material capabilities (CINC) and the state system list.

Read from the user's data directory (``cow-nmc/NMC-60-abridged.csv``,
``cow-states/states2016.csv``; ``--data-dir`` or ``$COLLSEC_DATA_DIR``, see docs/data.md), never
from a copy in the repository. Citation: Singer, Bremer & Stuckey (1972); Greig & Enterline
(2021), NMC v6.0; Correlates of War Project (2017), State System Membership v2016.

States are named by their COW letter code (``stateabb``: USA, RUS for Russia and the USSR, UKG,
FRN, CHN, JPN, GMY, PRK, ROK, ...). Loads are cached per resolved file path.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from numbers import Integral
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from collsec.data.dates import DataYear, check_day, year_of
from collsec.data.paths import resolved_file
from collsec.errors import DataMissingError, InputError

NMC = "cow-nmc/NMC-60-abridged.csv"
STATES = "cow-states/states2016.csv"
YEARS = (1816, 2016)
"""First and last year of NMC 6.0 and of the state list v2016."""

COMPONENTS = ["milex", "milper", "irst", "pec", "tpop", "upop"]
"""The six NMC components (units in docs/data.md); CINC is their average share."""

_MISSING = -9
"""The COW code for a missing value."""


def require_columns(frame: pd.DataFrame, columns: Iterable[str], path: Path) -> None:
    """Raise :class:`DataMissingError` naming ``path`` and the columns it lacks, if any."""
    lacking = [c for c in columns if c not in frame.columns]
    if lacking:
        raise DataMissingError(
            f"{path}: columns {', '.join(lacking)} not found; is it the file docs/data.md "
            "names (same release)?"
        )


@lru_cache(maxsize=4)
def _read_nmc(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path)
    require_columns(raw, ["stateabb", "ccode", "year", "cinc", *COMPONENTS], path)
    frame = raw[["stateabb", "ccode", "year", "cinc", *COMPONENTS]].copy()
    values = frame[["cinc", *COMPONENTS]].astype(float)
    frame[["cinc", *COMPONENTS]] = values.where(values != _MISSING, np.nan)
    return frame.sort_values(["ccode", "year"], ignore_index=True)


@lru_cache(maxsize=4)
def _read_states(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path)
    raw = raw.loc[:, ~raw.columns.str.startswith("Unnamed")]  # trailing empty columns
    spell = ["styear", "stmonth", "stday", "endyear", "endmonth", "endday"]
    require_columns(raw, ["stateabb", "ccode", "statenme", *spell], path)

    def day(y: str, m: str, d: str) -> pd.Series:
        return pd.to_datetime({"year": raw[y], "month": raw[m], "day": raw[d]}).dt.date

    return pd.DataFrame(
        {
            "stateabb": raw.stateabb.str.strip(),
            "ccode": raw.ccode,
            "name": raw.statenme.str.strip(),
            "start": day("styear", "stmonth", "stday"),
            "end": day("endyear", "endmonth", "endday"),
        }
    )


def _nmc(data_dir) -> pd.DataFrame:
    return _read_nmc(resolved_file(NMC, data_dir))


def _states(data_dir) -> pd.DataFrame:
    return _read_states(resolved_file(STATES, data_dir))


def load_capabilities(data_dir=None) -> pd.DataFrame:
    """The NMC 6.0 table, one row per state-year (a copy; the load is cached).

    Columns: ``stateabb`` (COW letter code), ``ccode`` (COW number), ``year`` (1816-2016),
    ``cinc`` (Composite Index of National Capability: the state's mean share of the system total
    over the six components, 0..1; a year sums to 1.00-1.07 in the file), ``milex`` (military
    expenditure, thousands of current USD; before 1914 thousands of GBP), ``milper`` (military
    personnel, thousands), ``irst`` (iron and steel, thousands of tons), ``pec`` (primary energy
    consumption, thousands of coal-ton equivalents), ``tpop`` and ``upop`` (total and urban
    population, thousands). The file's missing code -9 is NaN.
    """
    return _nmc(data_dir).copy()


def load_states(data_dir=None) -> pd.DataFrame:
    """The COW state system list v2016, one row per spell (a copy; the load is cached).

    Columns: ``stateabb``, ``ccode``, ``name``, ``start`` and ``end`` (``datetime.date``; an
    end of 2016-12-31 means a member at the end of the data). A state can have several spells
    (e.g. the Baltic states, 1918-1940 and from 1991).
    """
    return _states(data_dir).copy()


def check_year(year, first: int | None, last: int, what: str) -> int:
    """``year`` as an int, or :class:`InputError` if it is not a whole year in first..last
    (``first`` None: any year up to ``last``).
    """
    whole = not isinstance(year, bool) and isinstance(year, Integral)
    if not whole or (first is not None and year < first) or year > last:
        span = f"in {first}-{last}" if first is not None else f"up to {last}"
        raise InputError("--year", "year", f"a year {span} ({what})", year)
    return int(year)


_ALIASES = {
    "USSR": "RUS",
    "SUN": "RUS",
    "UK": "UKG",
    "GBR": "UKG",
    "FRA": "FRN",
    "DEU": "GMY",
    "GER": "GMY",
    "PRC": "CHN",
    "ROC": "TAW",
    "DPRK": "PRK",
}
"""Common non-COW names of states -> COW code, for suggestions only (never applied silently)."""


def _as_list(codes) -> list[str]:
    return [codes] if isinstance(codes, str) else list(codes)


def _suggestion(code, states: pd.DataFrame) -> str:
    """' (did you mean X?)' for a near miss: wrong case, a state's name, a close code."""
    text = str(code).strip()
    known = list(dict.fromkeys(states.stateabb))
    by_name = {n.lower(): c for n, c in zip(states.name, states.stateabb, strict=True)}
    if text.upper() in _ALIASES:
        guess = [_ALIASES[text.upper()]]
    elif text.upper() in known:
        guess = [text.upper()]
    elif text.lower() in by_name:
        guess = [by_name[text.lower()]]
    else:
        guess = difflib.get_close_matches(text.upper(), known, n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(guess)}?)" if guess else ""


def check_codes(codes, data_dir=None) -> list[str]:
    """``codes`` as a list, or :class:`InputError` naming the first that is not a COW code.

    A single string is one code. Codes are COW letter codes exactly as in the state list.
    """
    out = _as_list(codes)
    path = resolved_file(STATES, data_dir)
    known = _by_code(path)
    for code in out:
        if not isinstance(code, str) or code not in known:
            states = _read_states(path)
            raise InputError(
                "--actors",
                str(code),
                "a Correlates of War state code (e.g. USA, RUS, UKG, FRN, CHN; see "
                f"cow-states/states2016.csv){_suggestion(code, states)}",
                code,
            )
    return out


def capabilities(year: int, codes, data_dir=None) -> dict[str, float]:
    """CINC of each COW code in ``year``, as in the NMC 6.0 file (raw, not renormalised).

    ``year``: 1816-2016. ``codes``: COW letter codes (a single string is one code). Returns
    ``{code: cinc}`` in the order given, each in 0..1.

    Raises :class:`InputError` for a year outside 1816-2016, a code that is not in the COW
    list, or a state without a CINC that year (it was not a state of the system then).
    """
    year = check_year(year, *YEARS, "COW NMC 6.0")
    codes = check_codes(codes, data_dir)
    nmc = _nmc(data_dir)
    of_year = nmc[nmc.year == year].set_index("stateabb").cinc
    out = {}
    for code in codes:
        value = of_year.get(code)
        if value is None or pd.isna(value):
            raise InputError(
                "--actors",
                code,
                f"a state with a CINC in {year}: {code} ({state_name(code, data_dir)}) was "
                f"not a state of the system in {year} (its spells: {_spells(code, data_dir)})",
                code,
            )
        out[code] = float(value)
    return out


def _spells(code: str, data_dir) -> str:
    s = _states(data_dir)
    rows = s[s.stateabb == code]
    spells = zip(rows.start, rows.end, strict=True)
    return ", ".join(f"{a.isoformat()} to {b.isoformat()}" for a, b in spells)


END_OF_LIST = date(2016, 12, 31)
"""The last day of the state list v2016: an end on this day means a member at the end."""


def states_on(day: date, data_dir=None) -> list[str]:
    """COW codes of the states that were members of the system on ``day``, by COW number.

    After the end of the list (2016-12-31) the states that were members then are carried
    forward (:func:`states_note` says so): the list records no birth or death after 2016.
    """
    day = check_day(day)
    return list(_states_on(resolved_file(STATES, data_dir), min(day, END_OF_LIST)))


@lru_cache(maxsize=4096)
def _states_on(path: Path, day: date) -> tuple[str, ...]:
    s = _read_states(path)
    alive = s[(s.start <= day) & (s.end >= day)].sort_values("ccode")
    return tuple(dict.fromkeys(alive.stateabb))


def states_note(day: date) -> str:
    """One line for a draft's header: which state list gives the states of ``day``."""
    day = check_day(day)
    if day > END_OF_LIST:
        return (
            f"states: COW state system v2016 as of {END_OF_LIST.isoformat()}, carried forward "
            f"to {day.isoformat()} (the list ends in 2016)"
        )
    return f"states: COW state system v2016 on {day.isoformat()}"


@lru_cache(maxsize=4)
def _by_ccode(path: Path) -> Mapping[int, str]:
    states = _read_states(path)
    return MappingProxyType(dict(zip(states.ccode.astype(int), states.stateabb, strict=True)))


@lru_cache(maxsize=4)
def _by_code(path: Path) -> Mapping[str, int]:
    return MappingProxyType({c: n for n, c in _by_ccode(path).items()})


def codes_by_number(data_dir=None) -> Mapping[int, str]:
    """COW number -> COW letter code (``2`` -> ``USA``, ``365`` -> ``RUS``), for all 217 states.

    Every other data set (ATOP, trade, IGO, ICB, the Security Council list) names states by
    COW number; this is the one join to letter codes. The mapping is one to one in v2016.
    A read-only view (cached per file).
    """
    return _by_ccode(resolved_file(STATES, data_dir))


def capability_year(day: date) -> DataYear:
    """The NMC year read for a crisis on ``day``: the crisis year (the issue: "CINC of the
    year"), 2016 carried forward after the data end. Raises :class:`InputError` before 1816.

    CINC is an annual aggregate that moves slowly; the crisis year is the convention of the
    built-in cases. The note says which year and, after 2016, that it was carried forward.
    """
    return year_of(day, *YEARS, "COW NMC 6.0 cinc")


def capabilities_on(day: date, codes, data_dir=None) -> dict[str, float]:
    """CINC of each COW code for a crisis on ``day``: :func:`capabilities` of
    :func:`capability_year` (the crisis year; 2016 carried forward after 2016).

    Raises :class:`InputError` as :func:`capabilities` does (unknown code, no CINC that year).
    """
    return capabilities(capability_year(day).year, codes, data_dir)


def states_in(year: int, data_dir=None) -> list[str]:
    """COW codes of the states that were members of the system on any day of ``year``
    (1816-2016), by COW number. In 1990 this holds both Germanys (GFR, GDR) and GMY, both
    Yemens and YEM; :func:`states_on` gives one day.
    """
    year = check_year(year, *YEARS, "COW state system v2016")
    s = _states(data_dir)
    alive = s[(s.start <= date(year, 12, 31)) & (s.end >= date(year, 1, 1))]
    return list(dict.fromkeys(alive.sort_values("ccode").stateabb))


def state_name(code: str, data_dir=None) -> str:
    """The COW name of a state code (e.g. ``RUS`` -> ``Russia``, which COW also uses for the
    USSR). Raises :class:`InputError` for a code not in the COW list.
    """
    (code,) = check_codes([code], data_dir)
    return _names(resolved_file(STATES, data_dir))[code]


@lru_cache(maxsize=4)
def _names(path: Path) -> Mapping[str, str]:
    # Last row wins, as for a state listed with several spells; one dict per file, because a
    # draft names ~195 states and a filter of the table per name was a fifth of drafting time.
    states = _read_states(path)
    return MappingProxyType(dict(zip(states.stateabb, states.name.astype(str), strict=True)))
