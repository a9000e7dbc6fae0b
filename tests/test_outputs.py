"""collsec.outputs: checks before computing, atomic files and folders, streamed tables."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import collsec.outputs as outputs
from collsec.errors import InputError
from collsec.outputs import (
    TABLE_SUFFIXES,
    Output,
    TableSink,
    atomic_file,
    atomic_folder,
    plan,
    write_table,
    write_text,
)


def test_plan_refuses_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.csv").mkdir()
    cases = [
        (Output("--out", tmp_path / "x.txt", TABLE_SUFFIXES), "ending in .csv or .parquet"),
        (Output("--out", tmp_path / "x.csv", TABLE_SUFFIXES), "not a folder"),
        (Output("--out", tmp_path / "no" / "x.csv", TABLE_SUFFIXES), "an existing folder"),
        (Output("--out", tmp_path / "x.csv", folder=True), None),
        (Output("--out", tmp_path, folder=True), "not the current folder"),
    ]
    for output, words in cases:
        if words is None:
            assert plan([output]) == [tmp_path / "x.csv"]
            continue
        with pytest.raises(InputError) as info:
            plan([output])
        assert words in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]  # no probe left behind


def test_two_names_for_one_file_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "real.csv").write_text("a\n1\n")
    (tmp_path / "link.csv").symlink_to(tmp_path / "real.csv")
    for other in (
        "real.csv",
        "./real.csv",
        "sub/../real.csv",
        "link.csv",
        str(tmp_path / "real.csv"),
    ):
        with pytest.raises(InputError) as info:
            plan(
                [
                    Output("--out", tmp_path / "real.csv", TABLE_SUFFIXES),
                    Output("--series", Path(other), TABLE_SUFFIXES),
                ]
            )
        assert "a different file from --out" in str(info.value)
    with pytest.raises(InputError):  # a file inside an output folder
        plan(
            [
                Output("--out", tmp_path / "sub", folder=True),
                Output("--csv", tmp_path / "sub" / "t.csv", (".csv",)),
            ]
        )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(InputError) as info:
            plan([Output("--out", folder / "x.csv", TABLE_SUFFIXES)])
        assert "can be written" in str(info.value)
    finally:
        folder.chmod(0o755)


def test_a_folder_nobody_can_write_is_refused_even_for_root():
    if not os.path.isdir("/proc/self"):
        pytest.skip("needs /proc")
    with pytest.raises(InputError) as info:
        plan([Output("--out", Path("/proc/x.csv"), TABLE_SUFFIXES)])
    assert "can be written" in str(info.value)


def test_atomic_file_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "t.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_file(target) as tmp:
        tmp.write_text("half of the new")
        raise RuntimeError
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.txt"]
    with pytest.raises(KeyboardInterrupt), atomic_file(target) as tmp:
        tmp.write_text("new")
        raise KeyboardInterrupt
    assert target.read_text() == "old"
    write_text(target, "new")
    assert target.read_text() == "new"


def test_a_symbolic_link_is_followed_and_kept(tmp_path):
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    write_text(tmp_path / "link.txt", "new")
    assert (tmp_path / "link.txt").is_symlink() and (tmp_path / "real.txt").read_text() == "new"


def test_concurrent_writers_leave_one_whole_file(tmp_path):
    target = tmp_path / "t.csv"
    frames = {i: pd.DataFrame({"writer": [i] * 20_000, "x": range(20_000)}) for i in range(4)}
    threads = [threading.Thread(target=write_table, args=(f, target)) for f in frames.values()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    got = pd.read_csv(target)
    assert got.writer.nunique() == 1
    pd.testing.assert_frame_equal(got, frames[got.writer[0]])


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=1, max_size=12), st.sampled_from(TABLE_SUFFIXES))
def test_a_streamed_table_equals_the_whole(tmp_path_factory, sizes, suffix):
    folder = tmp_path_factory.mktemp("sink")
    whole = pd.DataFrame(
        {"i": range(sum(sizes)), "x": [v / 7 for v in range(sum(sizes))], "b": True}
    )
    old = outputs.ROW_GROUP_BYTES
    outputs.ROW_GROUP_BYTES = 200  # many row groups
    try:
        with TableSink(folder / f"t{suffix}") as sink:
            start = 0
            for n in sizes:
                sink.write(whole.iloc[start : start + n])
                start += n
    finally:
        outputs.ROW_GROUP_BYTES = old
    back = (
        pd.read_parquet(folder / f"t{suffix}")
        if suffix == ".parquet"
        else pd.read_csv(folder / f"t{suffix}")
    )
    if len(whole):
        pd.testing.assert_frame_equal(back, whole)


def test_atomic_folder_swaps_the_set_and_keeps_other_files(tmp_path):
    folder = tmp_path / "figures"
    folder.mkdir()
    (folder / "a.csv").write_text("old a")
    (folder / "b.png").write_text("old b")
    (folder / "mine.txt").write_text("kept")
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.txt").write_text("kept too")
    with pytest.raises(RuntimeError), atomic_folder(folder, {"a.csv", "b.png"}) as tmp:
        (tmp / "a.csv").write_text("new a")
        raise RuntimeError
    assert (folder / "a.csv").read_text() == "old a"
    with atomic_folder(folder, {"a.csv", "b.png"}) as tmp:
        (tmp / "a.csv").write_text("new a")
        (tmp / "b.png").write_text("new b")
    assert (folder / "a.csv").read_text() == "new a" and (folder / "b.png").read_text() == "new b"
    assert (folder / "mine.txt").read_text() == "kept"
    assert (folder / "sub" / "deep.txt").read_text() == "kept too"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures"]  # no temporary left
    fresh = tmp_path / "new-folder"
    with atomic_folder(fresh, {"a.csv"}) as tmp:
        (tmp / "a.csv").write_text("first")
    assert (fresh / "a.csv").read_text() == "first"


def test_the_swap_without_renameat2_still_works(tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "_exchange", lambda a, b: False)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a.csv").write_text("old")
    with atomic_folder(folder, {"a.csv"}) as tmp:
        (tmp / "a.csv").write_text("new")
    assert (folder / "a.csv").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
