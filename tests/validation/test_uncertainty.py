"""Intervals and paired comparisons of the validation figures: a Wilson interval holds its
share, the sign test counts the cases that differ, the vote bootstrap resamples whole cases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collsec.validation.uncertainty import paired, vote_difference, wilson


@given(n=st.integers(1, 500), data=st.data())
def test_a_wilson_interval_holds_its_share_within_0_and_1(n, data):
    hits = data.draw(st.integers(0, n))
    low, high = wilson(hits, n)
    assert 0 <= low <= round(hits / n, 4) <= high <= 1


def test_a_wilson_interval_narrows_with_more_cases_and_is_none_without():
    small, large = wilson(3, 17), wilson(30, 170)
    assert large[1] - large[0] < small[1] - small[0]
    assert wilson(0, 0) is None
    assert wilson(0, 17)[0] == 0.0 and wilson(17, 17)[1] == 1.0


@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=60))
def test_the_sign_test_counts_the_cases_the_two_decide_differently(pairs):
    engine = [e for e, _ in pairs]
    baseline = [b for _, b in pairs]
    out = paired(engine, baseline)
    assert out["better"] == sum(e and not b for e, b in pairs)
    assert out["worse"] == sum(b and not e for e, b in pairs)
    back = paired(baseline, engine)
    assert (back["better"], back["worse"], back["p"]) == (out["worse"], out["better"], out["p"])
    assert 0 < out["p"] <= 1


def test_the_sign_test_finds_a_one_sided_record_and_not_a_tie():
    assert paired([True] * 10, [False] * 10)["p"] == pytest.approx(2 / 2**10, abs=1e-4)
    assert paired([True, False] * 5, [False, True] * 5)["p"] == 1.0
    assert paired([True, True], [True, True]) == {"better": 0, "worse": 0, "p": 1.0}
    with pytest.raises(ValueError, match="same cases"):
        paired([True], [True, False])


def test_the_vote_difference_resamples_whole_cases_with_a_seed():
    cases = ["a"] * 100 + ["b"] * 10 + ["c"] * 10
    engine = [False] * 100 + [True] * 20  # wrong on the big roll call, right elsewhere
    yes = [True] * 120
    out = vote_difference(cases, engine, yes)
    assert out["difference"] == pytest.approx(-100 / 120, abs=1e-4)
    assert out["cases"] == 3 and out["reps"] > 0
    low, high = out["interval"]
    assert -1 <= low <= out["difference"] <= high <= 0
    assert high > -0.5  # resamples without the big roll call: cases, not votes, are drawn
    assert vote_difference(cases, engine, yes) == out  # same seed, same interval
    assert vote_difference(cases, engine, yes, seed=1)["difference"] == out["difference"]
    assert vote_difference([], [], []) is None


def test_one_case_has_no_spread():
    out = vote_difference(["a"] * 4, [True, False, True, True], [True] * 4)
    assert out["interval"] == [out["difference"], out["difference"]] == [-0.25, -0.25]


def test_the_figure_draws_the_engine_bars_with_their_wilson_intervals():
    from collsec.reports.validation import _engine_errors

    summary = {
        "response": 0.5,
        "result": 0.25,
        "both": None,
        "uncertainty": {"intervals": {"response": [0.3, 0.6], "result": [0.1, 0.5], "both": None}},
    }
    low, high = _engine_errors(summary)
    assert low[:2] == pytest.approx([20, 15]) and high[:2] == pytest.approx([10, 25])
    assert low[2:] == high[2:] == [0.0, 0.0]  # no share, and votes: no bar drawn
    assert _engine_errors({"response": 0.5}) == [[0.0] * 4, [0.0] * 4]  # an older report
