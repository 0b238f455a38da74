"""The record's frame: header, head lines, entry envelopes and times (§R1, §R8 V1–V4, V12, V13).

Every line is checked byte for byte against its canonical form, so a second
implementation and ours agree on what a record is.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from typing import Any

from tandau.crypto.canonical import dumps, loads_canonical
from tandau.crypto.errors import TandauError
from tandau.crypto.hashing import encode_parts, tag
from tandau.crypto.signatures import HeadVerifyKey, verify_head_signature

from .report import Report
from .state import (
    Abort,
    Malformed,
    Replay,
    count,
    exact_keys,
    hex_bytes,
    integer,
    text,
)

__all__ = [
    "EVENT_TYPES",
    "check_entry",
    "check_heads_signed",
    "read_head",
    "read_header",
]

ZERO_HASH = "0" * 64
HEADER_KEYS = {"format", "election", "fingerprint", "entries", "heads"}
HEAD_KEYS = {"v", "election", "tree_size", "root", "time"}
ENVELOPE_KEYS = {"v", "election", "seq", "prev", "type", "time", "payload"}
EVENT_TYPES = frozenset(
    {
        "election.manifest",
        "ceremony.dealing",
        "ceremony.response",
        "ceremony.reveal",
        "election.key",
        "credentials.list",
        "voting.opened",
        "ballot",
        "ballot.cancelled",
        "voting.closed",
        "paper.protocol",
        "tally.encrypted",
        "tally.share",
        "results",
        "commission.decision",
    }
)
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")


def check_time(value: Any, where: str) -> str:
    """RFC 3339 UTC in the board's one spelling (board.md §B1.3)."""
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        raise Malformed(where, "must be YYYY-MM-DDTHH:MM:SS.ffffffZ (UTC)")
    try:
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError as exc:
        raise Malformed(where, "not a valid date and time") from exc
    return value


def _canonical(raw: bytes) -> Any:
    try:
        return loads_canonical(raw)
    except (TandauError, RecursionError, ValueError) as exc:
        raise Malformed("line", f"not canonical JSON: {exc}") from exc


def read_header(raw: bytes | None, report: Report) -> dict[str, Any]:
    """V1: the header line, exactly the five keys, canonical."""
    try:
        if raw is None:
            raise Malformed("header", "the record is empty")
        header = exact_keys(_canonical(raw), "header", HEADER_KEYS)
        if header["format"] != "tandau-record/v1":
            raise Malformed("header.format", f"unknown format {str(header['format'])[:40]!r}")
        text(header["election"], "header.election", 128)
        hex_bytes(header["fingerprint"], "header.fingerprint", 32)
        count(header["entries"], "header.entries")
        count(header["heads"], "header.heads")
        return header
    except Malformed as exc:
        report.fail("V1", f"bad header: {exc}")
        raise Abort from exc


def read_head(raw: bytes | None, index: int, header: dict[str, Any], report: Report) -> Any:
    """V3/V13: one head line, canonical byte for byte, naming this election (§R1.2)."""
    try:
        if raw is None:
            raise Malformed("head", "missing: the header announces more heads")
        line = exact_keys(_canonical(raw), "head line", {"head", "signature"})
        head = exact_keys(line["head"], "head", HEAD_KEYS)
        if integer(head["v"], "head.v") != 1:
            raise Malformed("head.v", f"unknown head version {head['v']}")
        count(head["tree_size"], "head.tree_size")
        hex_bytes(head["root"], "head.root", 32)
        check_time(head["time"], "head.time")
        sig = hex_bytes(line["signature"], "head.signature", 64)
    except Malformed as exc:
        report.fail("V3", f"head line {index + 1}: {exc}")
        raise Abort from exc
    if head["election"] != header["election"]:
        report.fail("V13", f"head line {index + 1} names another election")
    return {"head": head, "signature": sig}


def check_heads_order(heads: list[Any], header: dict[str, Any], report: Report) -> None:
    """V3 order, V13 completeness: the last head covers exactly the record's entries."""
    if not heads:
        report.fail("V3", "the record holds no signed head")
        return
    sizes = [h["head"]["tree_size"] for h in heads]
    if any(b <= a for a, b in itertools.pairwise(sizes)):
        report.fail("V3", "heads are not in strictly increasing tree size")
    n = header["entries"]
    if sizes[-1] > n:
        report.fail(
            "V13",
            f"a signed head covers {sizes[-1]} entries, the record holds {n}: entries withheld",
        )
    elif sizes[-1] < n:
        report.fail("V3", "no signed head covers the whole record")


def check_entry(raw: bytes, seq: int, prev: str, rp: Replay, report: Report) -> Any:
    """V2 chain and V12 envelope of entry ``seq``; aborts when the entry cannot be read."""
    try:
        entry = exact_keys(_canonical(raw), "envelope", ENVELOPE_KEYS)
        if integer(entry["v"], "v") != 1:
            raise Malformed("v", f"unknown envelope version {entry['v']}")
        when = check_time(entry["time"], "time")
        integer(entry["seq"], "seq")
        hex_bytes(entry["prev"], "prev", 32)
        if not isinstance(entry["type"], str):
            raise Malformed("type", "must be a string")
        if not isinstance(entry["payload"], dict):
            raise Malformed("payload", "must be an object")
    except Malformed as exc:
        check = "V2" if exc.field in ("line", "seq", "prev", "payload", "type") else "V12"
        report.fail(check, f"entry {seq}: {exc}")
        raise Abort from exc
    if entry["seq"] != seq:
        report.fail("V2", f"entry {seq} claims seq {entry['seq']} (reordered or dropped)")
        raise Abort
    if entry["prev"] != prev:
        report.fail("V2", f"entry {seq} does not link to entry {seq - 1}")
    if entry["election"] != rp.election:
        report.fail("V2", f"entry {seq} belongs to another election")
    if entry["type"] not in EVENT_TYPES:
        report.fail("V2", f"entry {seq} has unknown type {str(entry['type'])[:64]!r}")
    if when < rp.last_time:
        report.fail("V12", f"entry {seq}: time goes backwards ({when} < {rp.last_time})")
    rp.last_time = when
    return entry


def check_heads_signed(heads: list[Any], rp: Replay, report: Report) -> None:
    """V4: every head verifies under the manifest's commission key (board.md §B6.2)."""
    if rp.manifest is None:
        report.fail("V4", "no manifest, so no commission key")
        return
    try:
        key = HeadVerifyKey(hex_bytes(rp.manifest.get("commission_key"), "commission_key", 32))
    except (TandauError, Malformed) as exc:
        report.fail("V4", f"bad commission key: {exc}")
        return
    for h in heads:
        head = h["head"]
        message = encode_parts([tag("board/head"), dumps(head)])
        try:
            verify_head_signature(key, message, h["signature"])
            report.note("V4")
        except TandauError:
            report.fail(
                "V4", f"the head at size {head['tree_size']} is not signed by the commission key"
            )
