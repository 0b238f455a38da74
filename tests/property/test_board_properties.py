"""Board envelope properties (board spec §B1, §B2): splicing equals encoding."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tandau.board import Entry
from tandau.board.entry import encode_envelope, encode_payload
from tandau.crypto.canonical import MAX_SAFE_INTEGER, dumps

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=10)
values = st.recursive(
    st.none() | st.booleans() | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=15,
)
payloads = st.dictionaries(texts, values, max_size=4)
elections = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp")),
    min_size=1,
    max_size=20,
).filter(str.isprintable)
types = st.from_regex(r"[a-z][a-z0-9_]{0,8}(\.[a-z][a-z0-9_]{0,8}){0,2}", fullmatch=True)


@settings(max_examples=100, deadline=None)
@given(
    elections,
    st.integers(0, MAX_SAFE_INTEGER),
    st.binary(min_size=32, max_size=32),
    types,
    payloads,
)
def test_spliced_envelope_is_the_canonical_encoding(
    election: str, seq: int, prev: bytes, type_: str, payload: dict[str, object]
) -> None:
    if seq == 0:
        prev = bytes(32)
    elif prev == bytes(32):
        prev = b"\x01" * 32
    time = "2026-09-17T08:00:00.000000Z"
    data = encode_envelope(election, seq, prev, type_, time, encode_payload(payload))
    envelope = {
        "v": 1,
        "election": election,
        "seq": seq,
        "prev": prev.hex(),
        "type": type_,
        "time": time,
        "payload": payload,
    }
    assert data == dumps(envelope)
    entry = Entry.parse(data)
    assert entry == Entry.build(election, seq, prev, type_, time, payload)
    assert entry.payload == payload
