"""Member votes a record references in a public data set (never copied into the repository).

``{dataset: unsc-votes, draft: S/2011/612}``: the Security Council's votes 1994-2025;
``{dataset: unga-votes, rcid: 5180}``: an Assembly roll call 1946-2019; both read from the
user's data directory by the readers of :mod:`collsec.data`.
"""

from __future__ import annotations

from collsec.errors import InputError
from collsec.validation.records import VotesFrom


def votes_from(ref: VotesFrom, data_dir=None) -> dict[str, str]:
    """COW code -> ``yes``/``no``/``abstain`` of the referenced vote (members who did not
    vote are left out). Raises :class:`~collsec.errors.DataMissingError` without the data and
    :class:`~collsec.errors.InputError` for a draft or roll call not in it.
    """
    if ref.dataset == "unsc-votes":
        from collsec.data.unsc import council_votes

        found = council_votes(ref.draft, data_dir)
        if len(found) != 1:
            raise InputError(
                "votes_from", ref.draft, "a draft voted on once in unsc-votes", len(found)
            )
        return dict(found[0].votes)
    from collsec.data.unga import assembly_votes

    return dict(assembly_votes(ref.rcid, data_dir).votes)
