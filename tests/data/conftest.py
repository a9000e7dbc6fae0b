"""Fixtures for the data-layer tests: the public files read independently with the csv module
(never through collsec.data), so the tests compare collsec's readers with the files themselves.
"""

from __future__ import annotations

import csv

import pytest


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def nmc_rows(shared_data):
    """The NMC 6.0 rows as dicts of strings."""
    return _rows(shared_data / "cow-nmc" / "NMC-60-abridged.csv")


@pytest.fixture(scope="session")
def state_rows(shared_data):
    """The COW state list rows as dicts of strings."""
    return _rows(shared_data / "cow-states" / "states2016.csv")


@pytest.fixture(scope="session")
def ideal_rows(shared_data):
    """The ideal-point rows as dicts of strings."""
    return _rows(shared_data / "unga-ideal-points" / "IdealpointestimatesAll_Jun2024.csv")


def cinc_in_file(nmc_rows, code, year):
    """The cinc cell of one state-year, as a float."""
    (row,) = [r for r in nmc_rows if r["stateabb"] == code and int(r["year"]) == year]
    return float(row["cinc"])
