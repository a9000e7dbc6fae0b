"""Exact voting power: published reference values, powerindex, and the indices' properties."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collsec.voting.power import REFERENCE_GAMES, Game, _by_classes, _by_weights, power_indices
from collsec.voting.rules import DecisionRule

P5 = ("CHN", "FRN", "RUS", "UKG", "USA")


def council(rule_key, elected):
    rule = REFERENCE_GAMES[rule_key][1]
    return power_indices(Game.from_rule(rule, P5 + tuple(f"E{i}" for i in range(elected)), P5))


def test_todays_council_reference_values():
    r = council("unsc", 10)
    assert r.shapley_shubik[0] == pytest.approx(0.1963, abs=5e-5)
    assert r.shapley_shubik[5] == pytest.approx(0.00186, abs=5e-6)
    assert r.banzhaf[0] == pytest.approx(0.1669, abs=5e-5)
    assert r.banzhaf[5] == pytest.approx(0.0165, abs=5e-5)
    assert r.winning_coalitions == 848 and r.power_to_act == 848 / 32768


def test_council_of_1946_power_to_act():
    assert council("unsc-1946", 6).winning_coalitions == 57 * 2**11 // 2048  # 57/2048 of 2^11


def test_textbook_game_51_49_49_2():
    r = power_indices(Game.weighted([49, 49, 2], 51))
    assert np.allclose(r.shapley_shubik, [1 / 3] * 3) and np.allclose(r.banzhaf, [1 / 3] * 3)


@pytest.mark.parametrize("seed", range(6))
def test_random_weighted_games_agree_with_powerindex(seed):
    pi = pytest.importorskip("powerindex")
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 40))
    w = rng.integers(1, 101, n)
    q = int(np.ceil(2 * w.sum() / 3))
    ours = _by_weights(Game.weighted(w, q))
    theirs = pi.Game(quota=q, weights=[int(x) for x in w])
    theirs.calc_banzhaf()
    theirs.calc_shapley_shubik()
    assert np.allclose(ours.banzhaf, theirs.banzhaf, atol=1e-9)
    assert np.allclose(ours.shapley_shubik, theirs.shapley_shubik, atol=1e-9)


def test_the_two_exact_methods_agree_on_a_council():
    g = Game.weighted([7] * 5 + [1] * 10, 39)  # today's Council as one weighted game
    a, b = _by_weights(g), _by_classes(g)
    assert np.allclose(a.shapley_shubik, b.shapley_shubik, atol=1e-12)
    assert np.allclose(a.banzhaf, b.banzhaf) and a.power_to_act == b.power_to_act


def test_large_game_stays_finite_and_normalised():
    rng = np.random.default_rng(1)
    w = rng.integers(1, 101, 193)
    r = _by_weights(Game.weighted(w, int(np.ceil(2 * w.sum() / 3))))
    assert r.shapley_shubik.sum() == pytest.approx(1, abs=1e-9) and (r.shapley_shubik >= 0).all()
    heavier = np.argsort(w)
    assert np.all(np.diff(r.shapley_shubik[heavier]) >= -1e-12)  # monotone in weight


weights = st.lists(st.integers(0, 12), min_size=2, max_size=9)


@settings(max_examples=120, deadline=None)
@given(weights, st.floats(0.3, 1.0))
def test_properties_of_the_indices(w, frac):
    if sum(w) == 0:
        return
    q = max(1, int(np.ceil(frac * sum(w))))
    r = power_indices(Game.weighted(w, q))
    assert r.shapley_shubik.sum() == pytest.approx(1)
    if r.banzhaf_absolute.sum() > 0:
        assert r.banzhaf.sum() == pytest.approx(1)
    for i, wi in enumerate(w):
        if wi == 0:
            assert r.shapley_shubik[i] == 0 and r.banzhaf[i] == 0  # a dummy
        for j, wj in enumerate(w):
            if wi == wj:
                assert r.shapley_shubik[i] == pytest.approx(r.shapley_shubik[j])


@settings(max_examples=80, deadline=None)
@given(st.integers(3, 12), st.data())
def test_adding_a_veto_never_raises_the_power_to_act(n, data):
    members = tuple(f"M{i}" for i in range(n))
    quota = data.draw(st.integers(1, n))
    holders = tuple(data.draw(st.lists(st.sampled_from(members), max_size=n, unique=True)))
    extra = data.draw(st.sampled_from(members))
    before = power_indices(Game.from_rule(DecisionRule(quota=quota, veto_holders=holders), members))
    after = power_indices(
        Game.from_rule(
            DecisionRule(quota=quota, veto_holders=tuple(set(holders) | {extra})), members
        )
    )
    assert after.power_to_act <= before.power_to_act
