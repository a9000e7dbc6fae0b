"""Result tables at the edge: CSV or Parquet, chosen by the file's suffix, written atomically.

Kept for the callers of :func:`write_table` and :func:`check_table_path`; the writing itself
is :mod:`collsec.outputs`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from collsec.outputs import TABLE_SUFFIXES, Output, plan
from collsec.outputs import write_table as _write

SUFFIXES = TABLE_SUFFIXES


def check_table_path(path: Path, source: str = "--out") -> Path:
    """``path`` if a table can be written there (.csv or .parquet, an existing writable
    folder, not a folder itself); else a clear :class:`~collsec.errors.InputError`.
    """
    plan([Output(source, Path(path), TABLE_SUFFIXES)])
    return Path(path)


def write_table(table: pd.DataFrame, path: Path, source: str = "--out") -> Path:
    """Write ``table`` to ``path`` atomically (.csv without the index, or .parquet)."""
    check_table_path(path, source)
    return _write(table, path)
