"""Shared test fixtures.

``shared_data`` is the public data directory the tests read (``../shared/data`` beside the
repository, or ``$COLLSEC_DATA_DIR``); tests that need it skip with the reason when it is
absent. The data are never copied into the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


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
        pytest.skip(
            "public data not found: set COLLSEC_DATA_DIR or place shared/data beside the repo"
        )
    return found
