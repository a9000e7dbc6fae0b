"""The scenario file as validated model objects.

A scenario holds the *situation* of a crisis, never its votes or outcome (DOMAIN.md
section 3): the actors with their measured capability and alignment, the threat, the bodies
concerned and who sits in them, and the options on the table. The engine derives everything
else. Every number carries its source: measured (COW CINC, UNGA ideal points) or stated with a
reason. The file format is documented in ``docs/scenarios.md``; ``collsec schema`` prints the
JSON Schema generated from these models.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from collsec.institutions import Institution, Tool, presets

Code = str
"""An actor's key in the scenario: by convention its Correlates of War letter code."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Location(_Strict):
    """A point on the globe (degrees): an actor's capital, or the theatre of a crisis."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Actor(_Strict):
    """A state or a non-state actor.

    Attributes
    ----------
    name:
        Human name.
    aliases:
        Other names usable on the command line (``--set actors.USSR.absent=false``).
    kind:
        ``"state"`` or ``"non_state"`` (a group such as al-Qaeda; CINC does not cover it).
    capability:
        Share of world power, 0..1: the Correlates of War CINC of the case's year for states,
        a stated estimate for non-state actors.
    capability_source:
        Where ``capability`` comes from (``"COW NMC 6.0 cinc 1950"`` or ``"estimate: ..."``).
    location:
        The capital (or base) of the actor: distances are measured from it.
    alignment:
        Position on the one dimension of UN General Assembly voting (the Bailey-Strezhnev-Voeten
        ideal point of the year, about -3..3, high = close to the US-led order), or ``None``
        when unknown (then it is neutral toward everyone).
    alignment_source:
        ``"UNGA ideal point session S"`` or ``"stated: <reason>"``.
    allies:
        Actors it has a defence pact with (a formal commitment to fight for each other).
    absent:
        ``True`` if it stays away from every body; or the ids of the bodies it is absent from
        (the Soviet boycott of the Security Council in 1950).
    trade_share:
        For an aggressor: share of its foreign trade with each partner (0..1); partners not
        listed share the rest in proportion to capability. Sanctions bite by this coverage.

    """

    name: str
    aliases: tuple[str, ...] = ()
    kind: Literal["state", "non_state"] = "state"
    capability: float = Field(ge=0, le=1)
    capability_source: str = ""
    location: Location
    alignment: float | None = None
    alignment_source: str = ""
    allies: tuple[Code, ...] = ()
    absent: bool | tuple[str, ...] = False
    trade_share: dict[Code, float] = Field(default_factory=dict)

    @field_validator("trade_share")
    @classmethod
    def _shares(cls, value: dict[Code, float]) -> dict[Code, float]:
        if any(not 0 <= v <= 1 for v in value.values()) or sum(value.values()) > 1 + 1e-9:
            raise ValueError("shares each in 0..1 that sum to at most 1")
        return value

    def absent_from(self, body_id: str) -> bool:
        """Whether the actor stays away from the body ``body_id``."""
        return self.absent is True or (not isinstance(self.absent, bool) and body_id in self.absent)


class Affinity(_Strict):
    """A stated affinity between two actors, overriding the one derived from alignment."""

    between: tuple[Code, Code]
    value: float = Field(ge=-1, le=1)
    reason: str = Field(min_length=1)


class Threat(_Strict):
    """The act of aggression the bodies respond to.

    Attributes
    ----------
    aggressor, target:
        Actor codes. For an internal threat (a government against its own population) the
        target is the population, given as a non-state actor.
    kind:
        ``interstate``, ``non_state`` (a group, possibly hosted by a state), ``cyber``, or
        ``internal`` (repression or civil war: the Charter's Art. 2(7) weighs against measures).
    host:
        For a non-state aggressor: the state that hosts it, which stands with it.
    date:
        When it began.
    stage:
        ``under_way`` (the aggressor already holds what it took: the response must reverse it)
        or ``threatened`` (not yet begun: the response may deter it).
    severity:
        How grave the act is, 0..1: 1 for the conquest or annexation of a state, about 0.5 for
        the seizure of a province, lower for incidents. Drives every member's concern.
    stakes:
        What the aggressor stands to gain, 0..1 (1: as much as its own survival).
    attribution:
        Probability that the aggressor is identified (1 for open interstate war; lower for
        covert, non-state and cyber attacks).
    classes:
        Classes of the situation that rules may name, e.g. ``mass_atrocity``.
    theatre:
        Where the fighting is; defaults to the target's location.

    """

    aggressor: Code
    target: Code
    kind: Literal["interstate", "non_state", "cyber", "internal"] = "interstate"
    host: Code | None = None
    date: date
    stage: Literal["under_way", "threatened"] = "under_way"
    severity: float = Field(ge=0, le=1)
    stakes: float = Field(ge=0, le=1)
    attribution: float = Field(default=1.0, ge=0, le=1)
    classes: tuple[str, ...] = ()
    theatre: Location | None = None


class Body(_Strict):
    """A body concerned with the crisis, and who sits in it.

    ``institution`` is a preset key (see ``collsec institutions``) or an inline definition.
    ``members`` lists the seated actors, or ``all`` for every state actor of the scenario
    except those in ``non_members``. ``permanent`` names the permanent members when they
    differ from the preset's (the Republic of China held China's seat until 1971); a permanent
    member not seated in the body holds no veto there.
    """

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_-]*$")
    institution: str | Institution
    members: Literal["all"] | tuple[Code, ...] = "all"
    non_members: tuple[Code, ...] = ()
    permanent: tuple[Code, ...] | None = None

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
    intelligence_sharing: float = Field(default=0.0, ge=0, le=1)
    """Raises the probability of attribution: p' = 1 - (1 - p)(1 - sharing)."""


