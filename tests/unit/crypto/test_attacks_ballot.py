"""Known attacks on ballots (protocol.md, "Known attacks"): each one is refused with a named error.

Ballot proofs are made and checked as in spec §5; the proof context is
H("ballot/context", fingerprint, K, X) for the voter's public credential X
(record spec §R4.2).  The forgers (``tests/forgeries.py``) are written out
apart from the code under test, as a malicious voting client would be: the
library's own prover refuses to lie.
"""

from __future__ import annotations

import hashlib

import pytest
from forgeries import encrypt_any, forge_range_proof

from tandau.crypto import sodium
from tandau.crypto.disjunctive import RangeProof, prove_range, verify_range
from tandau.crypto.dlog import DlogTable
from tandau.crypto.elgamal import (
    Ciphertext,
    KeyPair,
    PublicKey,
    encrypt,
    keygen,
    rerandomize,
    sum_ciphertexts,
)
from tandau.crypto.errors import (
    DecryptionError,
    IdentityPoint,
    NonCanonicalPoint,
    NonCanonicalScalar,
    ProofError,
)
from tandau.crypto.group import GENERATOR, IDENTITY, L, Point, Scalar, random_scalar
from tandau.crypto.hashing import hash_bytes
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.selection import (
    EncryptedSelection,
    SelectionRule,
    encrypt_selection,
    option_context,
    sum_context,
    verify_selection,
)

FINGERPRINT = hashlib.sha256(b"election demo-1").digest()
RULE = SelectionRule(3)
#: Seeds the key pair of the ``kp`` fixture (conftest.py).
KEY_SEED = b"joint-key"


def credential(seed: bytes) -> Point:
    return Point.base_mul(random_scalar(DeterministicRng(b"credential" + seed)))


def ballot_context(key: PublicKey, cred: Point, fingerprint: bytes = FINGERPRINT) -> bytes:
    return hash_bytes("ballot/context", fingerprint, key.point.data, cred.data)


def nonce(seed: bytes) -> Scalar:
    return random_scalar(DeterministicRng(b"nonce" + seed))


# --- Weak Fiat–Shamir (Bernhard, Pereira, Warinschi 2012) ---


def test_weak_fiat_shamir_forgery_is_refused(kp: KeyPair) -> None:
    """The Helios attack: commit first, get a challenge that ignores the statement,
    then solve for a ciphertext that satisfies the equations."""
    ctx = ballot_context(kp.public, credential(b"A"))
    k = kp.public.point
    w1, w2, s = nonce(b"w1"), nonce(b"w2"), nonce(b"s")
    a, b = Point.base_mul(w1), Point.base_mul(w2)
    # A weak challenge hashes the commitments only (no K, α, β, bounds).
    c = Scalar(int.from_bytes(hash_bytes("proof/range", ctx, a.data, b.data), "little") % L)
    # Choose the statement afterwards: α = c⁻¹(s·G − a), β = G + c⁻¹(s·K − b).
    alpha = c.inverse() * (Point.base_mul(s) - a)
    beta = GENERATOR + c.inverse() * (s * k - b)
    forged_ct, forged = Ciphertext(alpha, beta), RangeProof((c,), (s,))
    # The verification equations of §5.1 hold for the forged statement …
    assert Point.base_mul(s) - c * alpha == a
    assert s * k - c * (beta - GENERATOR) == b
    # … and the ciphertext is not an encryption of 1 (nor of anything small).
    with pytest.raises(DecryptionError):
        DlogTable.for_bound(100).solve(beta - kp.secret * alpha)
    # Strong Fiat–Shamir hashes K, α, β and the bounds, so the forgery fails.
    with pytest.raises(ProofError):
        verify_range(kp.public, forged_ct, forged, 1, 1, ctx)


def _proved_bit(kp: KeyPair, m: int) -> tuple[bytes, Ciphertext, RangeProof]:
    """Voter A's encryption of ``m`` (0 or 1) with its range proof, which verifies."""
    ctx = ballot_context(kp.public, credential(b"A"))
    r = nonce(b"r")
    ct = encrypt(kp.public, m, r)
    proof = prove_range(kp.public, ct, m, r, 0, 1, ctx, DeterministicRng(b"p"))
    verify_range(kp.public, ct, proof, 0, 1, ctx)
    return ctx, ct, proof


