"""The threshold key ceremony, step by step (spec §6)."""

import dataclasses
import itertools
import json
from typing import Any

import pytest

from tandau.crypto import sodium
from tandau.crypto.ceremony import (
    BOX_LENGTH,
    INVALID_DEALING,
    INVALID_SHARE,
    UNOPENABLE_SHARE,
    CeremonyParameters,
    CeremonyResult,
    Complaint,
    DealerSecret,
    Dealing,
    ReceivedShares,
    Response,
    Reveal,
    TrusteeSetup,
    TrusteeShare,
    check_dealing,
    deal,
    dealing_context,
    finalize,
    qualified_dealers,
    receive,
    resolve_complaint,
    reveal_share,
    setup,
    trustee_share,
    verify_result,
)
from tandau.crypto.errors import (
    CeremonyError,
    EncodingError,
    NonCanonicalPoint,
    NonCanonicalScalar,
    ProofError,
)
from tandau.crypto.group import L, Point, Scalar
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.schnorr import verify_knowledge
from tandau.crypto.sealed import TrusteeBoxKey, seal
from tandau.crypto.sharing import evaluate, lagrange_at_zero

FP = bytes(range(32))


@dataclasses.dataclass
class Run:
    params: CeremonyParameters
    setups: list[TrusteeSetup]
    box_keys: list[TrusteeBoxKey]
    dealings: list[Dealing]
    secrets: list[DealerSecret]


def start(n: int = 5, t: int = 3, seed: bytes = b"ceremony") -> Run:
    rng = DeterministicRng(seed)
    params = CeremonyParameters(FP, n, t)
    pairs = [setup(j, f"Trustee {j}", rng) for j in params.indices]
    setups = [s for s, _ in pairs]
    dealt = [deal(params, setups, i, rng) for i in params.indices]
    return Run(params, setups, [k for _, k in pairs], [d for d, _ in dealt], [s for _, s in dealt])


def receive_all(run: Run) -> tuple[list[Response], list[ReceivedShares]]:
    out = [
        receive(run.params, j, run.box_keys[j - 1], run.setups, run.dealings)
        for j in run.params.indices
    ]
    return [r for r, _ in out], [s for _, s in out]


def with_box(run: Run, dealer: int, recipient: int, box: bytes) -> None:
    d = run.dealings[dealer - 1]
    boxes = list(d.boxes)
    boxes[recipient - 1] = box
    run.dealings[dealer - 1] = dataclasses.replace(d, boxes=tuple(boxes))


def sealed_scalar(run: Run, recipient: int, value: Scalar) -> bytes:
    return seal(run.setups[recipient - 1].box_key, value.to_bytes(), DeterministicRng(b"x"))


# --- §6.1 parameters and setup ---


@pytest.mark.parametrize(
    "fp,n,t", [(FP, 3, 0), (FP, 3, 4), (FP, 0, 1), (FP[:31], 3, 2), (FP, 256, 2), (FP, 3, True)]
)
def test_parameters_refuse_bad_values(fp: bytes, n: int, t: int) -> None:
    with pytest.raises(CeremonyError):
        CeremonyParameters(fp, n, t)


def test_setups_must_cover_every_trustee_in_order() -> None:
    run = start(3, 2)
    with pytest.raises(CeremonyError, match="one setup per trustee"):
        deal(run.params, run.setups[::-1], 1, DeterministicRng(b"d"))
    with pytest.raises(CeremonyError):
        deal(run.params, run.setups[:2], 1, DeterministicRng(b"d"))
    with pytest.raises(CeremonyError):
        TrusteeSetup(1, "", run.setups[0].box_key)


# --- §6.2 dealing ---


