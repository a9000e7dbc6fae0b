"""The crisis engine: replay a crisis from its situation and see why it went as it did."""

from collsec.crisis.engine import run_crisis
from collsec.crisis.outcome import RESPONSES, RESULTS, CrisisResult
from collsec.crisis.params import EngineParams

__all__ = ["RESPONSES", "RESULTS", "CrisisResult", "EngineParams", "run_crisis"]
