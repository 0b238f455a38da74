"""Known attacks on the key ceremony and the decryption, each defeated (protocol brief).

Rogue trustee keys, decryption shares without valid proofs, challenges not
reduced mod ℓ, and weak Fiat–Shamir (a proof reused for another statement).
"""

import dataclasses
from typing import Any

import pytest

from tandau.crypto import sodium
from tandau.crypto.ceremony import (
    INVALID_DEALING,
    CeremonyParameters,
    Complaint,
    Dealing,
    TrusteeSetup,
    check_dealing,
    deal,
    dealing_context,
    finalize,
    receive,
    setup,
    trustee_share,
)
from tandau.crypto.chaum_pedersen import ChaumPedersenProof, verify_equality
from tandau.crypto.decryption import (
    DecryptionShare,
    TallyShare,
    combine,
    decrypt_totals,
    share_context,
    tally_share,
    verify_decryption_share,
)
from tandau.crypto.dlog import DlogTable
from tandau.crypto.elgamal import encrypt, sum_ciphertexts
from tandau.crypto.errors import (
    IdentityPoint,
    InvalidShare,
    NonCanonicalScalar,
    ProofError,
    SignatureError,
)
from tandau.crypto.group import (
    GENERATOR,
    IDENTITY,
    L,
    Point,
    Scalar,
    hash_to_point,
    hash_to_scalar,
    random_scalar,
)
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.schnorr import SchnorrProof, prove_knowledge, verify_knowledge
from tandau.crypto.sealed import TrusteeBoxKey
from tandau.crypto.signatures import Signature, sign, verify_signature

FP = b"\x07" * 32
PARAMS = CeremonyParameters(FP, 5, 3)


def setups() -> tuple[list[TrusteeSetup], list[TrusteeBoxKey]]:
    rng = DeterministicRng(b"attack-setup")
    pairs = [setup(j, f"T{j}", rng) for j in PARAMS.indices]
    return [s for s, _ in pairs], [k for _, k in pairs]


SETUPS, BOX_KEYS = setups()
HONEST = [deal(PARAMS, SETUPS, i, DeterministicRng(bytes([i])))[0] for i in (1, 2, 3, 4)]


def others_sum() -> bytes:
    acc = sodium.IDENTITY
    for d in HONEST:
        acc = sodium.add(acc, d.commitments[0].data)
    return acc


def rogue_dealing(c0: Point, proof: SchnorrProof) -> Dealing:
    # Trustee 5 publishes last, with its honest dealing's shape but a chosen C_0.
    base = deal(PARAMS, SETUPS, 5, DeterministicRng(b"rogue"))[0]
    return dataclasses.replace(base, commitments=(c0, *base.commitments[1:]), proof=proof)


def everyone_receives(dealings: list[Dealing]) -> list[Any]:
    return [receive(PARAMS, j, BOX_KEYS[j - 1], SETUPS, dealings) for j in PARAMS.indices]


# --- rogue keys ---


def test_identity_key_contribution_is_refused() -> None:
    forged = SchnorrProof(Scalar(1), Scalar(1))
    rogue = rogue_dealing(IDENTITY, forged)
    with pytest.raises(IdentityPoint):
        check_dealing(PARAMS, rogue)
    got = everyone_receives([*HONEST, rogue])
    assert all(Complaint(5, j, INVALID_DEALING) in r.complaints for j, (r, _) in enumerate(got, 1))
    result = finalize(PARAMS, [*HONEST, rogue], [r for r, _ in got])
    assert result.qualified == (1, 2, 3, 4)
    assert result.joint_key.point.data == others_sum()


