"""Parameters of the crisis engine: one set for every case, fitted, never picked per case.

The defaults are the values fitted by ``collsec fit`` on the training part of the corpus
(:mod:`collsec.validation.fit`; the procedure, the split and the test accuracy are in
``docs/validation.md``): the vote rule's weights by maximum likelihood of the recorded votes,
the outcome parameters by maximum likelihood of the recorded results. Nothing depends on a
case. The five principles of the paper appear as parameters (``indivisibility``,
``commitment``, ``mutual_confidence``) or as thresholds of the scorecard.

All numbers are finite; weights are >= 0 (a term's sign is fixed by its meaning).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field

FITTED_FILE = "fitted.yaml"
"""The fitted values shipped with the package (written by ``collsec fit --out``)."""


@cache
def fitted() -> dict:
    """The content of ``fitted.yaml`` beside this module: the command that made it, the data
    and the training accuracy, and ``values`` (name -> {value, se}); empty when absent.
    """
    path = resources.files(__package__).joinpath(FITTED_FILE)
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def fitted_cases() -> frozenset[str] | None:
    """The names of the training cases the shipped values were fitted on (``fitted.yaml``'s
    ``training_case_names``), or None when the file does not list them.
    """
    names = fitted().get("training_case_names")
    return frozenset(names) if names is not None else None


PRIORS: dict[str, float] = {
    "thresholds.condemnation": 0.5,
    "thresholds.sanctions": 0.9,
    "thresholds.force": 1.3,
    "thresholds.band": 0.5,
    "thresholds.deference": 0.0,
    "thresholds.sponsor": 0.0,
    "thresholds.sponsor_sanctions": 0.0,
    "thresholds.sponsor_force": 0.0,
    "concern_scale": 1.5,
    "indivisibility": 0.5,
    "great_power_reach": 1.0,
    "partisanship": 1.0,
    "majority_weight": 0.5,
    "alliance_weight": 1.0,
    "trade_cost": 1.0,
    "escalation_cost_condemnation": 0.1,
    "escalation_cost_sanctions": 0.3,
    "escalation_cost_force": 1.0,
    "power_cost": 3.0,
    "non_intervention": 0.5,
    "regional_request": 0.3,
    "responsibility_to_protect": 0.3,
    "commitment": 0.8,
    "mutual_confidence": 0.5,
    "decisiveness": 1.5,
    "stalemate": 1.0,
    "offence_margin": 0.0,
    "restitution": 1.0,
    "patron_pressure": 0.5,
    "renunciation": 0.0,
    "war_cost": 0.2,
    "backing_down_cost": 0.5,
    "defeat_cost": 0.5,
    "sanction_cost": 1.0,
    "unilateral_threshold": 1.5,
    "patron_restraint": 0.0,
    "threat_weight": 1.0,
}
"""The values the fit starts from and is pulled toward (round numbers from each rule's
meaning, docs/model.md); used where ``fitted.yaml`` gives no value."""


def _f(name: str) -> float:
    """The fitted value of parameter ``name`` (dotted for nested ones), else its prior."""
    entry = fitted().get("values", {}).get(name)
    return float(entry["value"]) if entry is not None else PRIORS[name]


Weight = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Real = Annotated[float, Field(allow_inf_nan=False)]


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Thresholds(_Params):
    """Support a member needs to vote yes on each measure (it abstains within ``band`` below,
    and votes no further below). Rising thresholds are the rising costs every member bears,
    whatever its interests, of rising measures.
    """

    condemnation: Real = _f("thresholds.condemnation")
    sanctions: Real = _f("thresholds.sanctions")
    force: Real = _f("thresholds.force")
    band: float = Field(default=_f("thresholds.band"), gt=0, allow_inf_nan=False)
    deference: Weight = _f("thresholds.deference")
    """How much lower every threshold is for an elected member of a global council (the
    Security Council, the League Council) than for the same state anywhere else, in units of
    support, when every permanent member present votes yes; times their share voting yes
    otherwise (their lead: :func:`collsec.crisis.deliberation.elected_gain`). Elected members
    seldom stand against the permanent members that sponsor a text, on which their aid and
    standing depend (Kuziemko & Werker 2006; Vreeland & Dreher 2014), while the permanent
    members vote their interests, as they do in the Assembly. Prior 0 (no difference), fitted
    in stage 1 on the recorded votes and decisions."""
    sponsor: Weight = _f("thresholds.sponsor")
    """How far above the threshold of a measure a member's support must be for it to table
    the draft, in units of support (>= 0). A body votes only on the drafts
    some member sponsors:
    a text is written, circulated and put to the vote by the states that want it (the
    Council's "penholders", the Assembly's sponsors), and a state spends that effort, and
    the standing it risks, only when it cares more than it takes to vote yes (agenda
    setting: Tsebelis 2002, ch. 4; on the Council, Security Council Report, *The Penholder
    System*, 2018). So the drafts that reach a vote are mostly carried, and a crisis no member
    cares enough about reaches no vote at all. A draft of force is tabled by the states
    ready to field it and able to (:func:`collsec.crisis.deliberation.sponsors`), and only
    when one of them is as keen as any sponsor.
    Prior 0 (a draft is tabled whenever a member would vote yes), fitted in stage 2 on the
    recorded responses (docs/validation.md)."""
    sponsor_sanctions: Weight = _f("thresholds.sponsor_sanctions")
    """What a draft of sanctions asks of its sponsor on top of ``sponsor`` (>= 0, units of
    support): the sponsor of sanctions bears the trade it gives up and spends its standing on
    a text more often vetoed than a condemnation. Prior 0 (no more than any draft)."""
    sponsor_force: Weight = _f("thresholds.sponsor_force")
    """What a draft authorising force asks of its sponsor on top of ``sponsor`` (>= 0): the
    sponsor sends the troops. Prior 0."""

    def margin(self, tool) -> float:
        """How far above the threshold of ``tool`` (a :class:`collsec.institutions.Tool` or
        its value) a member's support must be for it to table the draft: ``sponsor``, plus
        ``sponsor_sanctions`` or ``sponsor_force`` for those measures.
        """
        extra = {"sanctions": self.sponsor_sanctions, "force": self.sponsor_force}
        return self.sponsor + extra.get(getattr(tool, "value", tool), 0.0)


class SanctionWeights(_Params):
    """Share of a full embargo's bite carried by each measure (they sum to 1).

    Oil weighs most: it was the measure the League withheld in 1935 and the one Mussolini
    later said would have stopped the war within a week (Schmidt, *Statist auf diplomatischer
    Buhne*; cited in Baer, *Test Case*, 1976). The others split the rest: arms 0.1,
    financial 0.2, imports 0.2, exports 0.2.
    """

    arms: Weight = 0.1
    financial: Weight = 0.2
    imports: Weight = 0.2
    exports: Weight = 0.2
    oil: Weight = 0.3


class EngineParams(_Params):
    """All parameters of the crisis engine, with their defaults (see docs/model.md).

    Support for a measure (:mod:`collsec.crisis.interests`), in units of the support scale:

    * ``concern_scale`` (eta): concern for a severity-1 aggression that is fully relevant;
      ``indivisibility`` (iota, 0..1): the share of concern that does not fade with distance
      (1 = security fully indivisible); ``concern_half_distance_km``: distance at which the
      fading part halves; ``threat_weight`` (0..1): the share of that concern an act only
      threatened carries. ``great_power_reach`` (0..1): the relevance a great power keeps
      however far the theatre (1: relevant everywhere, Lemke's "politically relevant" dyads;
      0: its concern fades with distance like any state's).
    * ``majority_weight``: how much voting with the Assembly's majority adds to support
      (the norm against aggression is carried by the many);
    * ``partisanship`` (alpha): weight of foreign-policy affinity with the target minus that
      with the aggressor's side; ``alliance_weight`` (beta): a defence pledge with the target
      minus one with the aggressor's side; ``alignment_scale``: ideal-point distance at which
      an affinity derived from alignment alone is zero (files without measured affinity).
    * costs of opposing the aggressor: ``trade_cost`` (kappa_T: a member's share of trade
      with the aggressor), ``escalation_cost_condemnation``, ``escalation_cost_sanctions`` and
      ``escalation_cost_force`` (against a great or nuclear power), ``power_cost`` (per unit
      of the aggressor side's share of world power, against force).
    * ``non_intervention`` (nu, Charter Art. 2(7), internal threats),
      ``regional_request`` (rho: a regional body of the region has adopted sanctions or would
      use force), ``responsibility_to_protect`` (pi: mass atrocities, from 16 Sep 2005).
    * ``thresholds`` for each measure and the abstention ``band``.

    Mobilisation: ``commitment`` (probability a member that joined really contributes),
    ``mutual_confidence`` (share of the other ready members' power a member counts on).

    Deterrence and war (:mod:`collsec.crisis.deterrence`): ``projection_half_distance_km``
    (Boulding's gradient), ``decisiveness`` (k: log-odds of a decisive result per unit of the
    log power ratio), ``stalemate`` (c: how hard a decisive result is), ``offence_margin``
    (m: the log power ratio the side that must take ground gives up), ``restitution`` (g: an
    aggression under way whose author stops is reversed with probability severity ** g, else
    it ends in a stalemate), ``patron_pressure`` (h, 0..1: how far the aggressor's great-power
    patron makes it hand back what it took when it stops), ``renunciation`` (r: a threat its
    author calls off is given up, deterred, with probability severity ** r, else it ends in a
    stalemate), ``war_cost`` (what
    fighting costs the aggressor, in units of its survival), ``backing_down_cost`` and
    ``defeat_cost`` (units of stakes and of survival), ``sanction_cost`` (a full embargo by
    all its partners), ``sanction_weights``, ``unilateral_threshold`` (support a state needs to
    act alone, outside any body).

    Scorecard: ``universality_needed`` (members' share of world power), ``favourable_ratio``
    (power of the rest over the aggressor's side).
    """

    concern_scale: Weight = _f("concern_scale")
    indivisibility: float = Field(default=_f("indivisibility"), ge=0, le=1, allow_inf_nan=False)
    concern_half_distance_km: float = Field(default=3000.0, gt=0, allow_inf_nan=False)
    threat_weight: float = Field(default=_f("threat_weight"), ge=0, le=1, allow_inf_nan=False)
    """Concern for an act only threatened (the threat's ``stage`` ``threatened``), as a share
    of the concern for the same act carried out (0..1): a threat has no victim yet, may be a
    bluff, and leaves diplomacy its turn, so bodies seldom condemn one (docs/validation.md,
    section 5, rule TW). Prior 1 (a threat weighs as the act)."""
    great_power_reach: float = Field(
        default=_f("great_power_reach"), ge=0, le=1, allow_inf_nan=False
    )
    partisanship: Weight = _f("partisanship")
    majority_weight: Weight = _f("majority_weight")
    alliance_weight: Weight = _f("alliance_weight")
    alignment_scale: float = Field(default=2.0, gt=0, allow_inf_nan=False)
    trade_cost: Weight = _f("trade_cost")
    escalation_cost_condemnation: Weight = _f("escalation_cost_condemnation")
    escalation_cost_sanctions: Weight = _f("escalation_cost_sanctions")
    escalation_cost_force: Weight = _f("escalation_cost_force")
    power_cost: Weight = _f("power_cost")
    non_intervention: Weight = _f("non_intervention")
    regional_request: Weight = _f("regional_request")
    responsibility_to_protect: Weight = _f("responsibility_to_protect")
    thresholds: Thresholds = Thresholds()

    commitment: float = Field(default=_f("commitment"), ge=0, le=1, allow_inf_nan=False)
    mutual_confidence: float = Field(
        default=_f("mutual_confidence"), ge=0, le=1, allow_inf_nan=False
    )

    projection_half_distance_km: float = Field(default=5000.0, gt=0, allow_inf_nan=False)
    decisiveness: float = Field(default=_f("decisiveness"), gt=0, allow_inf_nan=False)
    stalemate: Weight = _f("stalemate")
    offence_margin: Weight = _f("offence_margin")
    restitution: Weight = _f("restitution")
    patron_pressure: float = Field(default=_f("patron_pressure"), ge=0, le=1, allow_inf_nan=False)
    patron_restraint: Weight = _f("patron_restraint")
    """What going on costs an aggressor whose great-power patron would condemn its act, times
    the patron's leverage (units of the cost of war, >= 0): the friend it cannot do without
    makes its support depend on restraint (Pressman 2008; Crawford 2003; docs/validation.md
    section 5, rule K). Prior 0 (no restraint)."""
    renunciation: Weight = _f("renunciation")
    war_cost: Weight = _f("war_cost")
    backing_down_cost: Weight = _f("backing_down_cost")
    defeat_cost: Weight = _f("defeat_cost")
    sanction_cost: Weight = _f("sanction_cost")
    sanction_weights: SanctionWeights = SanctionWeights()
    unilateral_threshold: Real = _f("unilateral_threshold")

    universality_needed: float = Field(default=0.75, ge=0, le=1, allow_inf_nan=False)
    favourable_ratio: float = Field(default=3.0, gt=0, allow_inf_nan=False)


def prior_params() -> EngineParams:
    """Engine parameters at their priors (ignoring ``fitted.yaml``): where a fit starts."""
    top = {k: v for k, v in PRIORS.items() if "." not in k}
    thresholds = {k.split(".")[1]: v for k, v in PRIORS.items() if k.startswith("thresholds.")}
    return EngineParams(**top, thresholds=Thresholds(**thresholds))
