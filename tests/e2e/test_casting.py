"""Casting rules of the election service (record spec §R6, §R9; protocol.md known attacks).

A refused ballot changes nothing stored; a repeat is idempotent; a re-vote
supersedes; a ballot after close is refused.
"""

from __future__ import annotations

import pytest
from election_builders import make_credentials, one_hot, open_with_one_key, signed_manifest

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.board.memory import MemoryBoardStore
from tandau.crypto.errors import ProofError, SignatureError
from tandau.crypto.rng import DeterministicRng
from tandau.protocol import events as ev
from tandau.protocol.ballot import Ballot, create_ballot
from tandau.protocol.errors import BallotRefused, InvalidObject


@pytest.fixture
def election():
    rng = DeterministicRng(b"cast")
    manifest, head_key = signed_manifest(rng, 2, trustees=1, threshold=1)
    board = Board(MemoryBoardStore(), manifest.election_id, key=head_key)
    svc, kp, creds = open_with_one_key(board, manifest, 3)
    return svc, board, manifest, kp, creds


def _ballot(manifest, kp, cred, choice: int, seed: bytes = b"b") -> Ballot:
    b, _ = create_ballot(
        manifest.fingerprint,
        kp.public,
        manifest.rule,
        one_hot(manifest.rule.options, choice),
        cred,
        DeterministicRng(seed),
    )
    return b


def test_cast_returns_receipt_and_repeat_is_idempotent(election) -> None:
    svc, board, manifest, kp, creds = election
    b = _ballot(manifest, kp, creds[0], 1)
    r1 = svc.cast(b.to_dict())
    size = board.size()
    r2 = svc.cast(b.canonical())
    assert r1.seq == r2.seq and r1.tracking_code == r2.tracking_code == b.tracking_code
    assert board.size() == size
    assert r1.inclusion_proof is not None


def test_revote_supersedes(election) -> None:
    svc, _board, manifest, kp, creds = election
    svc.cast(_ballot(manifest, kp, creds[0], 0, b"1").to_dict())
    svc.cast(_ballot(manifest, kp, creds[0], 1, b"2").to_dict())
    assert svc.state.box is not None
    counted = svc.state.box.counted()
    assert len(counted) == 1


def _refused(svc, board, raw, error) -> None:
    size = board.size()
    with pytest.raises(error):
        svc.cast(raw)
    assert board.size() == size  # nothing stored


def test_revote_after_close_is_refused(election) -> None:
    svc, board, manifest, kp, creds = election
    svc.cast(_ballot(manifest, kp, creds[0], 0, b"1").to_dict())
    svc.close()
    _refused(svc, board, _ballot(manifest, kp, creds[0], 1, b"2").to_dict(), BallotRefused)


def test_copied_proof_onto_another_credential_is_refused(election) -> None:
    svc, board, manifest, kp, creds = election
    b = _ballot(manifest, kp, creds[0], 0).to_dict()
    b["credential"] = creds[1].public.hex()
    _refused(svc, board, b, SignatureError)


def test_ballot_with_forged_proof_refused(election) -> None:
    svc, board, manifest, kp, creds = election
    other = _ballot(manifest, kp, creds[0], 0, b"x")
    b = _ballot(manifest, kp, creds[0], 1, b"y").to_dict()
    b["selection"]["option_proofs"][0] = other.to_dict()["selection"]["option_proofs"][1]
    _refused(svc, board, b, (ProofError, SignatureError))


def test_unknown_credential_and_other_election_refused(election) -> None:
    svc, board, manifest, kp, creds = election
    stranger = make_credentials(manifest, 1, seed=b"stranger")[0]
    _refused(svc, board, _ballot(manifest, kp, stranger, 0).to_dict(), BallotRefused)
    b = _ballot(manifest, kp, creds[0], 0).to_dict()
    b["election"] = "ab" * 32
    _refused(svc, board, b, BallotRefused)


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b"[]", b'{"election": 1}', b"x" * (300 * 1024), '{"credential": "00"}'],
)
def test_malformed_input_refused(election, raw) -> None:
    svc, board, *_ = election
    _refused(svc, board, raw, InvalidObject)


def test_non_canonical_point_refused(election) -> None:
    svc, board, manifest, kp, creds = election
    b = _ballot(manifest, kp, creds[0], 0).to_dict()
    alpha = bytearray.fromhex(b["selection"]["ciphertexts"][0]["alpha"])
    alpha[31] |= 0x80  # bit 255 set: a second spelling of the same point
    b["selection"]["ciphertexts"][0]["alpha"] = alpha.hex()
    from tandau.crypto.errors import NonCanonicalPoint

    _refused(svc, board, b, NonCanonicalPoint)


class _Interleaving(Board):
    """A board on which another commission process acts once, just before our append."""

    def __init__(self, inner: Board, action) -> None:
        super().__init__(inner.store, inner.election, key=inner._key)
        self._action = action

    def append(self, type_, payload, *, expect_seq=None):
        action, self._action = self._action, None
        if action is not None:
            action()
        return super().append(type_, payload, expect_seq=expect_seq)

    def append_batch(self, known, decide):  # the casting path (group commit)
        action, self._action = self._action, None
        if action is not None:
            action()
        return super().append_batch(known, decide)


def test_close_by_another_process_between_check_and_append_refuses_ballot(election) -> None:
    _svc, board, manifest, kp, creds = election
    other = ElectionService(Board(board.store, board.election))
    racing = ElectionService(_Interleaving(board, other.close))
    size = board.size()
    with pytest.raises(BallotRefused):
        racing.cast(_ballot(manifest, kp, creds[0], 0).to_dict())
    assert board.size() == size + 1  # only the close was written
    assert next(iter(board.entries(size, size + 1))).type == ev.VOTING_CLOSED


def test_a_ballot_appended_by_another_worker_meanwhile_makes_ours_retry(election) -> None:
    _svc, board, manifest, kp, creds = election
    other = ElectionService(Board(board.store, board.election, key=board._key))
    theirs = _ballot(manifest, kp, creds[1], 1, b"theirs")
    racing = ElectionService(_Interleaving(board, lambda: other.cast(theirs.to_dict())))
    racing.sync()
    size = board.size()
    receipt = racing.cast(_ballot(manifest, kp, creds[0], 0, b"ours").to_dict())
    assert board.size() == size + 2 and receipt.seq == size + 1
    st = racing.state
    assert st.size == size + 2 and theirs.tracking_code in st.ballots_seen
    # The catching-up state equals a fresh replay of the board.
    fresh = ElectionService(Board(board.store, board.election)).sync()
    assert fresh.ballots_seen == st.ballots_seen


def test_the_same_ballot_cast_by_two_workers_at_once_is_stored_once(election) -> None:
    _svc, board, manifest, kp, creds = election
    ballot = _ballot(manifest, kp, creds[2], 0, b"twice")
    other = ElectionService(Board(board.store, board.election, key=board._key))
    racing = ElectionService(_Interleaving(board, lambda: other.cast(ballot.to_dict())))
    racing.sync()
    size = board.size()
    receipt = racing.cast(ballot.to_dict())
    assert board.size() == size + 1
    assert receipt.seq == size and receipt.tracking_code == ballot.tracking_code


def test_deeply_nested_json_is_refused_and_changes_nothing(election) -> None:
    svc, board, *_ = election
    size = board.size()
    with pytest.raises(InvalidObject):
        svc.cast("[" * 100_000 + "]" * 100_000)
    assert board.size() == size
