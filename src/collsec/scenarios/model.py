"""The scenario file as validated model objects (format 2).

A scenario holds the *situation* of a crisis, never its votes or outcome (docs/model.md):
the actors with their measured capability, alignment, foreign-policy affinity, treaty
pledges and trade; the threat; the bodies concerned and who sits in them; the options on the
table. The engine derives everything else. Every number carries its source: measured (COW
CINC, UNGA roll calls and ideal points, ATOP, COW trade) or stated with a reason. The file
format is documented in ``docs/scenarios.md``; ``collsec schema`` prints the JSON Schema
generated from these models.

Numbers are strict: finite (no NaN or infinity), and a ``true``/``false`` is never taken for
a number.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from collsec.institutions import Institution, Tool, presets

Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z][A-Za-z0-9_-]*$")]
"""An actor's key in the scenario: by convention its Correlates of War letter code."""

Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Share = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0, le=1)]
Signed = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-1, le=1)]
Text = Annotated[str, Field(max_length=2000)]
Source = Annotated[str, Field(max_length=2000)]

MAX_ACTORS = 1000
"""At most this many actors in one scenario (the state system never held more than ~200)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Location(_Strict):
    """A point on the globe (degrees): an actor's capital, or the theatre of a crisis."""

    lat: Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-90, le=90)]
    lon: Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-180, le=180)]


class Pledges(_Strict):
    """Treaty pledges an actor has made toward other actors (ATOP 5.1 categories).

    Each list names the actors this actor pledged, by a treaty in force before the crisis
    date: to defend if attacked (``defense``), to support offensively (``offense``), to stay
    neutral (``neutrality``), not to attack (``nonaggression``), to consult (``consultation``).
    A pledge is directed: a guarantee may run one way only.
    """

    defense: tuple[Code, ...] = ()
    offense: tuple[Code, ...] = ()
    neutrality: tuple[Code, ...] = ()
    nonaggression: tuple[Code, ...] = ()
    consultation: tuple[Code, ...] = ()

    def all(self) -> tuple[Code, ...]:
        """Every actor named in any pledge."""
        return (
            self.defense + self.offense + self.neutrality + self.nonaggression + self.consultation
        )


class Actor(_Strict):
    """A state or a non-state actor.

    Attributes
    ----------
    name:
        Human name.
    aliases:
        Other names usable on the command line (``--set actors.USSR.absent=false``).
    kind:
        ``"state"`` or ``"non_state"`` (a group such as al-Qaeda, or a population in an
        internal war; CINC does not cover it).
    part_of:
        For a population or armed group inside a state (internal wars): that state. It sits in
        no body, and its location defaults to nothing: give it.
    capability, capability_source:
        Share of world power, 0..1: the Correlates of War CINC of the case's year for states,
        a stated estimate for non-state actors; where it comes from.
    location:
        The capital (or base) of the actor: distances are measured from it.
    alignment, alignment_source:
        Position on the one dimension of UN General Assembly voting (the Bailey-Strezhnev-Voeten
        ideal point of the session before the crisis, about -3..3), or ``None`` when unknown.
        Used for affinities the file does not give.
    affinity, affinity_source:
        Measured foreign-policy similarity (-1..1) of this actor with the parties, by code:
        2 x (share of agreeing votes in the Assembly's roll calls of the session before the
        crisis) - 1, or the ideal-point equivalent after the roll calls end.
    majority:
        How much this actor votes with the Assembly's majority: its mean affinity with all
        states in the session before the crisis, minus the mean of all states (-1..1; source in
        ``affinity_source``). States that vote apart (high or low) abstain on texts the many
        carry.
    pledges, pledges_source:
        Treaty pledges toward other actors (ATOP), see :class:`Pledges`.
    trade_with_aggressor, trade_source:
        Share of this actor's foreign trade that is with the aggressor (0..1; COW trade of
        the last full year before the crisis): what sanctions would cost it.
    trade_share:
        For an aggressor: share of its foreign trade with each partner (0..1); partners not
        listed share the rest in proportion to capability. Sanctions bite by this coverage.
    major_power, nuclear, status_source:
        Great-power status (the COW major powers) and nuclear arms on the crisis date.
    forces_in_place, forces_in_place_source:
        Share of the actor's capability already stationed at the theatre (0..1): projected
        there without loss, and engaged from the first day if the target is attacked.
    absent:
        ``True`` if it stays away from every body; or the ids of the bodies it is absent from
        (the Soviet boycott of the Security Council in 1950).
    reason:
        Why a stated fact (an absence, forces in place) holds.

    """

    name: Annotated[str, Field(min_length=1, max_length=200)]
    aliases: tuple[
        Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^.=]+$")], ...
    ] = ()
    kind: Literal["state", "non_state"] = "state"
    part_of: Code | None = None
    capability: Share
    capability_source: Source = ""
    location: Location
    alignment: Number | None = None
    alignment_source: Source = ""
    affinity: dict[Code, Signed] = Field(default_factory=dict)
    affinity_source: Source = ""
    majority: Signed | None = None
    pledges: Pledges = Pledges()
    pledges_source: Source = ""
    trade_with_aggressor: Share | None = None
    trade_source: Source = ""
    trade_share: dict[Code, Share] = Field(default_factory=dict)
    major_power: bool = False
    nuclear: bool = False
    status_source: Source = ""
    forces_in_place: Share = 0.0
    forces_in_place_source: Source = ""
    absent: bool | tuple[str, ...] = False
    reason: Text = ""

    @field_validator("trade_share")
    @classmethod
    def _shares(cls, value: dict[str, float]) -> dict[str, float]:
        if sum(value.values()) > 1 + 1e-9:
            raise ValueError("shares each in 0..1 that sum to at most 1")
        return value

    def absent_from(self, body_id: str) -> bool:
        """Whether the actor stays away from the body ``body_id``."""
        return self.absent is True or (not isinstance(self.absent, bool) and body_id in self.absent)


