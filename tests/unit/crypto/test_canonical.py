"""Canonical JSON (board spec §B2): the one encoding, and refusal of every other."""

from __future__ import annotations

import pytest

from tandau.crypto.canonical import (
    MAX_SAFE_INTEGER,
    NonCanonicalJson,
    dumps,
    loads_canonical,
    record_lists,
    record_object,
)
from tandau.crypto.errors import EncodingError


def test_known_bytes() -> None:
    value = {"b": [1, -2, True, False, None], "a": {"z": "é", "y": '\n\x01"\\'}, "": 0}
    assert dumps(value) == (
        b'{"":0,"a":{"y":"\\n\\u0001\\"\\\\","z":"\xc3\xa9"},"b":[1,-2,true,false,null]}'
    )


def test_keys_sorted_by_code_point() -> None:
    assert (
        dumps({"b": 1, "B": 2, "a": 3, "é": 4, "Z": 5})
        == '{"B":2,"Z":5,"a":3,"b":1,"é":4}'.encode()
    )


def test_tuples_encode_as_arrays() -> None:
    assert dumps({"x": (1, 2)}) == b'{"x":[1,2]}'


def test_non_ascii_written_as_itself() -> None:
    assert dumps("Қазақстан") == '"Қазақстан"'.encode()
    assert dumps("\u2028") == '"\u2028"'.encode()


def test_safe_integer_bounds() -> None:
    assert dumps(MAX_SAFE_INTEGER) == b"9007199254740991"
    assert dumps(-MAX_SAFE_INTEGER) == b"-9007199254740991"


@pytest.mark.parametrize(
    "value",
    [
        1.0,
        float("nan"),
        float("inf"),
        {"x": 0.5},
        MAX_SAFE_INTEGER + 1,
        -MAX_SAFE_INTEGER - 1,
        {1: "int key"},
        {None: "null key"},
        b"bytes",
        {1, 2},
        object(),
        "\ud800",
    ],
    ids=repr,
)
def test_dumps_refuses_values_without_canonical_form(value: object) -> None:
    with pytest.raises(NonCanonicalJson):
        dumps(value)


def test_dumps_refuses_deep_nesting() -> None:
    deep: object = []
    for _ in range(10):
        deep = [deep]
    dumps(deep, max_depth=10)
    with pytest.raises(NonCanonicalJson):
        dumps(deep, max_depth=9)


def test_round_trip() -> None:
    value = {"election": "demo-1", "n": [0, 1, -5], "ok": True, "nested": {"k": None}}
    assert loads_canonical(dumps(value)) == value


@pytest.mark.parametrize(
    "data",
    [
        b' {"a":1}',  # leading whitespace
        b'{"a":1} ',  # trailing whitespace
        b'{"a":1}\n',  # trailing newline
        b'{"a": 1}',  # space after colon
        b'{"a":1, "b":2}',  # space after comma
        b'{"b":1,"a":2}',  # keys out of order
        b'{"a":1,"a":2}',  # duplicate key, unsorted
        b'{"a":1,"a":1}',  # duplicate key, identical
        b"1.0",  # float
        b"1e3",  # exponent
        b"-0",  # negative zero
        b"01",  # leading zero (not JSON)
        b"9007199254740992",  # outside the safe range
        b"-9007199254740992",
        b"1" * 5000,  # too many digits to convert
        b"NaN",
        b"Infinity",
        b"-Infinity",
        b'"\\u00e9"',  # non-ASCII escaped
        b'"\\u001F"',  # upper-case hex escape
        b'"\\u000a"',  # long form of \n
        b'"\\/"',  # escaped solidus
        b'"\x01"',  # raw control character (invalid JSON)
        b'"\\ud800"',  # lone surrogate
        b"\xef\xbb\xbf{}",  # byte order mark
        b'"\xff"',  # invalid UTF-8
        b'"\xc3"',  # truncated UTF-8
        b"",  # empty
        b"{",  # truncated
        b"[1,]",  # trailing comma
        b"TRUE",
        b"[" * 5000 + b"]" * 5000,  # nesting beyond the recursion limit
    ],
    ids=repr,
)
def test_loads_refuses_non_canonical_bytes(data: bytes) -> None:
    with pytest.raises(NonCanonicalJson) as info:
        loads_canonical(data)
    assert isinstance(info.value, EncodingError)
    assert info.value.code == "crypto.json.non_canonical"


def test_loads_accepts_exactly_the_canonical_form() -> None:
    for data in [b"{}", b"[]", b"0", b"-1", b'""', b"null", b"true", b'{"a":[{"b":"c"}]}']:
        assert dumps(loads_canonical(data)) == data


def test_delete_character_is_written_raw() -> None:
    assert dumps("\x7f") == b'"\x7f"'
    with pytest.raises(NonCanonicalJson):
        loads_canonical(b'"\\u007f"')


def test_size_limit() -> None:
    data = dumps({"x": "a" * 100})
    assert loads_canonical(data, max_bytes=len(data)) == {"x": "a" * 100}
    with pytest.raises(NonCanonicalJson, match="larger"):
        loads_canonical(data, max_bytes=len(data) - 1)


def test_depth_limit() -> None:
    data = b"[" * 5 + b"]" * 5
    loads_canonical(data, max_depth=4)
    with pytest.raises(NonCanonicalJson, match="nesting"):
        loads_canonical(data, max_depth=3)


def test_loads_takes_bytes_only() -> None:
    with pytest.raises(NonCanonicalJson):
        loads_canonical('{"a":1}')  # type: ignore[arg-type]
    assert loads_canonical(bytearray(b'{"a":1}')) == {"a": 1}
    assert loads_canonical(memoryview(b"[1]")) == [1]


def test_record_object_takes_exactly_its_keys() -> None:
    d = {"c": "00", "s": "01"}
    assert record_object(d, ("c", "s"), "a proof") is d
    for bad in ({"c": "00"}, {"c": "00", "s": "01", "t": "02"}, ["c", "s"], None):
        with pytest.raises(EncodingError, match=r"^a proof is \{c, s\}$"):
            record_object(bad, ("c", "s"), "a proof")


def test_record_lists_bounds_the_first_and_matches_lengths_on_request() -> None:
    assert record_lists({"a": [1, 2], "b": [3]}, ("a", "b"), 2, "bad") == ([1, 2], [3])
    for d, matching in (
        ({"a": [1, 2, 3], "b": []}, False),  # the first is too long
        ({"a": (1,), "b": []}, False),  # not a list
        ({"a": [1], "b": "x"}, False),
        ({"a": [1, 2], "b": [3]}, True),  # lengths differ
    ):
        with pytest.raises(EncodingError, match=r"^bad$"):
            record_lists(d, ("a", "b"), 2, "bad", matching=matching)
