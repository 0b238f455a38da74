"""Schnorr proof of knowledge (spec §4.1)."""

import pytest
from strategies import seeded_keypair

from tandau.crypto import sodium
from tandau.crypto.errors import EncodingError, IdentityPoint, NonCanonicalScalar, ProofError
from tandau.crypto.group import GENERATOR, IDENTITY, L, Scalar
from tandau.crypto.hashing import hash_bytes
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.schnorr import (
    SchnorrProof,
    prove_knowledge,
    schnorr_challenge,
    verify_knowledge,
)

CTX = b"election-fingerprint|trustee-1"


def test_honest_proof_verifies() -> None:
    x, X = seeded_keypair(b"k")
    proof = prove_knowledge(x, X, CTX, DeterministicRng(b"r"))
    verify_knowledge(X, proof, CTX)


def test_equations_hold() -> None:
    # T = s·G − c·X must be the commitment that was hashed into c.
    x, X = seeded_keypair(b"k")
    proof = prove_knowledge(x, X, CTX, DeterministicRng(b"r"))
    c, s = proof.challenge.value, proof.response.value
    t = sodium.sub(sodium.base_mul(s), sodium.mul(c, X.data))
    assert schnorr_challenge(X.data, t, CTX) == c
    # The hash is the tagged SHA-512 of (X, T, context), reduced mod ℓ.
    digest = hash_bytes("proof/schnorr", X.data, t, CTX)
    assert int.from_bytes(digest, "little") % L == c


def test_proofs_are_randomised() -> None:
    x, X = seeded_keypair(b"k")
    p1 = prove_knowledge(x, X, CTX, DeterministicRng(b"r1"))
    p2 = prove_knowledge(x, X, CTX, DeterministicRng(b"r2"))
    assert p1 != p2
    verify_knowledge(X, p2, CTX)


def test_other_context_fails() -> None:
    x, X = seeded_keypair(b"k")
    proof = prove_knowledge(x, X, CTX, DeterministicRng(b"r"))
    with pytest.raises(ProofError):
        verify_knowledge(X, proof, CTX + b"!")


def test_other_key_fails() -> None:
    x, X = seeded_keypair(b"k")
    _, Y = seeded_keypair(b"other")
    proof = prove_knowledge(x, X, CTX, DeterministicRng(b"r"))
    with pytest.raises(ProofError):
        verify_knowledge(Y, proof, CTX)


@pytest.mark.parametrize("field", ["challenge", "response"])
def test_tampered_scalar_fails(field: str) -> None:
    x, X = seeded_keypair(b"k")
    proof = prove_knowledge(x, X, CTX, DeterministicRng(b"r"))
    c, s = proof.challenge, proof.response
    one = Scalar(1)
    bad = SchnorrProof(c + one, s) if field == "challenge" else SchnorrProof(c, s + one)
    with pytest.raises(ProofError):
        verify_knowledge(X, bad, CTX)


def test_identity_statement_refused() -> None:
    with pytest.raises(IdentityPoint):
        prove_knowledge(Scalar(0), IDENTITY, CTX, DeterministicRng(b"r"))
    # Everyone knows log 0 of the identity, so a verifier refuses it before any hashing.
    fake = SchnorrProof(Scalar(1), Scalar(1))
    with pytest.raises(IdentityPoint):
        verify_knowledge(IDENTITY, fake, CTX)


def test_prover_refuses_wrong_witness() -> None:
    x, _ = seeded_keypair(b"k")
    with pytest.raises(ValueError, match="logarithm"):
        prove_knowledge(x, GENERATOR, CTX, DeterministicRng(b"r"))


def test_dict_round_trip() -> None:
    x, X = seeded_keypair(b"k")
    proof = prove_knowledge(x, X, CTX, DeterministicRng(b"r"))
    d = proof.to_dict()
    assert set(d) == {"c", "s"} and all(len(v) == 64 for v in d.values())
    assert SchnorrProof.from_dict(d) == proof


@pytest.mark.parametrize(
    "bad",
    [None, [], {"c": "00" * 32}, {"c": "00" * 32, "s": "00" * 32, "x": 1}],
)
def test_from_dict_refuses_bad_shapes(bad: object) -> None:
    with pytest.raises(EncodingError):
        SchnorrProof.from_dict(bad)


def test_from_dict_refuses_unreduced_scalar() -> None:
    x, X = seeded_keypair(b"k")
    proof = prove_knowledge(x, X, CTX, DeterministicRng(b"r"))
    d = proof.to_dict()
    d["s"] = (proof.response.value + L).to_bytes(32, "little").hex()
    with pytest.raises(NonCanonicalScalar):
        SchnorrProof.from_dict(d)
