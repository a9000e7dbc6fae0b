"""`collsec simulate` and `collsec experiment` as a user runs them: summary, files, exit codes."""

import pandas as pd
import pytest
from typer.testing import CliRunner

import collsec.cli  # noqa: F401  (registers the commands)
from collsec.cli.app import app

runner = CliRunner()
SMALL = ["-r", "3", "--states", "12", "--turns", "40"]


def invoke(*args):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


def test_simulate_prints_a_summary_and_writes_tables(tmp_path):
    out, series = tmp_path / "runs.parquet", tmp_path / "series.csv"
    r = invoke("simulate", *SMALL, "--out", str(out), "--series", str(series), "--seed", "0")
    assert r.exit_code == 0, r.output
    assert "system endured" in r.output and "survival of realpolitik states" in r.output
    runs, trace = pd.read_parquet(out), pd.read_csv(series)
    assert len(runs) == 3 and set(trace.replicate) == {0, 1, 2}
    assert trace.groupby("replicate").size().tolist() == runs.end_turn.tolist()


def test_flags_override_the_params_file(tmp_path):
    params = tmp_path / "p.yaml"
    params.write_text("states: 30\ndoctrines: {realpolitik: 1.0}\nturns: 20\n")
    out = tmp_path / "r.csv"
    r = invoke("simulate", "-r", "2", "--params", str(params), "--states", "9", "--out", str(out))
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert (df.initial_rp == 9).all() and (df.initial_cs == 0).all()


@pytest.mark.parametrize(
    "args, words",
    [
        (["--states", "-3"], ["states", "greater than or equal to 3"]),
        (["--doctrines", "realpolitik=1.5,laissez_faire=-0.5"], ["doctrines", "sum to 1"]),
        (["--doctrines", "realpolitik=0.5,marxism=0.5"], ["doctrines.marxism", "a doctrine"]),
        (["--doctrines", "realpolitik"], ["--doctrines", "NAME=SHARE"]),
        (["--cs-power", "richest"], ["cs_power", "'strongest'"]),
        (["--mutual-confidence", "2"], ["mutual_confidence", "less than or equal to 1"]),
        (["--out", "runs.xlsx"], ["--out", ".csv or .parquet"]),
        (["--replicates", "0"], ["replicates", ">= 1"]),
        (["--workers", "0"], ["workers", ">= 1"]),
    ],
)
def test_bad_values_get_a_clear_message_and_exit_2(args, words):
    r = invoke("simulate", *args)
    assert r.exit_code == 2
    for w in words:
        assert w in r.output


def test_a_bad_yaml_file_names_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("states: [1, 2\n")
    r = invoke("simulate", "--params", str(bad))
    assert r.exit_code == 2 and "bad.yaml" in r.output and "YAML" in r.output
    bad.write_text("turns: 0\n")
    r = invoke("simulate", "--params", str(bad))
    assert r.exit_code == 2 and "bad.yaml: turns" in r.output.replace("\n", "")
    r = invoke("simulate", "--params", str(tmp_path / "missing.yaml"))
    assert r.exit_code == 2 and "missing.yaml" in r.output


def test_experiment_refuses_too_few_replicates():
    r = invoke("experiment", "-r", "1")
    assert r.exit_code == 2 and "at least 2" in r.output


def test_piped_output_has_no_progress_bar_and_no_blank_lines():
    """50 replicates or more show a progress bar in a terminal only; a pipe gets the table."""
    r = invoke("simulate", "-r", "50", "--states", "6", "--turns", "5")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0].strip(), r.output[:200]
    assert "histories" not in r.output.splitlines()[0]


def test_the_experiment_tables_fit_80_columns_and_keep_every_doctrine(tmp_path, monkeypatch):
    from collsec.experiments import classic

    small = {"states": 10, "turns": 30}
    monkeypatch.setattr(
        classic,
        "SYSTEMS",
        {
            "a mixture of all four doctrines, with a long name": {
                "doctrines": {
                    "realpolitik": 0.4,
                    "collective_security": 0.2,
                    "collective_defence": 0.2,
                    "laissez_faire": 0.2,
                },
                **small,
            },
            "all realpolitik": {"doctrines": {"realpolitik": 1.0}, **small},
        },
    )
    r = runner.invoke(
        app,
        ["experiment", "-r", "2", "--workers", "1", "--out", str(tmp_path)],
        env={"COLUMNS": "80"},
    )
    assert r.exit_code == 0, r.output
    assert max(len(line) for line in r.output.splitlines()) <= 80
    assert "\u2026" not in r.output
    for doctrine in ("realpolitik", "collective security", "collective defence", "laissez-faire"):
        assert doctrine in r.output
