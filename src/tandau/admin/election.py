"""The election service: everything a commission does to a verifiable election (record spec §R5).

It owns no state of its own: the board is the source of truth, and an
``ElectionState`` replayed from it decides what is allowed.  Casting checks a
ballot fully (encodings, proofs, signature, credential, election open, not
cancelled) before anything is appended, so a refused ballot changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from tandau.board import SignedHead, StaleBoard
from tandau.board.batch import BatchResult
from tandau.board.log import Decide
from tandau.crypto.canonical import dumps
from tandau.crypto.errors import TandauError
from tandau.protocol import events as ev
from tandau.protocol.ballot import Ballot, tracking_code, verify_ballot
from tandau.protocol.errors import BallotRefused, InvalidObject
from tandau.protocol.events import ElectionState
from tandau.protocol.manifest import Manifest

from .casting import Casting, Prepared
from .devices import AuditLedger, ciphertexts_hash
from .schema import Plain

__all__ = ["MAX_BALLOT_BYTES", "BoardPort", "ElectionService", "Receipt"]

#: A K = 256 ballot with 1-of-1 proofs is ~150 KB of hex; anything bigger is hostile.
MAX_BALLOT_BYTES = 256 * 1024
_RETRIES = 5


class BoardPort(Protocol):
    """What the service needs of a board (implemented by ``tandau.board.Board``)."""

    def append(
        self, type_: str, payload: dict[str, Any], *, expect_seq: int | None = None
    ) -> Any: ...

    def size(self) -> int: ...

    def entries(self, start: int = 0, end: int | None = None) -> Iterator[Any]: ...

    def head(self) -> Any: ...

    def inclusion_proof(self, seq: int, tree_size: int) -> list[bytes]: ...

    def append_batch(self, known: int, decide: Decide) -> BatchResult: ...


@dataclass(frozen=True, slots=True)
class Receipt(Plain):
    """What a voter keeps: enough to find the ballot and prove it is on the board."""

    tracking_code: str
    seq: int
    leaf_hash: str
    head: dict[str, Any]
    head_signature: str
    inclusion_proof: list[str]


class ElectionService:
    """One election's commission-side operations over its board."""

    def __init__(self, board: BoardPort, audits: AuditLedger | None = None) -> None:
        self._board = board
        self._audits = audits
        self.state = ElectionState()
        self._casting = Casting(self)

    # -- replay -----------------------------------------------------------------

    def sync(self) -> ElectionState:
        """Apply the entries appended since the last sync (by any process)."""
        with self._casting.state_lock:  # casting threads change the state too
            size = self._board.size()
            if size > self.state.size:
                for entry in self._board.entries(self.state.size, size):
                    self.state.apply(entry.seq, entry.type, entry.payload)
            return self.state

    def _append(self, type_: str, payload: dict[str, Any]) -> Any:
        # The state machine sees the event first (its handlers check before they
        # change anything), so a refused event never reaches the board.  The
        # board writes it only at the position that state was decided for: if
        # another process appended meanwhile (say, closed voting), we replay and
        # decide again.
        normalized = json.loads(dumps(payload))
        with self._casting.state_lock:
            return self._append_locked(type_, payload, normalized)

    def _append_locked(self, type_: str, payload: dict[str, Any], normalized: Any) -> Any:
        for _ in range(_RETRIES):
            st = self.sync()
            seq = st.size
            st.apply(seq, type_, normalized)
            try:
                return self._board.append(type_, payload, expect_seq=seq)
            except StaleBoard:
                self.state = ElectionState()
            except BaseException:
                self.state = ElectionState()  # replay from the board next time
                raise
        raise StaleBoard("the board kept moving; try again")

    # -- setting up -------------------------------------------------------------

    def create(self, manifest: Manifest) -> Any:
        if self._board.size():
            raise InvalidObject("this board already holds an election", field="manifest")
        return self._append(ev.MANIFEST, {"manifest": manifest.to_dict()})

    def post(self, type_: str, payload: dict[str, Any]) -> Any:
        """Append an administrative event after the state machine accepts it."""
        return self._append(type_, payload)

    def open(self) -> Any:
        return self._append(ev.VOTING_OPENED, {})

    def close(self) -> Any:
        return self._append(ev.VOTING_CLOSED, {})

    # -- casting ----------------------------------------------------------------

    def cast(self, raw: bytes | str | dict[str, Any]) -> Receipt:
        """Check a ballot fully, append it, and return a receipt (§R6, §R9).

        A byte-identical ballot already on the board returns its receipt again
        (idempotent); a new ballot under the same credential supersedes the
        earlier one when counting.  Concurrent calls share one write (group
        commit); each receipt is returned only once its entry is durable.
        """
        out = self._casting.commit([self._prepare(raw)])[0]
        if isinstance(out, TandauError):
            raise out
        return out

    def cast_many(
        self, raws: Sequence[bytes | str | dict[str, Any]]
    ) -> list[Receipt | TandauError]:
        """Cast ballots that arrived together in one write; a refusal is that ballot's error."""
        prepared: list[Prepared | TandauError] = []
        for raw in raws:
            try:
                prepared.append(self._prepare(raw))
            except TandauError as exc:
                prepared.append(exc)
        todo = [p for p in prepared if not isinstance(p, TandauError)]
        done = iter(self._casting.commit(todo) if todo else [])
        return [p if isinstance(p, TandauError) else next(done) for p in prepared]

    def _prepare(self, raw: bytes | str | dict[str, Any]) -> Prepared:
        """Parse and verify once, outside the writer lock; refuse early on the known view."""
        ballot = parse_ballot(raw)
        st = self.state
        if st.key is None or not st.opened:
            st = self.sync()  # a view from before the key or the opening: catch up once
        manifest = st.require_manifest()
        key = st.require_key()
        if ballot.election != st.fingerprint.hex():  # said first: its credential is not ours
            raise BallotRefused("the ballot is for another election", reason="wrong_election")
        canonical, selection_bytes = ballot.encoded()
        code = tracking_code(canonical)
        if code not in st.ballots_seen:
            try:
                st.check_ballot_admissible(ballot.credential)
            except BallotRefused:
                # Our view may be stale (opened elsewhere?): refuse only on a fresh one.
                self.sync().check_ballot_admissible(ballot.credential)
            verify_ballot(st.fingerprint, key, manifest.rule, ballot, selection_bytes)
            self._refuse_audited(ballot)
        return Prepared(ballot, code, b'{"ballot":' + canonical + b"}")

    @property
    def board(self) -> BoardPort:
        return self._board

    def make_receipt(
        self, code: str, seq: int, leaf: bytes, head: SignedHead, proof: list[str]
    ) -> Receipt:
        return Receipt(code, seq, leaf.hex(), json.loads(head.data), head.signature.hex(), proof)

    def _refuse_audited(self, ballot: Ballot) -> None:
        """A ballot opened for a Benaloh audit is spoiled: casting it would reveal the vote."""
        if self._audits is not None and self._audits.was_audited(ciphertexts_hash(ballot)):
            raise BallotRefused("this ballot was opened for an audit", reason="audited_ballot")

    def record_audit(self, ballot: Ballot, at: str) -> None:
        """Remember a ballot whose audit verified, so that it can never be cast (§R4.5)."""
        if self._audits is not None:
            self._audits.record_audit(ciphertexts_hash(ballot), ballot.tracking_code, at)

    def receipt(self, seq: int, code: str) -> Receipt:
        head = self._board.head()
        proof = self._board.inclusion_proof(seq, head.tree_size)
        entry = next(iter(self._board.entries(seq, seq + 1)))
        return Receipt(
            tracking_code=code,
            seq=seq,
            leaf_hash=entry.leaf_hash.hex(),
            head=json.loads(head.data),
            head_signature=head.signature.hex(),
            inclusion_proof=[p.hex() for p in proof],
        )

    def cancel(self, credential_hex: str, precinct: str) -> Any:
        """Paper override: the holder voted on paper, so no e-ballot of theirs counts."""
        return self._append(
            ev.BALLOT_CANCELLED,
            {"credential": credential_hex, "precinct": precinct, "reason": "paper_vote"},
        )


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise InvalidObject("the ballot names a key twice", field="ballot")
    return out


def _no_constant(text: str) -> Any:
    raise InvalidObject(f"{text} is not a JSON number", field="ballot")


def parse_ballot(raw: bytes | str | dict[str, Any]) -> Ballot:
    """Decode a submitted ballot strictly; every failure is a named error."""
    if isinstance(raw, bytes | str):
        if len(raw) > MAX_BALLOT_BYTES:
            raise InvalidObject("the ballot is too large", field="ballot")
        try:  # one meaning only: a key named twice or NaN/Infinity is no ballot (§R8.1)
            obj = json.loads(raw, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        except InvalidObject:
            raise
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            # RecursionError: hostile nesting ("[[[[…") inside the size limit.
            raise InvalidObject("the ballot is not JSON", field="ballot") from exc
    else:
        obj = raw
    try:
        return Ballot.from_dict(obj)
    except TandauError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InvalidObject("the ballot is malformed", field="ballot") from exc
