"""The Board service on the in-memory store (board spec §B1–§B10).

The store contract (tests/board_contract.py) runs here on ``MemoryBoardStore``
and in tests/unit/storage on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest
from board_contract import *  # noqa: F403
from board_contract import KEY, make_board

from tandau.board import (
    AppendOnlyViolation,
    Board,
    BoardError,
    ChainError,
    ForkError,
    HeadMismatch,
    InvalidEntry,
    MemoryBoardStore,
    NoSigningKey,
    OutOfRange,
    StoredEntry,
    StoredHead,
    UnknownElection,
)
from tandau.crypto import merkle
from tandau.crypto.errors import TandauError


def test_error_codes_are_stable() -> None:
    assert {
        c.__name__: c.code
        for c in (
            BoardError,
            UnknownElection,
            InvalidEntry,
            OutOfRange,
            ChainError,
            ForkError,
            HeadMismatch,
            AppendOnlyViolation,
            NoSigningKey,
        )
    } == {
        "BoardError": "board.error",
        "UnknownElection": "board.unknown_election",
        "InvalidEntry": "board.invalid_entry",
        "OutOfRange": "board.out_of_range",
        "ChainError": "board.chain",
        "ForkError": "board.fork",
        "HeadMismatch": "board.head_mismatch",
        "AppendOnlyViolation": "board.append_only",
        "NoSigningKey": "board.no_signing_key",
    }
    assert issubclass(BoardError, TandauError)


def test_threads_append_without_gaps_or_forks(store: MemoryBoardStore) -> None:
    boards = [make_board(store) for _ in range(4)]  # separate Board objects, one store

    def work(b: Board, k: int) -> None:
        for i in range(40):
            b.append("ballot", {"writer": k, "i": i})

    threads = [threading.Thread(target=work, args=(b, k)) for k, b in enumerate(boards)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    board = boards[0]
    assert board.size() == 160
    assert board.verify_chain().entries == 160
    seen = {(e.payload["writer"], e.payload["i"]) for e in board.entries()}
    assert len(seen) == 160


def test_the_store_has_no_way_to_change_or_remove() -> None:
    public = {name for name in dir(MemoryBoardStore) if not name.startswith("_")}
    assert public == {
        "append",
        "append_batch",
        "put_head",
        "size",
        "entries",
        "read_nodes",
        "head_at",
        "latest_head",
        "heads",
        "elections",
    }


def test_appends_store_logarithmically_many_nodes(store: MemoryBoardStore) -> None:
    board = make_board(store, n=100)
    nodes = store._logs["demo-1"].nodes
    assert len(nodes) == 2 * 100 - bin(100).count("1")
    assert board.root() == merkle.root([e.leaf_hash for e in board.entries()])


# -- tampering is detected (the in-memory store's internals stand in for a disk) --


def _log(store: MemoryBoardStore) -> list[StoredEntry]:
    return store._logs["demo-1"].entries


def test_verify_chain_detects_changed_bytes(store: MemoryBoardStore) -> None:
    board = make_board(store, n=5)
    board.head()
    row = _log(store)[2]
    _log(store)[2] = StoredEntry(
        row.seq, row.type, row.leaf_hash, row.data.replace(b'"i":2', b'"i":9')
    )
    with pytest.raises(ChainError):
        board.verify_chain()


def test_verify_chain_detects_a_rewritten_suffix(store: MemoryBoardStore) -> None:
    """Rewriting entry 3 and relinking every later entry still breaks the signed head."""
    board = make_board(store, n=6)
    board.head()
    entries = list(board.entries())
    forged = make_board(MemoryBoardStore(), n=3)
    forged.append("ballot", {"i": 99, "election": "demo-1"})
    forged.append("ballot", {"i": 4, "election": "demo-1"})
    forged.append("ballot", {"i": 5, "election": "demo-1"})
    rows = list(forged.stored_entries())
    original = [StoredEntry(e.seq, e.type, e.leaf_hash, e.data) for e in entries]
    assert rows[:3] == original[:3] and rows[3] != original[3]
    assert [r.seq for r in rows] == [0, 1, 2, 3, 4, 5]
    _log(store)[:] = rows
    with pytest.raises(ChainError):
        board.verify_chain(KEY.verify_key)


def test_verify_chain_detects_a_changed_head(store: MemoryBoardStore) -> None:
    board = make_board(store, n=3)
    head = board.head()
    store._logs["demo-1"].heads[3] = StoredHead(
        3, head.data.replace(b'"tree_size":3', b'"tree_size":2'), head.signature
    )
    with pytest.raises(ChainError):
        board.verify_chain()


def test_verify_chain_detects_a_bad_node(store: MemoryBoardStore) -> None:
    board = make_board(store, n=4)
    store._logs["demo-1"].nodes[(1, 1)] = bytes(32)
    with pytest.raises(ChainError):
        board.verify_chain()


def test_a_missing_node_is_a_chain_error(store: MemoryBoardStore) -> None:
    board = make_board(store, n=4)
    del store._logs["demo-1"].nodes[(2, 0)]
    with pytest.raises(ChainError):
        board.root()


def test_reader_without_key_cannot_sign(store: MemoryBoardStore) -> None:
    make_board(store, n=1)
    with pytest.raises(NoSigningKey):
        Board(store, "demo-1").head()


def test_election_id_is_checked() -> None:
    with pytest.raises(InvalidEntry):
        Board(MemoryBoardStore(), "")