def test_proof_reused_for_other_key(kp: KeyPair) -> None:
    ctx, ct, proof = _proved_bit(kp, 1)
    other = keygen(DeterministicRng(b"other-key")).public
    with pytest.raises(ProofError):
        verify_range(other, ct, proof, 0, 1, ctx)


def test_proof_reused_for_other_ciphertext(kp: KeyPair) -> None:
    ctx, ct, proof = _proved_bit(kp, 1)
    for other in (
        encrypt(kp.public, 1, nonce(b"other")),
        rerandomize(kp.public, ct, nonce(b"rr")),
        Ciphertext(ct.alpha, ct.beta + GENERATOR),
    ):
        with pytest.raises(ProofError):
            verify_range(kp.public, other, proof, 0, 1, ctx)


def test_proof_reused_for_other_context(kp: KeyPair) -> None:
    ctx, ct, proof = _proved_bit(kp, 0)
    for other in (
        ballot_context(kp.public, credential(b"B")),
        ballot_context(kp.public, credential(b"A"), hashlib.sha256(b"election 2").digest()),
        option_context(ctx, 0),
        b"",
    ):
        with pytest.raises(ProofError):
            verify_range(kp.public, ct, proof, 0, 1, other)


# --- Ballot copying / replay ---


def test_copied_ballot_fails_under_another_voter(kp: KeyPair) -> None:
    ctx_a = ballot_context(kp.public, credential(b"A"))
    ctx_b = ballot_context(kp.public, credential(b"B"))
    sel, _ = encrypt_selection(kp.public, RULE, [0, 1, 0], ctx_a, DeterministicRng(b"A"))
    verify_selection(kp.public, RULE, sel, ctx_a)
    with pytest.raises(ProofError) as exc:
        verify_selection(kp.public, RULE, sel, ctx_b)
    assert exc.value.details["option"] == 0


def test_copied_ballot_with_only_sum_proof_redone_fails(kp: KeyPair) -> None:
    # Voter B copies A's ciphertexts and option proofs and adds a fresh sum
    # proof of its own (B cannot know A's nonces, so not even that is possible
    # honestly; even granting it, the option proofs name A).
    ctx_a = ballot_context(kp.public, credential(b"A"))
    ctx_b = ballot_context(kp.public, credential(b"B"))
    sel, opening = encrypt_selection(kp.public, RULE, [1, 0, 0], ctx_a, DeterministicRng(b"A"))
    total = sum_ciphertexts(list(sel.ciphertexts))
    r_total = Scalar(sum(r.value for r in opening.nonces) % L)
    sum_b = prove_range(
        kp.public, total, 1, r_total, 1, 1, sum_context(ctx_b), DeterministicRng(b"B")
    )
    copied = EncryptedSelection(sel.ciphertexts, sel.option_proofs, sum_b)
    with pytest.raises(ProofError, match="option proof"):
        verify_selection(kp.public, RULE, copied, ctx_b)


def test_rerandomised_copy_fails(kp: KeyPair) -> None:
    ctx_a = ballot_context(kp.public, credential(b"A"))
    sel, _ = encrypt_selection(kp.public, RULE, [0, 0, 1], ctx_a, DeterministicRng(b"A"))
    fresh = tuple(
        rerandomize(kp.public, ct, nonce(b"%d" % i)) for i, ct in enumerate(sel.ciphertexts)
    )
    disguised = EncryptedSelection(fresh, sel.option_proofs, sel.sum_proof)
    for ctx in (ctx_a, ballot_context(kp.public, credential(b"B"))):
        with pytest.raises(ProofError):
            verify_selection(kp.public, RULE, disguised, ctx)


# --- Invalid and non-canonical encodings ---


def ballot_dict(kp: KeyPair) -> dict[str, object]:
    ctx = ballot_context(kp.public, credential(b"A"))
    sel, _ = encrypt_selection(kp.public, RULE, [0, 1, 0], ctx, DeterministicRng(b"A"))
    return sel.to_dict()


def high_bit(p: Point) -> str:
    raw = p.data
    return (raw[:31] + bytes([raw[31] | 0x80])).hex()


