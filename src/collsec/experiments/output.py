"""Sinks at the edge: write a result table to CSV or Parquet, chosen by the file's suffix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from collsec.errors import InputError

SUFFIXES = (".csv", ".parquet")


def check_table_path(path: Path, source: str = "--out") -> Path:
    """``path`` if it ends in .csv or .parquet and its folder exists; else a clear error."""
    path = Path(path)
    if path.suffix not in SUFFIXES:
        raise InputError(source, str(path), "a file ending in .csv or .parquet", path.suffix)
    if not path.parent.is_dir():
        raise InputError(source, str(path), "a file in an existing folder", str(path.parent))
    return path


def write_table(table: pd.DataFrame, path: Path, source: str = "--out") -> Path:
    """Write ``table`` to ``path`` (.csv without the index, or .parquet)."""
    path = check_table_path(path, source)
    if path.suffix == ".parquet":
        table.to_parquet(path, index=False)
    else:
        table.to_csv(path, index=False)
    return path
