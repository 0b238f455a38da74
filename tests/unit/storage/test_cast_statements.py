"""Casting at the floor, pinned by counting SQL (ADR 0015; SQLite and PostgreSQL).

A cast is one write transaction (the entry, its Merkle nodes and the signed
head) with no size query and no node read; ballots cast together share one
transaction (group commit); no receipt comes back unless its entry is stored.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from election_builders import make_credentials, one_hot, open_with_one_key, signed_manifest
from psycopg import pq
from sqlalchemy import Engine, event

from tandau.admin.election import ElectionService, Receipt
from tandau.board import Board, SignedHead
from tandau.crypto import merkle
from tandau.crypto.rng import DeterministicRng
from tandau.protocol.ballot import create_ballot
from tandau.protocol.errors import BallotRefused
from tandau.storage import SqlBoardStore


@dataclass
class Log:
    statements: list[str] = field(default_factory=list)
    commits: int = 0

    def writes(self) -> list[str]:
        return [s for s in self.statements if s.startswith(("INSERT", "WITH"))]


@pytest.fixture
def sql_log(engine: Engine) -> Iterator[Log]:
    log = Log()

    def on_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        log.statements.append(" ".join(statement.split()))

    def on_commit(conn: Any) -> None:
        log.commits += 1

    event.listen(engine, "before_cursor_execute", on_execute)
    event.listen(engine, "commit", on_commit)
    yield log
    event.remove(engine, "before_cursor_execute", on_execute)
    event.remove(engine, "commit", on_commit)


@pytest.fixture
def election(store: SqlBoardStore) -> tuple[ElectionService, Board, Any, Any, list[Any]]:
    rng = DeterministicRng(b"cast-sql")
    manifest, head_key = signed_manifest(rng, 2, trustees=1, threshold=1)
    board = Board(store, manifest.election_id, key=head_key)
    svc, kp, creds = open_with_one_key(board, manifest, 6)
    return svc, board, manifest, kp, creds


def _ballot(manifest: Any, kp: Any, cred: Any, seed: bytes) -> bytes:
    b, _ = create_ballot(
        manifest.fingerprint,
        kp.public,
        manifest.rule,
        one_hot(manifest.rule.options, 0),
        cred,
        DeterministicRng(seed),
    )
    return b.canonical()


def _check_receipt(board: Board, r: Receipt) -> None:
    """The receipt's head is signed and stored, and its proof puts the entry under it."""
    head = next(h for h in board.heads() if h.tree_size == r.head["tree_size"])
    assert head.signature.hex() == r.head_signature
    assert head.root.hex() == r.head["root"]
    entry = board.entry(r.seq)
    assert entry.leaf_hash.hex() == r.leaf_hash
    proof = [bytes.fromhex(p) for p in r.inclusion_proof]
    merkle.verify_inclusion(entry.leaf_hash, r.seq, head.tree_size, proof, head.root)


def test_a_cast_is_one_transaction_without_size_queries(
    election, sql_log: Log, tmp_path: Path
) -> None:
    svc, board, manifest, kp, creds = election
    engine = board.store.engine
    postgres = engine.dialect.name == "postgresql"
    trace = tmp_path / "libpq.trace"
    with trace.open("w") as out:
        if postgres:  # the cast bypasses SQLAlchemy's hooks there: watch the wire instead
            engine.dispose()  # every connection from now on is traced

            def on_connect(dbapi_conn: Any, _record: Any) -> None:
                dbapi_conn.pgconn.trace(out.fileno())
                dbapi_conn.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)

            event.listen(engine, "connect", on_connect)
        svc.cast(_ballot(manifest, kp, creds[0], b"warm"))  # the writer learns the tree's edge
        raw = _ballot(manifest, kp, creds[1], b"pinned")
        sql_log.statements.clear()
        sql_log.commits = 0
        before = trace.stat().st_size
        receipt = svc.cast(raw)
        if postgres:
            event.remove(engine, "connect", on_connect)
            engine.dispose()
    assert sql_log.commits == 1
    if postgres:
        with trace.open() as f:
            f.seek(before)
            trips = _round_trips(f.read())
        # The pool's ping; BEGIN, the writer lock and the read of the last entry as one
        # query; the one INSERT statement of entry, nodes and head pipelined with COMMIT.
        assert len(trips) == 3, trips
        ping, locked_read, write = trips
        assert ping == ['Query\t ";"']
        assert len(locked_read) == 1
        assert locked_read[0].startswith('Query\t "BEGIN; SELECT pg_advisory_xact_lock(')
        assert "FROM board_entries" in locked_read[0] and "DESC LIMIT 1" in locked_read[0]
        parsed = [m for m in write if m.startswith("Parse")]
        assert len(parsed) == 2 and "WITH e AS (INSERT INTO board_entries" in parsed[0]
        assert "INSERT INTO board_nodes" in parsed[0] and "INSERT INTO board_heads" in parsed[0]
        assert '"COMMIT"' in parsed[1] and write[-1] == "Sync"
        assert not any("board_nodes" in m for m in locked_read)
    else:
        reads = [s for s in sql_log.statements if s.startswith("SELECT")]
        # Only the read of the last entry under the writer lock.
        assert len(reads) == 1 and "board_entries" in reads[0] and "DESC" in reads[0]
        writes = sql_log.writes()
        assert [w.split()[2] for w in writes] == ["board_entries", "board_nodes", "board_heads"]
    _check_receipt(board, receipt)
    assert board.verify_chain().entries == receipt.seq + 1


