"""Scenario files: the situation of a crisis as validated model objects.

:func:`load_scenario` reads a YAML file or a built-in case (``case_names()``), applies a
counterfactual and ``--set`` overrides, and returns a :class:`Scenario`.
"""

from collsec.scenarios.load import apply_override, case_names, load_scenario
from collsec.scenarios.model import (
    Actor,
    Affinity,
    Body,
    Counterfactual,
    Location,
    Options,
    Scenario,
    Threat,
)

__all__ = [
    "Actor",
    "Affinity",
    "Body",
    "Counterfactual",
    "Location",
    "Options",
    "Scenario",
    "Threat",
    "apply_override",
    "case_names",
    "load_scenario",
]