def test_dealing_shape_and_proof() -> None:
    run = start()
    d = run.dealings[1]
    assert d.dealer == 2
    assert len(d.commitments) == 3
    assert len(d.boxes) == 5 and all(len(b) == BOX_LENGTH for b in d.boxes)
    check_dealing(run.params, d)
    verify_knowledge(d.commitments[0], d.proof, dealing_context(FP, 2, d.commitments))
    # The commitments are the dealer's coefficients times G.
    assert d.commitments == tuple(Point.base_mul(a) for a in run.secrets[1].coefficients)


def test_each_box_holds_the_recipients_share() -> None:
    run = start()
    d, secret = run.dealings[0], run.secrets[0]
    for j in run.params.indices:
        share = Scalar.from_bytes(run.box_keys[j - 1].open(d.boxes[j - 1]))
        assert share == evaluate(secret.coefficients, j)


def test_dealing_is_reproducible_from_its_rng() -> None:
    a, b = start(seed=b"same"), start(seed=b"same")
    assert a.dealings == b.dealings
    assert start(seed=b"other").dealings != a.dealings


def test_check_dealing_refuses_wrong_shapes() -> None:
    run = start()
    d = run.dealings[0]
    with pytest.raises(CeremonyError, match="commitments"):
        check_dealing(run.params, dataclasses.replace(d, commitments=d.commitments[:2]))
    with pytest.raises(CeremonyError, match="one share per trustee"):
        check_dealing(run.params, dataclasses.replace(d, boxes=d.boxes[:4]))
    with pytest.raises(CeremonyError):
        check_dealing(run.params, dataclasses.replace(d, dealer=6))
    # Moving a dealing to another dealer's index breaks its proof's context.
    with pytest.raises(ProofError):
        check_dealing(run.params, dataclasses.replace(d, dealer=2))


def test_proof_is_bound_to_the_election() -> None:
    run = start()
    other = CeremonyParameters(bytes(32), 5, 3)
    with pytest.raises(ProofError):
        check_dealing(other, run.dealings[0])


# --- §6.3 receiving ---


def test_honest_ceremony_everyone_accepts() -> None:
    run = start()
    responses, received = receive_all(run)
    for j, (r, s) in enumerate(zip(responses, received, strict=True), start=1):
        assert r.recipient == j and r.accepted == (1, 2, 3, 4, 5) and r.complaints == ()
        assert [i for i, _ in s.shares] == [1, 2, 3, 4, 5]


def test_receive_refuses_the_wrong_box_key() -> None:
    run = start()
    with pytest.raises(CeremonyError, match="not trustee 2"):
        receive(run.params, 2, run.box_keys[0], run.setups, run.dealings)


def test_receive_refuses_duplicate_dealings() -> None:
    run = start()
    with pytest.raises(CeremonyError, match="two dealings"):
        receive(run.params, 1, run.box_keys[0], run.setups, [*run.dealings, run.dealings[0]])


def test_wrong_share_gives_a_complaint_naming_the_dealer() -> None:
    run = start()
    with_box(run, 2, 3, sealed_scalar(run, 3, Scalar(12345)))
    response, received = receive(run.params, 3, run.box_keys[2], run.setups, run.dealings)
    assert response.complaints == (Complaint(2, 3, INVALID_SHARE),)
    assert response.accepted == (1, 3, 4, 5)
    assert received.get(2) is None


def test_unopenable_box_gives_a_complaint() -> None:
    run = start()
    with_box(run, 4, 1, bytes(BOX_LENGTH))
    response, _ = receive(run.params, 1, run.box_keys[0], run.setups, run.dealings)
    assert response.complaints == (Complaint(4, 1, UNOPENABLE_SHARE),)


def test_non_canonical_scalar_in_box_gives_a_complaint() -> None:
    run = start()
    box = seal(run.setups[0].box_key, (L + 1).to_bytes(32, "little"), DeterministicRng(b"x"))
    with_box(run, 4, 1, box)
    response, _ = receive(run.params, 1, run.box_keys[0], run.setups, run.dealings)
    assert response.complaints == (Complaint(4, 1, UNOPENABLE_SHARE),)


