"""An in-memory ``BoardStore``: the real thing without a database (board spec §B9).

Used by tests and by short-lived tools; it enforces the same rules as the SQL
store (one writer at a time, no gaps, no second entry at a height, heads
stored once per tree size) and has no way to change or remove data either.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from tandau.crypto.merkle import Coord

from .entry import ZERO_HASH
from .errors import ChainError, ForkError
from .store import (
    AppendContext,
    BatchBuilder,
    Builder,
    PreparedBatch,
    PreparedEntry,
    StoredEntry,
    StoredHead,
    check_batch,
    check_prepared,
)

__all__ = ["MemoryBoardStore"]


@dataclass
class _Log:
    entries: list[StoredEntry] = field(default_factory=list)
    nodes: dict[Coord, bytes] = field(default_factory=dict)
    heads: dict[int, StoredHead] = field(default_factory=dict)


class MemoryBoardStore:
    """Boards of many elections held in process memory."""

    def __init__(self) -> None:
        self._logs: dict[str, _Log] = {}
        self._lock = threading.RLock()

    def _log(self, election: str) -> _Log | None:
        return self._logs.get(election)

    def _read(self, log: _Log | None, coords: Sequence[Coord]) -> list[bytes]:
        nodes = log.nodes if log is not None else {}
        try:
            return [nodes[c] for c in coords]
        except KeyError as exc:
            raise ChainError("a Merkle node is missing from the store", node=exc.args[0]) from exc

    # -- writing ------------------------------------------------------------------

    def append(self, election: str, build: Builder) -> PreparedEntry:
        with self._lock:
            log = self._log(election)
            size = len(log.entries) if log is not None else 0
            prev = log.entries[-1].leaf_hash if log is not None and log.entries else ZERO_HASH
            ctx = AppendContext(election, size, prev, lambda coords: self._read(log, coords))
            prepared = build(ctx)
            check_prepared(ctx, prepared)
            if log is None:
                log = self._logs.setdefault(election, _Log())
            for level, index, _ in prepared.nodes:
                if (level, index) in log.nodes:
                    raise ForkError("a Merkle node already exists", level=level, index=index)
            log.entries.append(
                StoredEntry(prepared.seq, prepared.type, prepared.leaf_hash, bytes(prepared.data))
            )
            for level, index, digest in prepared.nodes:
                log.nodes[(level, index)] = bytes(digest)
            return prepared

    def append_batch(self, election: str, build: BatchBuilder) -> PreparedBatch:
        with self._lock:
            log = self._log(election)
            entries = log.entries if log is not None else []
            prev = entries[-1].leaf_hash if entries else ZERO_HASH
            ctx = AppendContext(
                election,
                len(entries),
                prev,
                lambda coords: self._read(log, coords),
                lambda start, end: entries[max(start, 0) : end],
            )
            batch = build(ctx)
            check_batch(ctx, batch)
            log = self._logs.setdefault(election, _Log())
            if batch.head is not None and batch.head.tree_size in log.heads:
                raise ForkError("a head already exists at this size", size=batch.head.tree_size)
            for prepared in batch.entries:
                for level, index, _ in prepared.nodes:
                    if (level, index) in log.nodes:
                        raise ForkError("a Merkle node already exists", level=level, index=index)
            for prepared in batch.entries:
                log.entries.append(
                    StoredEntry(prepared.seq, prepared.type, prepared.leaf_hash, prepared.data)
                )
                for level, index, digest in prepared.nodes:
                    log.nodes[(level, index)] = bytes(digest)
            if batch.head is not None:
                log.heads[batch.head.tree_size] = batch.head
            return batch

    def put_head(self, election: str, tree_size: int, data: bytes, signature: bytes) -> StoredHead:
        with self._lock:
            log = self._logs.setdefault(election, _Log())
            existing = log.heads.get(tree_size)
            if existing is not None:
                return existing
            head = StoredHead(tree_size, bytes(data), bytes(signature))
            log.heads[tree_size] = head
            return head

    # -- reading ------------------------------------------------------------------

    def size(self, election: str) -> int:
        log = self._log(election)
        return len(log.entries) if log is not None else 0

    def entries(self, election: str, start: int, end: int) -> Iterator[StoredEntry]:
        log = self._log(election)
        if log is None:
            return
        # A list only grows, so reading by index needs no lock.
        for seq in range(max(start, 0), min(end, len(log.entries))):
            yield log.entries[seq]

    def read_nodes(self, election: str, coords: Sequence[Coord]) -> list[bytes]:
        return self._read(self._log(election), coords)

    def head_at(self, election: str, tree_size: int) -> StoredHead | None:
        log = self._log(election)
        return log.heads.get(tree_size) if log is not None else None

    def latest_head(self, election: str) -> StoredHead | None:
        with self._lock:
            log = self._log(election)
            if log is None or not log.heads:
                return None
            return log.heads[max(log.heads)]

    def heads(self, election: str, start: int = 0) -> Iterator[StoredHead]:
        with self._lock:
            log = self._log(election)
            found = [] if log is None else [log.heads[k] for k in sorted(log.heads) if k >= start]
        yield from found

    def elections(self) -> list[str]:
        with self._lock:
            return sorted(e for e, log in self._logs.items() if log.entries)
