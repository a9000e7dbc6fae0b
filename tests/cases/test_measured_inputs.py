"""The built-in cases carry the measured numbers: CINC of the year, ideal points of the session
before the date, capitals of the year.

Skipped with a reason when the public data are absent (they are never copied into the repo).
"""

import pytest

from collsec.data.cow import capabilities_on, capability_year
from collsec.data.unga import ideal_points_before
from collsec.scenarios import case_names, load_scenario


@pytest.mark.parametrize("name", case_names())
def test_state_capabilities_are_the_cinc_of_the_year(name, shared_data):
    s = load_scenario(name)
    year = capability_year(s.threat.date).year  # the crisis year, 2016 after the data end
    states = {c: a for c, a in s.actors.items() if a.kind == "state"}
    measured = capabilities_on(s.threat.date, list(states), shared_data)
    for code, actor in states.items():
        assert actor.capability == pytest.approx(measured[code], abs=6e-7), code
        assert actor.capability_source == f"COW NMC 6.0 cinc {year}", code


@pytest.mark.parametrize("name", case_names())
def test_measured_alignments_are_the_ideal_points_of_the_session(name, shared_data):
    s = load_scenario(name)
    measured_codes = [c for c, a in s.actors.items() if a.alignment_source.startswith("UNGA")]
    points = ideal_points_before(s.threat.date, measured_codes, shared_data)
    for code in measured_codes:
        assert s.actors[code].alignment == pytest.approx(points[code], abs=5e-4), code


@pytest.mark.parametrize("name", case_names())
def test_every_other_alignment_and_estimate_states_its_reason(name):
    s = load_scenario(name)
    for code, actor in s.actors.items():
        if actor.alignment is not None and not actor.alignment_source.startswith("UNGA"):
            assert actor.alignment_source.startswith("stated: "), code
        if actor.kind == "non_state":
            assert actor.capability_source.startswith("estimate: "), code


@pytest.mark.parametrize("name", case_names())
def test_state_locations_are_the_capitals_of_the_year(name):
    from collsec.data.locations import capital

    s = load_scenario(name)
    year = s.threat.date.year
    for code, actor in s.actors.items():
        if actor.kind == "state":
            assert (actor.location.lat, actor.location.lon) == capital(code, year), code
