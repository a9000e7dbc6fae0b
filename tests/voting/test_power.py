"""Exact voting power: published reference values, powerindex, and the indices' properties."""

from fractions import Fraction
from itertools import combinations, permutations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collsec.voting import (
    INDICES,
    REFERENCE_GAMES,
    Game,
    banzhaf,
    coleman,
    generating,
    power_indices,
    shapley_shubik,
)
from collsec.voting.counting import GameTooLarge
from collsec.voting.rules import DecisionRule, is_winning

INDEX_OF = {
    "shapley_shubik": shapley_shubik.index,
    "banzhaf": banzhaf.normalised,
}


@pytest.mark.parametrize("name", sorted(REFERENCE_GAMES))
def test_reference_games_reproduce_their_published_values(name):
    ref = REFERENCE_GAMES[name]
    for index, values in ref.published.items():
        for player, value in values.items():
            if index == "power_to_act":
                got = coleman.power_to_act(ref.game)
                assert Fraction(got).limit_denominator(1 << 20) == value
            else:
                got = INDEX_OF[index](ref.game)[ref.game.players.index(player)]
            digits = 5 if abs(value) < 0.01 else 4  # as published: 0.00186, 0.1963
            assert round(got, digits) == pytest.approx(round(float(value), digits)), (index, player)


def test_todays_council_counts_exactly():
    r = power_indices(REFERENCE_GAMES["unsc"].game)
    assert r.winning_coalitions == 848 and r.power_to_act == 848 / 2**15
    assert round(r.power_to_act, 4) == 0.0259
    assert r.shapley_shubik[:5] == pytest.approx([r.shapley_shubik[0]] * 5)
    assert round(coleman.power_to_act(REFERENCE_GAMES["unsc-1946"].game), 4) == 0.0278


def brute_force(w, q):
    """Shapley-Shubik over all orders and Banzhaf over all coalitions (definitions)."""
    n = len(w)
    ss = np.zeros(n)
    orders = list(permutations(range(n)))
    for order in orders:
        total = 0
        for i in order:
            if total < q <= total + w[i]:
                ss[i] += 1
                break
            total += w[i]
    swings = np.zeros(n)
    winning = 0
    for k in range(n + 1):
        for c in combinations(range(n), k):
            s = sum(w[i] for i in c)
            winning += s >= q
            for i in c:
                swings[i] += s >= q > s - w[i]
    return ss / len(orders), swings, winning


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=1, max_size=6), st.floats(0.05, 1.0))
def test_generating_functions_match_the_definitions(w, frac):
    q = max(1, int(np.ceil(frac * sum(w))))
    ss, swings, winning = brute_force(w, q)
    n = len(w)
    assert np.allclose(generating.owen_integral(np.array(w), q), ss, atol=1e-12)
    assert np.allclose(generating.decisive_probability(np.array(w), q), swings / 2 ** (n - 1))
    assert generating.passing_probability(np.array(w), q) == pytest.approx(winning / 2**n)


@pytest.mark.parametrize("seed", range(5))
def test_random_weighted_games_agree_with_powerindex(seed):
    pi = pytest.importorskip("powerindex")
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 60))
    w = rng.integers(1, 101, n)
    q = int(np.ceil(rng.uniform(0.5, 0.9) * w.sum()))
    ours = power_indices(Game.weighted(w, q))
    theirs = pi.Game(quota=q, weights=[int(x) for x in w])
    theirs.calc_banzhaf()
    theirs.calc_shapley_shubik()
    assert np.allclose(ours.banzhaf, theirs.banzhaf, atol=1e-10)
    assert np.allclose(ours.shapley_shubik, theirs.shapley_shubik, atol=1e-10)


def test_the_two_exact_methods_agree_on_a_council():
    # today's Council as one weighted game: [39; 7 x 5, 1 x 10] (classes) vs the same
    # weights plus a null player of weight 0 and distinct labels (generating functions)
    g = Game.weighted([7] * 5 + [1] * 10, 39)
    by_gf = generating.owen_integral(g.weights[0], 39)
    assert np.allclose(shapley_shubik.index(g), by_gf, atol=1e-12)
    assert np.allclose(banzhaf.absolute(g), generating.decisive_probability(g.weights[0], 39))
    assert coleman.power_to_act(g) == pytest.approx(848 / 2**15)


def test_large_games_stay_exact_where_factorials_overflow():
    rng = np.random.default_rng(1)
    w = rng.integers(1, 101, 193)
    q = int(np.ceil(2 * w.sum() / 3))
    ss = shapley_shubik.index(Game.weighted(w, q))
    assert ss.sum() == pytest.approx(1, abs=1e-9) and (ss >= 0).all()
    order = np.argsort(w, kind="stable")
    assert np.all(np.diff(ss[order]) >= -1e-12)  # monotone in weight
    # 193 equal members: by classes (exact fractions), each 1/193
    equal = Game.weighted([1] * 193, 129)
    assert shapley_shubik.index(equal) == pytest.approx(np.full(193, 1 / 193), abs=1e-15)


