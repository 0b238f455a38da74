"""A streaming RFC 9162 Merkle tree hash: O(log n) memory (record spec §R8 V3).

The verifier recomputes the root as it reads leaves, keeping only the
roots of the complete subtrees on the right edge (a compact range).
"""

from __future__ import annotations

from tandau.crypto.merkle import EMPTY_ROOT, leaf_hash
from tandau.crypto.merkle import node_hash as _node

__all__ = ["CompactRange", "leaf_hash"]


class CompactRange:
    """Roots of perfect subtrees covering leaves [0, size), largest first."""

    def __init__(self) -> None:
        self.size = 0
        self._stack: list[tuple[int, bytes]] = []  # (height, hash)

    def append(self, leaf: bytes) -> None:
        height, h = 0, leaf
        while self._stack and self._stack[-1][0] == height:
            _, left = self._stack.pop()
            h = _node(left, h)
            height += 1
        self._stack.append((height, h))
        self.size += 1

    def root(self) -> bytes:
        """MTH(D[0:size]); the empty tree's root is SHA-256 of nothing (RFC 9162 §2.1.1)."""
        if not self._stack:
            return EMPTY_ROOT
        h = self._stack[-1][1]
        for _, left in reversed(self._stack[:-1]):
            h = _node(left, h)
        return h
