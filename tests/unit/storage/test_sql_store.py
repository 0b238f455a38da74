"""``SqlBoardStore`` on SQLite and PostgreSQL (board spec §B9).

The store contract (tests/board_contract.py) runs here on both databases,
with the SQL-specific checks below.
"""

from __future__ import annotations

import pytest
from board_contract import *  # noqa: F403
from board_contract import KEY, make_board
from sqlalchemy import Engine, select

from tandau.board import Board, StoredHead
from tandau.crypto import merkle
from tandau.storage import SqlBoardStore, board_store
from tandau.storage.tables import board_entries, board_heads, board_nodes


def test_rows_hold_the_exact_bytes(engine: Engine, store: SqlBoardStore) -> None:
    board = make_board(store)
    results = [board.append("ballot", {"i": i, "name": "Әлия"}) for i in range(3)]
    with engine.connect() as conn:
        rows = conn.execute(
            select(board_entries).where(board_entries.c.election == "demo-1").order_by("seq")
        ).all()
    assert [bytes(r.data) for r in rows] == [r.entry_bytes for r in results]
    assert [bytes(r.leaf_hash) for r in rows] == [r.leaf_hash for r in results]
    assert [r.type for r in rows] == ["ballot"] * 3


def test_each_append_stores_only_the_completed_nodes(engine: Engine, store: SqlBoardStore) -> None:
    make_board(store, n=21)
    with engine.connect() as conn:
        coords = conn.execute(select(board_nodes.c.level, board_nodes.c.idx)).all()
    assert len(coords) == 2 * 21 - bin(21).count("1")
    assert max(level for level, _ in coords) == 4


def test_heads_are_stored_once_per_size(engine: Engine, store: SqlBoardStore) -> None:
    board = make_board(store, n=2)
    head = board.head()
    assert board.head() == head
    with engine.connect() as conn:
        rows = conn.execute(select(board_heads)).all()
    assert [(r.tree_size, bytes(r.data), bytes(r.signature)) for r in rows] == [
        (2, head.data, head.signature)
    ]
    assert store.latest_head("demo-1") == StoredHead(2, head.data, head.signature)


def test_streams_page_through_long_boards(
    store: SqlBoardStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(board_store, "PAGE_SIZE", 4)
    board = make_board(store, n=10)
    board.head()
    assert [e.seq for e in board.entries()] == list(range(10))
    assert [e.seq for e in board.entries(3, 9)] == list(range(3, 9))
    for i in range(10):
        board.append("ballot", {"more": i})
        board.head()
    assert [h.tree_size for h in board.heads()] == list(range(10, 21))
    assert board.verify_chain(KEY.verify_key).entries == 20


def test_a_second_store_sees_the_same_board(db_url: str, store: SqlBoardStore) -> None:
    board = make_board(store, n=5)
    head = board.head()
    with SqlBoardStore.from_url(db_url) as other:
        mirror = Board.open(other, "demo-1")
        assert mirror.head() == head
        assert [e.data for e in mirror.entries()] == [e.data for e in board.entries()]
        proof = mirror.inclusion_proof(2, 5)
        merkle.verify_inclusion(board.entry(2).leaf_hash, 2, 5, proof, head.root)
