"""The reform tables add up: every breakdown sums to its total line, a draft with several
vetoers counts once per vetoer (and the table says so), and the tables fit 80 columns."""

import io
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

import collsec.cli  # noqa: F401  (registers the commands)
from collsec.cli.app import app
from collsec.data.unga import load_ideal_points
from collsec.data.vetoes import load_vetoes
from collsec.reform import load_presets
from collsec.reform.record import ASSUMPTIONS, BREAKDOWNS, counts, evaluate, totals
from collsec.reports.reform import vetoes_note, vetoes_table

runner = CliRunner()
P5 = ("CHN", "FRN", "RUS", "UKG", "USA")


def invoke80(*args):
    """Run a command as in an 80-column terminal."""
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.output


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@st.composite
def records(draw):
    """A small synthetic record of vetoed drafts (one to three vetoers each)."""
    n = draw(st.integers(1, 12))
    rows = []
    for i in range(n):
        year = draw(st.integers(1946, 2022))
        vetoers = tuple(draw(st.lists(st.sampled_from(P5), min_size=1, max_size=3, unique=True)))
        rows.append(
            {
                "date": pd.Timestamp(year=year, month=1, day=1),
                "year": year,
                "decade": f"{year // 10 * 10}s",
                "draft": f"S/{year}/{i}",
                "topic": draw(st.sampled_from(["Syria", "Spain", "Admission"])),
                "region": draw(st.sampled_from(["Middle East", "Western Europe"])),
                "vetoed_by": vetoers,
            }
        )
    return pd.DataFrame(rows)


@settings(max_examples=30, deadline=None)
@given(records(), st.sampled_from(BREAKDOWNS))
def test_every_breakdown_sums_to_its_total_lines(record, by):
    reforms = {k: v for k, v in load_presets().items() if k in ("two-vetoes", "no-veto")}
    evaluated = evaluate(reforms, record, None)
    groups, lines = counts(evaluated, by), totals(evaluated, by)
    plain = counts(evaluated).set_index("reform")
    for reform in reforms:
        mine = groups[groups.reform == reform]
        line = lines[lines.reform == reform].set_index("line")
        cols = ["vetoed", *ASSUMPTIONS]
        assert (line.loc["drafts", cols] == plain.loc[reform, cols]).all()
        assert line.loc["drafts", "vetoed"] == len(record)
        summed = "vetoes" if by == "vetoed_by" else "drafts"
        assert (mine[cols].sum() == line.loc[summed, cols]).all()
        if by == "vetoed_by":
            assert line.loc["vetoes", "vetoed"] == record.vetoed_by.map(len).sum()
            assert (line.loc["vetoes", cols] >= line.loc["drafts", cols]).all()


def test_the_table_prints_the_total_lines_and_says_what_they_count():
    record = pd.DataFrame(
        {
            "date": pd.to_datetime(["1950-01-01", "1980-01-01"]),
            "year": [1950, 1980],
            "decade": ["1950s", "1980s"],
            "draft": ["S/1", "S/2"],
            "topic": ["Spain", "Syria"],
            "region": ["Western Europe", "Middle East"],
            "vetoed_by": [("RUS",), ("UKG", "USA")],
        }
    )
    evaluated = evaluate({"no-veto": load_presets()["no-veto"]}, record, None)
    lines = totals(evaluated, "vetoed_by")
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(vetoes_table("t", counts(evaluated, "vetoed_by"), lines, "vetoed_by"))
    text = console.export_text()
    assert re.search(r"total: vetoes cast\s+3\s+3\s+3\s+3", text)
    assert re.search(r"total: drafts\s+2\s+2\s+2\s+2", text)
    note = vetoes_note("vetoed_by", lines)
    assert "counts once for each of them" in note and "2 drafts carry 3 vetoes" in note
    assert "counts once for each" not in vetoes_note("decade", totals(evaluated, "decade"))


def test_vetoes_by_member_in_the_terminal_adds_up(shared_data):
    text = invoke80(
        "reform", "vetoes", "two-vetoes", "--data-dir", str(shared_data), "--by", "vetoed_by"
    )
    record = load_vetoes(shared_data)
    cast = int(record.vetoed_by.map(len).sum())
    assert re.search(rf"total: vetoes cast\s+{cast}\s", text)
    assert re.search(rf"total: drafts\s+{len(record)}\s", text)
    groups = [int(m) for m in re.findall(r"^(?:RUS|FRN|UKG|USA|CHN)\s+(\d+)", text, flags=re.M)]
    assert sum(groups) == cast > len(record)
    assert "counts once for each of them" in " ".join(text.split())
    assert widest(text) <= 80


@pytest.mark.parametrize("by", ["decade", "topic", "region"])
def test_vetoes_by_group_sum_to_the_drafts(shared_data, by):
    text = invoke80("reform", "vetoes", "ga-override", "--data-dir", str(shared_data), "--by", by)
    evaluated = evaluate(
        {"ga-override": load_presets()["ga-override"]},
        load_vetoes(shared_data),
        load_ideal_points(shared_data),
    )
    line = totals(evaluated, by).iloc[0]
    shown = " ".join(str(int(line[c])) for c in ("vetoed", *ASSUMPTIONS))
    assert re.search(r"total: drafts\s+" + r"\s+".join(shown.split()), text)
    assert counts(evaluated, by).vetoed.sum() == line.vetoed == 214
    assert widest(text) <= 80


def test_the_listing_ends_with_its_totals_and_fits(shared_data):
    text = invoke80(
        "reform", "vetoes", "no-veto-atrocities", "--data-dir", str(shared_data), "--list"
    )
    assert re.search(r"total\s+214 drafts\s+19\s+19\s+19\s+19", text)
    assert widest(text) <= 80


def test_compare_and_power_fit_80_columns_without_cutting_a_number(shared_data):
    for args in (
        ("reform", "compare", "--data-dir", str(shared_data)),
        ("power", "ezulwini"),
        ("power", "g4"),
        ("institutions",),
    ):
        text = invoke80(*args)
        assert widest(text) <= 80 and "\u2026" not in text, args
