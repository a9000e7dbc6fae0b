"""The ICB tier (collsec.validation.icb): ICB's coding mapped to the engine's levels and
outcomes, the engine's levels read from a run, the summary beside the majority class, and the
tier run on crises of both sides of the League's last session."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest

from collsec.institutions import Tool
from collsec.validation.icb import (
    IcbRow,
    _level,
    engine_levels,
    evaluate_icb,
    icb_summary,
    recorded_outcome,
)


@pytest.mark.parametrize(
    ("key", "level"),
    [
        ("none", "none"),
        ("discussion", "none"),
        ("condemnation", "resolution"),
        ("mediation", "resolution"),
        ("sanctions", "sanctions"),
        ("authorised_force", "force"),
        ("emergency_force", "force"),
        ("not_in_existence", None),
        (None, None),
    ],
)
def test_icb_activity_maps_to_the_engine_levels(key, level):
    assert _level(key) == level


def test_the_engine_levels_are_the_strongest_measure_of_each_scope():
    bodies = [
        NS(scope="global", adopted=Tool.CONDEMNATION),
        NS(scope="global", adopted=Tool.SANCTIONS),
        NS(scope="alliance", adopted=None),
        NS(scope="regional", adopted=Tool.CONDEMNATION),
    ]
    assert engine_levels(NS(bodies=bodies)) == ("sanctions", "resolution")
    bodies.append(NS(scope="alliance", adopted=Tool.FORCE))  # an alliance counts as regional
    assert engine_levels(NS(bodies=bodies)) == ("sanctions", "force")
    assert engine_levels(NS(bodies=[])) == ("none", "none")


def _actor(code, outcome, trigger=None):
    return NS(code=code, outcome=NS(code=outcome), trigger_entity=trigger, trigger_date=None)


def test_the_outcome_is_the_aggressors_else_the_targets_read_in_reverse():
    def crisis(aggressor_outcome, target_outcome):
        actors = [_actor("AAA", aggressor_outcome), _actor("BBB", target_outcome, "AAA")]
        return NS(trigger_entity="AAA", actors=actors)

    assert recorded_outcome(crisis(1, 4)) == "won"  # victory
    assert recorded_outcome(crisis(2, 2)) == "draw"  # compromise
    assert recorded_outcome(crisis(3, 3)) == "draw"  # stalemate
    assert recorded_outcome(crisis(4, 1)) == "lost"  # defeat
    assert recorded_outcome(crisis(5, 4)) == "won"  # aggressor "other": the target's defeat
    assert recorded_outcome(crisis(9, 1)) == "lost"
    assert recorded_outcome(crisis(5, 5)) is None


def test_the_summary_counts_the_engine_and_the_majority_class_on_the_same_crises():
    def row(split, g, pg, outcome="won", po="won", error=""):
        return IcbRow(1, "x", split, g, pg, None, "none", outcome, po, error)

    rows = [
        row("train", "none", "none"),
        row("train", "none", "resolution", "draw", "won"),
        row("train", "resolution", "resolution"),
        row("train", None, "none"),  # no global body in existence: left out
        row("train", "force", "force", error="could not draft"),  # an error: left out
        row("test", "force", "none"),
    ]
    train = icb_summary(rows, "train")
    assert train["crises"] == 4
    g = train["global_response"]
    assert g["n"] == 3 and g["engine"] == round(2 / 3, 4)
    assert g["majority_class"] == "none" and g["majority"] == round(2 / 3, 4)
    assert g["confusion"] == {"none": {"none": 1, "resolution": 1}, "resolution": {"resolution": 1}}
    # right where the majority class ("none") is wrong: the resolution; wrong where it is right
    assert g["versus_majority"] == {"better": 1, "worse": 1, "p": 1.0}
    low, high = g["interval"]
    assert low < g["engine"] < high
    assert train["regional_response"]["n"] == 0
    assert train["outcome"]["engine"] == 0.75  # 3 of the 4 coded outcomes
    assert icb_summary(rows)["global_response"]["n"] == 4


def test_no_league_body_acts_in_a_crisis_after_its_last_session(shared_data):
    from collsec.data.icb import crises

    chosen = {c.crisno: c for c in crises(data_dir=shared_data) if c.crisno in (56, 85)}
    rows, left_out = evaluate_icb(list(chosen.values()), draws=20, data_dir=shared_data)
    by = {r.crisno: r for r in rows}
    assert set(by) == {56, 85} and not left_out and not any(r.error for r in rows)
    league = ("LNC:", "LNA:")
    assert any(a.startswith(league) for a in by[56].acted)  # 1937: the League sat
    assert by[56].predicted_global != "none"
    assert not any(a.startswith(league) for a in by[85].acted)  # Barbarossa, June 1941
    assert by[85].predicted_global == "none" and by[85].global_level == "none"


def test_a_draft_reads_the_trigger_not_the_violence_that_came_after(shared_data):
    import dataclasses

    from collsec.data.icb import crises
    from collsec.validation.icb import icb_facts

    gulf = next(c for c in crises(data_dir=shared_data) if c.crisno == 393)  # Gulf War 1990
    calm = dataclasses.replace(gulf, violence=dataclasses.replace(gulf.violence, code=1))
    assert icb_facts(calm) == icb_facts(gulf)  # the war that followed is not an input
    threat = icb_facts(gulf)["threat"]
    assert gulf.trigger.code == 9 and threat["stage"] == "under_way"
    assert gulf.gravity.code == 6  # a threat to existence
    assert threat["severity"] == pytest.approx(0.5 + 0.2)  # a violent act, and that threat
    verbal = dataclasses.replace(gulf, trigger=dataclasses.replace(gulf.trigger, code=1))
    assert icb_facts(verbal)["threat"]["stage"] == "threatened"
    assert icb_facts(verbal)["threat"]["severity"] < threat["severity"]
