"""``--set PATH=VALUE`` and the ``counterfactuals:`` section: good paths change the scenario,
bad ones give one InputError naming the path (or the override) and what was expected."""

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import collsec.cli  # noqa: F401  (registers the commands)
from collsec.cli.app import app
from collsec.errors import InputError
from collsec.scenarios import load_scenario
from collsec.scenarios.load import apply_override, parse_assignment

GOOD = Path(__file__).parent / "fixtures" / "korea.yaml"


@pytest.mark.parametrize(
    "assignment, fragment",
    [
        ("actors.USSR.absnt=false", "--set: actors.USSR.absnt: expected a field of actors.USSR"),
        (
            "threat.nothing=1",
            "--set: threat.nothing: expected a field of threat (one of: aggressor",
        ),
        (
            "bodies.NOPE.members=[]",
            "expected one of the bodies defined in the scenario (UNSC, UNGA)",
        ),
        ("actors.NOBODY.absent=true", "one of the actors defined in the scenario (USA, UKG"),
        (
            "actors.RUS.capability=-1",
            "actors.RUS.capability (set by --set actors.RUS.capability=-1): "
            "expected a number greater than or equal to 0, got -1",
        ),
        ("threat", "--set: threat: expected PATH=VALUE"),
        ("=1", "expected a dotted path before '='"),
        ("threat.severity.x=1", "expected severity to be the last part (it holds a value)"),
        ("actors.RUS=1", "expected a field of actors.RUS after its name"),
        ("actors.PRK.trade_share.USA.x=1", "expected a key of actors.PRK.trade_share as the last"),
        (
            "bodies.UNSC.members=[USA, ZZZ]",
            "bodies[0].members (set by --set bodies.UNSC.members=[USA, ZZZ]): "
            "expected an actor defined under actors, not 'ZZZ'",
        ),
        ("threat.date=yesterday", "threat.date (set by --set threat.date=yesterday)"),
        ("bodies.9.id=X", "one of the bodies defined in the scenario"),
    ],
)
def test_bad_overrides_are_input_errors(assignment, fragment):
    with pytest.raises(InputError) as info:
        load_scenario(GOOD, [assignment])
    assert fragment in str(info.value), str(info.value)


@pytest.mark.parametrize("assignment", ["actors.USSR.absnt=false", "actors.RUS.capability=-1"])
def test_bad_overrides_exit_2_from_the_cli(assignment):
    result = CliRunner().invoke(app, ["run", str(GOOD), "--set", assignment])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert assignment.split("=")[0] in result.output


def test_an_alias_resolves_to_the_code():
    assert load_scenario(GOOD).actors["RUS"].absent == ("UNSC",)
    s = load_scenario(GOOD, ["actors.USSR.absent=false"])
    assert s.actors["RUS"].absent is False
    assert load_scenario(GOOD, ["actors.ussr.absent=false"]).actors["RUS"].absent is False


def test_bodies_by_id_and_by_index():
    s = load_scenario(GOOD, ["bodies.UNSC.members=[USA, RUS]", "bodies.1.non_members=[PRK]"])
    assert s.bodies[0].members == ("USA", "RUS")
    assert s.bodies[1].non_members == ("PRK",)


def test_nested_fields_and_new_keys_of_free_mappings():
    s = load_scenario(
        GOOD, ["options.sanctions.measures=[arms, oil]", "actors.PRK.trade_share.USA=0.2"]
    )
    assert s.options.sanctions.measures == ("arms", "oil")
    assert s.actors["PRK"].trade_share == {"USA": 0.2}


def test_later_overrides_win_and_values_are_read_as_yaml():
    s = load_scenario(GOOD, ["threat.severity=0.3", "threat.severity=0.4", "title=A new title"])
    assert s.threat.severity == 0.4 and s.title == "A new title"


def test_apply_override_returns_the_resolved_place():
    data = yaml.safe_load(GOOD.read_text())
    assert apply_override(data, "actors.USSR.absent", False) == ("actors", "RUS", "absent")
    assert apply_override(data, "bodies.UNGA.members", "all") == ("bodies", 1, "members")
    assert data["actors"]["RUS"]["absent"] is False


def test_parse_assignment_reads_the_value_as_yaml():
    assert parse_assignment("a.b=[x, y]") == ("a.b", ["x", "y"])
    assert parse_assignment("a.b=false") == ("a.b", False)
    assert parse_assignment("a.b=") == ("a.b", "")
    assert parse_assignment("a.b=[unclosed") == ("a.b", "[unclosed")


def test_a_counterfactual_is_applied_by_name():
    s = load_scenario(GOOD, counterfactual="ussr-present")
    assert s.actors["RUS"].absent is False
    # --set comes after the counterfactual
    s = load_scenario(GOOD, ["actors.RUS.absent=[UNSC]"], counterfactual="ussr-present")
    assert s.actors["RUS"].absent == ("UNSC",)


def test_an_unknown_counterfactual_lists_the_known_ones():
    with pytest.raises(InputError, match=r"counterfactuals: expected one of: ussr-present, got"):
        load_scenario(GOOD, counterfactual="nope")
    result = CliRunner().invoke(app, ["run", str(GOOD), "--counterfactual", "nope"])
    assert result.exit_code == 2 and "ussr-present" in result.output


def _with_counterfactual(tmp_path, entry) -> Path:
    data = yaml.safe_load(GOOD.read_text())
    data["counterfactuals"] = {"what-if": entry}
    path = tmp_path / "cf.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


@pytest.mark.parametrize(
    "entry, fragment",
    [
        ("just text", "counterfactuals.what-if: expected a description and set: a mapping"),
        ({"description": "d", "set": [1]}, "counterfactuals.what-if: expected a description"),
        ({"description": "d"}, "counterfactuals.what-if: expected a description"),
        (
            {"description": "d", "set": {"actors.NOPE.absent": True}},
            "counterfactuals.what-if: actors.NOPE.absent: expected one of the actors",
        ),
        (
            {"description": "d", "set": {"actors.RUS.capability": 2}},
            "actors.RUS.capability (set by counterfactuals.what-if actors.RUS.capability: 2)",
        ),
        ({"description": "d", "set": {7: 1}}, "7: expected a field of the scenario"),
    ],
)
def test_a_bad_counterfactual_is_an_input_error(tmp_path, entry, fragment):
    path = _with_counterfactual(tmp_path, entry)
    with pytest.raises(InputError) as info:
        load_scenario(path, counterfactual="what-if")
    assert str(info.value).startswith(str(path)) and fragment in str(info.value)
