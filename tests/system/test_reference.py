"""The kernel gives the same tables as before its per-turn speed-up (adjacency lists, targets
rejected before their defence is summed): reference tables made once with the earlier kernel
(``fixtures/kernel-reference*.csv``: eight configurations, four replicates each, seed 7),
compared value for value.
"""

from pathlib import Path

import pandas as pd
import pytest

from collsec.system import SystemParams, simulate

FIXTURES = Path(__file__).parent / "fixtures"
CONFIGS = {
    "mixed": dict(states=40, turns=150),
    "realpolitik": dict(states=30, turns=200, doctrines={"realpolitik": 1.0}),
    "half-cs": dict(
        states=120, turns=60, doctrines={"realpolitik": 0.5, "collective_security": 0.5}
    ),
    "weak-cs": dict(
        states=150,
        turns=120,
        commitment=0.5,
        mutual_confidence=0.2,
        indivisibility=0.2,
        doctrines={"realpolitik": 0.6, "collective_security": 0.4},
    ),
    "mixed-unequal": dict(
        states=60,
        turns=300,
        inequality=1.5,
        attack_threshold=0.5,
        doctrines={
            "realpolitik": 0.55,
            "collective_security": 0.15,
            "collective_defence": 0.15,
            "laissez_faire": 0.15,
        },
    ),
    "strongest": dict(
        states=40,
        turns=150,
        cs_power="strongest",
        doctrines={"realpolitik": 0.75, "collective_security": 0.25},
    ),
    "defence": dict(
        states=40,
        turns=150,
        alliances=3,
        doctrines={"realpolitik": 0.5, "collective_defence": 0.5},
    ),
    "low-confidence": dict(
        states=60, turns=100, mutual_confidence=0.1, indivisibility=0.9, commitment=0.6
    ),
}
REFERENCE = pd.read_csv(FIXTURES / "kernel-reference.csv")
REFERENCE_SERIES = pd.read_csv(FIXTURES / "kernel-reference-series.csv")


def test_the_references_exercise_wars_coalitions_and_eliminations():
    assert set(REFERENCE.config) == set(CONFIGS)
    totals = REFERENCE[["wars", "eliminations", "joins_cs", "joins_cd", "bandwagons"]].sum()
    assert (totals > 0).all(), totals


@pytest.mark.parametrize("name", CONFIGS)
def test_tables_are_unchanged(name):
    df, trace = simulate(SystemParams(**CONFIGS[name]), replicates=4, seed=7, series=True)
    expected = REFERENCE[REFERENCE.config == name].drop(columns="config")
    pd.testing.assert_frame_equal(
        df[expected.columns].reset_index(drop=True),
        expected.reset_index(drop=True),
        check_exact=True,
    )
    expected_series = REFERENCE_SERIES[REFERENCE_SERIES.config == name].drop(columns="config")
    pd.testing.assert_frame_equal(trace, expected_series.reset_index(drop=True), check_exact=True)
