"""collsec.inputs: limits checked before any walk, strict values, plain messages."""

from __future__ import annotations

import datetime
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collsec.errors import InputError
from collsec.inputs import (
    MAX_DEPTH,
    MAX_NODES,
    MAX_STRING,
    load_mapping,
    load_yaml,
    read_text,
    yaml_value,
)


def laughs(levels: int) -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, levels):
        name, prev = chr(ord("a") + i), chr(ord("a") + i - 1)
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    return text


def refused(text: str) -> str:
    with pytest.raises(InputError) as info:
        load_yaml("f.yaml", text)
    assert "\n" not in str(info.value)
    return str(info.value)


def test_a_billion_laughs_fails_fast():
    assert len(laughs(9)) < 450
    t0 = time.perf_counter()
    assert "once aliases are expanded" in refused(laughs(9))
    assert time.perf_counter() - t0 < 1.0
    assert load_yaml("f", laughs(4)).data["d"][0][0][0] == ["lol"] * 9  # 9**4 values: fine


def test_deep_nesting_fails_fast_without_recursion_error():
    for text in (
        "a: " + "[" * 1000 + "]" * 1000,
        "".join("  " * i + f"k{i}:\n" for i in range(200)),
    ):
        assert f"at most {MAX_DEPTH} levels" in refused(text)
    load_yaml("f", "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))


def test_nesting_built_from_aliases_is_counted():
    text = "a: &a [[[[[[[[[[1]]]]]]]]]]\n"
    for name, prev in zip("bcd", "abc", strict=True):
        text += f"{name}: &{name} [[[[[[[[[[*{prev}]]]]]]]]]]\n"
    assert "levels of nesting once aliases are expanded" in refused(text)


def test_limits_on_values_and_text():
    assert f"at most {MAX_STRING:,} characters" in refused("a: " + "x" * (MAX_STRING + 1))
    wide = "r: &r [" + ",".join(["0"] * 1000) + "]\ng: [" + ",".join(["*r"] * 250) + "]\n"
    assert f"at most {MAX_NODES:,} values" in refused(wide)


@pytest.mark.parametrize(
    "text, words",
    [
        ("d: 1950-02-30", "line 1, column 4: expected a real calendar date"),
        ("d: 1951-02-29", "a real calendar date"),
        ("x: .nan", "a finite number"),
        ("x: -.Inf", "a finite number"),
        ("x: 1.0e+400", "a finite number"),
        ('x: "\\ud800"', "lone surrogates"),
        ("x: " + "9" * 4400, "4,300 digits"),
        ("a: 1\nb: 2\na: 3", "line 3: expected each key once"),
        ("a: &x [*x]", "an alias that contains itself"),
        ("a: *nowhere", "undefined alias"),
        ("a: 1\n---\nb: 2", "another document"),
        ("a: \x07", "printable text"),
        ("x: !!python/object:os.system y", "valid YAML"),
    ],
)
def test_values_no_program_should_receive(text, words):
    message = refused(text)
    assert message.startswith("f.yaml: ") and words in message, message


def test_good_documents_and_their_lines():
    doc = load_yaml("f", "a: [1, 2.5, 1950-02-28]\nb: &q {x: 1}\nc: *q\n")
    assert doc.data == {"a": [1, 2.5, datetime.date(1950, 2, 28)], "b": {"x": 1}, "c": {"x": 1}}
    assert doc.lines[("a", 2)] == 1 and doc.lines[("c", "x")] == 2
    assert load_yaml("f", "").data is None and load_mapping("f", "", "a mapping").data == {}
    with pytest.raises(InputError, match="top level: expected a mapping, got 'list'"):
        load_mapping("f", "- 1", "a mapping")


def test_command_line_values():
    assert yaml_value("--set", "false") is False and yaml_value("--set", "") == ""
    assert yaml_value("--set", "[unclosed") == "[unclosed"  # not YAML: kept as text
    with pytest.raises(InputError, match="calendar date"):
        yaml_value("--set", "1950-02-30")


def test_files(tmp_path):
    with pytest.raises(InputError, match="got 'a folder'"):
        read_text(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(InputError, match=r"line 2, column 7: expected UTF-8 text, got 'byte 0xe9'"):
        read_text(bad)
    bad.write_bytes(b"\xef\xbb\xbfa: 1\n")  # a byte-order mark is dropped
    assert read_text(bad) == "a: 1\n"
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * 1_000_001)
    with pytest.raises(InputError, match="at most 1,000,000 bytes"):
        read_text(big)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:- []{},&*!'\"\n\t.0159|>#?<")), max_size=120))
def test_any_text_parses_or_gets_one_clear_message(text):
    t0 = time.perf_counter()
    try:
        load_yaml("f", text)
    except InputError as error:
        assert str(error).startswith("f: ") and "\n" not in str(error).split(", got ")[0]
    assert time.perf_counter() - t0 < 2
