"""The docs cannot drift: their examples run, and they name every field of the result."""

import re
from pathlib import Path

import yaml

from collsec.crisis import run_crisis
from collsec.crisis.outcome import CrisisResult
from collsec.scenarios import load_scenario

DOCS = Path(__file__).parents[2] / "docs"


def yaml_blocks(text):
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


def test_the_full_example_in_scenarios_md_loads_and_runs(tmp_path):
    blocks = [b for b in yaml_blocks((DOCS / "scenarios.md").read_text()) if "actors:" in b]
    assert blocks, "docs/scenarios.md lost its full example"
    path = tmp_path / "example.yaml"
    path.write_text(blocks[0])
    result = run_crisis(load_scenario(path))
    assert result.response == "authorised_force"


def test_the_inline_institution_example_is_valid():
    block = next(b for b in yaml_blocks((DOCS / "scenarios.md").read_text()) if "OAS" in b)
    from collsec.scenarios.model import Body

    Body.model_validate(yaml.safe_load(block)[0])


def test_every_result_field_is_documented():
    text = (DOCS / "scenarios.md").read_text()
    for field in CrisisResult.model_fields:
        assert f"`{field}`" in text, field