class Counterfactual(_Strict):
    """A named "what if": a description and the overrides it applies (dotted paths)."""

    description: str
    set: dict[str, object]


class Scenario(_Strict):
    """A crisis: situation, bodies and options. See ``docs/scenarios.md``."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str
    summary: str = ""
    sources: tuple[str, ...] = ()
    actors: dict[Code, Actor]
    affinities: tuple[Affinity, ...] = ()
    threat: Threat
    bodies: tuple[Body, ...] = ()
    options: Options = Options()
    counterfactuals: dict[str, Counterfactual] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        """Every actor named anywhere must be defined; ids must be unique."""
        known = set(self.actors)

        def check(codes, where):
            for code in codes:
                if code not in known:
                    raise ValueError(f"{where}: an actor defined under actors, not {code!r}")

        t = self.threat
        check([t.aggressor], "threat.aggressor")
        check([t.target], "threat.target")
        check([t.host] if t.host else [], "threat.host")
        if t.aggressor == t.target:
            raise ValueError("threat.target: an actor other than the aggressor")
        if t.host is not None and t.host == t.target:
            raise ValueError("threat.host: an actor other than the target")
        for code, actor in self.actors.items():
            check(actor.allies, f"actors.{code}.allies")
            if code in actor.allies:
                raise ValueError(f"actors.{code}.allies: other actors, not {code!r} itself")
            check(actor.trade_share, f"actors.{code}.trade_share")
        for i, a in enumerate(self.affinities):
            check(a.between, f"affinities[{i}].between")
            if a.between[0] == a.between[1]:
                raise ValueError(f"affinities[{i}].between: two different actors")
        ids = [b.id for b in self.bodies]
        if len(ids) != len(set(ids)):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"bodies: a unique id for each body ({', '.join(twice)} repeated)")
        for i, b in enumerate(self.bodies):
            check(() if b.members == "all" else b.members, f"bodies[{i}].members")
            check(b.non_members, f"bodies[{i}].non_members")
            check(b.permanent or (), f"bodies[{i}].permanent")
            seated = self.members(b)
            twice = sorted({m for m in seated if seated.count(m) > 1})
            if twice:
                raise ValueError(f"bodies[{i}].members: each member once ({twice[0]!r} repeated)")
        for code, actor in self.actors.items():
            if not isinstance(actor.absent, bool):
                for body in actor.absent:
                    if body not in ids:
                        raise ValueError(
                            f"actors.{code}.absent: the id of a body of the scenario "
                            f"({', '.join(ids) or 'none defined'}), not {body!r}"
                        )
        return self

    def members(self, body: Body) -> tuple[Code, ...]:
        """The actors seated in ``body``, in scenario order."""
        if body.members == "all":
            return tuple(
                c for c, a in self.actors.items() if a.kind == "state" and c not in body.non_members
            )
        return tuple(c for c in body.members if c not in body.non_members)

    def permanent(self, body: Body) -> tuple[Code, ...]:
        """The permanent members of ``body`` (scenario override, else the preset's)."""
        return body.permanent if body.permanent is not None else body.resolved().permanent


__all__ = [
    "Actor",
    "Affinity",
    "Body",
    "Code",
    "Counterfactual",
    "Location",
    "Options",
    "SanctionsOptions",
    "Scenario",
    "Threat",
    "Tool",
]
