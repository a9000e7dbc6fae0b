"""The public API at the package root is small and stable: adding a name is a decision."""

import collsec


def test_the_root_exports_exactly_these_names():
    assert sorted(collsec.__all__) == [
        "DecisionRule",
        "EngineParams",
        "Game",
        "SystemParams",
        "case_names",
        "decide",
        "load_scenario",
        "power_indices",
        "run_crisis",
        "simulate",
    ]


def test_a_first_session_in_five_lines():
    result = collsec.run_crisis(collsec.load_scenario("korea-1950"))
    assert result.response in ("authorised_force",)
    table = collsec.simulate(collsec.SystemParams(states=10, turns=20), replicates=2, seed=0)
    assert len(table) == 2
