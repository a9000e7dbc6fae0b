"""Which of the drafts actually vetoed since 1946 would have passed under each reform.

The record has no vote counts, so each answer rests on a stated assumption, applied through
the same decision rules as everywhere (:func:`collsec.voting.rules.decide`). In all of them
the permanent members that did not veto voted yes. Then:

* ``with_majority``: the elected members gave exactly the majority the draft needed (7 of 11
  before 1966, 9 of 15 since; the least the record guarantees), the others abstaining; new
  seats of an enlarged council vote yes, with the recorded majority; an Assembly override
  succeeds.
* ``by_alignment``: as above, but new seats vote yes in the share of Assembly members of that
  session whose ideal point (Bailey, Strezhnev & Voeten 2017) is closer to the non-vetoing
  permanent members' mean than to the vetoers' mean; an Assembly override succeeds when that
  share reaches the override's majority.
* ``all_yes``: every member that did not veto voted yes (the most the record allows): the
  upper bound for a rule that raises the majority.

A rule that needs more yes votes than the record guarantees thus passes a draft under
``all_yes`` but not under ``with_majority``: the spread is what the missing counts hide.
Drafts concern mass atrocities by a stated class (:func:`collsec.reform.mass_atrocity`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from collsec.reform import DraftClass, Reform, mass_atrocity
from collsec.voting.rules import Vote, decide

ASSUMPTIONS = {
    "with_majority": "new seats vote with the recorded majority",
    "by_alignment": "new seats and the Assembly vote by UNGA ideal-point alignment",
    "all_yes": "every member that did not veto voted yes (upper bound)",
}
P5 = ("CHN", "FRN", "RUS", "UKG", "USA")
P5_CCODE = {"USA": 2, "UKG": 200, "FRN": 220, "RUS": 365, "CHN": 710}


def alignment_share(points: pd.DataFrame, year: int, vetoers: tuple[str, ...]) -> float | None:
    """Share of Assembly members of session year-1945 closer (in ideal point) to the
    non-vetoing permanent members than to the vetoers; None where the data lack it.
    """
    session = points[points.session == year - 1945].dropna(subset=["ideal_point"])
    if session.empty:
        return None
    by_ccode = session.set_index("ccode").ideal_point
    ccode = dict(P5_CCODE, CHN=713 if year < 1971 else 710)
    against = [by_ccode.get(ccode[c]) for c in vetoers]
    others = [by_ccode.get(ccode[c]) for c in P5 if c not in vetoers]
    against = [x for x in against if x is not None and not np.isnan(x)]
    others = [x for x in others if x is not None and not np.isnan(x)]
    if not against or not others:
        return None
    x = session.ideal_point.to_numpy()
    return float((np.abs(x - np.mean(others)) < np.abs(x - np.mean(against))).mean())


def would_pass(
    reform: Reform,
    vetoed_by: tuple[str, ...],
    year: int,
    assumption: str,
    share: float | None,
    atrocity: bool = False,
) -> bool:
    """Whether one vetoed draft would pass under ``reform`` (module docstring)."""
    members, holders = reform.members()
    old_quota, old_elected = (7, 6) if year < 1966 else (9, 10)
    perm = [m for m in members if m.startswith("permanent_")]
    votes = {}
    for code, seat in zip(P5, perm, strict=False):
        votes[seat] = Vote.NO if code in vetoed_by else Vote.YES
    p5_yes = 5 - len(vetoed_by)
    elected_yes = old_elected if assumption == "all_yes" else max(0, old_quota - p5_yes)
    others = [m for m in members if m not in perm]
    old = (
        others[:old_elected]
        if all(m.startswith("elected_") for m in others[:old_elected])
        else [m for m in others if m.startswith("elected_")][:old_elected]
    )
    new = [m for m in others if m not in old]
    for i, seat in enumerate(old):
        votes[seat] = Vote.YES if i < elected_yes else Vote.ABSTAIN
    if assumption != "by_alignment" or share is None:
        new_yes = len(new)
    else:
        new_yes = int(round(share * len(new)))
    for i, seat in enumerate(new):
        votes[seat] = Vote.YES if i < new_yes else Vote.NO
    classes = ("mass_atrocity",) if atrocity else ()
    decision = decide(reform.rule, members, votes, draft_classes=classes, permanent=holders)
    if decision.adopted:
        return True
    if reform.assembly_override and decision.cause == "veto":
        if assumption != "by_alignment":
            return True
        return share is not None and share >= reform.assembly_override
    return False


def evaluate(
    reforms: dict[str, Reform],
    vetoes: pd.DataFrame,
    points: pd.DataFrame | None,
    atrocities: DraftClass | None = None,
) -> pd.DataFrame:
    """One row per (reform, assumption, draft): the draft's facts, whether it is taken to
    concern a mass atrocity (``atrocity``), and whether it ``passes``.
    """
    atrocities = atrocities or mass_atrocity()
    in_class = [atrocities.contains(t, d) for t, d in zip(vetoes.topic, vetoes.draft, strict=True)]
    shares = [
        alignment_share(points, y, v) if points is not None else None
        for y, v in zip(vetoes.year, vetoes.vetoed_by, strict=True)
    ]
    rows = []
    for key, reform in reforms.items():
        for assumption in ASSUMPTIONS:
            for number, (draft, share, atrocity) in enumerate(
                zip(vetoes.itertuples(), shares, in_class, strict=True), start=1
            ):
                rows.append(
                    {
                        "record": number,  # several drafts can share a meeting record
                        "reform": key,
                        "assumption": assumption,
                        "draft": draft.draft,
                        "date": draft.date,
                        "decade": draft.decade,
                        "topic": draft.topic,
                        "region": draft.region,
                        "vetoed_by": " ".join(draft.vetoed_by),
                        "atrocity": atrocity,
                        "passes": would_pass(
                            reform,
                            draft.vetoed_by,
                            draft.year,
                            assumption,
                            share,
                            atrocity,
                        ),
                    }
                )
    return pd.DataFrame(rows)


BREAKDOWNS = ("decade", "topic", "region", "vetoed_by")
"""The ways the record can be broken down (``vetoed_by``: a draft counts once per vetoer)."""


def counts(evaluated: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Number of vetoed drafts that would pass, per reform and assumption (and ``by``), with
    the number of vetoed drafts in each group (``vetoed``).
    """
    frame = evaluated
    if by == "vetoed_by":  # a draft vetoed by two members counts for each of them
        frame = evaluated.assign(vetoed_by=evaluated.vetoed_by.str.split()).explode("vetoed_by")
    keys = ["reform", "assumption"] + ([by] if by else [])
    table = frame.groupby(keys, sort=False).passes.agg(["sum", "size"])
    wide = table["sum"].unstack("assumption").reset_index()
    wide.insert(len(keys) - 1, "vetoed", table["size"].unstack("assumption").iloc[:, 0].values)
    return wide


def totals(evaluated: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """The total lines under a breakdown by ``by``, one row per reform and line.

    Columns as :func:`counts`, with ``line`` naming the line. Every breakdown but
    ``vetoed_by`` splits the drafts: its one line, ``drafts``, is the sum of its groups and
    the count without a breakdown. Under ``vetoed_by`` a draft vetoed by several members counts
    once per vetoer, so the groups sum to ``vetoes``, the vetoes cast (265 for the 214 drafts
    of 1946 - Sept 2022), and the line ``drafts`` counts each draft once.
    """
    lines = []
    if by == "vetoed_by":
        per_vetoer = counts(evaluated, by)
        vetoes = per_vetoer.drop(columns=by).groupby("reform", sort=False).sum().reset_index()
        lines.append(vetoes.assign(line="vetoes"))
    lines.append(counts(evaluated).assign(line="drafts"))
    table = pd.concat(lines, ignore_index=True)
    return table[["reform", "line", *[c for c in table.columns if c not in ("reform", "line")]]]
