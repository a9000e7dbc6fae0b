"""Shared test fixtures, and one line at the end of the run on the tests the data decide.

``shared_data`` is the public data directory the tests read (``$COLLSEC_DATA_DIR``, else
``../shared/data`` beside the repository). Tests that need it skip when it is absent, and
instead of fifty skips listed one by one the run ends with one line saying how many were
skipped and how to run them. The data are never copied into the repository.
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


_SKIP_LINE = next(  # 1-based, as the short summary prints it
    i + 1
    for i, line in enumerate(Path(__file__).read_text(encoding="utf-8").splitlines())
    if "pytest.skip(NO_DATA)" in line
)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Report every skip for want of the data at one place (the fixture), so that pytest's
    short summary (``-ra``, the default here) folds them into one line.
    """
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple) and NO_DATA in report.longrepr[2]:
        report.longrepr = (__file__, _SKIP_LINE, f"Skipped: {NO_DATA}")
    return report


def pytest_terminal_summary(terminalreporter) -> None:
    """The same line when the short summary does not list skips (``-r`` without ``s``)."""
    if "s" in terminalreporter.reportchars:
        return
    skipped = terminalreporter.stats.get("skipped", [])
    n = sum(1 for report in skipped if NO_DATA in str(report.longrepr))
    if n:
        terminalreporter.write_line(f"{n} tests skipped: {NO_DATA}", yellow=True)
