"""Canonical JSON properties (board spec §B2): one value, one byte string."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tandau.crypto.canonical import MAX_SAFE_INTEGER, NonCanonicalJson, dumps, loads_canonical

# Strings without lone surrogates (they have no UTF-8 form).
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
scalars = st.none() | st.booleans() | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER) | texts
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(values)
def test_round_trip_is_exact(value: object) -> None:
    data = dumps(value)
    assert loads_canonical(data) == value
    assert dumps(loads_canonical(data)) == data


@settings(max_examples=150, deadline=None)
@given(values)
def test_canonical_bytes_are_valid_json_of_the_same_value(value: object) -> None:
    assert json.loads(dumps(value).decode("utf-8")) == value


@settings(max_examples=150, deadline=None)
@given(values, st.sampled_from([0, 2]))
def test_any_other_spelling_is_refused(value: object, indent: int) -> None:
    """Re-encoding with whitespace or escaped non-ASCII is refused unless it is identical."""
    data = dumps(value)
    for other in (
        json.dumps(value, indent=indent, sort_keys=True).encode(),
        json.dumps(value, ensure_ascii=True, separators=(",", ":"), sort_keys=True).encode(),
        data + b" ",
    ):
        if other == data:
            continue
        try:
            loads_canonical(other)
        except NonCanonicalJson:
            continue
        raise AssertionError(f"accepted a non-canonical spelling: {other!r}")
