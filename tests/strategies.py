"""Hypothesis generators shared by the tests: decision rules, councils and their votes."""

from __future__ import annotations

from hypothesis import strategies as st

from collsec.voting.rules import DecisionRule, Vote

VOTES = st.sampled_from(list(Vote))


@st.composite
def councils(draw, max_members: int = 15):
    """A council: members, permanent members (a subset), a rule with a veto, and votes."""
    n = draw(st.integers(2, max_members))
    members = tuple(f"M{i}" for i in range(n))
    k = draw(st.integers(0, min(5, n)))
    permanent = members[:k]
    rule = DecisionRule(
        quota=draw(st.integers(1, n)),
        veto_holders="permanent",
        vetoes_to_block=draw(st.integers(1, max(1, k))),
    )
    votes = {m: draw(VOTES) for m in members}
    return members, permanent, rule, votes


@st.composite
def any_rules(draw, members: tuple[str, ...]):
    """Any rule over ``members``: quota and/or share, optional veto holders, weights."""
    n = len(members)
    kind = draw(st.sampled_from(["quota", "share", "unanimity", "both"]))
    quota = draw(st.integers(1, n)) if kind in ("quota", "both") else None
    share = draw(st.floats(0.05, 1.0)) if kind in ("share", "both") else None
    holders = (
        "all"
        if kind == "unanimity"
        else tuple(draw(st.lists(st.sampled_from(members), max_size=min(5, n), unique=True)))
    )
    share_of = draw(st.sampled_from(["members", "present_and_voting"]))
    weights = draw(st.dictionaries(st.sampled_from(members), st.integers(0, 5), max_size=n))
    return DecisionRule(
        quota=quota,
        share=share,
        share_of=share_of,
        veto_holders=holders,
        weights=weights if kind != "unanimity" else {},
    )
