"""Where the data are: the option, else the environment; every new file has its source."""

import pytest

from collsec.data import agreement, atop, icb, igo, trade, unga, unsc
from collsec.data.paths import SOURCES, data_file, resolved_file
from collsec.errors import DataMissingError


def test_every_file_a_reader_names_has_a_source():
    names = [
        atop.ATOP, trade.TRADE, igo.KEY_FILE, igo.LONG_FILE, igo.LIST_FILE, unsc.MEMBERS,
        unsc.TERMS, unsc.VOTES, unga.ROLL_CALLS, unga.VOTES, unga.IDEAL_POINTS,
        agreement.AGREEMENT,
    ]  # fmt: skip
    assert set(names) <= set(SOURCES)
    assert any(name.startswith(icb.ICB_FOLDER + "/icb1") for name in SOURCES)


def test_every_source_file_is_in_the_shared_data(shared_data):
    for name in SOURCES:
        assert (shared_data / name).is_file(), name


def test_resolved_file_follows_the_option_and_the_environment(shared_data, tmp_path, monkeypatch):
    relative = "cow-states/states2016.csv"
    assert resolved_file(relative, shared_data) == data_file(relative, shared_data).resolve()
    monkeypatch.setenv("COLLSEC_DATA_DIR", str(shared_data))
    assert resolved_file(relative) == resolved_file(relative, shared_data)
    monkeypatch.setenv("COLLSEC_DATA_DIR", str(tmp_path))
    with pytest.raises(DataMissingError, match="states2016"):
        resolved_file(relative)  # another directory: not the remembered path
    (tmp_path / "cow-states").mkdir()
    with pytest.raises(DataMissingError, match="states2016"):
        resolved_file(relative)  # a missing file is never remembered
    (tmp_path / "cow-states" / "states2016.csv").write_text("made-up\n")
    assert resolved_file(relative) == (tmp_path / relative).resolve()
