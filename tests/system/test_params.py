"""Parameters: validated, with messages that name the place and what was expected."""

import pytest

from collsec.errors import InputError
from collsec.principles import PRINCIPLES
from collsec.system import PRINCIPLE_KNOBS, SystemParams, load_params, simulate


def test_every_principle_has_its_knobs_and_they_are_parameters():
    assert list(PRINCIPLE_KNOBS) == list(PRINCIPLES)
    for knobs in PRINCIPLE_KNOBS.values():
        assert all(k in SystemParams.model_fields for k in knobs)


def test_counts_sum_to_states_for_any_shares():
    for states in (3, 7, 50, 199):
        p = SystemParams(
            states=states,
            doctrines={"realpolitik": 1 / 3, "collective_security": 1 / 3, "laissez_faire": 1 / 3},
        )
        assert sum(p.counts()) == states


@pytest.mark.parametrize(
    "overrides, place, expected",
    [
        ({"states": -3}, "states", "greater than or equal to 3"),
        ({"commitment": 2}, "commitment", "less than or equal to 1"),
        ({"doctrines": {"realpolitik": 0.5, "marxism": 0.5}}, "doctrines.marxism", "a doctrine"),
        ({"doctrines": {"realpolitik": 1.5, "laissez_faire": -0.5}}, "doctrines", "sum to 1"),
        ({"doctrines": {"realpolitik": 0.5}}, "doctrines", "sum to 1"),
        ({"cs_power": "richest"}, "cs_power", "'random', 'strongest' or 'weakest'"),
        ({"colour": 1}, "colour", "a parameter of the model"),
    ],
)
def test_bad_parameters_name_the_place_and_what_was_expected(overrides, place, expected):
    with pytest.raises(InputError) as info:
        load_params(**overrides)
    assert info.value.place == place and expected in info.value.expected


def test_a_yaml_file_is_read_and_its_errors_name_the_file(tmp_path):
    good = tmp_path / "p.yaml"
    good.write_text("states: 30\ndoctrines: {realpolitik: 0.25, collective_security: 0.75}\n")
    p = load_params(good, turns=10)
    assert (p.states, p.turns, p.counts()[:2]) == (30, 10, [8, 22])
    assert load_params(good, states=12).states == 12  # a flag overrides the file
    for text, place in [
        ("states: [1, 2\n", "line 2, column 1"),
        ("- 1\n", "top level"),
        ("states: x\n", "states"),
    ]:
        good.write_text(text)
        with pytest.raises(InputError) as info:
            load_params(good)
        assert str(good) in str(info.value) and info.value.place == place


@pytest.mark.parametrize(
    "kwargs, place",
    [
        ({"replicates": 0}, "replicates"),
        ({"workers": 0}, "workers"),
        ({"seed": -1}, "seed"),
        ({"batch": 0}, "batch"),
    ],
)
def test_bad_run_arguments(kwargs, place):
    with pytest.raises(InputError) as info:
        simulate(SystemParams(states=5, turns=2), **{"replicates": 1, **kwargs})
    assert info.value.place == place