class Affinity(_Strict):
    """A stated affinity between two actors, overriding the measured one."""

    between: tuple[Code, Code]
    value: Signed
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


class Threat(_Strict):
    """The act of aggression the bodies respond to.

    Attributes
    ----------
    aggressor, target:
        Actor codes. For an internal threat (a government against its own population) the
        target is the population, given as a non-state actor ``part_of`` the state.
    kind:
        ``interstate``, ``non_state`` (a group, possibly hosted by a state), ``cyber``, or
        ``internal`` (repression or civil war: the Charter's Art. 2(7) weighs against measures).
    host:
        For a non-state aggressor: the state that hosts it, which stands with it.
    co_aggressors:
        States already fighting beside the aggressor on the date (stated with a reason). A
        treaty partner of the aggressor is not one by that alone: a defence pact covers an
        attack on the partner, not its aggression.
    date:
        When it began (or was threatened): every input is measured before it.
    stage:
        ``under_way`` (the aggressor already holds what it took: the response must reverse it)
        or ``threatened`` (not yet begun: the response may deter it).
    severity, severity_source:
        How grave the act is, 0..1: 1 for the conquest or annexation of a state, 0.7 a large
        region or mass atrocities, 0.5 a province, 0.3 a border clash, 0.1-0.2 an incident.
    stakes, stakes_source:
        What the aggressor stands to gain, 0..1 (1: as much as its own survival).
    attribution, attribution_source:
        Probability that the aggressor is identified (1 for open interstate war; lower for
        covert, non-state and cyber attacks).
    classes:
        Classes of the situation that rules may name, e.g. ``mass_atrocity``.
    theatre:
        Where the fighting is; defaults to the target's location.
    struck:
        Where the attack struck the target, when that is not the theatre (11 September 2001:
        New York, while the aggressor and its host are met in Afghanistan); defaults to the
        theatre. A defence treaty's area is read here: the North Atlantic Treaty's Art. 5
        answers an armed attack that falls in the area its Art. 6 draws, wherever the war
        is then fought.

    """

    aggressor: Code
    target: Code
    kind: Literal["interstate", "non_state", "cyber", "internal"] = "interstate"
    host: Code | None = None
    co_aggressors: tuple[Code, ...] = ()
    date: dt.date
    stage: Literal["under_way", "threatened"] = "under_way"
    severity: Share
    severity_source: Source = ""
    stakes: Share
    stakes_source: Source = ""
    attribution: Share = 1.0
    attribution_source: Source = ""
    classes: tuple[Annotated[str, Field(max_length=100)], ...] = ()
    theatre: Location | None = None
    struck: Location | None = None


