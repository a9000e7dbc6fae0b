"""Where the public data live: a directory the user names, never a copy in the repository.

The directory is the ``--data-dir`` option, else the ``COLLSEC_DATA_DIR`` environment
variable. It holds one folder per data set, as in the project's ``shared/data``: ``atop/``,
``cow-nmc/``, ``cow-states/``, ``cow-trade/``, ``icb/``, ``igo/``, ``unga-ideal-points/``,
``unga-votes/``, ``unsc-membership/``, ``unsc-votes/``, ``unsc-vetoes/``.
"""

from __future__ import annotations

import os
from functools import lru_cache
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
    "atop/atop5_1_directed_dyad_year.csv.gz": "the Alliance Treaty Obligations and Provisions "
    "project, ATOP v5.1 directed dyad-year (atop.rice.edu; also in the R package peacesciencer)",
    "cow-trade/cow_trade_v4_nondirected_dyad_year.csv.gz": "Correlates of War, Trade v4.0 "
    "dyadic (correlatesofwar.org, 'Trade'; also in the R package peacesciencer)",
    "igo/cow_igo_v3_key_orgs_state_year_1920_2014.csv": "Correlates of War, IGO v3.0 "
    "state-year (correlatesofwar.org, 'Intergovernmental Organizations'; R package igoR), "
    "reshaped to the 47 key organisations",
    "igo/cow_igo_v3_state_year_long_1816_2014.csv.gz": "Correlates of War, IGO v3.0 "
    "state-year (correlatesofwar.org; R package igoR), in long format",
    "igo/cow_igo_v3_list.csv": "Correlates of War, IGO v3.0 IGO-year metadata "
    "(correlatesofwar.org; R package igoR)",
    "unsc-membership/unsc_members_by_year_1946_2025.csv": "UN DPPA, 'Security Council "
    "Membership' (psdata.un.org, DPPA-SCMembership)",
    "unsc-membership/unsc_elected_terms_1946_2025.csv": "UN DPPA, 'Security Council "
    "Membership' (psdata.un.org), one row per elected term",
    "unsc-votes/unsc_draft_votes_1994_2025-dev.csv": "UN Dag Hammarskjold Library, Security "
    "Council voting records (digitallibrary.un.org), development part",
    "unga-votes/un_roll_calls_1946_2019.csv.gz": "Erik Voeten, United Nations General "
    "Assembly Voting Data, Harvard Dataverse (doi:10.7910/DVN/LEJUQZ; R package unvotes)",
    "unga-votes/un_votes_1946_2019.csv.gz": "Erik Voeten, United Nations General Assembly "
    "Voting Data, Harvard Dataverse (doi:10.7910/DVN/LEJUQZ; R package unvotes)",
    "unga-votes/unga_agreement_dyad_year_1946_2019.csv.gz": "computed from Erik Voeten's "
    "United Nations General Assembly Voting Data (Harvard Dataverse): agree3 per pair and session",
    "icb/icb1v14-dev.csv": "the International Crisis Behavior project, ICB v14 system level "
    "(sites.duke.edu/icbdata), development part",
    "icb/icb2v14-dev.csv": "the International Crisis Behavior project, ICB v14 actor level "
    "(sites.duke.edu/icbdata), development part",
    "icb/icb_value_labels_v13codebook.csv": "the ICB codebooks v13, value labels (see the icb "
    "folder's LABELS.md)",
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


def resolved_file(relative: str, option: str | Path | None = None) -> Path:
    """:func:`data_file` resolved to an absolute path, remembered for the process per file and
    directory (the option, else ``$COLLSEC_DATA_DIR`` as it is now).

    The readers call it on every lookup and cache their loads by this path; a missing file is
    never remembered (:class:`DataMissingError` is raised again on the next call).
    """
    chosen = option if option is not None else os.environ.get(ENV_VAR)
    return _resolved(relative, None if chosen is None else str(chosen))


@lru_cache(maxsize=512)
def _resolved(relative: str, chosen: str | None) -> Path:
    return data_file(relative, chosen).resolve()
