"""The classic experiment: its intervals, and a small run that writes its table and figure."""

import pandas as pd
import pytest

from collsec.experiments import classic
from collsec.system import simulate


def test_wilson_interval_contains_the_proportion_and_stays_in_0_1():
    for k, n in [(0, 10), (3, 10), (10, 10), (97, 200)]:
        lo, hi = classic.wilson(k, n)
        assert 0 <= lo <= k / n <= hi <= 1


def test_a_small_classic_run_writes_table_and_figure(tmp_path, monkeypatch):
    monkeypatch.setattr(
        classic,
        "SYSTEMS",
        {
            "all realpolitik": {"realpolitik": 1.0},
            "half": {"realpolitik": 0.5, "collective_security": 0.5},
        },
    )
    original = classic.SystemParams
    monkeypatch.setattr(
        classic,
        "SystemParams",
        lambda doctrines: original(doctrines=doctrines, states=12, turns=40),
    )

    def runner(params, replicates, seed, workers):
        return simulate(params, replicates, seed, workers)

    table, figure = classic.classic(3, 0, 1, tmp_path, runner)
    assert list(table.system) == ["all realpolitik", "half"]
    assert figure.stat().st_size > 5_000
    saved = pd.read_csv(tmp_path / "classic.csv")
    assert saved.shape[0] == 2 and "survival: realpolitik" in saved.columns


def test_summaries_report_survival_only_for_doctrines_present():
    df = simulate(
        classic.SystemParams(doctrines={"realpolitik": 1.0}, states=10, turns=20),
        replicates=2,
        seed=1,
    )
    row = classic.summarise("x", df)
    assert row["survival: collective security"] == "-"
    assert row["survival: realpolitik"].endswith("]")
    with pytest.raises(KeyError):
        row["nothing"]
