"""``SqlBoardStore``: the board's ``BoardStore`` on SQLite or PostgreSQL (board spec §B9).

Every append runs in one write transaction that holds the single-writer lock
(``write_transaction``): read the last entry, let the board build the next one,
check it (``check_prepared``), insert the entry and its Merkle nodes.  The code
only ever INSERTs and SELECTs; the database's triggers refuse UPDATE, DELETE
and TRUNCATE on the board tables, and the primary keys refuse a second row at
an existing height.  Reads are paged by key so no connection is held while a
caller consumes a stream.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Executable,
    Row,
    TextClause,
    bindparam,
    insert,
    select,
    text,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from tandau.board.entry import ZERO_HASH
from tandau.board.errors import ChainError, ForkError
from tandau.board.store import (
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
from tandau.crypto.merkle import Coord

from .database import (
    backend,
    election_lock_key,
    make_engine,
    pg_execute_and_commit,
    pg_write_transaction,
    write_transaction,
)
from .tables import board_entries, board_heads, board_nodes

__all__ = ["PAGE_SIZE", "SqlBoardStore"]

#: Rows fetched per query when streaming entries or heads.
PAGE_SIZE = 256


class SqlBoardStore:
    """Boards of many elections in one SQL database (migrated by ``tandau.storage.migrate``)."""

    def __init__(self, engine: Engine, *, owns_engine: bool = False) -> None:
        self._engine = engine
        self._owns_engine = owns_engine

    @classmethod
    def from_url(cls, url: str | URL) -> SqlBoardStore:
        """A store with its own engine; ``close()`` disposes of it."""
        return cls(make_engine(url), owns_engine=True)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        if self._owns_engine:
            self._engine.dispose()

    def __enter__(self) -> SqlBoardStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------

    def append(self, election: str, build: Builder) -> PreparedEntry:
        try:
            with write_transaction(self._engine, election_lock_key(election)) as conn:
                size, prev = _board_end(conn, election)
                ctx = AppendContext(
                    election, size, prev, lambda coords: _read_nodes(conn, election, coords)
                )
                prepared = build(ctx)
                check_prepared(ctx, prepared)
                conn.execute(
                    insert(board_entries).values(
                        election=election,
                        seq=prepared.seq,
                        leaf_hash=prepared.leaf_hash,
                        type=prepared.type,
                        data=prepared.data,
                    )
                )
                conn.execute(
                    insert(board_nodes),
                    [
                        {"election": election, "level": lvl, "idx": idx, "hash": digest}
                        for lvl, idx, digest in prepared.nodes
                    ],
                )
        except IntegrityError as exc:
            # Only reachable if something bypassed the writer lock: the keys held.
            raise ForkError("the database refused a second entry at this height") from exc
        return prepared

    def append_batch(self, election: str, build: BatchBuilder) -> PreparedBatch:
        """Entries, their nodes and the head over them in one transaction: the casting path.

        Statements: the lock, one read of the last entry, then the INSERTs of
        entries, nodes and head; no size query, no node read when the builder
        knows the tree's right edge (``tandau.board.batch``).  On PostgreSQL
        that is two round trips after the pool's ping: ``BEGIN``, lock and
        read as one query, then the INSERT statement pipelined with ``COMMIT``.
        """
        key = election_lock_key(election)
        pg = backend(self._engine) == "postgresql"
        try:
            with contextlib.ExitStack() as stack:
                if pg:
                    conn, last = stack.enter_context(
                        pg_write_transaction(
                            self._engine, key, _PG_LAST_ENTRY, {"election": election}
                        )
                    )
                    size, prev = (0, ZERO_HASH) if last is None else (last[0] + 1, bytes(last[1]))
                else:
                    conn = stack.enter_context(write_transaction(self._engine, key))
                    size, prev = _board_end(conn, election)
                ctx = AppendContext(
                    election,
                    size,
                    prev,
                    lambda coords: _read_nodes(conn, election, coords),
                    lambda start, end: _read_entries(conn, election, start, end),
                )
                batch = build(ctx)
                check_batch(ctx, batch)
                if pg and batch.entries and batch.head is not None:
                    pg_execute_and_commit(conn, *_pg_batch_insert(election, batch))
                else:
                    for stmt, params in _batch_inserts(election, batch):
                        conn.execute(stmt, params)
        except IntegrityError as exc:
            raise ForkError("the database refused a second entry at this height") from exc
        return batch

    def put_head(self, election: str, tree_size: int, data: bytes, signature: bytes) -> StoredHead:
        with write_transaction(self._engine, election_lock_key(election)) as conn:
            existing = _head_at(conn, election, tree_size)
            if existing is not None:
                return existing
            conn.execute(
                insert(board_heads).values(
                    election=election, tree_size=tree_size, data=data, signature=signature
                )
            )
        return StoredHead(tree_size, bytes(data), bytes(signature))

    # -- reading ------------------------------------------------------------------

    def size(self, election: str) -> int:
        with self._engine.connect() as conn:
            last = conn.execute(
                select(board_entries.c.seq)
                .where(board_entries.c.election == election)
                .order_by(board_entries.c.seq.desc())
                .limit(1)
            ).scalar()
        return 0 if last is None else int(last) + 1

    def entries(self, election: str, start: int, end: int) -> Iterator[StoredEntry]:
        pos = max(start, 0)
        while pos < end:
            with self._engine.connect() as conn:
                rows = _read_entries(conn, election, pos, end, limit=PAGE_SIZE)
            yield from rows
            if len(rows) < PAGE_SIZE:
                return
            pos = int(rows[-1].seq) + 1

    def read_nodes(self, election: str, coords: Sequence[Coord]) -> list[bytes]:
        with self._engine.connect() as conn:
            return _read_nodes(conn, election, coords)

    def head_at(self, election: str, tree_size: int) -> StoredHead | None:
        with self._engine.connect() as conn:
            return _head_at(conn, election, tree_size)

    def latest_head(self, election: str) -> StoredHead | None:
        with self._engine.connect() as conn:
            row = conn.execute(
                select(board_heads.c.tree_size, board_heads.c.data, board_heads.c.signature)
                .where(board_heads.c.election == election)
                .order_by(board_heads.c.tree_size.desc())
                .limit(1)
            ).first()
        return None if row is None else _stored_head(row)

    def heads(self, election: str, start: int = 0) -> Iterator[StoredHead]:
        after = start - 1
        while True:
            with self._engine.connect() as conn:
                rows = conn.execute(
                    select(board_heads.c.tree_size, board_heads.c.data, board_heads.c.signature)
                    .where(board_heads.c.election == election, board_heads.c.tree_size > after)
                    .order_by(board_heads.c.tree_size)
                    .limit(PAGE_SIZE)
                ).all()
            for row in rows:
                yield _stored_head(row)
            if len(rows) < PAGE_SIZE:
                return
            after = int(rows[-1].tree_size)

    def elections(self) -> list[str]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(board_entries.c.election)
                .where(board_entries.c.seq == 0)
                .order_by(board_entries.c.election)
            ).scalars()
            return [str(e) for e in rows]


def _batch_inserts(election: str, batch: PreparedBatch) -> list[tuple[Executable, Any]]:
    """The INSERTs of a batch with their parameters (one executemany per table)."""
    if not batch.entries:
        return []
    nodes = [(lvl, idx, digest) for p in batch.entries for lvl, idx, digest in p.nodes]
    h = batch.head
    stmts: list[tuple[Executable, Any]] = [
        (
            _INSERT_ENTRY,
            [
                {
                    "election": election,
                    "seq": p.seq,
                    "leaf_hash": p.leaf_hash,
                    "type": p.type,
                    "data": p.data,
                }
                for p in batch.entries
            ],
        ),
        (
            _INSERT_NODE,
            [{"election": election, "level": lvl, "idx": idx, "hash": d} for lvl, idx, d in nodes],
        ),
    ]
    if h is not None:
        stmts.append(
            (
                _INSERT_HEAD,
                {
                    "election": election,
                    "tree_size": h.tree_size,
                    "data": h.data,
                    "signature": h.signature,
                },
            )
        )
    return stmts


def _pg_batch_insert(election: str, batch: PreparedBatch) -> tuple[str, dict[str, Any]]:
    """A batch and its head as one PostgreSQL statement (data-modifying CTEs), with parameters."""
    h = batch.head
    assert h is not None
    nodes = [(lvl, idx, digest) for p in batch.entries for lvl, idx, digest in p.nodes]
    params: dict[str, Any] = {"e": election, "ts": h.tree_size, "hd": h.data, "hs": h.signature}
    for i, p in enumerate(batch.entries):
        params[f"s{i}"], params[f"h{i}"] = p.seq, p.leaf_hash
        params[f"t{i}"], params[f"d{i}"] = p.type, p.data
    for i, (lvl, idx, digest) in enumerate(nodes):
        params[f"l{i}"], params[f"x{i}"], params[f"n{i}"] = lvl, idx, digest
    return _batch_statement(len(batch.entries), len(nodes)), params


_INSERT_ENTRY = insert(board_entries)
_INSERT_NODE = insert(board_nodes)
_INSERT_HEAD = insert(board_heads)


@functools.lru_cache(maxsize=256)
def _batch_statement(entries: int, nodes: int) -> str:
    """Entries, nodes and head in one PostgreSQL statement (built once per shape; psycopg's
    named placeholders)."""
    rows_e = ", ".join(f"(%(e)s, %(s{i})s, %(h{i})s, %(t{i})s, %(d{i})s)" for i in range(entries))
    rows_n = ", ".join(f"(%(e)s, %(l{i})s, %(x{i})s, %(n{i})s)" for i in range(nodes))
    # Only placeholders are formatted in: every value travels as a bound parameter.
    template = (
        "WITH e AS (INSERT INTO board_entries (election, seq, leaf_hash, type, data)"
        " VALUES {entries}),"
        " n AS (INSERT INTO board_nodes (election, level, idx, hash) VALUES {nodes})"
        " INSERT INTO board_heads (election, tree_size, data, signature)"
        " VALUES (%(e)s, %(ts)s, %(hd)s, %(hs)s)"
    )
    return template.format(entries=rows_e, nodes=rows_n)


def _read_entries(
    conn: Connection, election: str, start: int, end: int, *, limit: int | None = None
) -> list[StoredEntry]:
    query = (
        select(
            board_entries.c.seq,
            board_entries.c.type,
            board_entries.c.leaf_hash,
            board_entries.c.data,
        )
        .where(
            board_entries.c.election == election,
            board_entries.c.seq >= start,
            board_entries.c.seq < end,
        )
        .order_by(board_entries.c.seq)
    )
    rows = conn.execute(query if limit is None else query.limit(limit)).all()
    return [StoredEntry(int(r.seq), r.type, bytes(r.leaf_hash), bytes(r.data)) for r in rows]


def _board_end(conn: Connection, election: str) -> tuple[int, bytes]:
    """The board's size and its last leaf hash (the next entry's ``prev``), in one read."""
    last = conn.execute(_LAST_ENTRY, {"election": election}).first()
    if last is None:
        return 0, ZERO_HASH
    return last.seq + 1, bytes(last.leaf_hash)


#: The last entry, for ``pg_write_transaction`` (psycopg placeholders).
_PG_LAST_ENTRY = (
    "SELECT seq, leaf_hash FROM board_entries WHERE election = %(election)s"
    " ORDER BY seq DESC LIMIT 1"
)

#: Built once: a cast runs it under the writer lock (and compiles nothing).
_LAST_ENTRY = (
    select(board_entries.c.seq, board_entries.c.leaf_hash)
    .where(board_entries.c.election == bindparam("election"))
    .order_by(board_entries.c.seq.desc())
    .limit(1)
)


def _read_nodes(conn: Connection, election: str, coords: Sequence[Coord]) -> list[bytes]:
    if not coords:
        return []
    wanted = sorted(set(coords))
    params: dict[str, object] = {"e": election}
    for i, (level, idx) in enumerate(wanted):
        params[f"l{i}"] = level
        params[f"i{i}"] = idx
    rows = conn.execute(_nodes_query(len(wanted)), params).all()
    found = {(int(r[0]), int(r[1])): bytes(r[2]) for r in rows}
    try:
        return [found[c] for c in coords]
    except KeyError as exc:
        raise ChainError("a Merkle node is missing from the store", node=exc.args[0]) from exc


@functools.lru_cache(maxsize=256)
def _nodes_query(n: int) -> TextClause:
    """n primary-key point lookups joined by UNION ALL (built once per n).

    Each branch is an equality on the whole key, so SQLite and PostgreSQL both
    search the primary key index whatever their statistics say; an OR or a
    row-value IN may be planned as a scan of the election's whole tree.
    """
    branch = (
        "SELECT level, idx, hash FROM board_nodes"
        " WHERE election = :e AND level = :l{i} AND idx = :i{i}"
    )
    return text(" UNION ALL ".join(branch.format(i=i) for i in range(n)))


def _head_at(conn: Connection, election: str, tree_size: int) -> StoredHead | None:
    row = conn.execute(
        select(board_heads.c.tree_size, board_heads.c.data, board_heads.c.signature).where(
            board_heads.c.election == election, board_heads.c.tree_size == tree_size
        )
    ).first()
    return None if row is None else _stored_head(row)


def _stored_head(row: Row[Any, Any, Any]) -> StoredHead:
    return StoredHead(int(row[0]), bytes(row[1]), bytes(row[2]))
