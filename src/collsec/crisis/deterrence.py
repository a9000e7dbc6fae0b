"""Deterrence and war: the aggressor's calculus and the fortunes of war.

A war between the side defending the target (the target, its treaty defenders, and any
coalition a body put together) and the aggressor's side ends in one of three ways. With
``r = ln(D / A)`` the log ratio of the two sides' power at the theatre, the probabilities are
an ordered-logit form of the contest success function (Tullock 1980; Hirshleifer 1989):

    P(aggression reversed)  = logistic(k * r - c)
    P(aggression prevailed) = logistic(-k * r - c)
    P(stalemate)            = the rest

with ``k`` the decisiveness of war and ``c`` how hard a decisive result is (c = 0: no
stalemate; equal sides then split the odds). Whoever must take ground needs a margin (the
defence is the stronger form of war: Clausewitz, On War VI.1; the "3:1 rule", Mearsheimer
1989): ``r`` is lowered by ``offence_margin`` m when the aggression is under way (reversing it
means retaking ground) and raised by m when it is only threatened (the aggressor must take
it). All three are fitted on the recorded results (:mod:`collsec.validation.fit`).

The aggressor weighs going on against backing down (units of its stakes and of its survival):

    go on   = P(prevail) * stakes - P(reversed) * defeat_cost - war_cost - bite * sanction_cost
    back    = -backing_down_cost * stakes

An aggressor that backs down from a threat not yet carried out calls it off, and how the
crisis ends depends on what it threatened. Calling off a grave threat (an invasion, a conquest:
severity near 1) gives up the aim, and the crisis ends: the aggressor is *deterred*. Calling off
a minor challenge (a test, a probe, an incident: 0.1-0.3) costs it little and settles nothing:
its claim, the measures against it and the dispute stay: a standoff, a *stalemate* (George &
Smoke 1974 on the limited probe, which the challenger withdraws to try again another day). So a
called-off threat is deterred with probability ``severity ** renunciation`` and otherwise ends
in a stalemate (``renunciation`` r >= 0, fitted on the recorded results; r = 0: every
called-off threat is deterred).

One that stops an aggression under way gives up what it took, and what it took is the act's
severity: the conquest of a state (severity 1) is undone when its author withdraws, while a
raid, a border clash or an incident (0.1-0.3) took nothing there is to hand back, and its end
leaves the two sides where they stood. So a stopped aggression is reversed with probability
``severity ** restitution`` and otherwise ends in a stalemate (``restitution`` g >= 0, fitted
on the recorded results; g = 0: every stopped aggression is reversed).

What an aggressor keeps when it stops also depends on who presses it to hand it back. Its
great-power patron holds the strongest lever: the friend it cannot do without can make its
support depend on a withdrawal, and can give the cover that makes one bearable (alliance
restraint: Pressman, *Warring Friends*, 2008; pivotal deterrence: Crawford, *Pivotal
Deterrence*, 2003). The patron's leverage ``L`` is the highest foreign-policy affinity
(clipped to 0..1) of a great power outside the aggressor's side, other than the target, with
the aggressor's side (:func:`patron`), and a stopped aggression is reversed with
probability ``1 - (1 - severity ** g) * (1 - h * L)``, ``patron_pressure`` h in 0..1 fitted
on the recorded results (h = 0: the rule above alone).
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from collsec.crisis.params import EngineParams
from collsec.crisis.situation import Situation

TINY = 1e-12
"""Power below which a side counts as absent (keeps the log ratio finite)."""


def war_probabilities(defence, aggressor, params: EngineParams, under_way: bool = True):
    """(P reversed, P prevailed) of a war between the defending side and the aggressor's side
    (power at the theatre, scalars or arrays); ``under_way``: the threat's stage (the side
    that must take ground needs the margin, see the module docstring).
    """
    r = np.log(np.maximum(np.asarray(defence, dtype=float), TINY)) - np.log(
        max(float(aggressor), TINY)
    )
    r = r - params.offence_margin if under_way else r + params.offence_margin
    k, c = params.decisiveness, params.stalemate
    return expit(k * r - c), expit(-k * r - c)


def aggressor_goes_on(
    stakes: float, p_prevail, p_reversed, bite, params: EngineParams, restraint: float = 0.0
):
    """The aggressor's expected value of going on, of backing down, and whether it goes on.
    ``bite`` (and the probabilities) may be arrays over draws; ``restraint`` is the leverage
    of a patron that would condemn the act (:func:`restraining_patron`), which costs
    ``patron_restraint`` times it.
    """
    go = (
        p_prevail * stakes
        - p_reversed * params.defeat_cost
        - params.war_cost
        - bite * params.sanction_cost
        - params.patron_restraint * restraint
    )
    back = -params.backing_down_cost * stakes
    return go, back, go >= back


def patron(sit: Situation) -> tuple[int | None, float]:
    """The aggressor's great-power patron and its leverage, 0..1: the great power outside the
    aggressor's side, other than the target, with the highest affinity with the aggressor's
    side, and that affinity clipped to 0..1; ``(None, 0.0)`` when no great power is close to
    it or none is left to press it.
    """
    side = sit.aggressor_side
    press = sit.major & ~side
    press[sit.target] = False
    if not press.any() or not side.any():
        return None, 0.0
    closeness = np.where(press, sit.affinity[:, side].max(axis=1), -np.inf)
    best = int(np.argmax(closeness))
    leverage = float(np.clip(closeness[best], 0.0, 1.0))
    return (best, leverage) if leverage > 0 else (None, 0.0)


def restraining_patron(at: int | None, leverage: float, condemnation) -> float:
    """The leverage of the aggressor's patron (index ``at`` and ``leverage``, from
    :func:`patron`) when the patron's own support for a condemnation (``condemnation``, a
    :class:`~collsec.crisis.interests.Support`) reaches its threshold, else 0: a patron that
    would condemn its client presses it before it goes on, not only once it has stopped.
    """
    if at is None or condemnation.total[at] < condemnation.threshold:
        return 0.0
    return leverage


def stopped(
    severity: float, uniforms: np.ndarray, params: EngineParams, leverage: float = 0.0
) -> np.ndarray:
    """Whether an aggression under way whose author stops is undone, one per uniform: True
    (reversed) with probability ``1 - (1 - severity ** restitution) * (1 - patron_pressure *
    leverage)``, else False (a stalemate; module docstring).
    """
    kept = (1.0 - severity**params.restitution) * (1.0 - params.patron_pressure * leverage)
    return uniforms < 1.0 - kept


def fight(
    defence: np.ndarray,
    aggressor: float,
    uniforms: np.ndarray,
    params: EngineParams,
    under_way: bool = True,
):
    """Result codes of wars, one per draw: 1 reversed, -1 prevailed, 0 stalemate.

    ``defence`` is the defending side's power at the theatre per draw, ``uniforms`` one
    uniform per draw, ``under_way`` the threat's stage.
    """
    p_rev, p_prev = war_probabilities(defence, aggressor, params, under_way)
    return np.select([uniforms < p_rev, uniforms >= 1 - p_prev], [1, -1], 0)


def gives_up_probability(severity: float, params: EngineParams) -> float:
    """Probability that an aggressor calling off its threat gives up its aim (deterred):
    ``severity ** renunciation``; otherwise the claim and the dispute stay, a stalemate
    (module docstring).
    """
    return float(severity**params.renunciation)


def renounced(severity: float, uniforms: np.ndarray, params: EngineParams) -> np.ndarray:
    """Whether a threat its author calls off is given up, one per uniform: True (deterred)
    with probability :func:`gives_up_probability`, else False (a stalemate).
    """
    return uniforms < gives_up_probability(severity, params)
