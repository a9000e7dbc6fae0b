"""A corpus of bad scenario files: each gets one clear message (file, place, what was expected)
and exit code 2 from the CLI, never a traceback."""

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

BAD = sorted((Path(__file__).parent / "bad").glob("*.yaml"))
GOOD = Path(__file__).parents[1] / "crisis" / "fixtures" / "korea-mini.yaml"


def expectation(path: Path) -> str:
    first = path.read_text().splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} lacks its '# expect:' line"
    return first.removeprefix("# expect: ")


def test_the_corpus_is_there():
    assert len(BAD) >= 25


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_file_gets_one_clear_message(path):
    with pytest.raises(InputError) as info:
        load_scenario(path)
    message = str(info.value)
    assert message.startswith(str(path)), message
    assert expectation(path) in message, message


@pytest.mark.parametrize("path", BAD[:8], ids=lambda p: p.stem)
def test_cli_exits_2_without_traceback(path):
    result = CliRunner().invoke(app, ["run", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and expectation(path) in result.output


@pytest.mark.parametrize(
    "assignment, fragment",
    [
        ("actors.USSR.absnt=false", "absnt"),
        ("threat.nothing=1", "nothing"),
        ("bodies.NOPE.members=[]", "NOPE"),
        ("actors.NOBODY.absent=true", "NOBODY"),
        ("actors.RUS.capability=-1", "greater than or equal to 0"),
        ("threat", "PATH=VALUE"),
        ("threat.severity.x=1", "holds a value"),
    ],
)
def test_bad_overrides_are_input_errors(assignment, fragment):
    with pytest.raises(InputError, match=fragment):
        load_scenario(GOOD, [assignment])


def test_good_overrides_apply():
    s = load_scenario(
        GOOD,
        [
            "actors.USSR.absent=false",
            "bodies.UNSC.members=[USA, RUS]",
            "options.sanctions.measures=[arms, oil]",
            "actors.PRK.trade_share.USA=0.2",
        ],
    )
    assert s.actors["RUS"].absent is False
    assert s.bodies[0].members == ("USA", "RUS")
    assert s.options.sanctions.measures == ("arms", "oil")
    assert s.actors["PRK"].trade_share == {"USA": 0.2}


def test_unknown_counterfactual_lists_the_known_ones():
    with pytest.raises(InputError, match="none defined"):
        load_scenario(GOOD, counterfactual="nope")


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=3),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_random_mutations_never_escape_as_anything_but_input_errors(tmp_path, data):
    doc = yaml.safe_load(GOOD.read_text())
    node = doc
    path = []
    while isinstance(node, dict) and node and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(node)))
        path.append(key)
        if not isinstance(node[key], dict):
            break
        node = node[key]
    action = data.draw(st.sampled_from(["drop", "replace", "insert"]))
    if action == "drop" and path:
        parent = doc
        for k in path[:-1]:
            parent = parent[k]
        parent.pop(path[-1], None)
    elif action == "replace" and path:
        parent = doc
        for k in path[:-1]:
            parent = parent[k]
        parent[path[-1]] = data.draw(SCALARS)
    elif isinstance(node, dict):
        node[data.draw(st.text(min_size=1, max_size=6))] = data.draw(SCALARS)
    target = tmp_path / "mutant.yaml"
    target.write_text(yaml.safe_dump(doc, allow_unicode=True))
    try:
        load_scenario(target)
    except InputError as error:
        assert str(error).startswith(str(target))
