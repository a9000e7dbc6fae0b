"""Tipping points of one crisis: how far each fitted parameter can move, the others held,
before the engine's collective response or its most frequent result changes.

The responses the engine gives are decided by members' support crossing thresholds, so a
prediction can hang on a value moved by a fraction of a percent (docs/validation.md, "The
middle of a level"). An analyst reading a replay needs to know which predictions are that
fragile and on what they turn: this is a one-at-a-time sensitivity analysis, run on the
values the fit ships, with common draws (the same seed for every run), so that a change comes
from the parameter and not from the draws. It is no uncertainty interval: the parameters move
one at a time, over the steps of :data:`STEPS` only.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from collsec.crisis import EngineParams, run_crisis
from collsec.scenarios.model import Scenario
from collsec.validation.fit import OUTCOME, PARAMETER_OF, outward, value_of

STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)
"""Relative moves tried on each side, nearest first (of the value, or of 0.5 when it is
smaller, as the fit's search moves it: :func:`collsec.validation.fit.stepped`)."""

FITTED = tuple(
    dict.fromkeys([*PARAMETER_OF.values(), "thresholds.band", "thresholds.deference", *OUTCOME])
)
"""Every parameter the fit sets (docs/validation.md section 4): the vote rule's weights and
the escalation, war and deterrence parameters of stage 2."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Tip(_Frozen):
    """The nearest value tried at which the outcome changes: the relative ``step`` (signed),
    the ``value``, and the response and most frequent result there.
    """

    step: float
    value: float
    response: str
    result: str


class TippingPoint(_Frozen):
    """One parameter: its ``value`` and the nearest change below and above (None: none within
    the steps tried).
    """

    name: str
    value: float
    below: Tip | None
    above: Tip | None


class Tipping(_Frozen):
    """Tipping points of one case: the outcome at the given values and each parameter's."""

    scenario: str
    draws: int
    seed: int
    response: str
    result: str
    points: tuple[TippingPoint, ...]

    def fragile(self, within: float = 0.05) -> tuple[TippingPoint, ...]:
        """The parameters whose move by at most ``within`` (relative) changes the outcome."""
        return tuple(
            p
            for p in self.points
            if any(t is not None and abs(t.step) <= within + 1e-12 for t in (p.below, p.above))
        )


def _outcome(scenario: Scenario, params: EngineParams, draws: int, seed: int) -> tuple[str, str]:
    r = run_crisis(scenario, params, draws=draws, seed=seed, explain=False)
    return r.response, r.result


def tipping_points(
    scenario: Scenario,
    params: EngineParams | None = None,
    names: tuple[str, ...] = FITTED,
    draws: int = 200,
    seed: int = 0,
) -> Tipping:
    """For each parameter of ``names``, the nearest of :data:`STEPS` on each side at which the
    engine's response or most frequent result (over ``draws`` draws, ``seed``) differs from
    its outcome at ``params`` (default: the shipped values), the others held. A move clipped
    to the parameter's bound ends that side (:func:`collsec.validation.fit.outward`).
    """
    params = params or EngineParams()
    base = _outcome(scenario, params, draws, seed)
    points = []
    for name in names:
        current = value_of(params, name)
        tips: list[Tip | None] = []
        for sign in (-1.0, 1.0):
            tip = None
            for step, trial, value in outward(params, name, STEPS, sign):
                outcome = _outcome(scenario, trial, draws, seed)
                if outcome != base:
                    tip = Tip(step=sign * step, value=value, response=outcome[0], result=outcome[1])
                    break
            tips.append(tip)
        points.append(TippingPoint(name=name, value=current, below=tips[0], above=tips[1]))
    return Tipping(
        scenario=scenario.name,
        draws=draws,
        seed=seed,
        response=base[0],
        result=base[1],
        points=tuple(points),
    )
