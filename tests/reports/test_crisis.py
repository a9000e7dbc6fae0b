"""The text of a crisis run: names with codes, folded lists, tallies that match their lists,
the rule in words, 80 columns; the JSON unchanged."""

import io
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from collsec.crisis import run_crisis
from collsec.crisis.deliberation import BodyRecord, Draft
from collsec.institutions import Tool, presets
from collsec.reports.crisis import (
    CAUSE_WORDS,
    LISTED,
    Labels,
    cause_in_words,
    explanation_table,
    render,
    rule_in_words,
    to_json,
    vote_lists,
)
from collsec.scenarios import case_names, load_scenario
from collsec.voting.rules import Decision, DecisionRule, Vote, decide

WIDTH = 80


def text_of(result, scenario=None, width=WIDTH) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    render(result, console, scenario)
    return console.export_text()


@pytest.fixture(scope="module")
def runs():
    out = {}
    for name in case_names():
        scenario = load_scenario(name)
        out[name] = (scenario, run_crisis(scenario, draws=200))
    return out


@pytest.mark.parametrize("name", case_names())
def test_every_case_fits_80_columns_and_unanimity_is_never_needed_1(runs, name):
    scenario, result = runs[name]
    text = text_of(result, scenario)
    widest = max(text.splitlines(), key=len)
    assert len(widest) <= WIDTH, widest
    rules = Labels.of(scenario).rules
    for body in result.bodies:
        if body.drafts and rules[body.id].is_unanimity:
            one = result.model_copy(update={"bodies": (body,)})
            alone = " ".join(text_of(one, scenario).split())
            assert "unanimity" in alone and not re.search(r"needed:?\s+1 yes", alone), body.id


@pytest.mark.parametrize("name", case_names())
def test_each_vote_s_terms_add_up_to_its_total(runs, name):
    scenario, result = runs[name]
    table = explanation_table(result, Labels.of(scenario))
    if table is None:
        pytest.skip(f"{name}: no global council voted")
    cells = [list(column.cells) for column in table.columns]
    rows = 0
    for total, *terms in zip(*cells[2:], strict=True):
        if total == "party":
            continue
        assert abs(sum(map(float, terms)) - float(total)) <= 0.03, (total, terms)
        rows += 1
    assert rows > 0


@pytest.mark.parametrize("name", case_names())
def test_tallies_count_the_same_votes_as_the_lists_beside_them(runs, name):
    _, result = runs[name]
    for body in result.bodies:
        for draft in body.drafts:
            dec = draft.decision
            lists = vote_lists(body, draft)
            # unweighted rules in every built-in body: a tally is a count of members
            assert len(lists[Vote.YES]) == dec.yes
            assert len(lists[Vote.NO]) == dec.no
            assert len(lists[Vote.ABSTAIN]) == dec.abstain
            assert len(lists[Vote.ABSENT]) == dec.absent
            counted = sum(len(v) for v in lists.values())
            assert counted + len(dec.not_counted) == len(body.members)


def test_the_league_tally_and_its_lists_agree(runs):
    """The issue's example: 52-3-0 with four names under "no" (the party Italy among them)."""
    scenario, result = runs["ethiopia-1935"]
    text = text_of(result, scenario)
    assembly = next(b for b in result.bodies if b.id == "LNA")
    sanctions = assembly.draft(Tool.SANCTIONS).decision
    no_line = next(line for line in text.splitlines() if line.strip().startswith("no ("))
    listed = int(re.search(r"no \((\d+)\)", no_line).group(1))
    assert listed == sanctions.no
    assert "Italy [ITA]" not in no_line
    assert "not counted (parties to the dispute): Italy [ITA] no" in text
    assert f"{sanctions.yes:g} yes, {sanctions.no:g} no" in text
    flat = " ".join(text.split())
    assert "needed: unanimity" in flat and "rule: unanimity, the parties" in flat


