"""Measured actors for a scenario draft: capability, alignment and location, with sources.

Used by ``collsec scenario new``. Capability is the raw COW CINC of the year (0..1, not
renormalised); alignment is the Assembly ideal point of session ``year - 1945`` (None where the
data have none: not a UN member, no recorded vote, or a League year before 1946); location is
the capital in that year (``capitals.csv``).
"""

from __future__ import annotations

from collsec.data.cow import capabilities, state_name
from collsec.data.locations import capital, capital_name
from collsec.data.unga import FIRST_YEAR, ideal_points, session_of


def draft_actors(year: int, codes, data_dir=None) -> list[dict]:
    """One dict per COW code, in the order given.

    Keys: ``code``; ``name`` (COW name); ``capability`` (CINC of ``year``, 6 decimals);
    ``alignment`` (ideal point of session ``year - 1945``, 3 decimals, or None); ``location``
    (``{"lat", "lon"}`` of the capital, degrees); ``sources`` (``capability``: ``"COW NMC 6.0
    cinc YEAR"``, ``alignment``: ``"UNGA ideal point session S"`` or None, ``location``: the
    capital's name). Raises :class:`~collsec.errors.InputError` as
    :func:`~collsec.data.cow.capabilities` does (bad year, unknown code, not a state that year).
    """
    cinc = capabilities(year, codes, data_dir)
    codes = list(cinc)
    points = ideal_points(year, codes, data_dir)
    out = []
    for code in codes:
        lat, lon = capital(code, year)
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
                    else f"UNGA ideal point session {session_of(year)}",
                    "location": f"capital: {capital_name(code, year)} (collsec capitals.csv)",
                },
            }
        )
    return out


def draft_notes(year: int, actors: list[dict]) -> list[str]:
    """Lines for a draft's header: what the author must still state, given ``year`` and the
    output of :func:`draft_actors`. One line per actor without a measured alignment (or one
    line for all of them in a League year), and a line on raw CINC. Empty actors: no lines.
    """
    if not actors:
        return []
    missing = [a["code"] for a in actors if a["alignment"] is None]
    lines = [
        f"capability: raw COW CINC of {year} (the states of a year sum to 1.00-1.07, "
        "not renormalised)"
    ]
    if year < FIRST_YEAR:
        lines.append(
            f"alignment: no Assembly data before {FIRST_YEAR} (League years); state an "
            f"alignment with its reason for: {', '.join(missing)}"
        )
        return lines
    session = session_of(year)
    for code in missing:
        lines.append(
            f"alignment of {code}: no UNGA ideal point in session {session} ({year}-"
            f"{year + 1}): not a UN member then or no recorded vote; state one with its reason "
            "or leave it neutral"
        )
    return lines
