"""A corpus of bad inputs: files (``files/``) and argument lists (``arguments.tsv``), each
with the message it must give. Every one must exit with code 2 and print one line starting
with ``error:`` that holds the expected fragment: never a traceback, never a hang.

A file starts with two ASCII lines, ``# command: ARGS`` (``{}`` stands for the file) and
``# expect: FRAGMENT``; its bytes follow (some are not UTF-8 on purpose). A line of
``arguments.tsv`` is ``ARGS<TAB>FRAGMENT``; in ARGS, ``{tmp}`` is a fresh temporary folder.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

import collsec.cli  # noqa: F401  (registers the commands)
from collsec.cli.app import app

HERE = Path(__file__).parent
FILES = sorted((HERE / "files").iterdir())
ARGUMENTS = [
    line.split("\t")
    for line in (HERE / "arguments.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def header(path: Path) -> tuple[list[str], str]:
    first, second = path.read_bytes().split(b"\n", 2)[:2]
    command = first.decode("ascii").removeprefix("# command: ")
    expect = second.decode("ascii").removeprefix("# expect: ")
    return [a.replace("{}", str(path)) for a in shlex.split(command)], expect


def check(args: list[str], expect: str) -> None:
    result = CliRunner().invoke(app, args)
    output = result.output
    assert result.exit_code == 2, output
    assert (
        "Traceback" not in output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    ), output
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), output
    assert expect in output, output


def test_the_corpus_holds_at_least_60_new_inputs():
    assert len(FILES) + len(ARGUMENTS) >= 100
    assert len(FILES) >= 60


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_bad_file(path):
    args, expect = header(path)
    check(args, expect)


@pytest.mark.parametrize("args, expect", ARGUMENTS, ids=lambda v: v if "\t" in v else None)
def test_bad_arguments(args, expect, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exists").mkdir()
    (tmp_path / "a-folder.csv").mkdir()
    (tmp_path / "a-file.txt").write_text("x")
    args = [a.replace("{tmp}", str(tmp_path)) for a in shlex.split(args)]
    check(args, expect.replace("{tmp}", str(tmp_path)))
