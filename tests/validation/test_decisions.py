"""The probability that a body adopts a draft, against brute-force enumeration of the votes."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collsec.validation.decisions import compile_rule, p_adopted, p_level
from collsec.voting.rules import DecisionRule, Vote, decide

VOTES = (Vote.YES, Vote.ABSTAIN, Vote.NO)


def brute_force(rule: DecisionRule, members, permanent, probs) -> float:
    """Sum over every vote profile of its probability times whether `decide` adopts it."""
    total = 0.0
    for profile in itertools.product(range(3), repeat=len(members)):
        p = np.prod([probs[i][v] for i, v in enumerate(profile)])
        votes = {m: VOTES[v] for m, v in zip(members, profile, strict=True)}
        if decide(rule, members, votes, permanent=permanent).adopted:
            total += p
    return total


probabilities = st.lists(
    st.tuples(st.floats(0.01, 1), st.floats(0.01, 1), st.floats(0.01, 1)).map(
        lambda t: tuple(x / sum(t) for x in t)
    ),
    min_size=3,
    max_size=7,
)


@settings(max_examples=40, deadline=None)
@given(probs=probabilities, quota=st.integers(1, 5), holders=st.integers(0, 3))
def test_quota_with_veto_is_exact(probs, quota, holders):
    members = [f"M{i}" for i in range(len(probs))]
    permanent = tuple(members[:holders])
    rule = DecisionRule(quota=quota, veto_holders="permanent")
    compiled = compile_rule(rule, members, permanent)
    got = p_adopted(compiled, np.array(probs))
    assert got == pytest.approx(brute_force(rule, members, permanent, probs), abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(probs=probabilities)
def test_unanimity_is_exact(probs):
    members = [f"M{i}" for i in range(len(probs))]
    rule = DecisionRule(veto_holders="all")
    got = p_adopted(compile_rule(rule, members, ()), np.array(probs))
    assert got == pytest.approx(brute_force(rule, members, (), probs), abs=1e-9)


def test_share_of_the_present_and_voting_is_close_for_a_large_assembly():
    rng = np.random.default_rng(0)
    raw = rng.random((60, 3))
    probs = raw / raw.sum(axis=1, keepdims=True)
    members = [f"M{i}" for i in range(60)]
    rule = DecisionRule(share=2 / 3, share_of="present_and_voting")
    got = p_adopted(compile_rule(rule, members, ()), probs)
    # Monte Carlo of the exact rule
    draws = np.array([rng.choice(3, size=20_000, p=p) for p in probs]).T
    yes, no = (draws == 0).sum(axis=1), (draws == 2).sum(axis=1)
    exact = np.mean(yes >= np.ceil(2 / 3 * (yes + no) - 1e-9))
    assert got == pytest.approx(exact, abs=0.03)


def test_more_support_never_lowers_the_probability_of_adoption():
    members = [f"M{i}" for i in range(5)]
    rule = DecisionRule(quota=3, veto_holders="permanent")
    compiled = compile_rule(rule, members, ("M0",))
    low = np.array([[0.4, 0.3, 0.3]] * 5)
    high = low.copy()
    high[0] = [0.7, 0.2, 0.1]
    assert p_adopted(compiled, high) >= p_adopted(compiled, low)


def test_the_level_of_a_ladder():
    adoptions = [0.2, 0.5, 0.9]  # force, sanctions, condemnation
    assert p_level(adoptions, 0) == pytest.approx(0.2)
    assert p_level(adoptions, 2) == pytest.approx(0.8 * 0.5 * 0.9)
    assert p_level(adoptions, None) == pytest.approx(0.8 * 0.5 * 0.1)
    assert sum(p_level(adoptions, k) for k in (0, 1, 2, None)) == pytest.approx(1.0)


@settings(max_examples=25, deadline=None)
@given(probs=st.lists(probabilities, min_size=1, max_size=4), holder_says_no=st.booleans())
def test_many_drafts_at_once_are_each_draft_alone(probs, holder_says_no):
    from collsec.validation.decisions import p_adopted_many

    k = min(len(p) for p in probs)
    batch = np.array([p[:k] for p in probs])
    if holder_says_no:
        batch[0, 0] = (0.0, 0.0, 1.0)  # a veto holder's sure no: nothing is adopted
    members = [f"M{i}" for i in range(k)]
    compiled = compile_rule(DecisionRule(quota=2, veto_holders="permanent"), members, ("M0",))
    many = p_adopted_many(compiled, batch)
    assert many == pytest.approx([p_adopted(compiled, row) for row in batch], abs=1e-12)
    if holder_says_no:
        assert many[0] == 0.0


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), deference=st.floats(0.0, 2.0))
def test_a_council_decision_with_the_elected_following_the_lead_is_exact(seed, deference):
    # Two permanent members and three elected, 3 yes and no permanent member against: the
    # fit's probability of adoption against every profile of the permanent members' votes,
    # each giving the elected their lead, and every profile of the elected members' votes.
    from collsec.validation.fit import COLUMNS, BodyObs, _p_adopted, _probabilities

    rng = np.random.default_rng(seed)
    members, permanent = ["P1", "P2", "E1", "E2", "E3"], ("P1", "P2")
    rule = DecisionRule(quota=3, veto_holders="permanent")
    x = rng.normal(size=(5, len(COLUMNS))) * 0.2
    magnitudes = rng.uniform(0.1, 1.0, len(COLUMNS))
    threshold, band = 0.3, 0.5
    elected = np.array([False, False, True, True, True])
    obs = BodyObs(
        case=0,
        x={0: x},
        fixed=np.full((5, 3), np.nan),
        rule=compile_rule(rule, members, permanent),
        tabled=[0],
        level=0,
        elected=elected,
        permanent=~elected,
        uncounted=(0.0, 0),
    )
    got = _p_adopted(obs, x, magnitudes, threshold, band, deference)
    own = _probabilities(x, magnitudes, threshold, band)
    expected = 0.0
    for p_votes in itertools.product(range(3), repeat=2):
        p_prob = own[0, p_votes[0]] * own[1, p_votes[1]]
        lead = sum(v == 0 for v in p_votes) / 2
        led = _probabilities(x, magnitudes, threshold - deference * lead * elected, band)
        for e_votes in itertools.product(range(3), repeat=3):
            profile = (*p_votes, *e_votes)
            p = p_prob * np.prod([led[2 + i, v] for i, v in enumerate(e_votes)])
            votes = {m: VOTES[v] for m, v in zip(members, profile, strict=True)}
            if decide(rule, members, votes, permanent=permanent).adopted:
                expected += p
    assert got == pytest.approx(expected, abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    k=st.integers(1, 200),
    extreme=st.booleans(),
    share=st.floats(0.0, 1.0),
)
def test_the_yes_count_by_its_generating_function_is_the_member_by_member_count(
    seed, k, extreme, share
):
    from collsec.validation.decisions import _at_least

    rng = np.random.default_rng(seed)
    p = rng.random((2, k))
    if extreme:  # sure votes and near-sure ones, as parties and fixed members give
        p[:, : k // 3] = rng.choice([0.0, 1.0, 1e-12, 1 - 1e-12], size=(2, k // 3))
    dist = np.zeros((2, k + 1))  # the reference: one member at a time
    dist[:, 0] = 1.0
    for column in p.T:
        dist[:, 1:] = dist[:, 1:] * (1 - column)[:, None] + dist[:, :-1] * column[:, None]
        dist[:, 0] *= 1 - column
    q = int(round(share * k))
    assert _at_least(p, q) == pytest.approx(dist[:, q:].sum(axis=1), abs=1e-12)
