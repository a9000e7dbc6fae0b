"""Where states are: their capitals, from ``capitals.csv`` beside this module."""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd

from collsec.errors import InputError


@cache
def _capitals() -> pd.DataFrame:
    with resources.files(__package__).joinpath("capitals.csv").open(encoding="utf-8") as f:
        return pd.read_csv(f, comment="#").set_index("stateabb")


def capital(code: str) -> tuple[float, float]:
    """(latitude, longitude) of a COW state's capital, in degrees."""
    table = _capitals()
    if code not in table.index:
        raise InputError("capitals.csv", code, "a COW state code with a known capital", code)
    row = table.loc[code]
    return float(row.lat), float(row.lon)