def test_invalid_dealing_gives_a_complaint_from_everyone() -> None:
    run = start()
    d = run.dealings[4]
    run.dealings[4] = dataclasses.replace(d, proof=run.dealings[3].proof)
    responses, _ = receive_all(run)
    assert all(r.complaints == (Complaint(5, r.recipient, INVALID_DEALING),) for r in responses)


# --- §6.4 complaint resolution ---


def test_false_complaint_is_rejected_by_a_valid_reveal() -> None:
    run = start()
    responses, received = receive_all(run)
    # Trustee 3 accuses honest dealer 2 anyway.
    false = Complaint(2, 3, INVALID_SHARE)
    responses[2] = Response(3, (1, 3, 4, 5), (false,))
    received[2] = dataclasses.replace(
        received[2], shares=tuple(p for p in received[2].shares if p[0] != 2)
    )
    reveal = reveal_share(run.params, run.secrets[1], false)
    resolution = resolve_complaint(run.params, run.dealings[1], false, [reveal])
    assert not resolution.upheld and resolution.reason == "revealed_share_valid"
    result = finalize(run.params, run.dealings, responses, [reveal])
    assert result.qualified == (1, 2, 3, 4, 5)
    # Trustee 3 takes dealer 2's share from the public reveal.
    share = trustee_share(run.params, result, run.dealings, received[2], [reveal])
    assert Point.base_mul(share.secret) == result.verification_key(3)
    with pytest.raises(CeremonyError, match="no valid share from qualified dealer 2"):
        trustee_share(run.params, result, run.dealings, received[2], [])


def test_cheating_dealer_who_reveals_the_correct_share_stays_qualified() -> None:
    run = start()
    with_box(run, 2, 3, sealed_scalar(run, 3, Scalar(1)))
    responses, received = receive_all(run)
    (complaint,) = responses[2].complaints
    reveal = reveal_share(run.params, run.secrets[1], complaint)
    assert reveal.share == evaluate(run.secrets[1].coefficients, 3)
    result = finalize(run.params, run.dealings, responses, [reveal])
    assert 2 in result.qualified
    share = trustee_share(run.params, result, run.dealings, received[2], [reveal])
    assert Point.base_mul(share.secret) == result.verification_key(3)


def test_silent_or_lying_dealer_is_disqualified() -> None:
    run = start()
    with_box(run, 2, 3, sealed_scalar(run, 3, Scalar(1)))
    responses, _ = receive_all(run)
    (complaint,) = responses[2].complaints
    silent = resolve_complaint(run.params, run.dealings[1], complaint, [])
    assert silent.upheld and silent.reason == "not_revealed"
    lie = Reveal(2, 3, Scalar(1))
    lying = resolve_complaint(run.params, run.dealings[1], complaint, [lie])
    assert lying.upheld and lying.reason == "revealed_share_invalid"
    # A reveal for another recipient does not answer this complaint.
    elsewhere = reveal_share(run.params, run.secrets[1], Complaint(2, 4, INVALID_SHARE))
    assert resolve_complaint(run.params, run.dealings[1], complaint, [elsewhere]).upheld
    result = finalize(run.params, run.dealings, responses, [lie])
    assert result.qualified == (1, 3, 4, 5)
    expected = sodium.IDENTITY
    for i in (1, 3, 4, 5):
        expected = sodium.add(expected, run.dealings[i - 1].commitments[0].data)
    assert result.joint_key.point.data == expected


def test_any_valid_reveal_answers_a_complaint() -> None:
    # The board is append-only: a wrong reveal followed by the right one still settles it.
    run = start()
    c = Complaint(2, 3, INVALID_SHARE)
    right = reveal_share(run.params, run.secrets[1], c)
    wrong = Reveal(2, 3, right.share + Scalar(1))
    assert not resolve_complaint(run.params, run.dealings[1], c, [wrong, right]).upheld


