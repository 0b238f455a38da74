"""The behaviour every ``BoardStore`` must show under a ``Board`` (board spec §B1–§B10).

Test modules import these tests (``from board_contract import *``) and
provide a ``store`` fixture: the in-memory store in tests/unit/board, the SQL
store on SQLite and PostgreSQL in tests/unit/storage.  Same tests, every store.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from tandau.board import (
    ZERO_HASH,
    AppendContext,
    Board,
    BoardStore,
    ChainError,
    Entry,
    ForkError,
    InvalidEntry,
    NoSigningKey,
    OutOfRange,
    PreparedEntry,
    UnknownElection,
)
from tandau.crypto import merkle
from tandau.crypto.signatures import HeadSigningKey

__all__ = [
    "KEY",
    "TickingClock",
    "make_board",
    "test_a_builder_that_fails_stores_nothing",
    "test_a_fork_cannot_be_written",
    "test_a_gap_cannot_be_written",
    "test_append_and_read_back_exact_bytes",
    "test_boards_of_elections_are_independent",
    "test_consistency_proofs_between_heads_verify",
    "test_entries_stream_ranges",
    "test_entry_bytes_link_into_a_chain",
    "test_head_is_signed_once_per_tree_size",
    "test_heads_need_a_key",
    "test_inclusion_proofs_verify_at_every_size",
    "test_invalid_payload_stores_nothing",
    "test_out_of_range_requests",
    "test_prepared_entries_are_checked",
    "test_put_head_keeps_the_first_head",
    "test_verify_chain_on_a_sound_board",
]

KEY = HeadSigningKey.from_seed(bytes(range(32)))


class TickingClock:
    """A test clock that advances one second per reading."""

    def __init__(self) -> None:
        self.at = datetime(2026, 9, 17, 8, tzinfo=UTC)

    def now(self) -> datetime:
        self.at += timedelta(seconds=1)
        return self.at


def make_board(store: BoardStore, election: str = "demo-1", n: int = 0) -> Board:
    board = Board(store, election, key=KEY, clock=TickingClock())
    for i in range(n):
        board.append("ballot", {"i": i, "election": election})
    return board


def test_append_and_read_back_exact_bytes(store: BoardStore) -> None:
    board = make_board(store)
    results = [board.append("ballot", {"i": i, "text": "Қазақ"}) for i in range(5)]
    assert [r.seq for r in results] == list(range(5))
    stored = list(board.stored_entries())
    assert [s.data for s in stored] == [r.entry_bytes for r in results]
    for r, s in zip(results, stored, strict=True):
        assert r.leaf_hash == s.leaf_hash == merkle.leaf_hash(r.entry_bytes)
        assert s.type == "ballot"
    entry = board.entry(3)
    assert entry.payload == {"i": 3, "text": "Қазақ"}
    assert entry.data == results[3].entry_bytes
    assert board.size() == 5


def test_entry_bytes_link_into_a_chain(store: BoardStore) -> None:
    board = make_board(store, n=6)
    entries = list(board.entries())
    assert entries[0].prev == ZERO_HASH
    for before, after in itertools.pairwise(entries):
        assert after.prev == before.leaf_hash
        assert after.seq == before.seq + 1
        assert after.time > before.time
    assert all(e.election == "demo-1" for e in entries)


def test_entries_stream_ranges(store: BoardStore) -> None:
    board = make_board(store, n=7)
    assert [e.seq for e in board.entries(2, 5)] == [2, 3, 4]
    assert [e.seq for e in board.entries(5)] == [5, 6]
    assert list(board.entries(7)) == []
    assert list(board.entries(9, 12)) == []
    assert [e.seq for e in board.entries(4, 100)] == [4, 5, 6]


def test_head_is_signed_once_per_tree_size(store: BoardStore) -> None:
    board = make_board(store, n=3)
    head = board.head()
    head.verify(KEY.verify_key)
    assert head.tree_size == 3
    assert head.root == merkle.root([e.leaf_hash for e in board.entries()])
    again = board.head()  # the clock moved on, but the stored head is kept
    assert again == head
    board.append("ballot", {"i": 3})
    later = board.head()
    assert later.tree_size == 4 and later.data != head.data
    assert [h.tree_size for h in board.heads()] == [3, 4]
    assert [h.tree_size for h in board.heads(4)] == [4]  # from a tree size: the store seeks
    assert list(board.heads(5)) == [] and list(board.heads(2**53)) == []
    assert board.latest_head() == later


def test_heads_need_a_key(store: BoardStore) -> None:
    writer = make_board(store, n=2)
    reader = Board(store, "demo-1")
    with pytest.raises(NoSigningKey):
        reader.head()
    signed = writer.head()
    assert reader.head() == signed  # a stored head needs no key
    assert reader.latest_head() == signed


def test_put_head_keeps_the_first_head(store: BoardStore) -> None:
    board = make_board(store, n=1)
    head = board.head()
    kept = store.put_head("demo-1", 1, b"{}", bytes(64))
    assert (kept.data, kept.signature) == (head.data, head.signature)
    assert store.head_at("demo-1", 1) == kept
    assert store.head_at("demo-1", 2) is None


def test_inclusion_proofs_verify_at_every_size(store: BoardStore) -> None:
    board = make_board(store, n=11)
    leaves = [e.leaf_hash for e in board.entries()]
    for size in range(1, 12):
        root = board.root(size)
        assert root == merkle.root(leaves[:size])
        for seq in range(size):
            proof = board.inclusion_proof(seq, size)
            merkle.verify_inclusion(leaves[seq], seq, size, proof, root)
    head = board.head()
    merkle.verify_inclusion(leaves[5], 5, 11, board.inclusion_proof(5, 11), head.root)


def test_consistency_proofs_between_heads_verify(store: BoardStore) -> None:
    board = make_board(store)
    heads = [board.head()]
    for i in range(9):
        board.append("ballot", {"i": i})
        heads.append(board.head())
    for old in heads:
        for new in heads:
            if old.tree_size <= new.tree_size:
                proof = board.consistency_proof(old.tree_size, new.tree_size)
                merkle.verify_consistency(old.tree_size, new.tree_size, old.root, new.root, proof)


def test_out_of_range_requests(store: BoardStore) -> None:
    board = make_board(store, n=4)
    for call in (
        lambda: board.inclusion_proof(4, 4),
        lambda: board.inclusion_proof(0, 5),
        lambda: board.inclusion_proof(-1, 4),
        lambda: board.consistency_proof(2, 5),
        lambda: board.consistency_proof(3, 2),
        lambda: board.root(5),
        lambda: board.entry(4),
        lambda: board.stored_entries(-1),
    ):
        with pytest.raises(OutOfRange):
            call()


def test_a_fork_cannot_be_written(store: BoardStore) -> None:
    """§B9.2: a second entry at an existing height is refused; the board is unchanged."""
    board = make_board(store, n=3)
    before = [s.data for s in board.stored_entries()]

    def fork(ctx: AppendContext) -> PreparedEntry:
        # A different entry claiming height 1, correctly linked to entry 0.
        prev = board.entry(0).leaf_hash
        e = Entry.build("demo-1", 1, prev, "ballot", "2026-09-17T09:00:00.000000Z", {"evil": 1})
        return PreparedEntry(1, "ballot", e.data, e.leaf_hash, ((0, 1, e.leaf_hash),))

    with pytest.raises(ForkError):
        store.append("demo-1", fork)
    assert [s.data for s in board.stored_entries()] == before
    board.verify_chain(KEY.verify_key)


def test_a_gap_cannot_be_written(store: BoardStore) -> None:
    board = make_board(store, n=2)

    def skip(ctx: AppendContext) -> PreparedEntry:
        e = Entry.build("demo-1", 3, bytes(32 * [1]), "ballot", "2026-09-17T09:00:00.000000Z", {})
        return PreparedEntry(3, "ballot", e.data, e.leaf_hash, ((0, 3, e.leaf_hash),))

    with pytest.raises(ChainError):
        store.append("demo-1", skip)
    assert board.size() == 2


def test_prepared_entries_are_checked(store: BoardStore) -> None:
    board = make_board(store, n=1)

    def build(
        ctx: AppendContext, *, lie_hash: bool = False, drop_node: bool = False
    ) -> PreparedEntry:
        e = Entry.build(
            "demo-1", ctx.seq, ctx.prev_leaf_hash, "ballot", "2026-09-17T09:00:00.000000Z", {}
        )
        nodes = merkle.append_nodes(ctx.seq, e.leaf_hash, ctx.read_nodes)
        leaf = bytes(32) if lie_hash else e.leaf_hash
        if lie_hash:
            nodes[0] = (0, ctx.seq, leaf)
        if drop_node:
            nodes = nodes[:1]
        return PreparedEntry(ctx.seq, "ballot", e.data, leaf, tuple(nodes))

    with pytest.raises(ChainError):
        store.append("demo-1", lambda ctx: build(ctx, lie_hash=True))
    with pytest.raises(ChainError):
        store.append("demo-1", lambda ctx: build(ctx, drop_node=True))
    assert board.size() == 1
    store.append("demo-1", build)
    assert board.verify_chain(KEY.verify_key).entries == 2


def test_a_builder_that_fails_stores_nothing(store: BoardStore) -> None:
    board = make_board(store, n=1)

    def boom(ctx: AppendContext) -> PreparedEntry:
        raise RuntimeError("the builder failed")

    with pytest.raises(RuntimeError):
        store.append("demo-1", boom)
    assert board.size() == 1
    assert board.append("ballot", {}).seq == 1


def test_invalid_payload_stores_nothing(store: BoardStore) -> None:
    board = make_board(store, n=1)
    for type_, payload in [
        ("ballot", {"x": 1.5}),
        ("ballot", {"x": 2**60}),
        ("Not A Type", {}),
        ("ballot", [1]),
    ]:
        with pytest.raises(InvalidEntry):
            board.append(type_, payload)  # type: ignore[arg-type]
    assert board.size() == 1


def test_boards_of_elections_are_independent(store: BoardStore) -> None:
    a = make_board(store, "district-7", n=3)
    b = make_board(store, "aul-12", n=2)
    assert (a.size(), b.size()) == (3, 2)
    assert store.elections() == ["aul-12", "district-7"]
    assert next(b.entries()).prev == ZERO_HASH
    assert a.head().root != b.head().root
    assert Board.open(store, "aul-12").size() == 2
    with pytest.raises(UnknownElection):
        Board.open(store, "nowhere")
    a.verify_chain(KEY.verify_key)
    b.verify_chain(KEY.verify_key)


def test_verify_chain_on_a_sound_board(store: BoardStore) -> None:
    board = make_board(store)
    report = board.verify_chain(KEY.verify_key)
    assert (report.entries, report.root) == (0, merkle.EMPTY_ROOT)
    board.head()
    for i in range(20):
        board.append("ballot", {"i": i})
        if i % 6 == 0:
            board.head()
    board.head()
    report = board.verify_chain(KEY.verify_key)
    assert report.entries == 20
    assert report.heads == 6
    assert report.root == board.head().root
    with pytest.raises(ChainError):
        board.verify_chain(HeadSigningKey.from_seed(bytes(32)).verify_key)
