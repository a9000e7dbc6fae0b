"""Shared test fixtures, and one line at the end of the run on the tests the data decide.

``shared_data`` is the public data directory the tests read (``$COLLSEC_DATA_DIR``, else
``../shared/data`` beside the repository). Tests that need it skip when it is absent, and
instead of fifty quiet skips the run ends with one line saying how many were skipped and how
to run them. The data are never copied into the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NO_DATA = "the public data were not found at ../shared/data (set COLLSEC_DATA_DIR)"
"""Reason of every skip for want of the public data (counted at the end of the run)."""


def _shared_data_dir() -> Path | None:
    env = os.environ.get("COLLSEC_DATA_DIR")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared" / "data")
    return next((c for c in candidates if c.is_dir()), None)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The public data directory, or skip: the tests never ship the data themselves."""
    found = _shared_data_dir()
    if found is None:
        pytest.skip(NO_DATA)
    return found


def pytest_terminal_summary(terminalreporter) -> None:
    """One line for all the tests skipped for want of the public data."""
    skipped = terminalreporter.stats.get("skipped", [])
    n = sum(1 for report in skipped if NO_DATA in str(report.longrepr))
    if n:
        terminalreporter.write_sep("-", "public data", yellow=True)
        terminalreporter.write_line(f"{n} tests skipped: {NO_DATA}", yellow=True)
