"""Two processes cast into one election at once (issue 13 item 2; board spec §B9.1; ADR 0018).

Each OS process has its own engine and its own election service, as two web
workers do.  The board's writer lock (PostgreSQL advisory lock per election,
SQLite's write lock) must serialise their group commits: no position appended
twice, one signed head per size whose root is the board's, and every receipt
issued by either process on the board where it says, under a head the final
head extends.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from typing import Any

from casting_workers import cast_all
from election_builders import open_sql_election
from receipt_checks import check_receipts

from tandau.admin import driver
from tandau.board import Board
from tandau.crypto.rng import DeterministicRng
from tandau.protocol import events as ev
from tandau.protocol.ballot import Ballot
from tandau.storage import SqlBoardStore

WRITERS = 2
EACH = 24


def test_two_processes_casting_at_once_make_one_board_and_one_head_per_size(db_url: str) -> None:
    rng = DeterministicRng(b"two-writers")
    election = "two-writers"
    opened = open_sql_election(
        db_url, election, voters=WRITERS * EACH, trustees=1, threshold=1, rng=rng, seed=b"tw"
    )
    manifest, head_key, trustees = opened.manifest, opened.head_key, opened.trustees
    ballots = [
        driver.vote(manifest, trustees.joint_key, c, i % 3, rng)[0].canonical()
        for i, c in enumerate(opened.credentials)
    ]
    shares = [ballots[w::WRITERS] for w in range(WRITERS)]

    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        start = manager.Event()
        with ProcessPoolExecutor(WRITERS, mp_context=ctx) as pool:
            futures = [
                pool.submit(cast_all, db_url, election, head_key.seed.hex(), share, start)
                for share in shares
            ]
            start.set()
            results = [f.result(timeout=300) for f in futures]
    receipts: list[dict[str, Any]] = [r for rs in results for r in rs]
    assert all(isinstance(r, dict) for r in receipts), receipts  # nobody was refused
    assert len(receipts) == WRITERS * EACH

    with SqlBoardStore.from_url(db_url) as store:
        board = Board(store, election, key=head_key)
        entries = list(board.entries())
        assert [e.seq for e in entries] == list(range(len(entries)))  # no gap, no repeat
        on_board = {
            Ballot.from_dict(e.payload["ballot"]).tracking_code: e.seq
            for e in entries
            if e.type == ev.BALLOT
        }
        assert len(on_board) == WRITERS * EACH
        # Both processes appended between each other's writes: the test really interleaved.
        writer_of = {r["seq"]: w for w, rs in enumerate(results) for r in rs}
        ballot_seqs = sorted(writer_of)
        switches = sum(writer_of[a] != writer_of[b] for a, b in pairwise(ballot_seqs))
        assert switches >= 1

        heads = list(board.heads())
        assert len({h.tree_size for h in heads}) == len(heads)
        for h in heads:  # every stored head signs the board's own root at its size
            h.verify(head_key.verify_key)
            assert h.root == board.root(h.tree_size)
        by_size = {h.tree_size: h.root for h in heads}
        for r in receipts:
            assert on_board[r["tracking_code"]] == r["seq"]
            # One head per size: the one each receipt names is the stored one.
            assert by_size[r["head"]["tree_size"]].hex() == r["head"]["root"]
        check_receipts(board, head_key, receipts)  # proofs hold; the final head extends them
        assert board.verify_chain(head_key.verify_key).entries == len(entries)
