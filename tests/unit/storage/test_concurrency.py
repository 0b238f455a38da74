"""Two processes append to one board at once (board spec §B9.1).

Each process has its own engine; the database's writer lock (SQLite
``BEGIN IMMEDIATE``, PostgreSQL advisory lock) must serialise them into one
gap-free, fork-free chain.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from board_contract import KEY
from board_workers import append_many

from tandau.board import Board
from tandau.storage import SqlBoardStore, upgrade

WRITERS = 2
EACH = 30


def test_two_processes_make_one_chain(db_url: str) -> None:
    upgrade(db_url)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        start = manager.Event()
        with ProcessPoolExecutor(WRITERS, mp_context=ctx) as pool:
            futures = [
                pool.submit(append_many, db_url, "demo-1", w, EACH, start) for w in range(WRITERS)
            ]
            start.set()
            assert [f.result(timeout=120) for f in futures] == [EACH] * WRITERS

    with SqlBoardStore.from_url(db_url) as store:
        board = Board(store, "demo-1", key=KEY)
        assert board.size() == WRITERS * EACH
        board.head()
        assert board.verify_chain(KEY.verify_key).entries == WRITERS * EACH
        entries = list(board.entries())
        assert [e.seq for e in entries] == list(range(WRITERS * EACH))
        for w in range(WRITERS):
            mine = [e.payload["i"] for e in entries if e.payload["writer"] == w]
            assert mine == list(range(EACH))  # each writer's entries in its own order