class Body(_Strict):
    """A body concerned with the crisis, and who sits in it.

    ``institution`` is a preset key (see ``collsec institutions``) or an inline definition.
    ``members`` lists the seated actors, or ``all`` for every state actor of the scenario
    except those in ``non_members``. ``permanent`` names the permanent members when they
    differ from the preset's (the Republic of China held China's seat until 1971); a permanent
    member not seated in the body holds no veto there. ``source`` says where the membership
    comes from.
    """

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_-]*$", max_length=40)
    institution: str | Institution
    members: Literal["all"] | tuple[Code, ...] = "all"
    non_members: tuple[Code, ...] = ()
    permanent: tuple[Code, ...] | None = None
    source: Source = ""

    def resolved(self) -> Institution:
        """The institution, with preset keys looked up."""
        if isinstance(self.institution, Institution):
            return self.institution
        return presets()[self.institution]

    @field_validator("institution")
    @classmethod
    def _known_preset(cls, value: str | Institution) -> str | Institution:
        if isinstance(value, str) and value not in presets():
            raise ValueError(
                f"a preset ({', '.join(presets())}) or an inline institution, not {value!r}"
            )
        return value


class SanctionsOptions(_Strict):
    """The sanctions on the table: which measures, as in League and UN practice."""

    measures: tuple[Literal["arms", "financial", "imports", "exports", "oil"], ...] = (
        "arms",
        "financial",
        "imports",
        "exports",
        "oil",
    )


class Options(_Strict):
    """Options of the crisis a user may vary."""

    sanctions: SanctionsOptions = SanctionsOptions()
    intelligence_sharing: Share = 0.0
    """Raises the probability of attribution: p' = 1 - (1 - p)(1 - sharing)."""


class Counterfactual(_Strict):
    """A named "what if": a description and the overrides it applies (dotted paths)."""

    description: Text
    set: dict[str, object]


RENAMED = {
    "allies": "renamed in format 2: list treaty pledges to defend under pledges: {defense: "
    "[...]} (a pledge covers an attack on the partner, not its aggression), and states "
    "fighting beside the aggressor under threat.co_aggressors",
}
"""Fields of format 1 that format 2 replaced, with what to write instead."""


