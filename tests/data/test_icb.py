"""ICB crises as records: decoded labels with the offsets between levels, dates, COW codes.

The development part does not hold the Prague Spring (the example in LABELS.md); the same
Warsaw Pact / CENTO swap is checked on the crises that have it (Tet 1968, Ussuri 1969: system
7 = actor 8; Shatt al-Arab 1969: system 8 = actor 7).
"""

import csv
from datetime import date

import pytest

from collsec.data.cow import codes_by_number
from collsec.data.icb import KEY_TABLES, REGIONAL_ORG, crises, crisis
from collsec.data.igo import ORGANISATIONS
from collsec.errors import DataMissingError, InputError


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def system_rows(shared_data):
    return _rows(shared_data / "icb" / "icb1v14-dev.csv")


@pytest.fixture(scope="module")
def actor_rows(shared_data):
    return _rows(shared_data / "icb" / "icb2v14-dev.csv")


def test_every_crisis_and_actor_of_the_files(shared_data, system_rows, actor_rows):
    all_crises = crises(data_dir=shared_data)
    assert [c.crisno for c in all_crises] == [int(r["crisno"]) for r in system_rows]
    assert sum(len(c.actors) for c in all_crises) == len(actor_rows) == 768
    codes = codes_by_number(shared_data)
    by_crisis = {}
    for r in actor_rows:
        by_crisis.setdefault(int(r["crisno"]), []).append(int(r["cracid"]))
    assert {c.crisno: [a.ccode for a in c.actors] for c in all_crises} == by_crisis
    changed = [(a.ccode, a.code) for c in all_crises for a in c.actors if codes[a.ccode] != a.code]
    assert set(changed) == {(260, "GMY"), (678, "YEM")}  # ICB's numbers after 1990


def test_the_regional_offsets(shared_data):
    for crisno in (225, 231):
        c = crisis(crisno, data_dir=shared_data)
        assert c.regional_org.code == 7 and c.regional_org.key == "WPact"
        assert {(a.regional_org.code, a.regional_org.key) for a in c.actors} == {(8, "WPact")}
        assert "Warsaw" in c.regional_org.label
    shatt = crisis(234, data_dir=shared_data)
    assert (shatt.regional_org.code, shatt.regional_org.key) == (8, "CENTO")
    assert {(a.regional_org.code, a.regional_org.key) for a in shatt.actors} == {(7, "CENTO")}


def test_keys_agree_across_levels_where_raw_codes_do_not(shared_data):
    pairs = [(c, a) for c in crises(data_dir=shared_data) for a in c.actors if c.trigger_date]
    for field in ("global_org", "global_activity"):
        same_key = sum(getattr(c, field).key == getattr(a, field).key for c, a in pairs)
        same_code = sum(getattr(c, field).code == getattr(a, field).code for c, a in pairs)
        assert same_key / len(pairs) > 0.9 and same_code / len(pairs) < 0.1, field


def test_key_tables_cover_the_codebook(shared_data):
    labels = _rows(shared_data / "icb" / "icb_value_labels_v13codebook.csv")
    words = {
        "council": "Council",
        "assembly": "Assembly",
        "sanctions": "Sanctions",
        "WPact": "Warsaw",
        "CENTO": "Central Treaty|CENTO",
        "LOAS": "Arab",
        "NATO": "North Atlantic",
        "mediation": "Mediation",
        "multiple": "Multiple",
    }
    for (level, variable), table in KEY_TABLES.items():
        coded = {int(r["code"]): r["label"] for r in labels
                 if r["level"].startswith(level) and r["variable"] == variable}  # fmt: skip
        assert set(coded) == set(table), (level, variable)
        for code, key in table.items():
            if key in words:
                assert any(w in coded[code] for w in words[key].split("|")), (variable, code)
    organisations = {k for k in REGIONAL_ORG["system"].values() if k.isupper() or k == "WPact"}
    assert organisations <= set(ORGANISATIONS)  # the COW IGO names


def test_dates_and_their_notes(shared_data, system_rows):
    houthi = crisis(474, data_dir=shared_data)
    assert houthi.trigger_date is None and houthi.gravity.code is None
    assert any("no year or month" in n for n in houthi.notes)
    smyrna = crisis(7, data_dir=shared_data)  # day coded 66
    assert smyrna.trigger_date == date(1919, 3, 1)
    assert any("coded 66" in n for n in smyrna.notes)
    for c, r in zip(crises(data_dir=shared_data), system_rows, strict=True):
        if c.trigger_date and not c.notes:
            assert c.trigger_date == date(int(r["yrtrig"]), int(r["motrig"]), int(r["datrig"]))


