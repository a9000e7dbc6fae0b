"""Drafting a scenario from the public data: every state of a date, measured before it.

``collsec scenario new NAME --date D [--aggressor X --target Y ...]`` writes :func:`draft`;
``collsec scenario build FACTS...`` merges a hand-written facts file (the threat and what no
data set gives, see ``docs/validation.md``) onto the draft of its date (:func:`build`), which
is how every case of the built-in corpus is made and can be remade byte for byte.

What the draft measures, each value with its source in the file:

* every COW state system member on the date, with its capability (COW CINC of the crisis
  year; 2016 carried forward after), the capital of that year, its Assembly ideal point of the
  session closed before the date;
* for each state, its foreign-policy affinity with the parties (dyadic agreement in the
  Assembly's roll calls of the session before the date, the ideal-point map after 2019), its
  ATOP pledges with the parties (last full year before the date), its share of trade with the
  aggressor and the aggressor's trade shares (COW trade, last full year before), great-power and
  nuclear status on the date; pledges and affinities among third states are left out (the
  engine weighs only those with the parties);
* the bodies of the date: the Security Council (members of that date, the Republic of China
  in China's seat until 25 Oct 1971, a member boycotting it absent: the Soviet Union from 13
  January to 31 July 1950) and the General Assembly (UN members) from 1946; the League
  Assembly (League members) and the League Council's permanent members while they sat,
  1920-39 (the Council's elected members are in no data set: the draft asks for them); the
  regional organisations and alliances a party belongs to, each a preset with its rule and
  source.

Without a threat (aggressor, target, severity, stakes) the draft is *incomplete*: ``collsec
check`` says what to add and ``collsec run`` refuses it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping

import yaml

from collsec.errors import InputError
from collsec.institutions import presets

UN_FROM = dt.date(1945, 10, 24)
COUNCIL_FROM = dt.date(1946, 1, 17)

PRESET_OF_ORG: dict[str, tuple[str, str]] = {
    "NATO": ("NATO", "nato"),
    "WPact": ("WTO", "warsaw-pact"),
    "SEATO": ("SEATO", "seato"),
    "CENTO": ("CENTO", "cento"),
    "ANZUS": ("ANZUS", "anzus"),
    "CSTO": ("CSTO", "csto"),
    "GCC": ("GCC", "gcc"),
    "OAS": ("OAS", "oas"),
    "LOAS": ("LAS", "arab-league"),
    "OAU": ("OAU", "oau"),
    "AU": ("AU", "au"),
    "ECOWAS": ("ECOWAS", "ecowas"),
    "SADC": ("SADC", "sadc"),
    "EEC": ("EC", "ec-epc"),
    "EU": ("EU", "eu-council"),
    "OSCE": ("OSCE", "osce"),
    "ASEAN": ("ASEAN", "asean"),
    "OIC": ("OIC", "oic"),
    "CIS": ("CIS", "cis"),
}
"""COW IGO ``ioname`` -> (body id in the draft, institution preset)."""

LEAGUE_PERMANENT: tuple[tuple[str, dt.date, dt.date], ...] = (
    ("UKG", dt.date(1920, 1, 10), dt.date(1946, 4, 18)),
    ("FRN", dt.date(1920, 1, 10), dt.date(1946, 4, 18)),
    ("ITA", dt.date(1920, 1, 10), dt.date(1937, 12, 11)),
    ("JPN", dt.date(1920, 1, 10), dt.date(1933, 3, 27)),
    ("GMY", dt.date(1926, 9, 8), dt.date(1933, 10, 19)),
    ("RUS", dt.date(1934, 9, 18), dt.date(1939, 12, 14)),
)
"""Permanent members of the League Council and the dates they held the seat (Covenant Art.
4; Germany admitted 8 Sep 1926, gave notice 19 Oct 1933; Japan gave notice 27 Mar 1933; the
USSR admitted 18 Sep 1934, expelled 14 Dec 1939; Italy gave notice 11 Dec 1937): a
membership ends in the record on the day notice was given, when it ceased to sit (Walters, A
History of the League of Nations, 1952)."""


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def _parties(threat: Mapping | None, actors: Mapping) -> list[str]:
    """The states the draft measures affinities, pledges and trade against."""
    if not threat:
        return []
    codes = [threat.get("aggressor"), threat.get("target"), threat.get("host")]
    codes += list(threat.get("co_aggressors") or ())
    target = actors.get(threat.get("target")) or {}
    codes.append(target.get("part_of"))
    return [c for c in dict.fromkeys(codes) if c]


def _summarise(sources: list[str]) -> str:
    """One source string for several: the distinct ones, joint-vote counts left out."""
    plain = [re.sub(r", \d+ joint votes", "", s) for s in sources]
    return " | ".join(dict.fromkeys(plain))


def _pledges_by_pledger(table) -> dict[str, dict[str, list[str]]]:
    """``{pledger: {kind: [partners]}}`` from ATOP pledge rows, the kinds named and ordered as
    in the scenario format (:class:`~collsec.scenarios.model.Pledges`).
    """
    from collsec.data.atop import PLEDGES
    from collsec.scenarios.model import Pledges

    out: dict[str, dict[str, list[str]]] = {}
    for kind, column in zip(Pledges.model_fields, PLEDGES, strict=True):
        rows = table[table[column].astype(bool)]
        for pledger, partner in zip(rows.code1, rows.code2, strict=True):
            out.setdefault(pledger, {}).setdefault(kind, []).append(partner)
    return out


def measured_actors(day: dt.date, parties: list[str], data_dir=None) -> tuple[dict, list[str]]:
    """Every state of ``day`` with its measured inputs, and the notes of what was measured how.

    ``parties`` are COW codes (states only) the relational measures are taken against.
    """
    from collsec.data import atop, cow, powers, trade, unga
    from collsec.data.agreement import affinity, mean_affinity
    from collsec.data.locations import capital

    codes = cow.states_on(day, data_dir)
    cap_year = cow.capability_year(day)
    cinc = cow.capabilities(cap_year.year, codes, data_dir)
    session, session_note = unga.measured_session(day, data_dir)
    points = (
        unga.ideal_points_in(session, codes, data_dir)
        if session is not None
        else dict.fromkeys(codes)
    )
    notes = [cow.states_note(day), cap_year.note, f"alignment and affinity: {session_note}"]
    states = [p for p in parties if p in codes]
    aggressor = parties[0] if parties and parties[0] in codes else None
    affinities = affinity(codes, states, day, data_dir=data_dir) if states else {}
    baseline = mean_affinity(codes, day, data_dir=data_dir) if states else {}
    means = [b.value for b in baseline.values() if b.value is not None]
    grand = sum(means) / len(means) if means else 0.0
    if states:
        notes.append(
            "affinity: relative (double-centred), each state's affinity (2 x agree3 - 1) with "
            "a party, minus the state's and the party's mean affinity with all states of the "
            "session, plus the mean of all: 0 is an average pair, whoever votes with the many "
            "or alone"
        )
    pledge_table = None
    if states:
        year = atop.pledge_year(day)
        notes.append(f"pledges: {year.note}; only pledges with a party are written")
        table = atop.pledges(year.year, data_dir=data_dir)
        pledge_table = table[table.code1.isin(states) | table.code2.isin(states)]
        by_pledger = _pledges_by_pledger(pledge_table)
        pledge_source = f"ATOP 5.1, {year.year}"
    trade_of: dict = {}
    shares: dict = {}
    if aggressor is not None:
        year = trade.trade_year(day)
        notes.append(f"trade: {year.note}")
        trade_of = trade.dependence(codes, aggressor, year.year, data_dir=data_dir)
        shares = trade.trade_shares(aggressor, year.year, data_dir=data_dir)
        trade_source = f"COW trade v4.0, {year.year}"
    actors: dict[str, dict] = {}
    for code in codes:
        lat, lon = capital(code, day.year)
        spec: dict = {
            "name": cow.state_name(code, data_dir),
            "capability": _round(cinc[code], 6),
            "capability_source": f"COW NMC 6.0 cinc {cap_year.year}",
            "location": {"lat": round(lat, 2), "lon": round(lon, 2)},
        }
        if points.get(code) is not None:
            spec["alignment"] = _round(points[code], 3)
            spec["alignment_source"] = f"UNGA ideal point session {session}"
        mean = baseline.get(code)

        def centred(party: str, value: float, mean=mean) -> float:
            shift = mean.value + baseline[party].value - grand
            return _round(min(1.0, max(-1.0, value - shift)), 3)

        measured = {
            p: a
            for p, a in affinities.get(code, {}).items()
            if p != code
            and a.value is not None
            and mean is not None
            and mean.value is not None
            and baseline.get(p) is not None
            and baseline[p].value is not None
        }
        if mean is not None and mean.value is not None and states:
            spec["majority"] = _round(min(1.0, max(-1.0, mean.value - grand)), 3)
        if measured:
            spec["affinity"] = {p: centred(p, a.value) for p, a in measured.items()}
            spec["affinity_source"] = (
                _summarise([a.source for a in measured.values()])
                + f", double-centred on the {mean.source}"
            )
        if pledge_table is not None:
            pledged = {}
            for kind, partners in by_pledger.get(code, {}).items():
                to = [c for c in partners if c in states or code in states]
                to = [c for c in to if c in codes and c != code]
                if to:
                    pledged[kind] = sorted(to)
            if pledged:
                spec["pledges"] = pledged
                spec["pledges_source"] = pledge_source
        if trade_of.get(code) is not None:
            spec["trade_with_aggressor"] = _round(trade_of[code], 4)
            spec["trade_source"] = trade_source
        if code == aggressor and shares:
            # floored, not rounded, so that the shares still sum to at most 1
            floored = {c: math.floor(s * 10_000) / 10_000 for c, s in shares.items()}
            spec["trade_share"] = {c: s for c, s in floored.items() if c in codes and s > 0}
        major, nuclear = powers.major_power(code, day), powers.nuclear(code, day)
        if major.value or nuclear.value:
            spec["major_power"] = bool(major.value)
            spec["nuclear"] = bool(nuclear.value)
            spec["status_source"] = "; ".join(s.source for s in (major, nuclear) if s.value)
        actors[code] = spec
    return actors, notes


def _league_permanent(day: dt.date) -> list[str]:
    return [c for c, start, end in LEAGUE_PERMANENT if start <= day <= end]


def bodies_on(day: dt.date, parties: list[str], actors: Mapping, data_dir=None):
    """The bodies of ``day`` (module docstring), the notes on how they were measured, and the
    absences of seated actors (``{code: {"absent": [body id], "reason": text}}``: a member
    boycotting the Security Council, :data:`collsec.data.unsc.BOYCOTTS`).
    """
    from collsec.data import igo
    from collsec.data.unsc import council_on

    bodies, notes, absences = [], [], {}
    codes = [c for c, a in actors.items() if a.get("kind", "state") == "state"]
    if presets()["league-council-art11"].valid_on(day):  # the League's organs sat
        league = igo.members_on("LoN", day, data_dir)
        members = [c for c in codes if c in league.members]
        permanent = [c for c in _league_permanent(day) if c in members]
        bodies.append(
            {
                "id": "LNC",
                "institution": "league-council-art11",
                "members": permanent,
                "permanent": permanent,
                "source": "permanent members: Covenant Art. 4 and the dates of admission and "
                "withdrawal; elected members: to be stated",
            }
        )
        bodies.append(
            {
                "id": "LNA",
                "institution": "league-assembly-art15",
                "members": "all",
                "non_members": [c for c in codes if c not in members],
                "source": league.note,
            }
        )
        notes.append(
            "League Council: its elected members are in no data set; the draft seats the "
            "permanent members only: add the elected members of the date (bodies.LNC.members)"
        )
    if day >= COUNCIL_FROM:
        council = council_on(day, data_dir)
        if council is not None:
            bodies.append(
                {
                    "id": "UNSC",
                    "institution": "unsc-1946" if council.size == 11 else "unsc",
                    "members": [c for c in council.members if c in actors],
                    "permanent": [c for c in council.permanent if c in actors],
                    "source": council.source,
                }
            )
            notes += [f"Security Council: {n}" for n in council.notes]
            for code, reason in council.boycotting.items():
                if code in actors:
                    absences[code] = {"absent": ["UNSC"], "reason": reason}
    if day >= UN_FROM:
        un = igo.members_on("UN", day, data_dir)
        bodies.append(
            {
                "id": "UNGA",
                "institution": "unga",
                "members": "all",
                "non_members": [c for c in codes if c not in un.members],
                "source": un.note,
            }
        )
    for org, (body_id, preset) in PRESET_OF_ORG.items():
        if not presets()[preset].valid_on(day):
            continue
        try:
            membership = igo.members_on(org, day, data_dir)
        except InputError:
            continue
        members = [c for c in codes if c in membership.members]
        if not members or not set(members) & set(parties):
            continue
        bodies.append(
            {"id": body_id, "institution": preset, "members": members, "source": membership.note}
        )
    return bodies, notes, absences


def draft(
    name: str,
    day: dt.date,
    threat: Mapping | None = None,
    title: str | None = None,
    extra_actors: Mapping | None = None,
    data_dir=None,
) -> dict:
    """The data of a draft scenario for ``day`` (see the module docstring).

    ``threat`` (a mapping of scenario threat fields) names the parties the relational
    measures are taken against; ``extra_actors`` are non-state actors (or facts) known
    beforehand, so that a population's state counts as a party.
    """
    extra = dict(extra_actors or {})
    parties = _parties(threat, extra)
    actors, notes = measured_actors(day, parties, data_dir)
    bodies, body_notes, absences = bodies_on(day, parties, actors, data_dir)
    for code, absence in absences.items():
        actors[code].update(absence)
    data: dict = {
        "name": name,
        "title": title or name.replace("-", " ").title(),
        "summary": "",
        "sources": [],
        "notes": notes + body_notes,
        "date": day,
        "actors": actors,
        "bodies": bodies,
    }
    if threat:
        data["threat"] = dict(threat)
        data.pop("date")
    else:
        data["notes"].append(
            "incomplete: add threat: aggressor, target, kind, stage, severity, stakes "
            "(docs/scenarios.md), then rebuild for the affinities, pledges and trade with them"
        )
    return data


def merge_facts(drafted: dict, facts: Mapping) -> dict:
    """The draft with the facts layer merged on it: facts override field by field for the
    actors they name (new actors are added), replace bodies with the same id (others are
    added), and give the name, title, summary, sources, ICB number, threat, stated affinities,
    options and counterfactuals.
    """
    out = dict(drafted)
    for key in ("name", "title", "icb", "summary", "sources", "threat", "options"):
        if key in facts:
            out[key] = facts[key]
    if "threat" in facts:
        out.pop("date", None)
    actors = {code: dict(spec) for code, spec in drafted["actors"].items()}
    for code, spec in (facts.get("actors") or {}).items():
        actors[code] = {**actors.get(code, {}), **spec}
    out["actors"] = actors
    if facts.get("affinities"):
        out["affinities"] = list(facts["affinities"])
    bodies = {b["id"]: b for b in drafted.get("bodies", [])}
    for body in facts.get("bodies") or ():
        bodies[body["id"]] = body
    out["bodies"] = list(bodies.values())
    if facts.get("counterfactuals"):
        out["counterfactuals"] = facts["counterfactuals"]
    drafted_council = any(
        b.get("id") == "LNC" and str(b.get("source", "")).startswith("permanent members:")
        for b in out["bodies"]
    )
    out["notes"] = [
        n
        for n in drafted.get("notes", [])
        if drafted_council or not n.startswith("League Council:")
    ]
    return out


ORDER = (
    "name",
    "title",
    "icb",
    "summary",
    "sources",
    "notes",
    "date",
    "actors",
    "affinities",
    "threat",
    "bodies",
    "options",
    "counterfactuals",
)


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter where PyYAML was built with it (same output, ten times faster)."""


