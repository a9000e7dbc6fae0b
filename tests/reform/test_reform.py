"""Reform presets and the record of vetoes: counts reproducible from the data files."""

import csv
import json

import pytest
from typer.testing import CliRunner

import collsec.cli  # noqa: F401
from collsec.cli.app import app
from collsec.data.unga import load_ideal_points
from collsec.data.vetoes import load_vetoes
from collsec.reform import class_power, load_presets
from collsec.reform.record import counts, evaluate

runner = CliRunner()


def test_presets_load_and_status_quo_matches_the_institution_preset():
    from collsec.institutions import presets as institutions

    reforms = load_presets()
    assert {"status-quo", "g4", "ezulwini", "two-vetoes", "no-veto"} <= set(reforms)
    assert reforms["status-quo"].rule == institutions()["unsc"].rule
    assert reforms["council-1946"].rule == institutions()["unsc-1946"].rule


def test_abolishing_the_veto_equalises_power_and_raises_the_power_to_act():
    p = class_power(load_presets()["no-veto"])
    q = class_power(load_presets()["status-quo"])
    assert p["permanent"]["shapley_shubik"] == pytest.approx(p["elected"]["shapley_shubik"])
    assert p["_council"]["power_to_act"] > q["_council"]["power_to_act"]


def test_veto_counts_come_from_the_file(shared_data):
    with open(shared_data / "unsc-vetoes" / "unsc_vetoes_1946_sept2022.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    singles = sum(
        1 for r in rows if sum(bool(r[f"member_veto{i}"].strip()) for i in (1, 2, 3)) == 1
    )
    v = load_vetoes(shared_data)
    assert len(v) == len(rows) == 214
    c = counts(evaluate(load_presets(), v, load_ideal_points(shared_data))).set_index("reform")
    assert c.loc["no-veto", "with_majority"] == len(rows)
    assert c.loc["two-vetoes", "with_majority"] == singles  # only single vetoes fall
    atrocity = sum(
        1
        for r in rows
        if r["crisis_topic"].strip() in ("Syria", "Myanmar") or r["draft"] == "S/2015/508"
    )
    assert c.loc["no-veto-atrocities", "with_majority"] == atrocity
    assumptions = ["with_majority", "by_alignment", "all_yes"]
    assert c.loc["status-quo", assumptions].sum() == 0 and c.loc["g4", assumptions].sum() == 0
    assert (c.vetoed == len(rows)).all()
    assert 0 < c.loc["ga-override", "by_alignment"] <= len(rows)


def test_reform_compare_cli_writes_table_csv_and_figure(shared_data, tmp_path, monkeypatch):
    # the last call runs without the data: COLLSEC_DATA_DIR, if the user set it, must not count
    monkeypatch.delenv("COLLSEC_DATA_DIR", raising=False)
    fig, table = tmp_path / "reform.png", tmp_path / "reform.csv"
    r = runner.invoke(
        app,
        [
            "reform",
            "compare",
            "--data-dir",
            str(shared_data),
            "--figure",
            str(fig),
            "--csv",
            str(table),
        ],
    )
    assert r.exit_code == 0, r.output
    assert fig.stat().st_size > 10_000 and "two-vetoes" in table.read_text()
    data = json.loads(runner.invoke(app, ["reform", "compare", "--json"]).output)
    assert data[0]["reform"] == "status-quo" and "would_pass_with_majority" not in data[0]


def test_power_cli_and_errors(tmp_path):
    r = runner.invoke(app, ["power", "status-quo", "--json"])
    assert json.loads(r.output)["winning_coalitions"] == 848
    bad = runner.invoke(app, ["power", "no-such-preset"])
    assert bad.exit_code == 2 and "preset" in bad.output and "Traceback" not in bad.output
    f = tmp_path / "mine.yaml"
    f.write_text("name: Mine\nsource: test\nclasses: {permanent: {seats: 0}}\nrule: {quota: 1}\n")
    bad = runner.invoke(app, ["power", str(f)])
    assert bad.exit_code == 2 and "classes" in bad.output
    missing = runner.invoke(app, ["reform", "compare", "--data-dir", str(tmp_path)])
    assert missing.exit_code == 2 and "unsc-vetoes" in missing.output


def test_reform_vetoes_breaks_down_and_lists(shared_data, tmp_path):
    out = tmp_path / "by-member.csv"
    r = runner.invoke(
        app,
        [
            "reform",
            "vetoes",
            "two-vetoes",
            "--data-dir",
            str(shared_data),
            "--by",
            "vetoed_by",
            "--csv",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    table = __import__("pandas").read_csv(out)
    assert set(table.vetoed_by) == {"RUS", "USA", "UKG", "FRN", "CHN"}
    assert (table.with_majority <= table.vetoed).all()
    listed = runner.invoke(
        app,
        [
            "reform",
            "vetoes",
            "no-veto",
            "--data-dir",
            str(shared_data),
            "--list",
            "--csv",
            str(out),
        ],
    )
    assert listed.exit_code == 0 and len(__import__("pandas").read_csv(out)) == 214
    bad = runner.invoke(
        app, ["reform", "vetoes", "g4", "--by", "colour", "--data-dir", str(shared_data)]
    )
    assert bad.exit_code == 2 and "decade" in bad.output


def test_a_raised_majority_moves_with_the_assumption(shared_data, tmp_path):
    """No veto but 12 of 15: the record guarantees only 9 yes, so (A) passes nothing and
    (C, all non-vetoing members yes) passes every draft with at most 3 vetoes (the reform's
    council has 15 seats whatever the year: before 1966 its 4 extra seats are new seats).
    """
    with open(shared_data / "unsc-vetoes" / "unsc_vetoes_1946_sept2022.csv", newline="") as f:
        at_most_3 = sum(
            1
            for r in csv.DictReader(f)
            if sum(bool(r[f"member_veto{i}"].strip()) for i in (1, 2, 3)) <= 15 - 12
        )
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "raised:\n  name: No veto, 12 of 15\n  source: test\n"
        "  classes: {permanent: {seats: 5}, elected: {seats: 10}}\n  rule: {quota: 12}\n"
    )
    reforms = {"raised": load_presets(mine)["raised"]}
    c = counts(evaluate(reforms, load_vetoes(shared_data), None)).set_index("reform")
    assert c.loc["raised", "with_majority"] == 0
    assert c.loc["raised", "all_yes"] == at_most_3