def test_complaint_against_missing_or_invalid_dealing_is_upheld() -> None:
    run = start()
    c = Complaint(2, 3, INVALID_DEALING)
    assert resolve_complaint(run.params, None, c).reason == "no_dealing"
    bad = dataclasses.replace(run.dealings[1], proof=run.dealings[0].proof)
    assert resolve_complaint(run.params, bad, c).reason == INVALID_DEALING
    with pytest.raises(CeremonyError):
        resolve_complaint(run.params, run.dealings[0], c)


def test_reveal_only_for_own_complaints() -> None:
    run = start()
    with pytest.raises(CeremonyError, match="another dealer"):
        reveal_share(run.params, run.secrets[0], Complaint(2, 3, INVALID_SHARE))


def test_absent_dealer_is_not_qualified() -> None:
    run = start()
    run.dealings = run.dealings[:4]
    responses, _ = receive_all(run)
    assert qualified_dealers(run.params, run.dealings, responses) == (1, 2, 3, 4)


def test_duplicate_responses_refused() -> None:
    run = start()
    responses, _ = receive_all(run)
    with pytest.raises(CeremonyError, match="two responses"):
        qualified_dealers(run.params, run.dealings, [*responses, responses[0]])


# --- §6.5 joint key and key shares ---


def test_joint_key_and_key_shares() -> None:
    run = start()
    responses, received = receive_all(run)
    result = finalize(run.params, run.dealings, responses)
    joint_secret = sum(s.coefficients[0].value for s in run.secrets) % L
    assert result.joint_key.point == Point.base_mul(Scalar(joint_secret))
    shares = [trustee_share(run.params, result, run.dealings, r) for r in received]
    for share in shares:
        assert Point.base_mul(share.secret) == result.verification_key(share.index)
    for subset in itertools.combinations(range(1, 6), 3):
        lam = lagrange_at_zero(subset)
        assert sum(lam[j].value * shares[j - 1].secret.value for j in subset) % L == joint_secret


def test_one_of_one() -> None:
    run = start(1, 1)
    responses, received = receive_all(run)
    result = finalize(run.params, run.dealings, responses)
    share = trustee_share(run.params, result, run.dealings, received[0])
    assert share.secret == run.secrets[0].coefficients[0]


def test_finalize_needs_t_qualified_dealers() -> None:
    run = start(5, 3)
    run.dealings = run.dealings[:2]
    responses, _ = receive_all(run)
    with pytest.raises(CeremonyError, match="fewer than t = 3"):
        finalize(run.params, run.dealings, responses)


def test_trustee_share_checks_the_verification_key() -> None:
    run = start()
    responses, received = receive_all(run)
    result = finalize(run.params, run.dealings, responses)
    tampered = dataclasses.replace(received[0], shares=((1, Scalar(5)), *received[0].shares[1:]))
    with pytest.raises(CeremonyError, match="verification key"):
        trustee_share(run.params, result, run.dealings, tampered)


def test_verify_result_recomputes_everything() -> None:
    run = start()
    responses, _ = receive_all(run)
    result = finalize(run.params, run.dealings, responses)
    verify_result(run.params, run.dealings, responses, [], result)
    elsewhere = start(seed=b"other")
    other = finalize(elsewhere.params, elsewhere.dealings, [])
    for bad in (
        dataclasses.replace(result, joint_key=other.joint_key),
        dataclasses.replace(result, qualified=(1, 2, 3, 4)),
        dataclasses.replace(result, verification_keys=other.verification_keys),
    ):
        with pytest.raises(CeremonyError):
            verify_result(run.params, run.dealings, responses, [], bad)


# --- wire forms ---


def json_round_trip(obj: Any) -> Any:
    return type(obj).from_dict(json.loads(json.dumps(obj.to_dict())))


