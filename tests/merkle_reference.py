"""A second, deliberately naive RFC 9162 §2.1 implementation for tests.

Written straight from the recursive definitions (MTH, PATH, PROOF/SUBPROOF)
over the full list of leaf hashes, sharing no code with ``tandau.crypto.merkle``;
the tests check the efficient implementation against it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

__all__ = ["NodeStore", "mth", "path", "proof"]


def _k(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) over leaf hashes (the leaf hashing is already applied)."""
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return leaves[0]
    k = _k(n)
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def path(m: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PATH(m, D[n]) (RFC 9162 §2.1.3.1)."""
    n = len(leaves)
    if n <= 1:
        return []
    k = _k(n)
    if m < k:
        return [*path(m, leaves[:k]), mth(leaves[k:])]
    return [*path(m - k, leaves[k:]), mth(leaves[:k])]


def _subproof(m: int, leaves: Sequence[bytes], complete: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if complete else [mth(leaves)]
    k = _k(n)
    if m <= k:
        return [*_subproof(m, leaves[:k], complete), mth(leaves[k:])]
    return [*_subproof(m - k, leaves[k:], False), mth(leaves[:k])]


def proof(m: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PROOF(m, D[n]) (RFC 9162 §2.1.4.1); empty for m = 0 or m = n."""
    if m == 0 or m == len(leaves):
        return []
    return _subproof(m, leaves, True)


class NodeStore:
    """Complete-subtree nodes of a list of leaf hashes, computed by the definition."""

    def __init__(self, leaves: Sequence[bytes]) -> None:
        self.leaves = list(leaves)
        self.reads = 0

    def __call__(self, coords: Sequence[tuple[int, int]]) -> list[bytes]:
        self.reads += len(coords)
        out = []
        for level, index in coords:
            lo, hi = index << level, (index + 1) << level
            if hi > len(self.leaves):
                raise KeyError((level, index))
            out.append(mth(self.leaves[lo:hi]))
        return out