def test_triggering_entities(shared_data, system_rows):
    codes = codes_by_number(shared_data)
    kinds = {"995": "internal", "996": "non_state", "997": "several_states"}
    for c, r in zip(crises(data_dir=shared_data), system_rows, strict=True):
        if not r["trigent"]:
            continue
        if r["trigent"] in kinds:
            assert c.trigger_entity is None and c.trigger_entity_kind == kinds[r["trigent"]]
        else:
            assert c.trigger_entity == codes[int(r["trigent"])]
            assert c.trigger_entity_kind == "state"


def test_decoded_values_of_one_crisis(shared_data):
    gulf = next(c for c in crises(data_dir=shared_data) if c.name == "GULF WAR")
    assert gulf.trigger_entity == "IRQ" and gulf.trigger_date == date(1990, 8, 2)
    assert gulf.violence.label == "Full-scale war"
    assert gulf.global_org.key == "council"
    assert {"KUW", "USA", "IRQ"} <= set(gulf.actor_codes)
    kuwait = next(a for a in gulf.actors if a.code == "KUW")
    assert kuwait.trigger_entity == "IRQ" and kuwait.outcome.label in {
        "Victory", "Compromise", "Stalemate", "Defeat", "Other",
    }  # fmt: skip
    assert kuwait.power_status.label.endswith("power")


def test_icb_numbers_kept_after_unification_and_actors_not_yet_states(shared_data):
    iran = crisis(442, data_dir=shared_data)  # ICB writes 260 for Germany in 2003
    assert "GMY" in iran.actor_codes and "GFR" not in iran.actor_codes
    assert any("ICB 260 for Germany" in n for a in iran.actors for n in a.notes)
    islands = crisis(416, data_dir=shared_data)  # and 678 for Yemen in 1995
    assert "YEM" in islands.actor_codes and "YAR" not in islands.actor_codes
    bosnia = crisis(403, data_dir=shared_data)
    assert any("BOS was not a COW system member" in n for n in bosnia.notes)


def test_an_undefined_code_is_noted(shared_data):
    notes = [n for c in crises(data_dir=shared_data) for a in c.actors for n in a.notes]
    assert any("outcom = 9 has no label" in n for n in notes)


def test_icb_dir_and_errors(shared_data, tmp_path):
    with pytest.raises(InputError, match="crisno"):
        crisis(216, data_dir=shared_data)  # held apart: not in the development part
    with pytest.raises(DataMissingError, match="icb1"):
        crises(icb_dir=tmp_path, data_dir=shared_data)
    folder = tmp_path / "release"
    folder.mkdir()
    for name in ("icb1v14-dev.csv", "icb2v14-dev.csv"):
        (folder / name).symlink_to(shared_data / "icb" / name)  # a link, not a copy
    got = crises(icb_dir=folder, data_dir=shared_data)  # labels from <data dir>/icb
    assert len(got) == 336
    (folder / "icb1v13.csv").symlink_to(shared_data / "icb" / "icb1v14-dev.csv")
    with pytest.raises(InputError, match="one ICB system-level file"):
        crises(icb_dir=folder, data_dir=shared_data)


@pytest.mark.slow
def test_every_dated_crisis_can_be_measured_on_its_date(shared_data):
    """What a draft reads for each crisis, without an error (benchmarks/bench_data.py times it)."""
    from collsec.data import agreement, atop, cow, igo, trade, unga, unsc

    dated = [c for c in crises(data_dir=shared_data) if c.trigger_date is not None]
    assert len(dated) == 335
    for c in dated:
        day = c.trigger_date
        states = cow.states_on(day, shared_data)
        named = [p for p in dict.fromkeys([c.trigger_entity, *c.actor_codes]) if p]
        parties = [p for p in named if p in states]
        for p in set(named) - set(states):  # not yet a state: the record says so
            assert any(p in n and "not a COW system member" in n for n in c.notes), c.crisno
        if not parties:
            continue
        cinc = cow.capabilities_on(day, states, shared_data)
        assert len(cinc) == len(states)
        council = unsc.council_on(day, shared_data)
        assert (council is None) == (day < date(1946, 1, 17))
        un = igo.members_on("UN" if day.year >= 1946 else "LoN", day, shared_data)
        assert set(un.members) <= set(states)
        values = agreement.affinity(states, parties, day, data_dir=shared_data)
        assert all(-1 <= a.value <= 1 for per in values.values() for a in per.values() if a.value)
        assert all(a.source for per in values.values() for a in per.values())
        atop.pledges_before(day, states, shared_data)
        shares = trade.trade_shares(parties[0], trade.trade_year(day).year, data_dir=shared_data)
        assert not shares or abs(sum(shares.values()) - 1) < 1e-9
        unga.ideal_points_before(day, states, shared_data)