@pytest.mark.parametrize(
    ("what", "encoding"),
    [
        ("non-canonical field element s = p", "ed" + "ff" * 30 + "7f"),
        ("non-canonical field element s = p + 6", "f3" + "ff" * 30 + "7f"),
        ("negative field element", "01" + "00" * 31),
        ("non-square x²", "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371"),
        ("negative xy", "3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e"),
        ("s = −1", "ec" + "ff" * 30 + "7f"),
        ("Ed25519 base point: Edwards, not ristretto", "58" + "66" * 31),
        ("G with bit 255 set", high_bit(GENERATOR)),
        ("identity with bit 255 set", "00" * 31 + "80"),
        ("upper-case hex of G", GENERATOR.hex().upper()),
        ("31 bytes", GENERATOR.hex()[:62]),
    ],
)
@pytest.mark.parametrize("field", ["alpha", "beta"])
def test_bad_point_encoding_in_ballot(kp: KeyPair, what: str, encoding: str, field: str) -> None:
    d = ballot_dict(kp)
    d["ciphertexts"][1][field] = encoding  # type: ignore[index]
    with pytest.raises(NonCanonicalPoint):
        EncryptedSelection.from_dict(d)


def test_high_bit_alias_would_denote_the_same_element(kp: KeyPair) -> None:
    # Why bit 255 matters: libsodium 1.0.18 decodes G|2^255 as G, so without our
    # check a third party could re-spell a stored ballot (changing its hash and
    # tracking code) while every proof still verified.
    alias = bytes.fromhex(high_bit(GENERATOR))
    assert sodium._valid(alias) == 1  # the raw libsodium call accepts it
    assert not sodium.is_valid_point(alias)
    with pytest.raises(NonCanonicalPoint):
        Point.from_bytes(alias)


def test_identity_public_key_refused() -> None:
    with pytest.raises(IdentityPoint):
        PublicKey(IDENTITY)
    with pytest.raises(IdentityPoint):
        PublicKey.from_hex("00" * 32)
    # Why: under K = identity, Enc(m; r) = (r·G, m·G) and anyone reads the vote.
    r = nonce(b"r")
    beta = r * IDENTITY + Point.base_mul(Scalar(1))
    assert DlogTable.for_bound(10).solve(beta) == 1


@pytest.mark.parametrize("where", ["option c", "option s", "sum c", "sum s"])
def test_scalar_not_reduced_mod_l(kp: KeyPair, where: str) -> None:
    d = ballot_dict(kp)
    part, field = where.split()
    proof = d["option_proofs"][0] if part == "option" else d["sum_proof"]  # type: ignore[index]
    original = Scalar.from_hex(proof[field][0])
    unreduced = original.value + L
    assert unreduced < 2**256  # it fits the 32 bytes of the wire form
    proof[field][0] = unreduced.to_bytes(32, "little").hex()
    # Reduced, it would be the very same proof: a second spelling.  Refused.
    assert Scalar(unreduced % L) == original
    with pytest.raises(NonCanonicalScalar):
        EncryptedSelection.from_dict(d)


# --- A vote of 2 or −1 for one option ---


def test_vote_of_two_and_minus_one_refused(kp: KeyPair) -> None:
    """2 for option 0 and −1 for option 1: the sum is still 1, so the sum proof
    is honest and verifies; the option proofs cannot."""
    ctx = ballot_context(kp.public, credential(b"M"))
    plain = [2, -1, 0]
    rs = [nonce(b"m%d" % i) for i in range(3)]
    cts = [encrypt_any(kp.public, m, r) for m, r in zip(plain, rs, strict=True)]
    assert cts[1].beta == rs[1] * kp.public.point - GENERATOR  # β = r·K − G
    rng = DeterministicRng(b"forger")
    claims = [1, 0, 0]  # the closest lie for each option
    proofs = tuple(
        forge_range_proof(kp.public, ct, r, claim, 0, 1, option_context(ctx, i), rng)
        for i, (ct, r, claim) in enumerate(zip(cts, rs, claims, strict=True))
    )
    total = sum_ciphertexts(cts)
    r_total = Scalar(sum(r.value for r in rs) % L)
    sum_proof = prove_range(kp.public, total, 1, r_total, 1, 1, sum_context(ctx), rng)
    verify_range(kp.public, total, sum_proof, 1, 1, sum_context(ctx))  # the sum really is 1
    forged = EncryptedSelection(tuple(cts), proofs, sum_proof)
    with pytest.raises(ProofError) as exc:
        verify_selection(kp.public, RULE, forged, ctx)
    assert exc.value.details["option"] == 0
    for i in (0, 1):
        with pytest.raises(ProofError):
            verify_range(kp.public, cts[i], proofs[i], 0, 1, option_context(ctx, i))
    verify_range(kp.public, cts[2], proofs[2], 0, 1, option_context(ctx, 2))  # the honest one
    # Had it counted, option 0 gains 2 and option 1 loses 1.
    assert DlogTable.for_bound(10).solve(cts[0].beta - kp.secret * cts[0].alpha) == 2
    with pytest.raises(DecryptionError):
        DlogTable.for_bound(10).solve(cts[1].beta - kp.secret * cts[1].alpha)


