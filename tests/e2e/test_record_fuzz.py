"""Fuzzing the verifier with mutated records: it always ends with a verdict and a named reason.

Hypothesis replaces values anywhere in a genuine record (then re-chains and
re-signs it, as an insider would) or damages its bytes; whatever comes in,
``tandau-verify`` must say VERIFIED, PARTIAL or REFUSED — never crash — and
every failed check must carry its reason (record spec §R8.1).
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from record_insider import Record, genuine

from tandau_verify.report import Report
from tandau_verify.verify import verify_record

JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, -1, 2**53 - 1, 2**53, "", "00", "ff" * 32, "zz" * 32, "0" * 64]),
    st.text(max_size=20),
)
JSON = st.recursive(
    JSON_LEAF,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:4]):
            out += _paths(v, (*prefix, i))
    return out


def _replace(root: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    root = copy.copy(root)
    root[path[0]] = _replace(root[path[0]], path[1:], new)
    return root


def _assert_named(report: Report) -> None:
    assert report.verdict.split(" ")[0] in ("VERIFIED", "PARTIAL", "REFUSED")
    for c in report.failed():
        assert c.detail, c.id


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_mutated_value_anywhere_ends_with_a_verdict(data: st.DataObject) -> None:
    path, key = genuine()
    r = Record.open(path, key)
    i = data.draw(st.integers(0, len(r.entries) - 1), label="entry")
    where = data.draw(st.sampled_from(_paths(r.entries[i])), label="path")
    new = data.draw(JSON, label="value")
    r.entries[i] = _replace(r.entries[i], where, new)
    with tempfile.TemporaryDirectory() as tmp:
        report = verify_record(r.write(Path(tmp) / "record"))
    _assert_named(report)


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    line=st.integers(0, 40),
    at=st.integers(0, 4000),
    junk=st.binary(min_size=0, max_size=6),
    cut=st.integers(0, 3),
)
def test_damaged_bytes_end_with_a_verdict(line: int, at: int, junk: bytes, cut: int) -> None:
    path, _ = genuine()
    lines = path.read_bytes().split(b"\n")
    n = line % len(lines)
    raw = lines[n]
    pos = at % (len(raw) + 1)
    lines[n] = raw[:pos] + junk + raw[pos + cut :]
    with tempfile.TemporaryDirectory() as tmp:
        damaged = Path(tmp) / "record"
        damaged.write_bytes(b"\n".join(lines))
        report = verify_record(damaged)
    _assert_named(report)
    if lines[n] != raw:
        assert not report.ok