def test_key_cancelling_the_others_is_refused() -> None:
    # K_evil = x·G − Σ others would make the joint key x·G, known to the attacker alone.
    x = random_scalar(DeterministicRng(b"evil"))
    evil = Point.trusted(sodium.sub(sodium.base_mul(x.value), others_sum()))
    target = Point.base_mul(x)
    context = dealing_context(FP, 5, (evil,))
    # The attacker knows log(x·G) but not log(K_evil); every proof it can make fails.
    attempts = [
        prove_knowledge(x, target, context, DeterministicRng(b"p")),  # proof for x·G
        HONEST[0].proof,  # someone else's proof
        SchnorrProof(Scalar(0), Scalar(0)),
    ]
    dealings: list[Dealing] = []
    for proof in attempts:
        rogue = rogue_dealing(evil, proof)
        with pytest.raises(ProofError):
            check_dealing(PARAMS, rogue)
        dealings = [*HONEST, rogue]
    # Without the check the joint key would be the attacker's; with it, the rogue is excluded.
    assert sodium.add(others_sum(), evil.data) == target.data
    result = finalize(PARAMS, dealings, [r for r, _ in everyone_receives(dealings)])
    assert result.qualified == (1, 2, 3, 4)
    assert result.joint_key.point != target


def test_copying_another_dealers_key_and_proof_is_refused() -> None:
    # Same C_0 and proof under index 5: the context binds the dealer's index.
    copy = rogue_dealing(HONEST[0].commitments[0], HONEST[0].proof)
    copy = dataclasses.replace(copy, commitments=HONEST[0].commitments)
    with pytest.raises(ProofError):
        check_dealing(PARAMS, copy)


def test_dealing_replayed_from_another_election_is_refused() -> None:
    other = CeremonyParameters(b"\x08" * 32, 5, 3)
    with pytest.raises(ProofError):
        check_dealing(other, HONEST[0])


# --- decryption shares without a valid proof ---


def election() -> tuple[Any, list[Any], list[Any]]:
    dealings = [*HONEST, deal(PARAMS, SETUPS, 5, DeterministicRng(b"5"))[0]]
    got = everyone_receives(dealings)
    result = finalize(PARAMS, dealings, [r for r, _ in got])
    keys = [trustee_share(PARAMS, result, dealings, s) for _, s in got]
    rng = DeterministicRng(b"ballots")
    votes = [[1, 0], [1, 0], [0, 1]]
    cts = [
        sum_ciphertexts([encrypt(result.joint_key, v[k], random_scalar(rng)) for v in votes])
        for k in range(2)
    ]
    return result, keys, cts


RESULT, KEYS, CTS = election()
VKS = RESULT.verification_key_map()


def test_share_with_a_wrong_factor_and_a_reused_proof_is_named_and_skipped() -> None:
    rng = DeterministicRng(b"s")
    shares = [tally_share(KEYS[j - 1], CTS, FP, rng) for j in (1, 2, 3, 4)]
    # Trustee 1 shifts its factor to move one vote, keeping its old proofs.
    honest = shares[0].shares[0]
    cheat = DecryptionShare(1, honest.factor - GENERATOR, honest.proof)
    shares[0] = TallyShare(1, (cheat, shares[0].shares[1]))
    combo = combine(CTS, shares, VKS, 3, FP)
    assert combo.skipped_trustees == (1,)
    assert "trustee 1" in combo.skipped[0][1]
    assert decrypt_totals(CTS, combo, DlogTable.for_bound(10)) == (2, 1)


def test_share_with_a_random_proof_is_skipped() -> None:
    rng = DeterministicRng(b"s")
    shares = [tally_share(KEYS[j - 1], CTS, FP, rng) for j in (2, 3, 4)]
    junk = ChaumPedersenProof(Scalar(123), Scalar(456))
    s = shares[0]
    shares[0] = TallyShare(2, tuple(dataclasses.replace(d, proof=junk) for d in s.shares))
    combo = combine(CTS, [*shares, tally_share(KEYS[4], CTS, FP, rng)], VKS, 3, FP)
    assert combo.skipped_trustees == (2,) and combo.used == (3, 4, 5)


