"""Fuzzing the input layer and the command line: random bytes, random YAML, mutations of the
built-in cases and of the bad-input corpora, random argument lists. Every run must end, within
a time limit, with a correct run (exit 0) or exit code 2 and one line ``error: ...`` (or
Click's own usage message for an unknown option); never a traceback, never a hang.
"""

from __future__ import annotations

import contextlib
import math
import signal
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import collsec.cli  # noqa: F401  (registers the commands)
from collsec.cli.app import app
from collsec.errors import InputError
from collsec.inputs import load_yaml
from collsec.validation.corpus import PAPER_CASES

HERE = Path(__file__).parent
CASES = sorted(
    resources.files("collsec.corpus").joinpath("scenarios", f"{name}.yaml") for name in PAPER_CASES
)
BAD_FILES = sorted((HERE.parent / "scenarios" / "bad").glob("*.yaml")) + sorted(
    (HERE / "files").iterdir()
)
SEEDS = [f.read_bytes() for f in CASES] + [f.read_bytes() for f in BAD_FILES]

LIMIT = 20
"""Seconds any one command may take (a hang fails the test instead of blocking it)."""


class Hang(Exception):
    """Raised by the alarm when a command runs past :data:`LIMIT`."""


@contextlib.contextmanager
def time_limit(seconds: float):
    def alarm(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(args: list[str]):
    """Invoke the CLI; assert it ended cleanly (0) or with exit 2 and one clear message."""
    with time_limit(LIMIT):
        result = CliRunner().invoke(app, args)
    assert not isinstance(result.exception, Hang), args
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: {result.exception!r}\n{result.output}") from (
            result.exception
        )
    output = result.output
    assert "Traceback" not in output, output
    assert result.exit_code in (0, 2), (args, result.exit_code, output)
    if result.exit_code == 2:
        lines = output.strip().splitlines()
        usage = any(line.startswith("Usage:") for line in lines)
        assert usage or (len(lines) == 1 and lines[0].startswith("error: ")), (args, output)
    return result


SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

COMMANDS = [
    ["run", "{}"],
    ["simulate", "-r", "1", "--states", "3", "--turns", "2", "--params", "{}"],
    ["power", "{}"],
    ["reform", "compare", "--presets", "{}"],
]


def _with(path: Path, command: list[str]) -> list[str]:
    return [a.replace("{}", str(path)) for a in command]


# ---------------------------------------------------------------- the layer itself
@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_through_the_layer(data):
    text = data.decode("utf-8", "surrogateescape")
    with time_limit(LIMIT):
        try:
            load_yaml("random", text)
        except InputError as error:
            assert str(error).startswith("random: ")


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
    st.sampled_from([".nan", "1950-02-30", "[/x]", "\ud800", "x" * 6000, "*a", "&a"]),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.text(max_size=8).filter(lambda k: k != "<<"), inner, max_size=5),
    ),
    max_leaves=40,
)


@SETTINGS
@given(DOCUMENTS)
def test_random_yaml_loads_or_is_refused_clearly(doc):
    try:
        text = yaml.safe_dump(doc, allow_unicode=True)
    except (yaml.YAMLError, UnicodeEncodeError):
        return
    with time_limit(LIMIT):
        try:
            data = load_yaml("doc", text).data
        except InputError as error:
            assert str(error).startswith("doc: ")
            return

    def refused(v):
        if isinstance(v, float):
            return not math.isfinite(v)
        if isinstance(v, str):
            return len(v) > 5000 or any("\ud800" <= c <= "\udfff" for c in v)
        if isinstance(v, list):
            return any(refused(x) for x in v)
        if isinstance(v, dict):
            return any(refused(k) or refused(x) for k, x in v.items())
        return False

    assert not refused(doc), "the layer let through a value it refuses"
    assert data == yaml.safe_load(text)  # what it accepts, it reads as PyYAML does


# ---------------------------------------------------------------- commands on files
@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(COMMANDS))
def test_random_bytes_as_any_input_file(tmp_path, data, command):
    path = tmp_path / "input.yaml"
    path.write_bytes(data)
    run_cli(_with(path, command))


NASTY = [
    b".nan",
    b"-.inf",
    b"1950-02-30",
    b"*a",
    b"&a ",
    b"[",
    b"{",
    b"'",
    b'"\\ud800"',
    b"\xff",
    b"\x00",
    b"\t",
    b"<<: ",
    b"!!python/object:os.system ",
    b"9" * 5000,
    b"true",
    b"~",
    b": ",
    b"- ",
    b"\n  ",
]


@settings(SETTINGS, max_examples=100)
@given(st.sampled_from(range(len(SEEDS))), st.data())
def test_mutations_of_cases_and_corpora(tmp_path, which, data):
    """Cut, repeat or overwrite parts of a built-in case or of a bad-input file, or plant a
    nasty token, then run it."""
    text = SEEDS[which]
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["cut", "repeat", "plant", "bytes"]))
        size = data.draw(st.integers(0, 60))
        if action == "cut":
            text = text[:at] + text[at + size :]
        elif action == "repeat":
            text = text[:at] + text[at : at + size] * 2 + text[at + size :]
        elif action == "plant":
            text = text[:at] + data.draw(st.sampled_from(NASTY)) + text[at:]
        else:
            text = text[:at] + data.draw(st.binary(max_size=8)) + text[at:]
    path = tmp_path / "mutant.yaml"
    path.write_bytes(text)
    run_cli(_with(path, COMMANDS[0]))


# ---------------------------------------------------------------- random argument lists
VALUES = st.sampled_from(
    [
        "nan",
        "inf",
        "-inf",
        "1e999",
        "-1",
        "0",
        "1",
        "0.5",
        "2",
        "[/x]",
        "",
        "x" * 300,
        "true",
        ".nan",
        "1950-02-30",
        "\ud800x",
        "x.csv",
        "x.parquet",
        "x.txt",
        "nodir/x.csv",
        "/sys/x.csv",
        ".",
        "realpolitik=nan",
        "realpolitik=1",
        "commitment=nan",
        "thresholds=1",
        "thresholds.force=2",
        "actors.USA.absent=true",
        "actors.USA.capability=.inf",
    ]
)
OPTIONS = {
    "run": ["--set", "--param", "--draws", "--seed", "--counterfactual"],
    "simulate": [
        "--doctrines",
        "--commitment",
        "--indivisibility",
        "--mutual-confidence",
        "--inequality",
        "--arms-cost",
        "--out",
        "--series",
        "--cs-power",
        "--seed",
    ],
    "power": [],
    "schema": ["--out"],
    "reform compare": ["--csv", "--figure"],
}
FIXED = {
    "run": ["korea-1950", "--draws", "2"],
    "simulate": ["-r", "2", "--states", "4", "--turns", "3"],
    "power": [],
    "schema": [],
    "reform compare": [],
}


@SETTINGS
@given(st.sampled_from(sorted(OPTIONS)), st.data())
def test_random_argument_lists(tmp_path, monkeypatch, command, data):
    monkeypatch.chdir(tmp_path)
    args = command.split() + FIXED[command]
    if command == "power":
        args.append(data.draw(VALUES))
    for _ in range(data.draw(st.integers(0, 3))):
        if OPTIONS[command]:
            args += [data.draw(st.sampled_from(OPTIONS[command])), data.draw(VALUES)]
    run_cli(args)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_folder_and_a_huge_file_are_refused(tmp_path, command):
    run_cli(_with(tmp_path, command))
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"# " + b"x" * 1_100_000 + b"\n")
    result = run_cli(_with(huge, command))
    assert result.exit_code == 2 and "at most 1,000,000 bytes" in result.output
