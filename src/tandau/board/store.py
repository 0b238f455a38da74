"""The board's storage interface (board spec §B9).

A ``BoardStore`` keeps, per election, the exact bytes of every entry (the
source of truth), an index of them (seq, type, leaf hash), the hashes of the
complete Merkle subtrees (§B5) and the signed heads.  It has no method that
changes or removes anything.

Appending is a callback under the store's writer lock: the store opens its
serialised write (a lock in memory, ``BEGIN IMMEDIATE`` on SQLite, an advisory
lock on PostgreSQL), reads the current size and last leaf hash, hands them to
the caller's ``build`` in an ``AppendContext``, checks the ``PreparedEntry``
it gets back with ``check_prepared`` and writes entry and nodes atomically.
So the position and the ``prev`` link are decided where writers are
serialised, and a second entry at an existing height cannot be written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from tandau.crypto import merkle
from tandau.crypto.merkle import Coord, NodeReader

from .errors import ChainError, ForkError

__all__ = [
    "AppendContext",
    "BatchBuilder",
    "BoardStore",
    "Builder",
    "EntryReader",
    "Node",
    "PreparedBatch",
    "PreparedEntry",
    "StoredEntry",
    "StoredHead",
    "check_batch",
    "check_prepared",
]

#: A stored Merkle node: (level, index, hash).
Node = tuple[int, int, bytes]


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """One stored entry: its index columns and its exact bytes."""

    seq: int
    type: str
    leaf_hash: bytes
    data: bytes


@dataclass(frozen=True, slots=True)
class StoredHead:
    """One stored signed head: its exact bytes and the signature on them."""

    tree_size: int
    data: bytes
    signature: bytes


#: Reads the stored entries with start <= seq < end inside the write transaction.
EntryReader = Callable[[int, int], list[StoredEntry]]


def _no_entries(start: int, end: int) -> list[StoredEntry]:
    raise ChainError("this store cannot read entries while appending")


@dataclass(frozen=True, slots=True)
class AppendContext:
    """What a builder sees under the writer lock."""

    election: str
    #: The position the new entry must take (the current size).
    seq: int
    #: The leaf hash of entry seq − 1, or 32 zero bytes for seq 0.
    prev_leaf_hash: bytes
    #: Reads stored nodes inside the same write transaction.
    read_nodes: NodeReader
    #: Reads stored entries inside the same write transaction (a writer catching up).
    read_entries: EntryReader = _no_entries


@dataclass(frozen=True, slots=True)
class PreparedEntry:
    """An entry ready to store: its bytes, index columns and the nodes it completes."""

    seq: int
    type: str
    data: bytes
    leaf_hash: bytes
    nodes: tuple[Node, ...]


Builder = Callable[[AppendContext], PreparedEntry]


@dataclass(frozen=True, slots=True)
class PreparedBatch:
    """Entries to store at seq, seq + 1, … and the signed head covering them, in one write."""

    entries: tuple[PreparedEntry, ...]
    head: StoredHead | None = None


BatchBuilder = Callable[[AppendContext], PreparedBatch]


def check_batch(ctx: AppendContext, batch: PreparedBatch) -> None:
    """``check_prepared`` for each entry in turn, and the head at the batch's end (§B9.2)."""
    seq, prev = ctx.seq, ctx.prev_leaf_hash
    for prepared in batch.entries:
        check_prepared(AppendContext(ctx.election, seq, prev, ctx.read_nodes), prepared)
        seq, prev = seq + 1, prepared.leaf_hash
    if batch.head is not None and (not batch.entries or batch.head.tree_size != seq):
        raise ChainError("a batch's head covers exactly the batch's last entry", tree_size=seq)


def check_prepared(ctx: AppendContext, prepared: PreparedEntry) -> None:
    """What every store checks before it writes (§B9.2); raises ForkError or ChainError."""
    if prepared.seq < ctx.seq:
        raise ForkError(
            "an entry already exists at this height", election=ctx.election, seq=prepared.seq
        )
    if prepared.seq != ctx.seq:
        raise ChainError("entries must be appended without gaps", expected=ctx.seq)
    if prepared.leaf_hash != merkle.leaf_hash(prepared.data):
        raise ChainError("the leaf hash is not the hash of the entry bytes")
    if not prepared.nodes or prepared.nodes[0] != (0, prepared.seq, prepared.leaf_hash):
        raise ChainError("the first node must be the new leaf")
    completed = ((prepared.seq + 1) & -(prepared.seq + 1)).bit_length()  # trailing ones + 1
    if [n[0] for n in prepared.nodes] != list(range(completed)):
        raise ChainError("an append completes exactly the subtrees ending at the new leaf")
    for level, index, digest in prepared.nodes:
        if len(digest) != merkle.HASH_SIZE or (index + 1) << level != prepared.seq + 1:
            raise ChainError("a node does not end at the new leaf", level=level, index=index)


class BoardStore(Protocol):
    """Storage for many elections' boards; append-only by construction."""

    def append(self, election: str, build: Builder) -> PreparedEntry:
        """Under the writer lock, build the next entry and store it with its nodes atomically.

        Raises ForkError if the prepared seq is already taken, ChainError if it
        leaves a gap or is inconsistent.  Nothing is stored when ``build`` raises.
        """
        ...

    def append_batch(self, election: str, build: BatchBuilder) -> PreparedBatch:
        """Like ``append`` for many entries and their signed head, in one atomic write.

        The builder may read the entries it has not seen (``ctx.read_entries``).
        Nothing is stored when ``build`` raises or the batch fails ``check_batch``.
        """
        ...

    def size(self, election: str) -> int:
        """Number of entries of this election's board (0 if it has none)."""
        ...

    def entries(self, election: str, start: int, end: int) -> Iterator[StoredEntry]:
        """Stream entries with start <= seq < end in seq order (no lock held between items)."""
        ...

    def read_nodes(self, election: str, coords: Sequence[Coord]) -> list[bytes]:
        """The hashes of the stored nodes at ``coords``, in order; ChainError if one is missing."""
        ...

    def put_head(self, election: str, tree_size: int, data: bytes, signature: bytes) -> StoredHead:
        """Store a signed head unless one exists at this tree size; return the stored one."""
        ...

    def head_at(self, election: str, tree_size: int) -> StoredHead | None:
        """The stored head at exactly this tree size, if any."""
        ...

    def latest_head(self, election: str) -> StoredHead | None:
        """The stored head with the largest tree size, if any."""
        ...

    def heads(self, election: str, start: int = 0) -> Iterator[StoredHead]:
        """Every stored head of tree size ``start`` or more, in increasing tree size.

        The store skips the smaller ones itself (an index seek, not a scan): a
        public page of heads from a large ``start`` must not read every head.
        """
        ...

    def elections(self) -> list[str]:
        """The elections that have a board (at least one entry), sorted."""
        ...