class Scenario(_Strict):
    """A crisis: situation, bodies and options. See ``docs/scenarios.md``.

    ``icb`` is the International Crisis Behavior crisis number (``crisno``), when the crisis
    is one of ICB's: validation keeps it on the same side of the train/test split in every
    tier. ``threat`` may be missing in a draft: the scenario is then *incomplete*
    (:meth:`incomplete`), ``collsec check`` says what to add and the engine refuses to run it.
    ``date`` is the day the situation is measured for (the threat's date when both are given).
    """

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=100)
    title: Annotated[str, Field(max_length=5000)]
    summary: Text = ""
    sources: tuple[Text, ...] = ()
    notes: tuple[Text, ...] = ()
    icb: int | None = Field(default=None, ge=1, le=100000)
    date: dt.date | None = None
    actors: dict[Code, Actor] = Field(max_length=MAX_ACTORS)
    affinities: tuple[Affinity, ...] = ()
    threat: Threat | None = None
    bodies: tuple[Body, ...] = Field(default=(), max_length=100)
    options: Options = Options()
    counterfactuals: dict[str, Counterfactual] = Field(default_factory=dict)
    _applied: tuple = PrivateAttr(default=(None, ()))
    """The counterfactual and overrides applied when it was loaded (see ``apply_changes``)."""

    @model_validator(mode="before")
    @classmethod
    def _format_1(cls, data):
        """Name the format-1 fields that were replaced, with what to write instead."""
        if isinstance(data, dict) and isinstance(data.get("actors"), dict):
            for code, actor in data["actors"].items():
                if isinstance(actor, dict):
                    for old, advice in RENAMED.items():
                        if old in actor:
                            raise ValueError(f"actors.{code}.{old}: {advice}")
        return data

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        """Every actor named anywhere must be defined; ids and names must be unique."""
        known = set(self.actors)

        def check(codes, where):
            for code in codes:
                if code not in known:
                    raise ValueError(f"{where}: an actor defined under actors, not {code!r}")

        self._unique_names()
        t = self.threat
        if t is not None:
            check([t.aggressor], "threat.aggressor")
            check([t.target], "threat.target")
            check([t.host] if t.host else [], "threat.host")
            check(t.co_aggressors, "threat.co_aggressors")
            if t.aggressor == t.target:
                raise ValueError("threat.target: an actor other than the aggressor")
            if t.host is not None and t.host == t.target:
                raise ValueError("threat.host: an actor other than the target")
            if t.target in t.co_aggressors or t.aggressor in t.co_aggressors:
                raise ValueError("threat.co_aggressors: actors other than the aggressor and target")
            if self.date is not None and self.date != t.date:
                raise ValueError(f"date: the threat's date ({t.date}) or none, not {self.date}")
        for code, actor in self.actors.items():
            check(actor.pledges.all(), f"actors.{code}.pledges")
            if code in actor.pledges.all():
                raise ValueError(f"actors.{code}.pledges: other actors, not {code!r} itself")
            check(actor.trade_share, f"actors.{code}.trade_share")
            check(actor.affinity, f"actors.{code}.affinity")
            if code in actor.affinity:
                raise ValueError(f"actors.{code}.affinity: other actors, not {code!r} itself")
            if actor.part_of is not None:
                check([actor.part_of], f"actors.{code}.part_of")
                if actor.part_of == code:
                    raise ValueError(f"actors.{code}.part_of: another actor, not itself")
        for i, a in enumerate(self.affinities):
            check(a.between, f"affinities[{i}].between")
            if a.between[0] == a.between[1]:
                raise ValueError(f"affinities[{i}].between: two different actors")
        ids = [b.id for b in self.bodies]
        if len(ids) != len(set(ids)):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"bodies: a unique id for each body ({', '.join(twice)} repeated)")
        for i, b in enumerate(self.bodies):
            self._check_body(i, b, check)
        for code, actor in self.actors.items():
            if not isinstance(actor.absent, bool):
                for body in actor.absent:
                    if body not in ids:
                        raise ValueError(
                            f"actors.{code}.absent: the id of a body of the scenario "
                            f"({', '.join(ids) or 'none defined'}), not {body!r}"
                        )
        return self

    def _unique_names(self) -> None:
        """Codes and aliases name one actor each, whatever their case (AAA and aaa clash)."""
        seen: dict[str, str] = {}
        for code, actor in self.actors.items():
            for name in (code, *actor.aliases):
                other = seen.get(name.lower())
                if other is not None and not (other == code and name != code):
                    what = "code" if name == code else "alias"
                    raise ValueError(
                        f"actors.{code}: a {what} that names no other actor ({name!r} already "
                        f"names {other!r}; codes and aliases are matched whatever their case)"
                    )
                seen[name.lower()] = code

    def _check_body(self, i: int, b: Body, check) -> None:
        check(() if b.members == "all" else b.members, f"bodies[{i}].members")
        check(b.non_members, f"bodies[{i}].non_members")
        check(b.permanent or (), f"bodies[{i}].permanent")
        seated = self.members(b)
        twice = sorted({m for m in seated if seated.count(m) > 1})
        if twice:
            raise ValueError(f"bodies[{i}].members: each member once ({twice[0]!r} repeated)")
        if not seated:
            raise ValueError(f"bodies[{i}].members: at least one member seated")
        inst = b.resolved()
        if inst.seats is not None and len(seated) > inst.seats:
            raise ValueError(
                f"bodies[{i}].members: at most {inst.seats} members ({inst.name} has "
                f"{inst.seats} seats), not {len(seated)}"
            )
        rule_codes = list(inst.rule.weights)
        if isinstance(inst.rule.veto_holders, tuple):
            rule_codes += list(inst.rule.veto_holders)
        check(rule_codes, f"bodies[{i}].institution.rule")

    def members(self, body: Body) -> tuple[Code, ...]:
        """The actors seated in ``body``, in scenario order (populations never sit)."""
        if body.members == "all":
            return tuple(
                c
                for c, a in self.actors.items()
                if a.kind == "state" and a.part_of is None and c not in body.non_members
            )
        return tuple(c for c in body.members if c not in body.non_members)

    def permanent(self, body: Body) -> tuple[Code, ...]:
        """The permanent members of ``body`` (scenario override, else the preset's)."""
        return body.permanent if body.permanent is not None else body.resolved().permanent

    def theatre(self) -> Location:
        """Where the fighting is: the threat's theatre, else the target's location."""
        return self.threat.theatre or self.actors[self.threat.target].location

    def struck(self) -> Location:
        """Where the attack struck the target: the threat's ``struck``, else the theatre."""
        return self.threat.struck or self.theatre()

    @property
    def day(self) -> dt.date | None:
        """The crisis date: the threat's, else the draft's ``date``."""
        return self.threat.date if self.threat is not None else self.date

    def incomplete(self) -> list[str]:
        """What a draft still lacks before it can run (empty when complete)."""
        if self.threat is None:
            return [
                "threat: the aggression (aggressor, target, date, kind, stage, severity, stakes; "
                "see docs/scenarios.md)"
            ]
        return []


__all__ = [
    "Actor",
    "Affinity",
    "Body",
    "Code",
    "Counterfactual",
    "Location",
    "Options",
    "Pledges",
    "SanctionsOptions",
    "Scenario",
    "Threat",
    "Tool",
]
