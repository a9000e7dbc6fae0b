"""COW trade: shares sum to 1 over partners with data; missing flows are missing, not zero."""

import csv
import gzip
import math
from datetime import date

import pytest

from collsec.data.cow import codes_by_number, states_on
from collsec.data.trade import dependence, total_trade, trade_shares, trade_year
from collsec.errors import DataMissingError, InputError


@pytest.fixture(scope="module")
def rows_1989(shared_data):
    path = shared_data / "cow-trade" / "cow_trade_v4_nondirected_dyad_year.csv.gz"
    with gzip.open(path, "rt", newline="") as f:
        return [r for r in csv.DictReader(f) if r["year"] == "1989"]


def _flow(text):
    return None if text in ("", "NA", "-9") or float(text) < 0 else float(text)


def test_shares_equal_the_file_and_sum_to_one(shared_data, rows_1989):
    codes = codes_by_number(shared_data)
    expected = {}
    for r in rows_1989:
        pair = {int(r["ccode1"]), int(r["ccode2"])}
        if 645 not in pair:
            continue
        flows = [f for f in (_flow(r["flow1"]), _flow(r["flow2"])) if f is not None]
        if flows:
            expected[codes[(pair - {645}).pop()]] = sum(flows)
    total = sum(expected.values())
    shares = trade_shares("IRQ", 1989, data_dir=shared_data)
    assert set(shares) == set(expected)
    for partner, share in shares.items():
        assert share == pytest.approx(expected[partner] / total)
    assert math.fsum(shares.values()) == pytest.approx(1.0)
    assert list(shares.values()) == sorted(shares.values(), reverse=True)
    assert total_trade("IRQ", 1989, data_dir=shared_data) == pytest.approx(total)


def test_every_state_of_a_year_sums_to_one_or_has_no_data(shared_data):
    for code in states_on(date(1989, 12, 31), shared_data):
        shares = trade_shares(code, 1989, data_dir=shared_data)
        assert not shares or math.fsum(shares.values()) == pytest.approx(1.0), code
        assert all(0 <= s <= 1 for s in shares.values())


def _tiny(tmp_path, trade_rows):
    """A made-up data directory: three states and a few trade rows (not real data)."""
    (tmp_path / "cow-states").mkdir()
    (tmp_path / "cow-states" / "states2016.csv").write_text(
        "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n"
        "AAA,2,Alpha,1816,1,1,2016,12,31,2016\n"
        "BBB,20,Beta,1816,1,1,2016,12,31,2016\n"
        "CCC,40,Gamma,1816,1,1,2016,12,31,2016\n"
    )
    (tmp_path / "cow-trade").mkdir()
    header = "ccode1,ccode2,year,flow1,flow2,smoothflow1,smoothflow2\n"
    body = "".join(f"{row}\n" for row in trade_rows)
    with gzip.open(tmp_path / "cow-trade" / "cow_trade_v4_nondirected_dyad_year.csv.gz", "wt") as f:
        f.write(header + body)
    return tmp_path


def test_missing_flows_are_missing_not_zeros(tmp_path):
    data = _tiny(
        tmp_path,
        [
            "2,20,1990,-9,-9,-9,-9",  # both missing (the COW original's code): no data
            "2,40,1990,30,,30,",  # one missing: the known flow counts
            "20,40,1990,0,0,0,0",  # a known zero is zero
        ],
    )
    assert trade_shares("AAA", 1990, data_dir=data) == {"CCC": 1.0}
    assert dependence(["AAA", "BBB", "CCC"], "CCC", 1990, data_dir=data) == {
        "AAA": 1.0,
        "BBB": None,  # its only trade with data is a zero: no total to share
        "CCC": None,
    }
    assert dependence(["CCC"], "AAA", 1990, data_dir=data) == {"CCC": 1.0}
    assert trade_shares("BBB", 1990, data_dir=data) == {}
    assert total_trade("BBB", 1990, data_dir=data) == 0.0
    assert total_trade("AAA", 1991, data_dir=data) is None


def test_one_flow_missing_in_the_real_file_counts_the_other(shared_data, rows_1989):
    codes = codes_by_number(shared_data)
    one = next(r for r in rows_1989 if _flow(r["flow1"]) is None and _flow(r["flow2"]))
    a, b = codes[int(one["ccode1"])], codes[int(one["ccode2"])]
    total = total_trade(a, 1989, data_dir=shared_data)
    share = trade_shares(a, 1989, data_dir=shared_data)[b]
    assert share * total == pytest.approx(_flow(one["flow2"]))


def test_dependence_on_the_aggressor(shared_data):
    states = states_on(date(1990, 8, 2), shared_data)
    dep = dependence(states, "IRQ", 1989, data_dir=shared_data)
    assert list(dep) == states and dep["IRQ"] is None
    values = [v for v in dep.values() if v is not None]
    assert values and all(0 <= v <= 1 for v in values)
    assert dep["JOR"] == pytest.approx(trade_shares("JOR", 1989, data_dir=shared_data)["IRQ"])


def test_smoothed_flows_are_an_option(shared_data, rows_1989):
    codes = codes_by_number(shared_data)
    smooth = {}
    for r in rows_1989:
        if "645" in (r["ccode1"], r["ccode2"]):
            other = r["ccode2"] if r["ccode1"] == "645" else r["ccode1"]
            flows = [_flow(r["smoothflow1"]), _flow(r["smoothflow2"])]
            if any(f is not None for f in flows):
                smooth[codes[int(other)]] = sum(f for f in flows if f is not None)
    got = trade_shares("IRQ", 1989, smoothed=True, data_dir=shared_data)
    total = sum(smooth.values())
    assert got == pytest.approx({k: v / total for k, v in smooth.items()})


def test_the_year_before_the_date(shared_data):
    assert trade_year(date(1990, 8, 2)).year == 1989
    late = trade_year(date(2016, 3, 1))
    assert late.year == 2014 and late.carried and "carried forward" in late.note


def test_errors(shared_data, tmp_path):
    with pytest.raises(InputError, match="1870-2014"):
        trade_shares("USA", 2015, data_dir=shared_data)
    with pytest.raises(InputError, match="XYZ"):
        dependence(["USA"], "XYZ", 1990, data_dir=shared_data)
    (tmp_path / "cow-states").mkdir()
    with pytest.raises(DataMissingError, match="cow_trade_v4"):
        trade_shares("USA", 1990, data_dir=tmp_path)
