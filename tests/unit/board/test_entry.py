"""The entry envelope (board spec §B1, §B4): exact bytes in, strict parsing out."""

from __future__ import annotations

import pytest

from tandau.board import ZERO_HASH, Entry, InvalidEntry
from tandau.crypto import merkle
from tandau.crypto.canonical import dumps

T = "2026-09-17T08:00:00.000000Z"
PREV = bytes(range(32))


def test_known_bytes_and_leaf_hash() -> None:
    entry = Entry.build("demo-1", 0, ZERO_HASH, "election.manifest", T, {"b": 2, "a": [1]})
    assert entry.data == (
        b'{"election":"demo-1","payload":{"a":[1],"b":2},"prev":"' + b"0" * 64 + b'","seq":0,'
        b'"time":"2026-09-17T08:00:00.000000Z","type":"election.manifest","v":1}'
    )
    assert entry.leaf_hash == merkle.leaf_hash(entry.data)
    assert (entry.seq, entry.type, entry.prev, entry.payload) == (
        0,
        "election.manifest",
        ZERO_HASH,
        {"a": [1], "b": 2},
    )


def test_parse_round_trip() -> None:
    entry = Entry.build("demo-1", 7, PREV, "ballot", T, {"ballot": {"x": "é"}})
    assert Entry.parse(entry.data) == entry


def test_payload_is_what_is_stored() -> None:
    entry = Entry.build("demo-1", 1, PREV, "ballot", T, {"t": (1, 2)})
    assert entry.payload == {"t": [1, 2]}


def test_prev_is_zero_exactly_for_seq_0() -> None:
    with pytest.raises(InvalidEntry):
        Entry.build("demo-1", 0, PREV, "ballot", T, {})
    with pytest.raises(InvalidEntry):
        Entry.build("demo-1", 1, ZERO_HASH, "ballot", T, {})


@pytest.mark.parametrize(
    ("election", "seq", "prev", "type_", "time", "payload"),
    [
        ("", 1, PREV, "ballot", T, {}),
        ("x" * 129, 1, PREV, "ballot", T, {}),
        ("demo\n1", 1, PREV, "ballot", T, {}),
        ("demo-1", -1, PREV, "ballot", T, {}),
        ("demo-1", True, PREV, "ballot", T, {}),
        ("demo-1", 1, PREV[:31], "ballot", T, {}),
        ("demo-1", 1, PREV, "Ballot", T, {}),
        ("demo-1", 1, PREV, "ballot.", T, {}),
        ("demo-1", 1, PREV, "", T, {}),
        ("demo-1", 1, PREV, "a" * 65, T, {}),
        ("demo-1", 1, PREV, "ballot", "2026-09-17T08:00:00Z", {}),
        ("demo-1", 1, PREV, "ballot", "2026-02-30T08:00:00.000000Z", {}),
        ("demo-1", 1, PREV, "ballot", T, [1]),
        ("demo-1", 1, PREV, "ballot", T, {"x": 0.5}),
        ("demo-1", 1, PREV, "ballot", T, {"x": 2**60}),
    ],
)
def test_build_refuses_bad_fields(
    election: str, seq: int, prev: bytes, type_: str, time: str, payload: dict[str, object]
) -> None:
    with pytest.raises(InvalidEntry):
        Entry.build(election, seq, prev, type_, time, payload)


def _envelope(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "v": 1,
        "election": "demo-1",
        "seq": 3,
        "prev": PREV.hex(),
        "type": "ballot",
        "time": T,
        "payload": {},
    }
    base.update(changes)
    return base


@pytest.mark.parametrize(
    "obj",
    [
        _envelope(v=2),
        _envelope(v=True),
        _envelope(seq="3"),
        _envelope(prev=PREV.hex().upper()),
        _envelope(prev=PREV.hex()[:62]),
        _envelope(prev="0" * 64),
        _envelope(type="BALLOT"),
        _envelope(payload=[]),
        _envelope(time="yesterday"),
        _envelope(extra=1),
        {k: v for k, v in _envelope().items() if k != "time"},
        [1, 2],
    ],
    ids=repr,
)
def test_parse_refuses_malformed_envelopes(obj: object) -> None:
    with pytest.raises(InvalidEntry):
        Entry.parse(dumps(obj))


def test_parse_refuses_non_canonical_bytes() -> None:
    data = Entry.build("demo-1", 3, PREV, "ballot", T, {"a": 1}).data
    with pytest.raises(InvalidEntry):
        Entry.parse(data.replace(b":", b": ", 1))
    with pytest.raises(InvalidEntry):
        Entry.parse(data + b"\n")
    with pytest.raises(InvalidEntry):
        Entry.parse(data, max_bytes=len(data) - 1)
