"""The system model: determinism, conservation, doctrine invariants, bad parameters."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import collsec.cli  # noqa: F401
from collsec.cli.app import app
from collsec.errors import InputError
from collsec.system import SystemParams, load_params, simulate
from collsec.system.kernel import _contest
from collsec.war import projected_capability, win_probability

SMALL = SystemParams(
    states=20,
    turns=120,
    doctrines={
        "realpolitik": 0.4,
        "collective_security": 0.2,
        "collective_defence": 0.2,
        "laissez_faire": 0.2,
    },
)


def test_same_seed_same_table_for_batches_and_workers():
    whole = simulate(SMALL, replicates=6, seed=11)
    again = simulate(SMALL, replicates=6, seed=11, workers=2)
    pd.testing.assert_frame_equal(whole, again)
    first = simulate(SMALL, replicates=1, seed=11)  # replicate 0 alone = replicate 0 in a batch
    pd.testing.assert_frame_equal(first, whole.iloc[:1])
    assert not whole.equals(simulate(SMALL, replicates=6, seed=12))


def test_capability_and_provinces_are_conserved():
    df = simulate(
        SMALL.model_copy(update={"doctrines": {"realpolitik": 1.0}}), replicates=5, seed=3
    )
    assert (df.wars > 0).all()
    balance = (
        df.capability_start + df.capability_grown - df.capability_upkeep - df.capability_lost_in_war
    )
    np.testing.assert_allclose(df.capability_end, balance, rtol=1e-9)
    assert (df.provinces_end == df.provinces_total).all()
    assert (df[["survivors_rp"]].sum(axis=1) <= df.initial_rp).all()


@settings(max_examples=12, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 2), st.integers(0, 10_000))
def test_only_realpolitik_starts_wars_and_laissez_faire_never_joins(cs, conf, ineq, seed):
    params = SMALL.model_copy(
        update={
            "doctrines": {
                "realpolitik": 0.5,
                "collective_security": 0.2 * cs,
                "collective_defence": 0.2 * (1 - cs),
                "laissez_faire": 0.3,
            },
            "mutual_confidence": conf,
            "inequality": ineq,
            "turns": 60,
        }
    )
    df = simulate(params, replicates=2, seed=seed)
    assert (df[["starts_cs", "starts_cd", "starts_lf"]] == 0).all().all()
    assert (df.joins_lf == 0).all()
    assert (df.starts_rp == df.wars).all()


def test_kernel_war_formulas_are_those_of_collsec_war():
    rng = np.random.default_rng(0)
    for a, b, m in rng.uniform(0.01, 5, size=(20, 3)):
        assert _contest(a, b, m) == pytest.approx(float(win_probability(a, b, m)))
    assert projected_capability(2.0, 3.0, 3.0) == pytest.approx(1.0)


def test_collective_security_everywhere_means_no_war():
    df = simulate(
        SMALL.model_copy(update={"doctrines": {"collective_security": 1.0}}), replicates=3, seed=1
    )
    assert (df.wars == 0).all() and df.endured.all()


def test_series_has_one_row_per_turn():
    df, trace = simulate(SMALL, replicates=2, seed=5, series=True)
    assert list(trace.columns) == ["replicate", "turn", "alive", "wars", "largest_share"]
    assert len(trace[trace.replicate == 0]) == df.end_turn[0]


@pytest.mark.parametrize(
    "overrides, fragment",
    [
        ({"states": -3}, "states"),
        ({"commitment": 2}, "commitment"),
        ({"doctrines": {"realpolitik": 0.5, "marxism": 0.5}}, "marxism"),
        ({"doctrines": {"realpolitik": 0.5}}, "sum to 1"),
        ({"colour": 1}, "a parameter of the model"),
    ],
)
def test_bad_parameters_are_clear(overrides, fragment):
    with pytest.raises(InputError, match=fragment):
        load_params(**overrides)


def test_bad_replicates_and_params_file(tmp_path):
    with pytest.raises(InputError, match="replicates"):
        simulate(SMALL, replicates=0)
    bad = tmp_path / "p.yaml"
    bad.write_text("states: [1, 2\n")
    with pytest.raises(InputError, match="p.yaml"):
        load_params(bad)


def test_cli_simulate_writes_csv_and_rejects_bad_values(tmp_path):
    runner = CliRunner()
    out = tmp_path / "runs.csv"
    r = runner.invoke(
        app, ["simulate", "-r", "3", "--states", "15", "--turns", "50", "--out", str(out)]
    )
    assert r.exit_code == 0, r.output
    assert "survival" in r.output and len(pd.read_csv(out)) == 3
    bad = runner.invoke(app, ["simulate", "--doctrines", "realpolitik=x"])
    assert bad.exit_code == 2 and "NAME=SHARE" in bad.output and "Traceback" not in bad.output
