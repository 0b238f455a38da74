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
from dataclasses import replace
from itertools import pairwise
from typing import Any

from casting_workers import cast_all
from election_builders import make_credentials, make_manifest

from tandau.admin import driver
from tandau.admin.election import ElectionService
from tandau.board import Board, SignedHead
from tandau.crypto import merkle
from tandau.crypto.canonical import dumps
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.signatures import HeadSigningKey
from tandau.protocol import events as ev
from tandau.protocol.ballot import Ballot
from tandau.storage import SqlBoardStore, upgrade

WRITERS = 2
EACH = 24


def test_two_processes_casting_at_once_make_one_board_and_one_head_per_size(db_url: str) -> None:
    rng = DeterministicRng(b"two-writers")
    head_key = HeadSigningKey.generate(rng)
    manifest = replace(
        make_manifest(3, trustees=1, threshold=1, election_id="two-writers"),
        commission_key=head_key.verify_key.hex(),
    )
    election = manifest.election_id
    creds = make_credentials(manifest, WRITERS * EACH, seed=b"two-writers")
    upgrade(db_url)
    with SqlBoardStore.from_url(db_url) as store:
        svc = ElectionService(Board(store, election, key=head_key))
        trustees = driver.key_ceremony(manifest.fingerprint, 1, 1, rng)
        driver.set_up(svc, manifest, trustees, creds)
    ballots = [
        driver.vote(manifest, trustees.joint_key, c, i % 3, rng)[0].canonical()
        for i, c in enumerate(creds)
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
        final = board.head()
        for r in receipts:
            assert on_board[r["tracking_code"]] == r["seq"]
            head = SignedHead.from_stored(dumps(r["head"]), bytes.fromhex(r["head_signature"]))
            head.verify(head_key.verify_key)
            assert by_size[head.tree_size] == head.root  # one head per size, the stored one
            leaf = bytes.fromhex(r["leaf_hash"])
            proof = [bytes.fromhex(p) for p in r["inclusion_proof"]]
            merkle.verify_inclusion(leaf, r["seq"], head.tree_size, proof, head.root)
            merkle.verify_consistency(
                head.tree_size,
                final.tree_size,
                head.root,
                final.root,
                board.consistency_proof(head.tree_size, final.tree_size),
            )
        assert board.verify_chain(head_key.verify_key).entries == len(entries)
