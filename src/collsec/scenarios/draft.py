"""Drafting a scenario file from measured data (``collsec scenario new``).

The draft holds what the data measure: each actor's capability (COW CINC of the year), its
alignment (UNGA ideal point of the year, where the Assembly data cover it) and the location of
its capital, each with its source. The author then adds the facts: the threat, the bodies and
who sits in them, absences, alliance ties, and stated alignments (with a reason) for the actors
and years the Assembly data do not cover.
"""

from __future__ import annotations

from datetime import date

import yaml

from collsec.data.draft import draft_actors, draft_notes


def _actor_line(a: dict) -> str:
    spec = {
        "name": a["name"],
        "capability": a["capability"],
        "capability_source": a["sources"]["capability"],
        "location": {"lat": round(a["location"]["lat"], 2), "lon": round(a["location"]["lon"], 2)},
    }
    if a.get("alignment") is not None:
        spec["alignment"] = a["alignment"]
        spec["alignment_source"] = a["sources"]["alignment"]
    flow = yaml.safe_dump(
        spec, default_flow_style=True, sort_keys=False, width=10_000, allow_unicode=True
    ).strip()
    return f"  {a['code']}: {flow}"


def draft_scenario(
    name: str,
    year: int,
    codes: list[str],
    data_dir=None,
    aggressor: str | None = None,
    target: str | None = None,
) -> str:
    """YAML text of a scenario draft for ``codes`` in ``year`` (see the module docstring)."""
    actors = draft_actors(year, codes, data_dir)
    lines = [
        f"# Drafted by `collsec scenario new` from COW NMC 6.0 (CINC {year}), UNGA ideal points",
        "# and capital locations. Add the facts: threat, bodies, absences, allies; state",
        "# alignments with alignment_source: 'stated: <reason>'. Still to do:",
        *(f"#   {note}" for note in draft_notes(year, actors)),
        f"name: {name}",
        f"title: {name.replace('-', ' ').title()}",
        "summary: ''",
        "sources: []",
        "actors:",
        *(_actor_line(a) for a in actors),
        "threat:",
        f"  aggressor: {aggressor or codes[0]}",
        f"  target: {target or codes[1 if len(codes) > 1 else 0]}",
        f"  date: {date(year, 1, 1).isoformat()}",
        "  kind: interstate      # interstate | non_state | cyber | internal",
        "  stage: under_way      # under_way | threatened",
        "  severity: 1.0         # 1 conquest, 0.7 a region, 0.5 a province, 0.3 a clash",
        "  stakes: 0.8           # what the aggressor stands to gain, 0..1",
        "bodies: []              # e.g. - {id: UNSC, institution: unsc, members: [...]}",
    ]
    return "\n".join(lines) + "\n"
