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

from collsec.crisis import EngineParams, run_crisis
from collsec.scenarios import case_names, load_scenario
from collsec.system import SystemParams, simulate
from collsec.voting.power import Game, power_indices
from collsec.voting.rules import DecisionRule, decide

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
