"""simulate(): determinism across batches and workers, conservation, doctrine invariants."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from collsec.system import SystemParams, simulate
from collsec.system.kernel import OUT_FIELDS, SERIES_FIELDS

MIXED = SystemParams(
    states=20,
    turns=120,
    doctrines={
        "realpolitik": 0.4,
        "collective_security": 0.2,
        "collective_defence": 0.2,
        "laissez_faire": 0.2,
    },
)
ALL_RP = MIXED.model_copy(update={"doctrines": {"realpolitik": 1.0}})


def test_replicate_results_do_not_depend_on_batch_or_workers():
    one_by_one = simulate(MIXED, replicates=8, seed=11, batch=1)
    all_at_once = simulate(MIXED, replicates=8, seed=11, batch=8)
    two_workers = simulate(MIXED, replicates=8, seed=11, workers=2, batch=3)
    pd.testing.assert_frame_equal(one_by_one, all_at_once)
    pd.testing.assert_frame_equal(one_by_one, two_workers)
    alone = simulate(MIXED, replicates=1, seed=11)  # replicate 0 run on its own
    pd.testing.assert_frame_equal(alone, one_by_one.iloc[:1])
    longer = simulate(MIXED, replicates=12, seed=11)  # a bigger run keeps the first eight
    pd.testing.assert_frame_equal(longer.iloc[:8], one_by_one)


def test_seeds_matter_and_zero_is_a_seed():
    zero = simulate(ALL_RP, replicates=4, seed=0)
    assert not zero.drop(columns="replicate").equals(
        simulate(ALL_RP, replicates=4, seed=1).drop(columns="replicate")
    )
    pd.testing.assert_frame_equal(zero, simulate(ALL_RP, replicates=4, seed=0))
    assert zero.wars.nunique() > 1  # replicates differ from each other


def test_series_are_identical_across_workers_and_match_the_table():
    df, trace = simulate(MIXED, replicates=4, seed=5, series=True)
    df2, trace2 = simulate(MIXED, replicates=4, seed=5, series=True, workers=2, batch=1)
    pd.testing.assert_frame_equal(trace, trace2)
    pd.testing.assert_frame_equal(df, df2)
    assert list(trace.columns) == ["replicate", "turn", *SERIES_FIELDS]
    for r, rows in trace.groupby("replicate"):
        assert len(rows) == df.end_turn[r]
        assert rows.wars.sum() == df.wars[r]
        last = rows.iloc[-1]
        assert last.alive == sum(df.loc[r, f"survivors_{c}"] for c in ("rp", "cs", "cd", "lf"))
        assert last.alive_cs == df.survivors_cs[r]


def test_the_table_has_one_row_per_replicate_and_the_documented_columns():
    df = simulate(MIXED, replicates=3, seed=2)
    assert list(df.columns) == ["replicate", *OUT_FIELDS, "mean_war_size"]
    assert list(df.replicate) == [0, 1, 2]
    assert (
        df[["initial_rp", "initial_cs", "initial_cd", "initial_lf"]].iloc[0] == [8, 4, 4, 4]
    ).all()
    assert (df.decisions <= MIXED.states * df.end_turn).all()


@settings(max_examples=8, deadline=None)
@given(
    st.sampled_from([0.0, 0.1, 0.5]),
    st.floats(0, 0.5),
    st.floats(0.0, 2.0),
    st.integers(0, 2**32),
)
def test_capability_and_provinces_are_accounted_for(noise, war_cost, inequality, seed):
    params = ALL_RP.model_copy(
        update={"growth_noise": noise, "war_cost": war_cost, "inequality": inequality}
    )
    df = simulate(params, replicates=3, seed=seed)
    balance = (
        df.capability_start + df.capability_grown - df.capability_upkeep - df.capability_lost_in_war
    )
    np.testing.assert_allclose(df.capability_end, balance, rtol=1e-9)
    assert (df.provinces_end == df.provinces_total).all()
    assert (df.provinces_total == params.states * params.provinces).all()
    survivors = df[[f"survivors_{c}" for c in ("rp", "cs", "cd", "lf")]].sum(axis=1)
    assert (survivors == params.states - df.eliminations).all()


def test_a_war_costs_capability_and_conquest_moves_provinces():
    df, trace = simulate(ALL_RP, replicates=3, seed=3, series=True)
    assert (df.wars > 0).all() and (df.capability_lost_in_war > 0).all()
    assert (df.eliminations > 0).all() and (
        trace.groupby("replicate").alive.diff().fillna(0) <= 0
    ).all()


DOCTRINE_MIXES = st.tuples(*(st.integers(0, 4) for _ in range(4))).filter(lambda w: sum(w) > 0)


@settings(max_examples=15, deadline=None)
@given(
    DOCTRINE_MIXES,
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0, 1),
    st.sampled_from(["random", "strongest", "weakest"]),
    st.integers(0, 2**32),
)
def test_doctrine_invariants(weights, commitment, iota, confidence, cs_power, seed):
    total = sum(weights)
    names = ("realpolitik", "collective_security", "collective_defence", "laissez_faire")
    params = MIXED.model_copy(
        update={
            "doctrines": {n: w / total for n, w in zip(names, weights, strict=True) if w},
            "commitment": commitment,
            "indivisibility": iota,
            "mutual_confidence": confidence,
            "cs_power": cs_power,
            "turns": 60,
        }
    )
    df = simulate(params, replicates=2, seed=seed)
    # only realpolitik states start wars; laissez-faire states never join one
    assert (df[["starts_cs", "starts_cd", "starts_lf"]] == 0).all().all()
    assert (df.starts_rp == df.wars).all()
    assert (df.joins_lf == 0).all()
    # every participant is counted once: initiator + bandwagons + defenders (target + joiners)
    joins = df[["joins_rp", "joins_cs", "joins_cd", "joins_lf"]].sum(axis=1)
    assert (df.war_participants == 2 * df.wars + df.bandwagons + joins).all()
    if commitment == 0:  # nobody obliged fights
        assert (df.joins_cs == 0).all() and (df.joins_cd == 0).all()
    counts = params.counts()
    assert (df.initial_rp == counts[0]).all() and (df.initial_cs == counts[1]).all()
    if weights[0] == 0:
        assert (df.wars == 0).all() and df.endured.all()


def test_strongest_practitioners_hold_more_power_than_weakest():
    base = MIXED.model_copy(update={"turns": 1})
    strong = simulate(base.model_copy(update={"cs_power": "strongest"}), replicates=5, seed=4)
    weak = simulate(base.model_copy(update={"cs_power": "weakest"}), replicates=5, seed=4)
    assert (strong.initial_power_cs > 0.2).all() and (weak.initial_power_cs < 0.2).all()


def test_only_collective_security_means_no_war_ever():
    everyone = MIXED.model_copy(update={"doctrines": {"collective_security": 1.0}})
    df = simulate(everyone, replicates=3, seed=1)
    assert (df.wars == 0).all() and df.endured.all() and (df.survivors_cs == 20).all()