def test_a_composite_rule_too_large_to_count_is_a_clear_error():
    members = [f"M{i}" for i in range(60)]
    rule = DecisionRule(
        quota=40, weights={m: i + 1 for i, m in enumerate(members)}, veto_holders=("M0",)
    )
    with pytest.raises(GameTooLarge, match="too many to count"):
        power_indices(Game.from_rule(rule, members))


@settings(max_examples=120, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=2, max_size=9), st.floats(0.3, 1.0))
def test_properties_of_the_indices(w, frac):
    if sum(w) == 0:
        return
    q = max(1, int(np.ceil(frac * sum(w))))
    g = Game.weighted(w, q)
    r = power_indices(g)
    assert r.shapley_shubik.sum() == pytest.approx(1)
    assert r.banzhaf.sum() == pytest.approx(1)
    for values in (r.shapley_shubik, r.banzhaf, r.banzhaf_absolute, r.prevent, r.initiate):
        assert ((values >= -1e-12) & (values <= 1 + 1e-12)).all()
    for i, wi in enumerate(w):
        # a dummy (never decisive) gets zero: weight 0, or too light to matter
        yes = np.array([[bool(m >> j & 1) for j in range(len(w))] for m in range(2 ** len(w))])
        with_i, without = yes.copy(), yes.copy()
        with_i[:, i], without[:, i] = True, False
        games = [(g.weights[0], q)]
        dummy = not (is_winning(games, with_i) & ~is_winning(games, without)).any()
        if dummy:
            for name, fn in INDICES.items():
                assert fn(g)[i] == pytest.approx(0, abs=1e-12), name
        for j, wj in enumerate(w):
            if wi == wj:  # symmetric players
                for name, fn in INDICES.items():
                    assert fn(g)[i] == pytest.approx(fn(g)[j]), name


@settings(max_examples=80, deadline=None)
@given(st.integers(3, 12), st.data())
def test_adding_a_veto_never_raises_the_power_to_act(n, data):
    members = tuple(f"M{i}" for i in range(n))
    quota = data.draw(st.integers(1, n))
    holders = tuple(data.draw(st.lists(st.sampled_from(members), max_size=n, unique=True)))
    extra = data.draw(st.sampled_from(members))
    before = DecisionRule(quota=quota, veto_holders=holders)
    after = DecisionRule(quota=quota, veto_holders=tuple(sorted(set(holders) | {extra})))
    assert coleman.power_to_act(Game.from_rule(after, members)) <= coleman.power_to_act(
        Game.from_rule(before, members)
    )


def test_a_veto_needing_two_permanent_members_acts_more_often():
    members = REFERENCE_GAMES["unsc"].game.players
    p5 = members[:5]
    one = Game.from_rule(DecisionRule(quota=9, veto_holders="permanent"), members, p5)
    two = Game.from_rule(
        DecisionRule(quota=9, veto_holders="permanent", vetoes_to_block=2), members, p5
    )
    assert coleman.power_to_act(two) > coleman.power_to_act(one)
    assert shapley_shubik.index(two)[0] < shapley_shubik.index(one)[0]


def test_tail_probabilities_keep_their_relative_precision():
    """At a two-thirds quota the absolute Banzhaf index and the power to act are tail
    probabilities (~1e-10 here); checked against exact integer counts.
    """
    rng = np.random.default_rng(7)
    w = [int(x) for x in rng.integers(1, 101, 150)]
    q = int(np.ceil(2 * sum(w) / 3))
    counts = np.zeros(sum(w) + 1, dtype=object)
    counts[:] = 0
    counts[0] = 1
    for v in w:
        counts[v:] = counts[v:] + counts[:-v]
    n = len(w)
    winning = int(sum(counts[q:]))
    assert coleman.power_to_act(Game.weighted(w, q)) == pytest.approx(winning / 2**n, rel=1e-12)
    exact = {}
    for v in set(w):
        others = [0] * q  # divide by (1 + x^v): the others of a player of weight v
        for k in range(q):
            others[k] = counts[k] - (others[k - v] if k >= v else 0)
        exact[v] = Fraction(sum(others[q - v :]), 2 ** (n - 1))
    got = banzhaf.absolute(Game.weighted(w, q))
    want = np.array([float(exact[v]) for v in w])
    assert np.allclose(got, want, rtol=1e-9, atol=0)
