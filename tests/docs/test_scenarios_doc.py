"""docs/scenarios.md cannot drift: its example runs, its JSON excerpt has the shape of a real
result, and it names every field of the result and every cause code."""

import json
import re
from pathlib import Path

import pytest
import yaml

from collsec.crisis import run_crisis
from collsec.crisis.outcome import RESPONSES, RESULTS, CrisisResult
from collsec.scenarios import load_scenario
from collsec.scenarios.model import Body

DOC = (Path(__file__).parents[2] / "docs" / "scenarios.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, flags=re.S)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    full = [b for b in blocks("yaml") if "actors:" in b]
    assert full, "docs/scenarios.md lost its full example"
    path = tmp_path_factory.mktemp("doc") / "korea-sketch.yaml"
    path.write_text(full[0], encoding="utf-8")
    return path


def test_the_full_example_loads_and_runs(example):
    result = run_crisis(load_scenario(example))
    assert result.response == "authorised_force"
    assert result.result == "aggression_reversed"
    assert result.main_cause == "absent:RUS"


def test_the_counterfactual_of_the_example_runs_as_described(example):
    result = run_crisis(load_scenario(example, counterfactual="ussr-present"))
    assert result.causes[0] == "veto:RUS"


def _shape(value):
    """Keys of every mapping, recursively (list items by their first element)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [_shape(value[0])]
    return None


def test_the_json_excerpt_is_a_real_result_of_the_example(example):
    shown = json.loads(next(b for b in blocks("json") if '"scenario"' in b))
    real = json.loads(run_crisis(load_scenario(example), draws=1000).model_dump_json())
    assert _shape(shown) == _shape(real)
    for key in ("scenario", "response", "result", "main_cause", "causes", "draws"):
        assert shown[key] == real[key], key
    assert [b["adopted"] for b in shown["bodies"]] == [b["adopted"] for b in real["bodies"]]


def test_the_inline_institution_example_is_valid():
    block = next(b for b in blocks("yaml") if "OAS" in b)
    assert Body.model_validate(yaml.safe_load(block)[0]).resolved().scope == "regional"


def test_every_result_field_is_documented():
    for field in CrisisResult.model_fields:
        assert f"`{field}`" in DOC, field


@pytest.mark.parametrize(
    "code",
    [
        "veto:XXX",
        "unanimity_failed",
        "insufficient_votes",
        "attribution_failed",
        "absent:XXX",
        "permanent_members_agreed",
        "collective_defence:ID",
        "regional_action:ID",
        "unilateral:XXX",
        "non_members",
        "free_riding",
        "sanctions_too_weak",
        "coalition_too_weak",
        "aggressor_backed_down",
    ],
)
def test_every_cause_code_is_documented(code):
    assert f"| `{code}` |" in DOC, code


def test_every_response_and_result_value_is_documented():
    for value in RESPONSES + RESULTS:
        assert f"`{value}`" in DOC, value


def test_every_scenario_field_is_documented():
    from collsec.institutions import Institution
    from collsec.scenarios import model
    from collsec.voting.rules import DecisionRule

    for cls in (
        model.Scenario,
        model.Actor,
        model.Threat,
        model.Body,
        model.Affinity,
        model.Options,
        model.Counterfactual,
        Institution,
        DecisionRule,
    ):
        for field in cls.model_fields:
            assert f"`{field}`" in DOC, f"{cls.__name__}.{field}"
