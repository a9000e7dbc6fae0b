"""The record of Security Council vetoes, 1946 - September 2022 (World Politics Data Lab).

Every draft in the file had the majority it needed but for the veto(es); the vote counts are
not in it (see docs/voting.md for what that means for reform analysis).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from collsec.data.paths import data_file

VETOES = "unsc-vetoes/unsc_vetoes_1946_sept2022.csv"
MEMBER_CODES = {
    "USSR": "RUS",
    "Russia": "RUS",
    "USA": "USA",
    "UK": "UKG",
    "France": "FRN",
    "China": "CHN",
}
"""Names in the file -> COW codes (China's vetoes before 1971 were cast by the ROC)."""


@lru_cache(maxsize=2)
def _read(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path)
    vetoers = raw[["member_veto1", "member_veto2", "member_veto3"]].apply(
        lambda row: tuple(MEMBER_CODES[v.strip()] for v in row.dropna()), axis=1
    )
    return pd.DataFrame(
        {
            "date": pd.to_datetime(raw.date, format="%m/%d/%Y"),
            "year": raw.year,
            "decade": (raw.year // 10 * 10).astype(str) + "s",
            "draft": raw.draft,
            "agenda_item": raw.agenda_item,
            "topic": raw.crisis_topic.str.strip(),
            "region": raw.region.str.strip(),
            "vetoed_by": vetoers,
            "n_vetoes": vetoers.map(len),
        }
    )


def load_vetoes(data_dir=None) -> pd.DataFrame:
    """One row per vetoed draft: date, year, decade, draft, agenda_item, topic, region,
    vetoed_by (tuple of COW codes, from the member_veto columns) and n_vetoes.
    """
    return _read(data_file(VETOES, data_dir).resolve()).copy()
