"""Where states are: their capitals (``capitals.csv`` beside this module) and distances.

The table is shipped with collsec (it is small and written for it from public geographic
knowledge; see its header and docs/data.md): one row per COW letter code and seat of government,
with the years of each seat where the capital moved (Russia/USSR: St. Petersburg until 1917;
China: Nanjing 1927-37 and 1946-48; Turkey: Istanbul until 1923; ...). Coordinates are degrees
(WGS84), rounded to 0.01 (about 1 km).
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources

import pandas as pd

from collsec.errors import InputError
from collsec.geography import great_circle_km as _great_circle

CAPITALS = "capitals.csv"


@cache
def capitals() -> pd.DataFrame:
    """The capitals table: stateabb, capital, lat, lon, from_year, to_year (NaN: open)."""
    with resources.files(__package__).joinpath(CAPITALS).open(encoding="utf-8") as f:
        return pd.read_csv(f, comment="#", dtype={"from_year": "Int64", "to_year": "Int64"})


@cache
def _seats() -> dict[str, list[tuple[float, float, str, float, float]]]:
    """Code -> [(first year, last year, capital, lat, lon)], open ends as -inf/inf."""
    out: dict[str, list] = {}
    for r in capitals().itertuples():
        first = -math.inf if pd.isna(r.from_year) else int(r.from_year)
        last = math.inf if pd.isna(r.to_year) else int(r.to_year)
        out.setdefault(r.stateabb, []).append((first, last, r.capital, r.lat, r.lon))
    return out


def _seat(code: str, year: int | None) -> tuple[float, float, str, float, float]:
    seats = _seats().get(code)
    if seats is None:
        raise InputError(
            f"collsec/data/{CAPITALS}", str(code), "a COW state code with a known capital", code
        )
    if year is None:
        return seats[-1]
    return next((s for s in seats if s[0] <= year <= s[1]), seats[-1])


def capital(code: str, year: int | None = None) -> tuple[float, float]:
    """(latitude, longitude) in degrees of the capital of COW state ``code`` in ``year``
    (None: the latest seat). Raises :class:`InputError` for a code without a capital.
    """
    _, _, _, lat, lon = _seat(code, year)
    return float(lat), float(lon)


def capital_name(code: str, year: int | None = None) -> str:
    """Name of the capital of COW state ``code`` in ``year`` (None: the latest seat)."""
    return str(_seat(code, year)[2])


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (mean Earth radius 6371.0088 km, haversine) between two
    (latitude, longitude) points in degrees; 0..20,015 km.
    """
    return float(_great_circle(a[0], a[1], b[0], b[1]))


def distance_km(code_a: str, code_b: str, year: int | None = None) -> float:
    """Great-circle distance in km between the capitals of two COW states in ``year``."""
    return great_circle_km(capital(code_a, year), capital(code_b, year))
