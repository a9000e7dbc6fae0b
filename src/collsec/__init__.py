"""collsec: a laboratory for collective security.

The public API is small on purpose:

* :func:`load_scenario` - a crisis from a YAML file or a built-in case, with overrides;
* :func:`run_crisis` - replay it (votes, decisions, coalition, result, causes, scorecard);
* :class:`EngineParams` - the crisis engine's parameters;
* :class:`DecisionRule`, :func:`decide` - the decision rules of collective bodies;
* :func:`case_names` - the built-in cases.

Voting power (:mod:`collsec.voting`), reform analysis (:mod:`collsec.reform`) and the long-run
system simulation (:mod:`collsec.system`) are imported from their modules.
"""

from collsec.crisis import EngineParams, run_crisis
from collsec.scenarios import case_names, load_scenario
from collsec.voting.rules import DecisionRule, decide

__version__ = "0.1.0"

__all__ = ["DecisionRule", "EngineParams", "case_names", "decide", "load_scenario", "run_crisis"]