def test_weak_fiat_shamir_forgery_of_a_decryption_share_fails() -> None:
    # Helios' flaw (Bernhard–Pereira–Warinschi 2012): with c = H(a, b) only, a trustee
    # fixes a, b, gets c, then solves for a false factor D' = c⁻¹·(s·α − b).
    key, alpha = KEYS[0], CTS[0].alpha
    w, u = 1234567, 7654321
    a = sodium.base_mul(w)
    b = sodium.mul(u, alpha.data)
    c = hash_to_scalar("weak/cp", a, b).value
    s = (w + c * key.secret.value) % L
    d_false = sodium.mul((s - u) * pow(c, -1, L) % L, alpha.data)
    assert d_false != sodium.mul(key.secret.value, alpha.data)
    # The weak verifier's equations hold for the false factor …
    assert sodium.sub(sodium.base_mul(s), sodium.mul(c, VKS[1].data)) == a
    assert sodium.sub(sodium.mul(s, alpha.data), sodium.mul(c, d_false)) == b
    # … but ours hashes the statement (G, α, Y, D) and the context, so it fails.
    forged = DecryptionShare(1, Point.trusted(d_false), ChaumPedersenProof(Scalar(c), Scalar(s)))
    with pytest.raises(InvalidShare):
        verify_decryption_share(forged, CTS[0], VKS[1], FP, 0)


def test_weak_fiat_shamir_schnorr_for_unknown_log_fails() -> None:
    # With c = H(T, context) only, anyone "proves" knowledge of X = c⁻¹·(s·G − T)
    # for a T of unknown log — so X's log is unknown too.  Hashing X stops it.
    t = hash_to_point("attack/unknown-log")
    c = hash_to_scalar("weak/schnorr", t.data, b"ctx").value
    s = 42
    x_point = sodium.mul(pow(c, -1, L), sodium.sub(sodium.base_mul(s), t.data))
    assert sodium.sub(sodium.base_mul(s), sodium.mul(c, x_point)) == t.data
    with pytest.raises(ProofError):
        verify_knowledge(Point(x_point), SchnorrProof(Scalar(c), Scalar(s)), b"ctx")


def test_same_proof_for_another_statement_fails() -> None:
    share = tally_share(KEYS[0], CTS, FP, DeterministicRng(b"s")).shares[0]
    verify_equality(GENERATOR, CTS[0].alpha, VKS[1], share.factor, share.proof,
                    share_context(FP, 1, 0))  # fmt: skip
    changed = [
        (GENERATOR, CTS[0].alpha, VKS[2], share.factor, share_context(FP, 1, 0)),  # key
        (GENERATOR, CTS[1].alpha, VKS[1], share.factor, share_context(FP, 1, 0)),  # ciphertext
        (GENERATOR, CTS[0].alpha, VKS[1], share.factor, share_context(FP, 1, 1)),  # position
        (GENERATOR, CTS[0].alpha, VKS[1], share.factor, share_context(b"x" * 32, 1, 0)),
    ]
    for g1, g2, y, d, ctx in changed:
        with pytest.raises(ProofError):
            verify_equality(g1, g2, y, d, share.proof, ctx)
    x = random_scalar(DeterministicRng(b"voter"))
    sig = sign(x, b"ballot", DeterministicRng(b"n"))
    with pytest.raises(SignatureError, match="does not verify"):
        verify_signature(Point.base_mul(x + Scalar(1)), b"ballot", sig)


# --- challenges not reduced mod ℓ ---


def unreduced(d: dict[str, str], field: str) -> dict[str, str]:
    value = int.from_bytes(bytes.fromhex(d[field]), "little") + L
    assert value < 2**256  # still 32 bytes: only the range check can catch it
    return dict(d, **{field: value.to_bytes(32, "little").hex()})


def test_unreduced_challenge_in_a_dealing_is_refused() -> None:
    d = HONEST[0].to_dict()
    d["proof"] = unreduced(d["proof"], "c")
    with pytest.raises(NonCanonicalScalar):
        Dealing.from_dict(d)


def test_unreduced_challenge_in_a_tally_share_is_refused() -> None:
    d = tally_share(KEYS[0], CTS, FP, DeterministicRng(b"s")).to_dict()
    d["proofs"][1] = unreduced(d["proofs"][1], "c")
    with pytest.raises(NonCanonicalScalar):
        TallyShare.from_dict(d)


def test_unreduced_challenge_in_a_signature_is_refused() -> None:
    sig = sign(Scalar(5), b"m", DeterministicRng(b"n"))
    with pytest.raises(NonCanonicalScalar):
        Signature.from_dict(unreduced(sig.to_dict(), "c"))
    with pytest.raises(NonCanonicalScalar):
        Scalar(sig.challenge.value + L)
