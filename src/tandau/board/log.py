"""The ``Board`` service: one election's append-only, hash-chained Merkle log (board spec §B).

``append`` builds the envelope (§B1) under the store's writer lock, so seq and
the ``prev`` link (§B4) come from the stored board itself; it stores the
O(log n) complete-subtree nodes the new leaf completes (§B5), and every root
and proof is then built from O(log n) stored nodes, never by rehashing the
leaves.  ``head`` signs the current tree head once per tree size (§B6);
``verify_chain`` re-checks the stored bytes end to end (§B10).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tandau.crypto import merkle
from tandau.crypto.errors import TandauError
from tandau.crypto.signatures import HeadSigningKey, HeadVerifyKey

from .batch import BatchResult, Frontier, overlay_reader
from .clock import Clock, SystemClock, format_time
from .entry import (
    ZERO_HASH,
    Entry,
    check_election_id,
    check_type,
    encode_envelope,
    encode_payload,
)
from .errors import (
    ChainError,
    InvalidEntry,
    NoSigningKey,
    OutOfRange,
    StaleBoard,
    UnknownElection,
)
from .heads import SignedHead, TreeHead, sign_head
from .store import (
    AppendContext,
    BoardStore,
    PreparedBatch,
    PreparedEntry,
    StoredEntry,
    StoredHead,
)

__all__ = ["AppendResult", "Board", "ChainReport", "Decide"]

#: Called under the writer lock with the board's size and the entries appended
#: since the caller's view; returns the (type, encoded payload) pairs to append.
Decide = Callable[[int, list[Entry]], Sequence[tuple[str, bytes]]]

#: Stored nodes compared per read while ``verify_chain`` streams the board.
_NODE_BATCH = 128


@dataclass(frozen=True, slots=True)
class AppendResult:
    """Where an appended entry landed, and its exact bytes."""

    seq: int
    leaf_hash: bytes
    entry_bytes: bytes


@dataclass(frozen=True, slots=True)
class ChainReport:
    """What ``verify_chain`` checked."""

    entries: int
    root: bytes
    heads: int


class Board:
    """One election's board over a ``BoardStore``.

    ``key`` signs tree heads; a read-only board (a public mirror, an auditor)
    may omit it and use the stored heads.  ``clock`` stamps entries and heads.
    """

    def __init__(
        self,
        store: BoardStore,
        election: str,
        *,
        key: HeadSigningKey | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._store = store
        self._election = check_election_id(election)
        self._key = key
        self._clock: Clock = clock if clock is not None else SystemClock()
        self._lock = threading.Lock()
        #: The right edge of the tree as this writer last left it (see batch.py).
        self._frontier = Frontier(-1)

    @classmethod
    def open(
        cls,
        store: BoardStore,
        election: str,
        *,
        key: HeadSigningKey | None = None,
        clock: Clock | None = None,
    ) -> Board:
        """The board of an existing election; UnknownElection if it has no entries."""
        if store.size(election) == 0:
            raise UnknownElection("no board for this election", election=election)
        return cls(store, election, key=key, clock=clock)

    @property
    def election(self) -> str:
        return self._election

    @property
    def store(self) -> BoardStore:
        return self._store

    # -- writing ------------------------------------------------------------------

    def append(
        self, type_: str, payload: Mapping[str, Any], *, expect_seq: int | None = None
    ) -> AppendResult:
        """Append one event (§B1, §B4, §B5); raises InvalidEntry, ForkError, ChainError.

        With ``expect_seq`` the entry is written only at that position, checked
        under the store's write lock; otherwise StaleBoard is raised and nothing
        is written.  Callers that decided on a view of the board use it.
        """
        check_type(type_)
        if not isinstance(payload, Mapping):
            raise InvalidEntry("a payload is a JSON object")
        # Encode the payload before taking the lock: only the envelope is built inside.
        body = encode_payload(dict(payload))

        def build(ctx: AppendContext) -> PreparedEntry:
            if expect_seq is not None and ctx.seq != expect_seq:
                raise StaleBoard("another writer appended first", seq=ctx.seq)
            time = format_time(self._clock.now())
            data = encode_envelope(ctx.election, ctx.seq, ctx.prev_leaf_hash, type_, time, body)
            leaf = merkle.leaf_hash(data)
            nodes = merkle.append_nodes(ctx.seq, leaf, ctx.read_nodes)
            return PreparedEntry(ctx.seq, type_, data, leaf, tuple(nodes))

        with self._lock:  # one writer per process; the store serialises across processes
            prepared = self._store.append(self._election, build)
        return AppendResult(prepared.seq, prepared.leaf_hash, prepared.data)

    def append_batch(self, known: int, decide: Decide) -> BatchResult:
        """Append what ``decide`` returns, and a signed head over it, in one write (§B9).

        ``known`` is the size of the caller's view; ``decide`` sees the entries
        appended since (by other writers) and decides at the real position, so
        nothing is ever decided on a stale view and no size is queried first.
        The entries and the head are durable together when this returns.
        """
        key = self._key
        if key is None:
            raise NoSigningKey("this board has no key to sign a new head")
        after: list[Frontier] = []

        def build(ctx: AppendContext) -> PreparedBatch:
            if ctx.seq < known:
                raise ChainError("the board is shorter than the caller's view", size=ctx.seq)
            missed: list[Entry] = []
            if ctx.seq > known:  # other writers appended: catch up under the lock
                missed = [Entry.parse(row.data) for row in ctx.read_entries(known, ctx.seq)]
            if [e.seq for e in missed] != list(range(known, ctx.seq)):
                raise ChainError("entries are missing from the board", seq=known)
            items = decide(ctx.seq, missed)
            fr = self._frontier
            if fr.size != ctx.seq:
                fr = Frontier.read(ctx.seq, ctx.read_nodes)
            after[:] = [fr]
            if not items:
                return PreparedBatch(())
            time = format_time(self._clock.now())
            prev, prepared = ctx.prev_leaf_hash, []
            for type_, body in items:
                check_type(type_)
                data = encode_envelope(ctx.election, fr.size, prev, type_, time, body)
                leaf = merkle.leaf_hash(data)
                seq = fr.size
                fr, nodes = fr.push(leaf)
                prepared.append(PreparedEntry(seq, type_, data, leaf, tuple(nodes)))
                prev = leaf
            after.append(fr)
            signed = sign_head(TreeHead(ctx.election, fr.size, fr.root(), time), key)
            return PreparedBatch(
                tuple(prepared), StoredHead(fr.size, signed.data, signed.signature)
            )

        with self._lock:
            batch = self._store.append_batch(self._election, build)
            self._frontier = after[-1]
        if batch.head is None:
            return BatchResult((), None, ())
        known_nodes = after[0].nodes() | {
            (lvl, idx): h for p in batch.entries for lvl, idx, h in p.nodes
        }
        read = overlay_reader(known_nodes, self._reader())
        size = batch.head.tree_size
        return BatchResult(
            tuple((p.seq, p.leaf_hash) for p in batch.entries),
            SignedHead.from_stored(batch.head.data, batch.head.signature),
            tuple(tuple(merkle.inclusion_proof(p.seq, size, read)) for p in batch.entries),
        )

    def head(self) -> SignedHead:
        """The signed head of the board as it is now (§B6), signed once per tree size."""
        size = self.size()
        stored = self._store.head_at(self._election, size)
        if stored is not None:
            return SignedHead.from_stored(stored.data, stored.signature)
        if self._key is None:
            raise NoSigningKey("this board has no key to sign a new head", tree_size=size)
        root = merkle.root_from_nodes(size, self._reader())
        head = TreeHead(self._election, size, root, format_time(self._clock.now()))
        signed = sign_head(head, self._key)
        # Another writer may have signed this size first: the stored head wins.
        kept = self._store.put_head(self._election, size, signed.data, signed.signature)
        return SignedHead.from_stored(kept.data, kept.signature)

    # -- reading ------------------------------------------------------------------

    def size(self) -> int:
        return self._store.size(self._election)

    def _check_size(self, tree_size: int, name: str = "tree_size") -> int:
        if not isinstance(tree_size, int) or isinstance(tree_size, bool) or tree_size < 0:
            raise OutOfRange(f"{name} must be a non-negative integer")
        size = self.size()
        if tree_size > size:
            raise OutOfRange(f"{name} is beyond the board", value=tree_size, size=size)
        return size

    def root(self, tree_size: int | None = None) -> bytes:
        """The Merkle root of the first ``tree_size`` entries (default: all)."""
        if tree_size is None:
            tree_size = self.size()
        else:
            self._check_size(tree_size)
        return merkle.root_from_nodes(tree_size, self._reader())

    def _reader(self) -> merkle.NodeReader:
        election, store = self._election, self._store
        return lambda coords: store.read_nodes(election, coords)

    def entry(self, seq: int) -> Entry:
        for entry in self.entries(seq, seq + 1):
            return entry
        raise OutOfRange("no entry at this seq", seq=seq)

    def stored_entries(self, start: int = 0, end: int | None = None) -> Iterator[StoredEntry]:
        """The stored rows (exact bytes, no parsing) for seq in [start, end): for exports."""
        if not isinstance(start, int) or start < 0:
            raise OutOfRange("start must be a non-negative integer")
        stop = self.size() if end is None else end
        return self._store.entries(self._election, start, stop)

    def entries(self, start: int = 0, end: int | None = None) -> Iterator[Entry]:
        """Stream decoded entries for seq in [start, end) (default: to the current end)."""
        for row in self.stored_entries(start, end):
            entry = Entry.parse(row.data)
            if entry.seq != row.seq or entry.election != self._election:
                raise ChainError("a stored entry is not at its place", seq=row.seq)
            yield entry

    def latest_head(self) -> SignedHead | None:
        stored = self._store.latest_head(self._election)
        return None if stored is None else SignedHead.from_stored(stored.data, stored.signature)

    def heads(self, start: int = 0) -> Iterator[SignedHead]:
        """Every stored signed head of tree size ``start`` or more, in increasing tree size."""
        for stored in self._store.heads(self._election, start):
            yield SignedHead.from_stored(stored.data, stored.signature)

    def inclusion_proof(self, seq: int, tree_size: int) -> list[bytes]:
        """The audit path of entry ``seq`` in the tree of ``tree_size`` entries (§B7)."""
        self._check_size(tree_size)
        if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < tree_size:
            raise OutOfRange("seq is outside the tree", seq=seq, tree_size=tree_size)
        return merkle.inclusion_proof(seq, tree_size, self._reader())

    def consistency_proof(self, size1: int, size2: int) -> list[bytes]:
        """The proof that the tree of ``size1`` entries is a prefix of that of ``size2`` (§B8)."""
        self._check_size(size2, "size2")
        if not isinstance(size1, int) or isinstance(size1, bool) or not 0 <= size1 <= size2:
            raise OutOfRange("size1 must be between 0 and size2", size1=size1, size2=size2)
        return merkle.consistency_proof(size1, size2, self._reader())

    # -- self-check -----------------------------------------------------------------

    def verify_chain(self, key: HeadVerifyKey | None = None) -> ChainReport:
        """Re-check the whole stored board from its bytes (§B10); raises ChainError.

        Every entry must parse strictly, sit at its seq, link to its
        predecessor and match its indexed leaf hash and type; the root
        recomputed from the leaves must match every stored head and the stored
        nodes; with ``key``, every head's signature must verify.
        """
        size = self.size()
        heads: dict[int, SignedHead] = {}
        for stored in self._store.heads(self._election):
            try:
                head = SignedHead.from_stored(stored.data, stored.signature)
            except InvalidEntry as exc:
                raise ChainError(f"a stored head is malformed: {exc.message}") from exc
            if head.tree_size != stored.tree_size:
                raise ChainError("a stored head is indexed at the wrong size")
            if head.tree_size > size:
                raise ChainError("a signed head is beyond the board", tree_size=head.tree_size)
            heads[head.tree_size] = head
        stack: list[tuple[int, bytes]] = []
        computed: list[tuple[merkle.Coord, bytes]] = []
        prev = ZERO_HASH
        count = 0
        root = merkle.EMPTY_ROOT
        self._check_head(heads.get(0), root, key)
        for row in self.stored_entries(0, size):
            try:
                entry = Entry.parse(row.data)
            except InvalidEntry as exc:
                raise ChainError(f"entry {row.seq}: {exc.message}", seq=row.seq) from exc
            if entry.seq != count or row.seq != count:
                raise ChainError("entries are out of order or missing", seq=count)
            if entry.election != self._election:
                raise ChainError("an entry belongs to another election", seq=count)
            if entry.prev != prev:
                raise ChainError("an entry does not link to its predecessor", seq=count)
            if entry.leaf_hash != row.leaf_hash or entry.type != row.type:
                raise ChainError("the index does not match the stored bytes", seq=count)
            prev = entry.leaf_hash
            h, level = entry.leaf_hash, 0
            computed.append(((0, count), h))
            while stack and stack[-1][0] == level:
                h = merkle.node_hash(stack.pop()[1], h)
                level += 1
                computed.append(((level, count >> level), h))
            stack.append((level, h))
            count += 1
            if len(computed) >= _NODE_BATCH:
                self._check_nodes(computed)
            if count in heads or count == size:
                acc = stack[-1][1]
                for _, left in reversed(stack[:-1]):
                    acc = merkle.node_hash(left, acc)
                root = acc
                self._check_head(heads.get(count), root, key)
        if count != size:
            raise ChainError("the board has fewer entries than its size", size=size)
        self._check_nodes(computed)
        if merkle.root_from_nodes(size, self._reader()) != root:
            raise ChainError("the stored Merkle nodes do not match the entries")
        return ChainReport(count, root, len(heads))

    def _check_nodes(self, computed: list[tuple[merkle.Coord, bytes]]) -> None:
        """Compare recomputed complete-subtree nodes with the stored ones, then forget them."""
        if not computed:
            return
        stored = self._store.read_nodes(self._election, [c for c, _ in computed])
        for (coord, expected), got in zip(computed, stored, strict=True):
            if got != expected:
                raise ChainError("a stored Merkle node does not match the entries", node=coord)
        computed.clear()

    def _check_head(self, head: SignedHead | None, root: bytes, key: HeadVerifyKey | None) -> None:
        if head is None:
            return
        if head.root != root or head.election != self._election:
            raise ChainError("a signed head does not match the entries", tree_size=head.tree_size)
        if key is not None:
            try:
                head.verify(key)
            except TandauError as exc:
                raise ChainError(
                    "a head signature does not verify", tree_size=head.tree_size
                ) from exc
