"""Group append: entries and the signed head over them in one write (board spec §B5, §B9).

The casting hot path.  One write transaction stores a batch of entries, the
Merkle nodes they complete and the signed head at the batch's end, so a
receipt (issued only after that transaction commits) always names a durable
entry under a durable head.  Roots and audit paths come from the tree's right
edge (its compact range), which a writer remembers between appends: while no
other process appends, an append reads no stored node at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tandau.crypto import merkle
from tandau.crypto.merkle import Coord, NodeReader

from .errors import ChainError
from .heads import SignedHead
from .store import Node

__all__ = ["BatchResult", "Frontier", "overlay_reader"]


@dataclass(frozen=True, slots=True)
class Frontier:
    """The roots of the perfect subtrees covering leaves [0, size), largest first.

    The board is append-only, so the frontier of a given size never changes:
    a remembered one is valid exactly when the board still has that size.
    """

    size: int
    roots: tuple[tuple[int, bytes], ...] = ()

    @staticmethod
    def coords(size: int) -> list[Coord]:
        """Where the frontier's roots are stored: (level, index) per set bit of ``size``."""
        out: list[Coord] = []
        start = 0
        for level in range(size.bit_length() - 1, -1, -1):
            if size >> level & 1:
                out.append((level, start >> level))
                start += 1 << level
        return out

    @classmethod
    def read(cls, size: int, read: NodeReader) -> Frontier:
        coords = cls.coords(size)
        hashes = list(read(coords)) if coords else []
        return cls(size, tuple((lvl, h) for (lvl, _), h in zip(coords, hashes, strict=True)))

    def nodes(self) -> dict[Coord, bytes]:
        return {c: h for c, (_, h) in zip(self.coords(self.size), self.roots, strict=True)}

    def push(self, leaf: bytes) -> tuple[Frontier, list[Node]]:
        """Append a leaf hash: the new frontier and the nodes it completes (as append_nodes)."""
        seq = self.size
        roots = list(self.roots)
        height, h = 0, leaf
        nodes: list[Node] = [(0, seq, leaf)]
        while roots and roots[-1][0] == height:
            _, left = roots.pop()
            h = merkle.node_hash(left, h)
            height += 1
            nodes.append((height, seq >> height, h))
        roots.append((height, h))
        return Frontier(seq + 1, tuple(roots)), nodes

    def root(self) -> bytes:
        """MTH(D[0:size]) (RFC 9162 §2.1.1)."""
        if not self.roots:
            return merkle.EMPTY_ROOT
        h = self.roots[-1][1]
        for _, left in reversed(self.roots[:-1]):
            h = merkle.node_hash(left, h)
        return h


def overlay_reader(known: Mapping[Coord, bytes], fallback: NodeReader) -> NodeReader:
    """Read nodes from ``known`` first and from the store only for the rest."""

    def read(coords: Sequence[Coord]) -> list[bytes]:
        missing = [c for c in coords if c not in known]
        found = dict(zip(missing, fallback(missing), strict=True)) if missing else {}
        try:
            return [known[c] if c in known else found[c] for c in coords]
        except KeyError as exc:  # pragma: no cover - the fallback returns one per coord
            raise ChainError("a Merkle node is missing", node=exc.args[0]) from exc

    return read


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a group append stored: where each entry landed, and the head over them all."""

    #: (seq, leaf hash) of each stored entry, in order.
    placed: tuple[tuple[int, bytes], ...]
    #: The head at the batch's end, stored in the same transaction (None: nothing stored).
    head: SignedHead | None
    #: The audit path of each stored entry in the head's tree, in order.
    proofs: tuple[tuple[bytes, ...], ...]