def test_the_council_table_marks_the_party_and_counts_it_apart(runs):
    scenario, result = runs["ethiopia-1935"]
    text = text_of(result, scenario)
    assert "Italy [ITA]*\u2020" in text and "party to the dispute, not counted" in text
    council = next(b for b in result.bodies if b.id == "LNC")
    section = text[text.index("LNC:") : text.index("LNA:")]
    rows = {line.split()[0]: line.split()[1:] for line in section.splitlines() if line.strip()}
    for total in ("yes", "no", "abstain"):
        assert rows[total] == [f"{getattr(d.decision, total):g}" for d in council.drafts]
    assert rows["not"][1:] == [str(len(d.decision.not_counted)) for d in council.drafts]


def test_names_come_with_their_code_and_codes_stay_without_a_scenario(runs):
    scenario, result = runs["korea-1950"]
    named = text_of(result, scenario)
    assert f"{scenario.actors['TAW'].name} [TAW]" in named
    assert f"{scenario.actors['RUS'].name} [RUS]" in named
    bare = text_of(result)
    assert "[TAW]" not in bare and "TAW" in bare


def test_long_lists_are_folded_with_the_count_of_the_rest(runs):
    scenario, result = runs["korea-1950"]
    text = " ".join(text_of(result, scenario).split())
    members = result.coalition.members
    assert f"coalition, {len(members)} members:" in text
    assert f"... and {len(members) - LISTED} more" in text
    strongest = max(members, key=lambda c: scenario.actors[c].capability)
    assert text.index(f"[{strongest}]") < text.index("... and")


@given(st.lists(st.sampled_from([f"S{i:02d}" for i in range(40)]), unique=True))
def test_a_folded_list_names_some_and_counts_the_others(codes):
    labels = Labels(names={c: f"State {c}" for c in codes})
    text = labels.fold(codes)
    shown = text.count("[")
    hidden = int(re.search(r"and (\d+) more$", text).group(1)) if "more" in text else 0
    assert shown + hidden == len(codes)
    assert hidden == 0 or hidden >= 2


@given(
    st.lists(st.sampled_from(list(Vote)), min_size=2, max_size=30),
    st.sets(st.integers(0, 29), max_size=3),
)
def test_lists_and_tallies_agree_for_any_votes_and_parties(votes, party_index):
    members = tuple(f"M{i}" for i in range(len(votes)))
    ballot = dict(zip(members, votes, strict=True))
    parties = [members[i] for i in party_index if i < len(members)]
    rule = DecisionRule(veto_holders="all", exclude_parties=True)
    dec = decide(rule, members, ballot, parties=parties)
    draft = Draft(measure=Tool.SANCTIONS, votes=ballot, decision=dec)
    body = BodyRecord(
        id="B", name="b", scope="global", members=members, permanent=(), drafts=(draft,)
    )
    lists = vote_lists(body, draft)
    assert [len(lists[v]) for v in (Vote.YES, Vote.NO, Vote.ABSTAIN, Vote.ABSENT)] == [
        dec.yes,
        dec.no,
        dec.abstain,
        dec.absent,
    ]
    assert not set(dec.not_counted) & {m for v in lists.values() for m in v}


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("unsc", "9 yes votes and no permanent member against"),
        ("unsc-1946", "7 yes votes and no permanent member against"),
        ("unga", "two-thirds of those present and voting"),
        ("league-council-art11", "unanimity"),
        ("league-assembly-art15", "unanimity, the parties to the dispute not counted"),
        ("au-psc", "two-thirds of the members"),
    ],
)
def test_rules_in_words(key, words):
    assert rule_in_words(presets()[key].rule) == words


def test_rules_in_words_say_how_many_vetoes_block_and_what_is_waived():
    rule = DecisionRule(quota=9, veto_holders="permanent", vetoes_to_block=2)
    assert "fewer than 2 permanent members against" in rule_in_words(rule)
    waived = DecisionRule(quota=9, veto_holders="permanent", veto_waived_for=("mass_atrocity",))
    assert "no veto on mass_atrocity drafts" in rule_in_words(waived)


@pytest.mark.parametrize("head", sorted(CAUSE_WORDS))
def test_every_cause_code_has_words(head):
    labels = Labels(names={"RUS": "Soviet Union"})
    code = f"{head}:RUS" if "{}" in CAUSE_WORDS[head] else head
    words = cause_in_words(code, labels)
    assert words != code and "{}" not in words
    if head in ("veto", "absent", "unilateral"):
        assert "Soviet Union [RUS]" in words


