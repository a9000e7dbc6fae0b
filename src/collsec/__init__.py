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

_LAZY = {
    "DecisionRule": "collsec.voting.rules",
    "EngineParams": "collsec.crisis",
    "Game": "collsec.voting.game",
    "SystemParams": "collsec.system",
    "case_names": "collsec.scenarios",
    "decide": "collsec.voting.rules",
    "load_scenario": "collsec.scenarios",
    "power_indices": "collsec.voting.power",
    "run_crisis": "collsec.crisis",
    "simulate": "collsec.system",
}
"""Every public name is loaded on first use (PEP 562), so that ``collsec --help`` and the
commands that do not need them start without the crisis engine, pydantic models or numba."""


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


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
