"""collsec: a laboratory for collective security.

The public API is small on purpose:

* :func:`load_scenario` - a crisis from a YAML file or a built-in case, with overrides;
* :func:`run_crisis` - replay it (votes, decisions, coalition, result, causes, scorecard);
* :class:`EngineParams` - the crisis engine's parameters;
* :class:`DecisionRule`, :func:`decide` - the decision rules of collective bodies;
* :class:`Game`, :func:`power_indices` - exact voting power of a rule;
* :class:`SystemParams`, :func:`simulate` - many histories of a system of states;
* :func:`case_names` - the built-in cases.

Reform analysis lives in :mod:`collsec.reform`, the public data readers in :mod:`collsec.data`.
"""

import importlib

from collsec.crisis import EngineParams, run_crisis
from collsec.scenarios import case_names, load_scenario
from collsec.voting.rules import DecisionRule, decide

_LAZY = {
    "Game": "collsec.voting.game",
    "power_indices": "collsec.voting.power",
    "SystemParams": "collsec.system",
    "simulate": "collsec.system",
}
"""Names loaded on first use: they pull in numba, which every other command can do without."""


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "DecisionRule",
    "EngineParams",
    "Game",
    "SystemParams",
    "case_names",
    "decide",
    "load_scenario",
    "power_indices",
    "run_crisis",
    "simulate",
]