def test_an_unknown_cause_code_is_shown_as_it_is():
    assert cause_in_words("something_new:XYZ", Labels()) == "something_new:XYZ"


def test_json_is_the_result_itself_with_codes(runs):
    _, result = runs["korea-1950"]
    assert json.loads(to_json(result)) == json.loads(result.model_dump_json())
    assert "Republic of China" not in to_json(result)


def test_the_referral_to_the_assembly_is_shown_with_its_tally(runs):
    scenario, result = runs["korea-1950"]
    referral = Decision(adopted=True, yes=9, no=1, abstain=1, absent=0, needed=7)
    bodies = tuple(
        b.model_copy(update={"referral": referral}) if b.id == "UNGA" else b for b in result.bodies
    )
    flat = " ".join(text_of(result.model_copy(update={"bodies": bodies}), scenario).split())
    assert (
        "referred by a procedural vote of the Council: adopted "
        "(9 yes, 1 no, 1 abstaining; needed: 7 yes)" in flat
    )
    assert "referred by" not in " ".join(text_of(result, scenario).split()) or any(
        b.referral for b in result.bodies
    )


def test_the_history_cell_says_what_the_record_holds_where_the_run_differs():
    from collsec.crisis import run_crisis
    from collsec.reports.crisis import history_cell
    from collsec.scenarios import load_scenario

    r = run_crisis(load_scenario("korea-1950"), draws=50)
    assert history_cell(r, (r.response, r.result)).plain == "same"
    other = "none" if r.response != "none" else "sanctions"
    assert history_cell(r, (other, r.result)).plain == f"was {other}"
    assert history_cell(r, None).plain == "no record"


def test_the_permanent_members_agreement_names_the_measure_they_agreed_on():
    from collsec.crisis import run_crisis
    from collsec.reports.crisis import Labels, _cause_of_run
    from collsec.scenarios import load_scenario

    s = load_scenario("gulf-1990")
    r = run_crisis(s, draws=50)
    assert "permanent_members_agreed" in r.causes  # the record's main cause (Res. 678)
    council = next(b for b in r.bodies if b.id == "UNSC")
    words = _cause_of_run("permanent_members_agreed", r, Labels.of(s))
    assert words == f"the permanent members agreed on {council.adopted.value}"


def test_a_body_says_which_measures_no_member_sponsored():
    from collsec.crisis.params import prior_params
    from collsec.scenarios import load_scenario

    p = prior_params()
    keen = p.model_copy(update={"thresholds": p.thresholds.model_copy(update={"sponsor": 100.0})})
    s = load_scenario("ethiopia-1935")
    r = run_crisis(s, keen, draws=5)
    council = next(b for b in r.bodies if b.id == "LNC")
    assert council.unsponsored  # Ethiopia, the complainant, holds no Council seat to table one
    text = " ".join(text_of(r, s).split())
    measures = " or ".join(m.value for m in council.unsponsored)
    assert f"{measures} not tabled: no member cared enough to sponsor" in text
    assert json.loads(to_json(r))["bodies"][0]["unsponsored"] == [
        m.value for m in r.bodies[0].unsponsored
    ]


def test_a_called_off_threat_says_how_likely_its_aim_is_given_up():
    from collsec.crisis.params import EngineParams

    scenario = load_scenario(
        "korea-1950",
        ["actors.PRK.capability=0.0001", "threat.stage=threatened", "threat.severity=0.5"],
    )
    # backing down costs less than a hopeless war, whatever the fitted defaults say
    params = EngineParams().model_copy(update={"renunciation": 2.0, "backing_down_cost": 0.5})
    result = run_crisis(scenario, params, draws=200, seed=1)
    assert result.deterrence.backs_down_probability == 1.0
    assert result.deterrence.gives_up == pytest.approx(0.25)  # severity ** renunciation
    text = " ".join(text_of(result, scenario).split())
    assert f"it gives up its aim with probability {result.deterrence.gives_up:.2f}" in text
    under_way = run_crisis(load_scenario("korea-1950"), params, draws=20, seed=1)
    assert under_way.deterrence.gives_up is None
    assert "gives up its aim" not in text_of(under_way)
