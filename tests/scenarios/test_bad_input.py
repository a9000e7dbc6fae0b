"""A corpus of bad scenario files: each gets one clear message (file, place, what was expected)
and exit code 2 from the CLI, never a traceback.

Each file in ``bad/`` starts with ``# expect: <fragment>``: a fragment the message must hold.
"""

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import collsec.cli  # noqa: F401  (registers the commands)
from collsec.cli.app import app
from collsec.errors import InputError
from collsec.scenarios import load_scenario

HERE = Path(__file__).parent
BAD = sorted((HERE / "bad").glob("*.yaml"))
GOOD = HERE / "fixtures" / "korea.yaml"


def expectation(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} lacks its '# expect:' line"
    return first.removeprefix("# expect: ")


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_the_corpus_is_there():
    assert len(BAD) >= 25


def test_the_good_example_loads():
    assert load_scenario(GOOD).threat.aggressor == "PRK"


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_file_gets_one_clear_message(path):
    with pytest.raises(InputError) as info:
        load_scenario(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert expectation(path) in message, message
    assert "\n" not in message.split(": got ")[0], "one message on one line"


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_cli_exits_2_with_the_message_and_no_traceback(path):
    result = invoke("run", str(path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert path.name in result.output and expectation(path) in result.output


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"# expect nothing\nname: \xff\xfe\n", "line 2, column 7: expected UTF-8 text"),
        (b"\x00\x01\x02", "line 1, column 1: expected printable text"),
        (b"just text", "top level: expected a mapping of scenario fields"),
        (b"name: !!python/object:os.system x\n", "line 1, column 7: expected valid YAML"),
        (GOOD.read_bytes() + b"5: 1\n", "[5]: expected field names (text), got 5"),
    ],
    ids=["not-utf8", "binary", "a-scalar", "python-tag", "number-key"],
)
def test_files_that_are_not_scenarios(tmp_path, content, fragment):
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert str(info.value).startswith(str(path)) and fragment in str(info.value), str(info.value)


def test_a_missing_file_names_the_built_in_cases():
    result = invoke("run", "no/such/file.yaml")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "no/such/file.yaml: scenario: expected a path to a YAML file" in result.output


@pytest.mark.parametrize(
    "param, fragment",
    [
        ("nonsense=1", "--param: nonsense: expected a parameter of the engine"),
        ("commitment=2", "--param: commitment: expected less than or equal to 1, got 2"),
        ("thresholds.nonsense=1", "--param: thresholds.nonsense: expected a parameter of the"),
        ("thresholds.nonsense=1", "thresholds.condemnation, thresholds.sanctions"),
        ("sanction_weights.gold=1", "sanction_weights.arms, sanction_weights.financial"),
        ("indivisibility=high", "--param: indivisibility: expected a valid number"),
        ("commitment", "--param: commitment: expected PATH=VALUE"),
    ],
)
def test_bad_engine_parameters_exit_2(param, fragment):
    result = invoke("run", str(GOOD), "--param", param)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and fragment in result.output


# ---------------------------------------------------------------- random mutations
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=True),
    st.text(max_size=8),
    st.dates().map(str),
    st.lists(st.one_of(st.integers(), st.text(max_size=4)), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


def _mutate(doc, data) -> None:
    """Walk down a random path of ``doc`` (mappings and lists), then change what is there."""
    node, parent, key = doc, None, None
    while isinstance(node, dict | list) and node and data.draw(st.booleans()):
        keys = sorted(node, key=str) if isinstance(node, dict) else range(len(node))
        parent, key = node, data.draw(st.sampled_from(list(keys)))
        node = node[key]
    action = data.draw(st.sampled_from(["drop", "replace", "insert"]))
    if action == "drop" and parent is not None:
        del parent[key]
    elif action == "replace" and parent is not None:
        parent[key] = data.draw(SCALARS)
    elif isinstance(node, dict):
        node[data.draw(st.text(min_size=1, max_size=6))] = data.draw(SCALARS)
    elif isinstance(node, list):
        node.append(data.draw(SCALARS))


def _only_input_errors(path: Path) -> None:
    try:
        load_scenario(path)
    except InputError as error:
        assert str(error).startswith(f"{path}: ")


SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.data())
def test_mutated_data_gives_only_input_errors(tmp_path, data):
    doc = yaml.safe_load(GOOD.read_text())
    for _ in range(data.draw(st.integers(1, 3))):
        _mutate(doc, data)
    target = tmp_path / "mutant.yaml"
    target.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    _only_input_errors(target)


@SETTINGS
@given(st.data())
def test_mutated_text_gives_only_input_errors(tmp_path, data):
    """Cut, insert or overwrite characters of the file's text: broken YAML included."""
    text = GOOD.read_text()
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 40))
    insert = data.draw(
        st.text(alphabet=st.sampled_from(list(" \t\n:-[]{},#&*!'\"|>aZ0.")), max_size=6)
    )
    target = tmp_path / "mutant.yaml"
    target.write_text(text[:at] + insert + text[at + cut :], encoding="utf-8")
    _only_input_errors(target)


@SETTINGS
@given(st.text(max_size=200))
def test_random_text_gives_only_input_errors(tmp_path, text):
    target = tmp_path / "random.yaml"
    target.write_text(text, encoding="utf-8", errors="surrogatepass")
    _only_input_errors(target)