def test_every_wire_type_round_trips() -> None:
    run = start()
    with_box(run, 2, 3, sealed_scalar(run, 3, Scalar(1)))
    responses, received = receive_all(run)
    reveal = reveal_share(run.params, run.secrets[1], responses[2].complaints[0])
    result = finalize(run.params, run.dealings, responses, [reveal])
    share = trustee_share(run.params, result, run.dealings, received[0])
    objects = [
        run.params,
        run.setups[0],
        run.dealings[0],
        run.secrets[0],
        responses[2],
        received[0],
        reveal,
        result,
        share,
    ]
    for obj in objects:
        assert json_round_trip(obj) == obj
    assert result.to_dict()["verification_keys"].keys() == {"1", "2", "3", "4", "5"}


def test_secrets_never_print() -> None:
    run = start()
    _, received = receive_all(run)
    secret_hex = run.secrets[0].coefficients[0].hex()
    assert secret_hex not in repr(run.secrets[0])
    assert received[0].shares[0][1].hex() not in repr(received[0])
    share = TrusteeShare(1, Scalar(99))
    assert "99" not in repr(share)


def dealing_dict(run: Run) -> dict[str, Any]:
    return run.dealings[0].to_dict()


@pytest.mark.parametrize(
    "mutate,error",
    [
        (lambda d: d.update(commitments=["ff" * 32, *d["commitments"][1:]]), NonCanonicalPoint),
        (lambda d: d.update(commitments="00" * 32), EncodingError),
        (lambda d: d["proof"].update(s=(L + 1).to_bytes(32, "little").hex()), NonCanonicalScalar),
        (lambda d: d.update(dealer=True), EncodingError),
        (lambda d: d.update(dealer=0), EncodingError),
        (lambda d: d.update(shares=[s[:-2] for s in d["shares"]]), EncodingError),
        (lambda d: d.update(shares=["zz" * BOX_LENGTH]), EncodingError),
        (lambda d: d.update(shares=[s.upper() for s in d["shares"]]), EncodingError),
        (lambda d: d.update(extra=1), EncodingError),
        (lambda d: d.pop("proof"), EncodingError),
    ],
)
def test_dealing_from_dict_refuses_bad_input(mutate: Any, error: type[Exception]) -> None:
    d = dealing_dict(start(3, 2))
    mutate(d)
    with pytest.raises(error):
        Dealing.from_dict(d)


@pytest.mark.parametrize(
    "d",
    [
        {"recipient": 1, "accepted": [2, 1], "complaints": []},
        {"recipient": 1, "accepted": [1], "complaints": [{"dealer": 1, "reason": "invalid_share"}]},
        {"recipient": 1, "accepted": [], "complaints": [{"dealer": 2, "reason": "dislike"}]},
        {"recipient": 1, "accepted": [], "complaints": [{"dealer": 2}]},
        {"recipient": "1", "accepted": [], "complaints": []},
        {"recipient": 1, "accepted": [1.0], "complaints": []},
    ],
)
def test_response_from_dict_refuses_bad_input(d: dict[str, Any]) -> None:
    with pytest.raises(EncodingError):
        Response.from_dict(d)


@pytest.mark.parametrize("key", ["01", "+1", " 1", "0", "1.0", "256", "١"])
def test_index_keys_must_be_canonical_decimal(key: str) -> None:
    run = start(1, 1)
    responses, _ = receive_all(run)
    d = finalize(run.params, run.dealings, responses).to_dict()
    d["verification_keys"] = {key: d["verification_keys"]["1"]}
    with pytest.raises(EncodingError):
        CeremonyResult.from_dict(d)


def test_result_from_dict_needs_every_verification_key() -> None:
    run = start(3, 2)
    responses, _ = receive_all(run)
    d = finalize(run.params, run.dealings, responses).to_dict()
    del d["verification_keys"]["2"]
    with pytest.raises(EncodingError, match="each trustee"):
        CeremonyResult.from_dict(d)
