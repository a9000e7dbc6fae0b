"""Measured actors for a scenario draft: capability, alignment and location, with sources."""

from __future__ import annotations

from collsec.data.cow import capabilities, state_name
from collsec.data.locations import capital
from collsec.data.unga import ideal_points


def draft_actors(year: int, codes, data_dir=None) -> list[dict]:
    """One dict per code: code, name, capability (CINC of ``year``), alignment (UNGA ideal
    point of session year-1945, or None), location of the capital, and the sources.
    """
    cinc = capabilities(year, codes, data_dir)
    points = ideal_points(year, codes, data_dir)
    out = []
    for code in codes:
        lat, lon = capital(code)
        point = points[code]
        out.append(
            {
                "code": code,
                "name": state_name(code, data_dir),
                "capability": round(cinc[code], 6),
                "alignment": None if point is None else round(point, 3),
                "location": {"lat": lat, "lon": lon},
                "sources": {
                    "capability": f"COW NMC 6.0 cinc {year}",
                    "alignment": None
                    if point is None
                    else f"UNGA ideal point session {year - 1945}",
                },
            }
        )
    return out