def _flow(value) -> str:
    return yaml.dump(
        value,
        Dumper=DUMPER,
        default_flow_style=True,
        sort_keys=False,
        width=10**6,
        allow_unicode=True,
    ).strip()


def _block(key: str, value) -> str:
    return yaml.dump(
        {key: value},
        Dumper=DUMPER,
        sort_keys=False,
        width=96,
        allow_unicode=True,
        default_flow_style=False,
    ).rstrip("\n")


def to_yaml(data: Mapping, header: str) -> str:
    """The scenario as YAML text, always laid out the same way: one line per actor and per
    body, the other sections as blocks (so that a rebuild reproduces the file byte for byte).
    """
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    for key in ORDER:
        if key not in data:
            continue
        value = data[key]
        if key == "actors":
            lines.append("actors:")
            lines += [f"  {code}: {_flow(spec)}" for code, spec in value.items()]
        elif key == "bodies":
            lines.append("bodies:" if value else "bodies: []")
            lines += [f"  - {_flow(body)}" for body in value]
        elif key == "affinities":
            lines.append("affinities:")
            lines += [f"  - {_flow(a)}" for a in value]
        else:
            lines.append(_block(key, value))
    return "\n".join(lines) + "\n"


HEADER = (
    "Drafted by `collsec scenario build` from {facts} and the public data: do not edit by\n"
    "hand; edit the facts and rebuild (docs/validation.md). Every measured value carries its\n"
    "source; `notes` say what was carried forward or could not be measured."
)


def build(facts: Mapping, label: str, data_dir=None) -> str:
    """The scenario text of a facts layer (a parsed facts file; ``label`` names it)."""
    threat = facts.get("threat")
    if not isinstance(threat, Mapping) or not isinstance(threat.get("date"), dt.date):
        raise InputError(label, "threat.date", "a threat with its date (YYYY-MM-DD)")
    drafted = draft(
        facts.get("name", "draft"),
        threat["date"],
        threat,
        facts.get("title"),
        facts.get("actors"),
        data_dir,
    )
    return to_yaml(merge_facts(drafted, facts), HEADER.format(facts=label))
