"""Where the public data live: a directory the user names, never a copy in the repository.

The directory is the ``--data-dir`` option, else the ``COLLSEC_DATA_DIR`` environment
variable. It holds one folder per data set, as in the project's ``shared/data``:
``cow-nmc/``, ``cow-states/``, ``unga-ideal-points/``, ``unsc-vetoes/``.
"""

from __future__ import annotations

import os
from pathlib import Path

from collsec.errors import DataMissingError

ENV_VAR = "COLLSEC_DATA_DIR"

SOURCES: dict[str, str] = {
    "cow-nmc/NMC-60-abridged.csv": "Correlates of War, National Material Capabilities v6.0 "
    "(correlatesofwar.org, 'National Material Capabilities')",
    "cow-states/states2016.csv": "Correlates of War, State System Membership List v2016 "
    "(correlatesofwar.org, 'State System Membership')",
    "unga-ideal-points/IdealpointestimatesAll_Jun2024.csv": "Erik Voeten, United Nations "
    "General Assembly Voting Data, Harvard Dataverse (Bailey, Strezhnev & Voeten 2017)",
    "unsc-vetoes/unsc_vetoes_1946_sept2022.csv": "World Politics Data Lab (Carlos L. Yordan), "
    "'vetoes-un-security-council', from the Dag Hammarskjold Library's list of vetoes",
}
"""Relative path of each public file -> where to get it."""


def data_dir(option: str | Path | None = None) -> Path:
    """The data directory: ``option`` if given, else ``$COLLSEC_DATA_DIR``.

    Raises :class:`~collsec.errors.DataMissingError` with instructions when neither is set
    or the directory does not exist.
    """
    chosen = option if option is not None else os.environ.get(ENV_VAR)
    if not chosen:
        raise DataMissingError(
            f"no data directory: pass --data-dir DIR or set {ENV_VAR}. It holds the public "
            "data sets in folders "
            + ", ".join(sorted({k.split("/")[0] for k in SOURCES}))
            + " (see docs/data.md for where each comes from)."
        )
    path = Path(chosen).expanduser()
    if not path.is_dir():
        raise DataMissingError(f"{path}: data directory not found (expected a directory)")
    return path


def data_file(relative: str, option: str | Path | None = None) -> Path:
    """Path of one public data file, e.g. ``"cow-nmc/NMC-60-abridged.csv"``.

    Raises :class:`~collsec.errors.DataMissingError` naming the file and its public source
    when it is not there.
    """
    path = data_dir(option) / relative
    if not path.is_file():
        source = SOURCES.get(relative, "see docs/data.md")
        raise DataMissingError(
            f"{path}: file not found. It is public data, not shipped with collsec: "
            f"download it from {source} and put it at that place."
        )
    return path