@pytest.mark.parametrize(("m", "claim"), [(2, 0), (2, 1), (-1, 0), (-1, 1), (L - 1, 1)])
def test_single_out_of_range_option_refused(kp: KeyPair, m: int, claim: int) -> None:
    ctx = option_context(ballot_context(kp.public, credential(b"M")), 0)
    r = nonce(b"x")
    ct = encrypt_any(kp.public, m, r)
    proof = forge_range_proof(kp.public, ct, r, claim, 0, 1, ctx, DeterministicRng(b"f"))
    with pytest.raises(ProofError):
        verify_range(kp.public, ct, proof, 0, 1, ctx)


def test_wider_honest_proof_for_a_two_refused(kp: KeyPair) -> None:
    # An honest proof that option 0 is in [0, 2] has three branches: not a 0-or-1 proof.
    ctx = ballot_context(kp.public, credential(b"M"))
    rs = [nonce(b"w%d" % i) for i in range(3)]
    cts = [encrypt(kp.public, m, r) for m, r in zip([2, 0, 0], rs, strict=True)]
    rng = DeterministicRng(b"w")
    proofs = [
        prove_range(kp.public, cts[0], 2, rs[0], 0, 2, option_context(ctx, 0), rng),
        *(
            prove_range(kp.public, cts[i], 0, rs[i], 0, 1, option_context(ctx, i), rng)
            for i in (1, 2)
        ),
    ]
    total = sum_ciphertexts(cts)
    r_total = Scalar(sum(r.value for r in rs) % L)
    sum_proof = forge_range_proof(kp.public, total, r_total, 1, 1, 1, sum_context(ctx), rng)
    forged = EncryptedSelection(tuple(cts), tuple(proofs), sum_proof)
    with pytest.raises(ProofError, match="wrong number of branches") as exc:
        verify_selection(kp.public, RULE, forged, ctx)
    assert exc.value.details["option"] == 0


# --- A sum of 2 (two options at 1) ---


def test_sum_of_two_refused(kp: KeyPair) -> None:
    ctx = ballot_context(kp.public, credential(b"S"))
    with pytest.raises(ValueError, match="sum"):
        encrypt_selection(kp.public, RULE, [1, 1, 0], ctx, DeterministicRng(b"S"))
    plain = [1, 1, 0]
    rs = [nonce(b"s%d" % i) for i in range(3)]
    cts = [encrypt(kp.public, m, r) for m, r in zip(plain, rs, strict=True)]
    rng = DeterministicRng(b"S")
    # Every option proof is honest: each option really is 0 or 1.
    proofs = tuple(
        prove_range(kp.public, ct, m, r, 0, 1, option_context(ctx, i), rng)
        for i, (ct, m, r) in enumerate(zip(cts, plain, rs, strict=True))
    )
    total = sum_ciphertexts(cts)
    r_total = Scalar(sum(r.value for r in rs) % L)
    # Forged "sum = 1", and an honest "sum = 2" passed off as the exact-sum proof.
    for sum_proof in (
        forge_range_proof(kp.public, total, r_total, 1, 1, 1, sum_context(ctx), rng),
        prove_range(kp.public, total, 2, r_total, 2, 2, sum_context(ctx), rng),
    ):
        forged = EncryptedSelection(tuple(cts), proofs, sum_proof)
        with pytest.raises(ProofError, match="sum proof does not verify"):
            verify_selection(kp.public, RULE, forged, ctx)
