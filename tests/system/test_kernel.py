"""The numba kernel's war formulas are those of collsec.war; the map is a proper map."""

import numpy as np
import pytest

from collsec.system.kernel import contest, gabriel_graph, reach_matrix
from collsec.war import projected_capability, win_probability


def test_contest_equals_collsec_war_win_probability_on_random_inputs():
    rng = np.random.default_rng(0)
    for a, b, m in rng.uniform(0.0, 5, size=(200, 3)):
        assert contest(a, b, m) == pytest.approx(float(win_probability(a, b, m)), rel=1e-12)
    assert contest(0.0, 0.0, 1.0) == float(win_probability(0.0, 0.0, 1.0)) == 0.5


def test_reach_equals_collsec_war_projected_capability_on_random_inputs():
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0, 10, 30), rng.uniform(0, 10, 30)
    half = 2.7
    distance = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :])
    np.testing.assert_allclose(
        reach_matrix(x, y, half), projected_capability(1.0, distance, half), rtol=1e-12
    )


def test_gabriel_graph_is_symmetric_connected_and_sparse():
    rng = np.random.default_rng(2)
    x, y = rng.uniform(0, 7, 50), rng.uniform(0, 7, 50)
    adj = gabriel_graph(x, y)
    assert (adj == adj.T).all() and not adj.diagonal().any()
    seen, frontier = {0}, [0]
    while frontier:
        i = frontier.pop()
        for j in np.flatnonzero(adj[i]):
            if j not in seen:
                seen.add(int(j))
                frontier.append(int(j))
    assert len(seen) == 50
    assert 2 <= adj.sum(axis=1).mean() <= 6  # planar: fewer than 6 neighbours on average
