"""Signed tree heads (board spec §B6).

A tree head is the canonical JSON (§B2) of::

    {"v":1,"election":E,"tree_size":n,"root":R,"time":τ}

with R the hex Merkle root of the first n entries (§B3).  The commission signs,
with Ed25519 (crypto spec §8.2), the message::

    encode_parts([tag("board/head"), head bytes])

i.e. the length-prefixed domain tag ``tandau/v1/board/head`` followed by the
length-prefixed head bytes.  Signatures cover the stored head bytes, never a
re-serialised object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tandau.crypto.canonical import dumps, loads_canonical
from tandau.crypto.errors import EncodingError, SignatureError
from tandau.crypto.hashing import encode_parts, tag
from tandau.crypto.signatures import HeadSigningKey, HeadVerifyKey

from .clock import parse_time
from .entry import check_election_id
from .errors import InvalidEntry

__all__ = [
    "HEAD_KEYS",
    "HEAD_VERSION",
    "SignedHead",
    "TreeHead",
    "head_message",
    "sign_head",
]

HEAD_VERSION = 1
HEAD_KEYS = frozenset({"v", "election", "tree_size", "root", "time"})
_HEX32 = re.compile(r"[0-9a-f]{64}")


def head_message(head_bytes: bytes) -> bytes:
    """The exact bytes the commission signs for a head (§B6.2)."""
    return encode_parts([tag("board/head"), head_bytes])


@dataclass(frozen=True, slots=True)
class TreeHead:
    """An unsigned tree head: the state of one election's board at ``tree_size`` entries."""

    election: str
    tree_size: int
    root: bytes
    time: str

    def __post_init__(self) -> None:
        check_election_id(self.election)
        if not isinstance(self.tree_size, int) or isinstance(self.tree_size, bool):
            raise InvalidEntry("tree_size is an integer")
        if self.tree_size < 0:
            raise InvalidEntry("tree_size is non-negative")
        if not isinstance(self.root, bytes) or len(self.root) != 32:
            raise InvalidEntry("a root is 32 bytes")
        parse_time(self.time)

    def to_dict(self) -> dict[str, Any]:
        return {
            "v": HEAD_VERSION,
            "election": self.election,
            "tree_size": self.tree_size,
            "root": self.root.hex(),
            "time": self.time,
        }

    def to_bytes(self) -> bytes:
        """The canonical head bytes (§B6.1)."""
        return dumps(self.to_dict())

    @classmethod
    def parse(cls, data: bytes) -> TreeHead:
        """Decode head bytes, refusing any non-canonical or malformed head (§B6.1)."""
        try:
            obj = loads_canonical(data, max_bytes=4096)
        except EncodingError as exc:
            raise InvalidEntry(f"a head is not canonical JSON: {exc.message}") from exc
        if not isinstance(obj, dict) or set(obj) != HEAD_KEYS:
            raise InvalidEntry("a head has exactly the keys v, election, tree_size, root, time")
        if obj["v"] != HEAD_VERSION or isinstance(obj["v"], bool):
            raise InvalidEntry("unknown head version", value=obj["v"])
        root = obj["root"]
        if not isinstance(root, str) or not _HEX32.fullmatch(root):
            raise InvalidEntry("a root is 64 lower-case hex digits")
        return cls(obj["election"], obj["tree_size"], bytes.fromhex(root), obj["time"])


@dataclass(frozen=True, slots=True)
class SignedHead:
    """A tree head's exact bytes and the commission's signature on them (§B6)."""

    head: TreeHead
    data: bytes
    signature: bytes

    def __post_init__(self) -> None:
        if not isinstance(self.signature, bytes) or len(self.signature) != 64:
            raise InvalidEntry("a head signature is 64 bytes")
        if self.head.to_bytes() != self.data:
            raise InvalidEntry("the head bytes do not encode the head")

    @classmethod
    def from_stored(cls, data: bytes, signature: bytes) -> SignedHead:
        """Rebuild from stored bytes (the bytes are the truth; they are parsed strictly)."""
        return cls(TreeHead.parse(data), bytes(data), bytes(signature))

    @property
    def election(self) -> str:
        return self.head.election

    @property
    def tree_size(self) -> int:
        return self.head.tree_size

    @property
    def root(self) -> bytes:
        return self.head.root

    @property
    def time(self) -> str:
        return self.head.time

    @property
    def message(self) -> bytes:
        return head_message(self.data)

    def verify(self, key: HeadVerifyKey) -> None:
        """Raise SignatureError unless ``key`` signed these head bytes (§B6.2)."""
        if not isinstance(key, HeadVerifyKey):
            raise SignatureError("a head is verified with the commission's HeadVerifyKey")
        key.verify(self.message, self.signature)

    def to_dict(self) -> dict[str, Any]:
        """The record form (record spec §R1): ``{"head": {...}, "signature": hex}``."""
        return {"head": self.head.to_dict(), "signature": self.signature.hex()}


def sign_head(head: TreeHead, key: HeadSigningKey) -> SignedHead:
    """Sign a tree head with the commission's key (§B6.2)."""
    data = head.to_bytes()
    return SignedHead(head, data, key.sign(head_message(data)))
