"""The classic experiment: its intervals, and a small run that writes its table and figure."""

import numpy as np
import pandas as pd

from collsec.experiments import classic
from collsec.experiments.output import write_table
from collsec.system import SystemParams, simulate


def test_wilson_interval_contains_the_proportion_and_stays_in_0_1():
    for k, n in [(0, 10), (3, 10), (10, 10), (97, 200)]:
        lo, hi = classic.wilson(k, n)
        assert 0 <= lo <= k / n <= hi <= 1
    lo, hi = classic.wilson(50, 100)
    assert (lo, hi) == (classic.wilson(50, 100, z=1.96))
    assert 0.40 < lo < 0.41 and 0.59 < hi < 0.60  # the textbook value for 50 of 100


def test_mean_interval_is_the_normal_interval_clipped_to_the_data():
    mean, lo, hi = classic.mean_interval([0, 0, 0, 3])
    assert mean == 0.75 and lo == 0 and hi == mean + 1.96 * 1.5 / 2
    assert classic.mean_interval([2, 2, 2]) == (2, 2, 2)


def test_a_small_classic_run_writes_table_replicates_and_figure(tmp_path, monkeypatch):
    monkeypatch.setattr(
        classic,
        "SYSTEMS",
        {
            "all realpolitik": {"doctrines": {"realpolitik": 1.0}, "states": 12, "turns": 40},
            "half": {
                "doctrines": {"realpolitik": 0.5, "collective_security": 0.5},
                "states": 12,
                "turns": 40,
            },
        },
    )
    table, files = classic.classic(4, 0, 1, tmp_path)
    assert list(table.system) == ["all realpolitik", "half"]
    assert table.loc[0, "survival: collective security"] == "-"
    saved = pd.read_csv(files[0])
    assert saved.shape[0] == 2 and "survival: realpolitik" in saved.columns
    raw = pd.read_parquet(files[1])
    assert len(raw) == 8 and set(raw.system) == {"all realpolitik", "half"}
    # common random numbers: each system's rows are simulate() with the same seed
    alone = simulate(SystemParams(**classic.SYSTEMS["half"]), 4, 0)
    np.testing.assert_array_equal(raw[raw.system == "half"].wars, alone.wars)
    assert files[2].stat().st_size > 20_000


def test_every_built_in_system_is_valid_and_mixes_differ():
    specs = [SystemParams(**spec) for spec in classic.SYSTEMS.values()]
    assert len({(tuple(p.counts()), p.cs_power) for p in specs}) == len(specs)


def test_write_table_by_suffix(tmp_path):
    df = pd.DataFrame({"a": [1, 2]})
    pd.testing.assert_frame_equal(pd.read_csv(write_table(df, tmp_path / "t.csv")), df)
    pd.testing.assert_frame_equal(pd.read_parquet(write_table(df, tmp_path / "t.parquet")), df)
