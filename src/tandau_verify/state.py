"""The replay state the check modules share, and strict readers of record values.

The bottom layer of the verifier (record spec §R8): check modules read and
update a :class:`Replay`; the readers here turn every malformed value into a
:class:`Malformed` naming the field, which the pipeline reports with the
entry index (§R8.2), never as a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "MAX_INT",
    "Abort",
    "Decrypted",
    "Malformed",
    "Replay",
    "count",
    "exact_keys",
    "hex_bytes",
    "integer",
    "obj",
    "text",
]

#: The canonical integer range (board.md §B2.3).
MAX_INT = 2**53 - 1
_HEX = re.compile(r"[0-9a-f]*")


class Abort(Exception):
    """Stop: a structural failure makes later checks meaningless."""


class Malformed(ValueError):
    """A record value of the wrong type, range or shape; ``field`` names it."""

    def __init__(self, field: str, why: str) -> None:
        super().__init__(f"{field}: {why}")
        self.field = field


@dataclass(frozen=True)
class Decrypted:
    """What V10 decrypted, for V11 to compare with the published results (§R7.1)."""

    totals: list[int]
    #: The t lowest-numbered trustees with a valid share (crypto.md §7.3).
    used: list[int]
    #: The manifest's trustees without a valid share, ascending (absent or invalid).
    skipped: list[int]


@dataclass
class Replay:
    """The verifier's own reading of the event rules (record spec §R5, §R6)."""

    manifest: dict[str, Any] | None = None
    fingerprint: bytes = b""
    election: str = ""
    key: bytes | None = None
    verification_keys: dict[int, bytes] = field(default_factory=dict)
    credentials: set[bytes] = field(default_factory=set)
    opened: bool = False
    closed: bool = False
    cancelled: set[bytes] = field(default_factory=set)
    #: Cancellations per precinct (§R5.2), checked against its protocol (P7).
    cancel_precincts: dict[str, int] = field(default_factory=dict)
    last_ballot: dict[bytes, int] = field(default_factory=dict)
    #: The first 10 bytes of every ballot's tracking hash (§R4.4): a replay is refused (V-R6.6).
    tracking_codes: set[bytes] = field(default_factory=set)
    tally: dict[str, Any] | None = None
    tally_seq: int = -1
    shares: dict[int, Any] = field(default_factory=dict)
    dealings: dict[int, Any] = field(default_factory=dict)
    responses: dict[int, Any] = field(default_factory=dict)
    reveals: list[Any] = field(default_factory=list)
    key_event: dict[str, Any] | None = None
    #: Every paper protocol in order (annulled and superseded ones included).
    paper: list[dict[str, Any]] = field(default_factory=list)
    #: The protocol in force per precinct: (seq, payload) (§R5.1 P8).
    protocols: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    results: dict[str, Any] | None = None
    ballots: int = 0
    last_time: str = ""
    #: The seq of the entry being read, for failure messages.
    seq: int = -1

    def option_ids(self) -> list[str]:
        return [o["id"] for o in self.manifest["options"]] if self.manifest else []

    def in_force(self) -> list[dict[str, Any]]:
        """The protocols that count: the last of each precinct (§R5.1 P8)."""
        return [p for _, p in self.protocols.values()]


def obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Malformed(where, "must be an object")
    return value


def exact_keys(
    value: Any, where: str, keys: set[str], optional: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """An object with exactly ``keys`` (plus any of ``optional``); names the odd field."""
    d = obj(value, where)
    for k in d:
        if k not in keys and k not in optional:
            raise Malformed(f"{where}.{k}", "unknown field")
    for k in sorted(keys):
        if k not in d:
            raise Malformed(f"{where}.{k}", "missing")
    return d


def integer(value: Any, where: str, lo: int = -MAX_INT, hi: int = MAX_INT) -> int:
    """An integer (never a boolean) in [lo, hi]."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise Malformed(where, "must be an integer")
    if not lo <= value <= hi:
        raise Malformed(where, f"out of range [{lo}, {hi}]")
    return value


def count(value: Any, where: str) -> int:
    return integer(value, where, 0, MAX_INT)


def text(value: Any, where: str, max_len: int = 256) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= max_len:
        raise Malformed(where, f"must be a string of 1 to {max_len} characters")
    return value


def hex_bytes(value: Any, where: str, length: int) -> bytes:
    """Lower-case hex of exactly ``length`` bytes."""
    if not isinstance(value, str) or len(value) != 2 * length or not _HEX.fullmatch(value):
        raise Malformed(where, f"must be {2 * length} lower-case hex digits")
    return bytes.fromhex(value)
