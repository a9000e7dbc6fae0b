"""The shell examples of README.md and docs/*.md run and exit 0, so the docs cannot drift.

Every line of every ```bash block is a test, run the way a reader would type it, from a
fresh folder beside the public data (``../shared/data``), with the files a reader is told to
bring (``my-crisis.yaml``, ``my.yaml``, ``my-reforms.yaml``) made from the docs' own examples.
A few lines are not run, each for a stated reason; long runs are run smaller (same command,
fewer histories, one worker: the tables do not depend on the number of workers, tested in
tests/system). Examples that read the public data skip without them, counted in the run's
summary line.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

import collsec.cli  # noqa: F401  (registers the commands)
from collsec.cli.app import app

REPO = Path(__file__).resolve().parents[2]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]

NOT_RUN = {
    "pip": "installs collsec: done before the tests can run",
    "python -m pytest": "the test suite itself",
    "python benchmarks/": "a benchmark: minutes of timing on purpose (its numbers are in the docs)",
    "collsec fit": "refits the shipped defaults: minutes; its command and result are in "
    "src/collsec/crisis/fitted.yaml and docs/validation.md",
    "collsec validate cv": "refits stage 2 once per fold: minutes; its figures are in "
    "docs/validation.md, and tests/cli/test_validation_cli.py runs it on a small corpus",
    "collsec scenario build src/collsec/corpus": "rebuilds the corpus inside the repository; "
    "tests/scenarios/test_draft.py checks the rebuild byte for byte",
}
"""Prefix of a command -> why it is not run here."""

SMALLER = {"-r 1000": "-r 2", "--workers 2": "--workers 1"}
"""Long runs, run smaller: what a command says -> what the test runs instead."""

SCENARIO_DOC = (REPO / "docs" / "scenarios.md").read_text(encoding="utf-8")
USER_FILES = {
    # the full example of docs/scenarios.md, as the reader's own scenario
    "my-crisis.yaml": next(
        b for b in re.findall(r"```yaml\n(.*?)```", SCENARIO_DOC, flags=re.S) if "actors:" in b
    ),
    "my.yaml": "doctrines: {realpolitik: 0.5, collective_security: 0.5}\nstates: 20\nturns: 100\n",
    "my-reforms.yaml": (
        "raised:\n  name: No veto, 12 of 15\n  source: an example\n"
        "  classes: {permanent: {seats: 5}, elected: {seats: 10}}\n  rule: {quota: 12}\n"
    ),
}
"""Files the docs ask the reader to bring, as the test brings them."""


def examples() -> list[pytest.param]:
    """Every command of every ```bash block, once, with the place it first appears."""
    seen: dict[str, str] = {}
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for block in re.finditer(r"```bash\n(.*?)```", text, flags=re.S):
            first = text[: block.start()].count("\n") + 2
            for offset, line in enumerate(block.group(1).splitlines()):
                parts = line.split("&&")
                for k, command in enumerate(parts):
                    words = shlex.split(command, comments=True)
                    if words:
                        place = f"{doc.relative_to(REPO)}:{first + offset}"
                        place += f"#{k + 1}" if len(parts) > 1 else ""
                        seen.setdefault(shlex.join(words), place)
    return [pytest.param(command, id=place) for command, place in seen.items()]


def test_the_docs_have_examples():
    commands = [p.values[0] for p in examples()]
    assert len(commands) > 30 and sum(c.startswith("collsec ") for c in commands) > 25


@pytest.mark.parametrize("command", examples())
def test_the_example_runs(command, tmp_path, monkeypatch, request):
    plain = command.replace("'", "")  # shlex.join quotes globs
    reason = next((why for prefix, why in NOT_RUN.items() if plain.startswith(prefix)), None)
    if reason:
        pytest.skip(f"not run: {reason}")
    assert command.startswith("collsec "), (
        f"an example the test does not know how to run: {command}"
    )
    for long, short in SMALLER.items():
        command = command.replace(long, short)
    words = shlex.split(command)[1:]
    redirect = None
    if ">" in words:
        words, redirect = words[: words.index(">")], words[words.index(">") + 1]
    work = tmp_path / "work"  # the repository's root, as the reader's folder
    (work / "docs" / "figures").mkdir(parents=True)
    if "../shared/data" in words:
        (tmp_path / "shared").mkdir()
        (tmp_path / "shared" / "data").symlink_to(request.getfixturevalue("shared_data"))
    for name, text in USER_FILES.items():
        (work / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(work)
    monkeypatch.delenv("COLLSEC_DATA_DIR", raising=False)  # as a reader who set nothing
    result = CliRunner().invoke(app, words)
    assert result.exit_code == 0, f"{command}\n{result.output}"
    assert "Traceback" not in result.output
    if redirect:
        (work / redirect).write_text(result.output, encoding="utf-8")
        assert (work / redirect).stat().st_size > 0


FIGURES = sorted((REPO / "docs" / "figures").glob("*.png"))


def test_there_are_figures():
    assert {f.name for f in FIGURES} >= {"reform-compare.png", "system-classic.png"}


@pytest.mark.parametrize("png", FIGURES, ids=lambda p: p.name)
def test_every_figure_is_300_dpi_has_vector_twins_and_its_command_beside_it(png):
    from PIL import Image

    assert Image.open(png).info["dpi"] == pytest.approx((300, 300), abs=0.5)
    for twin in (png.with_suffix(".svg"), png.with_suffix(".pdf")):
        assert twin.is_file() and twin.stat().st_size > 5_000, twin.name
    shown_in = [d for d in DOCS if f"](figures/{png.name})" in d.read_text(encoding="utf-8")]
    assert shown_in, f"{png.name} is shown in no doc"
    for doc in shown_in:
        commands = re.findall(r"```bash\n(.*?)```", doc.read_text(encoding="utf-8"), flags=re.S)
        writes = [
            line
            for block in commands
            for line in block.splitlines()
            if f"--figure docs/figures/{png.name}" in line
            or ("--out docs/figures" in line and png.stem.startswith("system-classic"))
        ]
        assert writes, f"{doc.name} shows {png.name} without the command that makes it"