def _round_trips(trace: str) -> list[list[str]]:
    """The client's messages in a libpq trace, one list per round trip: each ends with a
    message the server answers with ReadyForQuery (a simple Query, or a Sync)."""
    trips: list[list[str]] = [[]]
    for line in trace.splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0] != "F" or parts[2] in ("Flush", "Terminate"):
            continue
        trips[-1].append("\t".join(parts[2:]).strip())
        if parts[2] in ("Query", "Sync"):
            trips.append([])
    return [t for t in trips if t]


def test_ballots_cast_together_share_one_transaction(election, sql_log: Log) -> None:
    svc, board, manifest, kp, creds = election
    stranger = make_credentials(manifest, 7)[6]  # not on the published list
    raws = [_ballot(manifest, kp, creds[i], b"g%d" % i) for i in range(3)]
    raws.insert(1, _ballot(manifest, kp, stranger, b"stranger"))
    size = board.size()
    sql_log.statements.clear()
    sql_log.commits = 0
    out = svc.cast_many(raws)
    assert sql_log.commits == 1
    assert isinstance(out[1], BallotRefused)
    receipts = [r for r in out if isinstance(r, Receipt)]
    assert [r.seq for r in receipts] == [size, size + 1, size + 2]
    assert {r.head["tree_size"] for r in receipts} == {size + 3}  # one head for the batch
    for r in receipts:
        _check_receipt(board, r)
    assert len(list(board.heads())) == 1 + len([h for h in board.heads() if h.tree_size < size])
    again = svc.cast_many([raws[0]])  # idempotent after the batch
    assert isinstance(again[0], Receipt) and again[0].seq == size


def test_concurrent_casts_are_group_committed(election, sql_log: Log) -> None:
    svc, board, manifest, kp, creds = election
    raws = [_ballot(manifest, kp, creds[i], b"t%d" % i) for i in range(6)]
    sql_log.commits = 0
    out: list[Receipt] = []
    threads = [threading.Thread(target=lambda r=r: out.append(svc.cast(r))) for r in raws]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(out) == 6 and len({r.seq for r in out}) == 6
    assert sql_log.commits <= 6
    for r in out:
        _check_receipt(board, r)
    assert board.verify_chain().entries == max(r.seq for r in out) + 1


class _HeldBoard(Board):
    """Holds its first write until released, so that other casts queue behind it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entered = threading.Event()
        self.release = threading.Event()

    def append_batch(self, known, decide):  # type: ignore[no-untyped-def]
        if not self.entered.is_set():
            self.entered.set()
            assert self.release.wait(timeout=30)
        return super().append_batch(known, decide)


def test_casts_queued_behind_a_write_share_the_next_one(election, sql_log: Log) -> None:
    _svc, board, manifest, kp, creds = election
    held = _HeldBoard(board.store, board.election, key=board._key)
    svc = ElectionService(held)
    svc.sync()
    raws = [_ballot(manifest, kp, creds[i], b"q%d" % i) for i in range(6)]
    sql_log.commits = 0
    out: list[Receipt] = []
    threads = [threading.Thread(target=lambda r=r: out.append(svc.cast(r))) for r in raws]
    threads[0].start()
    assert held.entered.wait(timeout=30)  # the first cast leads and is writing
    for t in threads[1:]:
        t.start()
    deadline = time.monotonic() + 30
    while len(svc._casting._pending) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    held.release.set()
    for t in threads:
        t.join(timeout=60)
    assert sql_log.commits == 2  # the five queued casts went in one transaction
    first = min(r.seq for r in out)
    assert sorted(r.seq for r in out) == list(range(first, first + 6))
    assert len({r.head["tree_size"] for r in out}) == 2
    for r in out:
        _check_receipt(board, r)


class _FailingBoard(Board):
    """Fails the write after the entries were built, as a crash before commit would."""

    def append_batch(self, known, decide):  # type: ignore[no-untyped-def]
        def broken(size: int, missed: list[Any]) -> Any:
            decide(size, missed)
            raise OSError("disk gone")

        return super().append_batch(known, broken)


def test_no_receipt_when_the_write_fails(election) -> None:
    svc, board, manifest, kp, creds = election
    raw = _ballot(manifest, kp, creds[0], b"lost")
    failing = ElectionService(_FailingBoard(board.store, board.election, key=board._key))
    size = board.size()
    with pytest.raises(OSError):
        failing.cast(raw)
    assert board.size() == size
    # The failed write left no trace in the service's view: the ballot casts again.
    receipt = svc.cast(raw)
    assert receipt.seq == size
    _check_receipt(board, receipt)
    assert isinstance(board.latest_head(), SignedHead)
