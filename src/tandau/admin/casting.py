"""Casting at the floor: group commit of verified ballots (record spec §R6, §R9; ADR 0015).

A cast is parsed and verified once, in the caller's thread, outside any
lock.  The write is shared: the first caller to find no write in progress
becomes the leader and commits every ballot queued meanwhile in one board
transaction (``Board.append_batch``: the entries, their Merkle nodes and
one signed head), then hands each caller its receipt.  No receipt is
returned before that transaction has committed, so the guarantee of a
single cast holds for every ballot of a batch.

Admissibility (voting open, credential published, not cancelled) and
idempotence are decided under the writer lock, at the real position, after
catching up with entries other processes appended; no size is queried.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tandau.board import Entry
from tandau.crypto.errors import TandauError
from tandau.protocol import events as ev
from tandau.protocol.ballot import Ballot
from tandau.protocol.errors import BallotRefused
from tandau.protocol.events import ElectionState

if TYPE_CHECKING:
    from .election import ElectionService, Receipt

__all__ = ["Casting", "Prepared"]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A parsed, verified ballot ready to append: its tracking code and payload bytes."""

    ballot: Ballot
    code: str
    body: bytes


@dataclass(eq=False)
class _Slot:
    item: Prepared
    finished: bool = False
    result: Receipt | TandauError | None = None
    failure: BaseException | None = None


class Casting:
    """The group-commit queue of one election service.

    Invariant: a queued slot leaves the queue only into the batch of the one
    leader, which finishes it before it gives up leading; so a caller whose
    slot is unfinished while nobody leads finds it queued and leads itself.
    A leader writes one batch, so no caller serves others indefinitely.
    """

    def __init__(self, service: ElectionService) -> None:
        self._svc = service
        #: Serialises every change of the service's replayed state.
        self.state_lock = threading.RLock()
        self._cond = threading.Condition()
        self._pending: list[_Slot] = []
        self._leading = False

    def commit(self, items: list[Prepared]) -> list[Receipt | TandauError]:
        """Append ``items`` (with whatever else is queued); each gets a receipt or a refusal."""
        slots = [_Slot(p) for p in items]
        with self._cond:
            self._pending.extend(slots)
        while True:
            with self._cond:
                while self._leading and not all(s.finished for s in slots):
                    self._cond.wait()
                if all(s.finished for s in slots):
                    break
                self._leading = True
                batch, self._pending = self._pending, []
            self._lead(batch)
        out: list[Receipt | TandauError] = []
        for s in slots:
            if s.failure is not None:
                raise s.failure
            assert s.result is not None
            out.append(s.result)
        return out

    def _lead(self, batch: list[_Slot]) -> None:
        results: list[Receipt | TandauError] = []
        failure: BaseException | None = None
        try:
            results = self._write([s.item for s in batch])
        except BaseException as exc:  # the whole write failed: every waiter raises it
            failure = exc
        with self._cond:
            for i, s in enumerate(batch):
                s.failure = failure
                s.result = None if failure is not None else results[i]
                s.finished = True
            self._leading = False
            self._cond.notify_all()

    def _write(self, items: list[Prepared]) -> list[Receipt | TandauError]:
        svc = self._svc
        with self.state_lock:
            st = svc.state
            if st.manifest is None:
                st = svc.sync()
            seqs: list[int | None] = [None] * len(items)
            refused: dict[int, TandauError] = {}

            def decide(size: int, missed: list[Entry]) -> list[tuple[str, bytes]]:
                for e in missed:
                    st.apply(e.seq, e.type, e.payload)
                out: list[tuple[str, bytes]] = []
                for i, p in enumerate(items):
                    seqs[i] = st.ballots_seen.get(p.code)
                    if seqs[i] is not None:
                        continue  # on the board already (or earlier in this batch)
                    try:
                        st.check_ballot_admissible(p.ballot.credential)
                    except BallotRefused as exc:
                        refused[i] = exc
                        continue
                    seqs[i] = size + len(out)
                    st.apply_ballot(size + len(out), p.ballot, p.code)
                    out.append((ev.BALLOT, p.body))
                return out

            try:
                result = svc.board.append_batch(st.size, decide)
            except BaseException:
                svc.state = ElectionState()  # replay from the board next time
                raise
        placed = {
            seq: (leaf, proof)
            for (seq, leaf), proof in zip(result.placed, result.proofs, strict=True)
        }
        receipts: list[Receipt | TandauError] = []
        for i, p in enumerate(items):
            seq = seqs[i]
            if i in refused:
                receipts.append(refused[i])
            elif seq in placed and result.head is not None:
                leaf, proof = placed[seq]
                receipts.append(
                    svc.make_receipt(p.code, seq, leaf, result.head, [h.hex() for h in proof])
                )
            else:
                assert seq is not None
                receipts.append(svc.receipt(seq, p.code))  # a resubmitted ballot
        return receipts
