"""Domain-separated hashing over canonical, length-prefixed bytes (spec §2).

Every hash input is ``enc(tag) || enc(part_1) || … || enc(part_n)`` where
``enc(x) = len(x) as 4-byte big-endian || x`` and the tag is
``tandau/v1/<purpose>``.  Integers are 8-byte big-endian, strings UTF-8.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

__all__ = [
    "PROTOCOL",
    "Part",
    "encode_parts",
    "hash_bytes",
    "int_part",
    "str_part",
    "tag",
]

PROTOCOL = "tandau/v1"

Part = bytes


def tag(purpose: str) -> bytes:
    """The domain-separation tag ``tandau/v1/<purpose>`` as bytes."""
    if not purpose or purpose.startswith("/") or not purpose.isascii():
        raise ValueError("a purpose is a non-empty ASCII path without a leading slash")
    return f"{PROTOCOL}/{purpose}".encode()


def int_part(n: int) -> bytes:
    if not 0 <= n < 1 << 64:
        raise ValueError("integer hash parts are unsigned 64-bit")
    return n.to_bytes(8, "big")


def str_part(s: str) -> bytes:
    return s.encode("utf-8")


def encode_parts(parts: Iterable[bytes]) -> bytes:
    return b"".join(len(p).to_bytes(4, "big") + p for p in parts)


def hash_bytes(purpose: str, *parts: bytes) -> bytes:
    """SHA-512 of the tagged, length-prefixed parts (64 bytes)."""
    h = hashlib.sha512()
    t = tag(purpose)
    h.update(len(t).to_bytes(4, "big") + t)
    for p in parts:
        h.update(len(p).to_bytes(4, "big"))
        h.update(p)
    return h.digest()
