"""The entry envelope: one board event as canonical JSON bytes (board spec §B1, §B4).

An entry's bytes are the canonical JSON (§B2) of::

    {"v":1,"election":E,"seq":n,"prev":P,"type":T,"time":τ,"payload":{…}}

where P is the hex leaf hash of entry n−1 (64 zeros for n = 0).  Its leaf
hash is the RFC 9162 leaf hash of those exact bytes (§B3).  ``Entry.parse``
is the only way to read stored bytes back: it refuses anything ``Entry.build``
would not have written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from tandau.crypto import merkle
from tandau.crypto.canonical import DEFAULT_MAX_BYTES, dumps, loads_canonical
from tandau.crypto.errors import EncodingError

from .clock import parse_time
from .errors import InvalidEntry

__all__ = [
    "ENTRY_KEYS",
    "ENVELOPE_VERSION",
    "MAX_ELECTION_ID",
    "MAX_ENTRY_BYTES",
    "MAX_TYPE",
    "ZERO_HASH",
    "Entry",
    "check_election_id",
    "check_type",
    "encode_envelope",
    "encode_payload",
]

ENVELOPE_VERSION = 1
#: The ``prev`` of entry 0.
ZERO_HASH = bytes(32)
#: The envelope's keys, exactly (§B1.1).
ENTRY_KEYS = frozenset({"v", "election", "seq", "prev", "type", "time", "payload"})
MAX_ELECTION_ID = 128
MAX_TYPE = 64
MAX_ENTRY_BYTES = DEFAULT_MAX_BYTES

#: Event types are dotted lower-case names: ``ballot``, ``election.manifest`` (§B1.2).
_TYPE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
_HEX32 = re.compile(r"[0-9a-f]{64}")


def check_election_id(election: object) -> str:
    """§B1.2: 1–128 printable characters."""
    if (
        not isinstance(election, str)
        or not 0 < len(election) <= MAX_ELECTION_ID
        or not election.isprintable()
    ):
        raise InvalidEntry("an election id is 1–128 printable characters")
    return election


def check_type(type_: object) -> str:
    """§B1.2: a dotted lower-case name of at most 64 characters."""
    if not isinstance(type_, str) or len(type_) > MAX_TYPE or not _TYPE.fullmatch(type_):
        raise InvalidEntry("an event type is a dotted lower-case name", value=str(type_)[:70])
    return type_


def _check_seq(seq: object) -> int:
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise InvalidEntry("seq is a non-negative integer")
    return seq


def encode_payload(payload: object) -> bytes:
    """The canonical bytes of a payload object (§B1.2.5); raises InvalidEntry."""
    if not isinstance(payload, dict):
        raise InvalidEntry("a payload is a JSON object")
    try:
        body = dumps(payload)
    except EncodingError as exc:
        raise InvalidEntry(f"the payload has no canonical form: {exc.message}") from exc
    if len(body) > MAX_ENTRY_BYTES:
        raise InvalidEntry("the payload is too large", size=len(body))
    return body


def encode_envelope(
    election: str, seq: int, prev: bytes, type_: str, time: str, payload: bytes
) -> bytes:
    """The entry bytes around an already canonical payload (§B1.1).

    A canonical object is its members' canonical encodings in key order, so
    splicing the payload's bytes gives exactly ``dumps`` of the whole
    envelope — without re-encoding a large payload under the writer lock.
    """
    check_election_id(election)
    _check_seq(seq)
    check_type(type_)
    parse_time(time)
    if not isinstance(prev, bytes) or len(prev) != 32:
        raise InvalidEntry("prev is a 32-byte leaf hash")
    if (seq == 0) != (prev == ZERO_HASH):
        raise InvalidEntry("prev is all zeros exactly for seq 0")
    data = b"".join(
        (
            b'{"election":',
            dumps(election),
            b',"payload":',
            payload,
            b',"prev":"',
            prev.hex().encode("ascii"),
            b'","seq":',
            str(seq).encode("ascii"),
            b',"time":',
            dumps(time),
            b',"type":',
            dumps(type_),
            b',"v":1}',
        )
    )
    if len(data) > MAX_ENTRY_BYTES:
        raise InvalidEntry("the entry is too large", size=len(data))
    return data


@dataclass(frozen=True, slots=True)
class Entry:
    """One board entry: its decoded fields, its exact bytes and its leaf hash."""

    election: str
    seq: int
    prev: bytes
    type: str
    time: str
    payload: dict[str, Any]
    data: bytes
    leaf_hash: bytes

    @classmethod
    def build(
        cls,
        election: str,
        seq: int,
        prev: bytes,
        type_: str,
        time: str,
        payload: dict[str, Any],
    ) -> Entry:
        """Encode a new entry (§B1); raises InvalidEntry for bad fields or payloads."""
        body = encode_payload(payload)
        data = encode_envelope(election, seq, prev, type_, time, body)
        return cls(election, seq, prev, type_, time, json.loads(body), data, merkle.leaf_hash(data))

    @classmethod
    def parse(cls, data: bytes, *, max_bytes: int = MAX_ENTRY_BYTES) -> Entry:
        """Decode stored bytes (§B1, §B2); raises InvalidEntry unless they are a valid envelope."""
        try:
            obj = loads_canonical(data, max_bytes=max_bytes)
        except EncodingError as exc:
            raise InvalidEntry(f"not canonical JSON: {exc.message}") from exc
        if not isinstance(obj, dict) or set(obj) != ENTRY_KEYS:
            raise InvalidEntry(
                "an entry has exactly the envelope keys v, election, seq, prev, type, time, payload"
            )
        if obj["v"] != ENVELOPE_VERSION or isinstance(obj["v"], bool):
            raise InvalidEntry("unknown envelope version", value=obj["v"])
        election = check_election_id(obj["election"])
        seq = _check_seq(obj["seq"])
        type_ = check_type(obj["type"])
        time = obj["time"]
        parse_time(time)
        prev_hex = obj["prev"]
        if not isinstance(prev_hex, str) or not _HEX32.fullmatch(prev_hex):
            raise InvalidEntry("prev is 64 lower-case hex digits")
        prev = bytes.fromhex(prev_hex)
        if (seq == 0) != (prev == ZERO_HASH):
            raise InvalidEntry("prev is all zeros exactly for seq 0")
        payload = obj["payload"]
        if not isinstance(payload, dict):
            raise InvalidEntry("a payload is a JSON object")
        raw = bytes(data)
        return cls(election, seq, prev, type_, time, payload, raw, merkle.leaf_hash(raw))
