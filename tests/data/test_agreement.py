"""Dyadic agreement and affinity: the file's agree3, thin pairs, the ideal-point map."""

import gzip
from datetime import date

import numpy as np
import pandas as pd
import pytest

from collsec.data.agreement import (
    FIT_SESSIONS,
    MIN_JOINT,
    affinity,
    agreement,
    ideal_point_map,
)
from collsec.data.cow import codes_by_number, states_on
from collsec.data.unga import ideal_points_in
from collsec.errors import DataMissingError, InputError


@pytest.fixture(scope="module")
def dyads(shared_data):
    """The agreement file, read with pandas directly (not through collsec)."""
    path = shared_data / "unga-votes" / "unga_agreement_dyad_year_1946_2019.csv.gz"
    with gzip.open(path, "rt") as f:
        return pd.read_csv(f)


def test_lookup_equals_the_file_in_both_orders(shared_data, dyads):
    table = agreement(44, data_dir=shared_data)
    rows = dyads[(dyads.year == 1989) & (dyads.n_joint >= MIN_JOINT)].head(200)
    a, b = rows.ccode1.to_numpy(), rows.ccode2.to_numpy()
    for x, y in ((a, b), (b, a)):
        agree, joint = table.lookup(x, y)
        assert np.allclose(agree, rows.agree3) and (joint == rows.n_joint).all()


def test_thin_pairs_are_missing(shared_data, dyads):
    thin = dyads[(dyads.n_joint < MIN_JOINT) & (dyads.year > 1950)].iloc[0]
    session = int(thin.year) - 1945
    agree, _ = agreement(session, data_dir=shared_data).lookup([thin.ccode1], [thin.ccode2])
    assert np.isnan(agree[0])
    agree, joint = agreement(session, 1, shared_data).lookup([thin.ccode1], [thin.ccode2])
    assert agree[0] == thin.agree3 and joint[0] == thin.n_joint


def test_affinity_of_the_gulf_crisis(shared_data, dyads):
    day = date(1990, 8, 2)
    states = states_on(day, shared_data)
    got = affinity(states, ["IRQ", "KUW"], day, data_dir=shared_data)
    assert list(got) == states and got["IRQ"]["IRQ"].value == 1.0
    row = dyads[(dyads.year == 1989) & (dyads.ccode1 == 2) & (dyads.ccode2 == 645)].iloc[0]
    usa = got["USA"]["IRQ"]
    assert usa.value == pytest.approx(2 * row.agree3 - 1)
    assert usa.source == (
        f"UNGA roll-call agreement, session 44 (1989-90), {int(row.n_joint)} joint votes"
    )
    values = [a.value for per in got.values() for a in per.values() if a.value is not None]
    assert len(values) > 250 and all(-1 <= v <= 1 for v in values)
    assert got["NAM"]["IRQ"].value is None and "no UNGA measure" in got["NAM"]["IRQ"].source


def test_the_map_is_least_squares_on_the_last_ten_sessions(shared_data, dyads):
    fitted = ideal_point_map(74, data_dir=shared_data)
    assert fitted.sessions == tuple(range(75 - FIT_SESSIONS, 75)) and fitted.slope < 0
    codes = codes_by_number(shared_data)
    xs, ys = [], []
    for session in fitted.sessions:
        rows = dyads[(dyads.year == session + 1945) & (dyads.n_joint >= MIN_JOINT)]
        points = ideal_points_in(session, list(codes.values()), shared_data)
        by_number = {n: points[c] for n, c in codes.items()}
        p1, p2 = rows.ccode1.map(by_number), rows.ccode2.map(by_number)
        keep = p1.notna() & p2.notna()
        xs.append((p1[keep] - p2[keep]).abs().astype(float))
        ys.append(2 * rows.agree3[keep] - 1)
    slope, intercept = np.polyfit(np.concatenate(xs), np.concatenate(ys), 1)
    assert fitted.slope == pytest.approx(slope) and fitted.intercept == pytest.approx(intercept)
    assert fitted.pairs == sum(len(x) for x in xs) and 0 < fitted.r_squared <= 1
    assert ideal_point_map(74, data_dir=shared_data) == fitted  # deterministic
    assert ideal_point_map(77, data_dir=shared_data) == fitted  # no roll calls after 74


def test_after_the_roll_calls_the_map_gives_the_value(shared_data):
    day = date(2021, 6, 1)
    got = affinity(["UKG", "RUS", "USA"], ["USA"], day, data_dir=shared_data)
    fitted = ideal_point_map(75, data_dir=shared_data)
    points = ideal_points_in(75, ["UKG", "RUS", "USA"], shared_data)
    for code in ("UKG", "RUS"):
        expected = fitted(abs(points[code] - points["USA"]))
        assert got[code]["USA"].value == pytest.approx(float(expected))
        assert "ideal points session 75" in got[code]["USA"].source
        assert "the roll calls end in 2019" in got[code]["USA"].source
    assert got["UKG"]["USA"].value > got["RUS"]["USA"].value


def test_a_thin_pair_falls_back_to_the_map(shared_data):
    day = date(1990, 8, 2)
    strict = affinity(["USA", "GFR"], ["IRQ"], day, min_joint=10**6, data_dir=shared_data)
    assert "fewer than 1000000 joint recorded votes" in strict["USA"]["IRQ"].source
    fitted = ideal_point_map(44, data_dir=shared_data)  # fitted on the usual threshold
    points = ideal_points_in(44, ["USA", "IRQ"], shared_data)
    expected = float(fitted(abs(points["USA"] - points["IRQ"])))
    assert strict["USA"]["IRQ"].value == pytest.approx(expected)


def test_before_the_assembly_and_bad_input(shared_data, tmp_path):
    got = affinity(["JPN", "CHN"], ["JPN"], date(1931, 9, 18), data_dir=shared_data)
    assert got["CHN"]["JPN"].value is None and "no Assembly session" in got["CHN"]["JPN"].source
    with pytest.raises(InputError, match="XYZ"):
        affinity(["USA"], ["XYZ"], date(1990, 8, 2), data_dir=shared_data)
    with pytest.raises(InputError, match="session"):
        agreement(75, data_dir=shared_data)
    (tmp_path / "cow-states").mkdir()
    with pytest.raises(DataMissingError, match="unga_agreement"):
        agreement(44, data_dir=tmp_path)
