"""Chaum–Pedersen proof of equal discrete logs (spec §4.2)."""

import pytest

from tandau.crypto import sodium
from tandau.crypto.chaum_pedersen import (
    ChaumPedersenProof,
    chaum_pedersen_challenge,
    prove_equality,
    verify_equality,
)
from tandau.crypto.errors import EncodingError, IdentityPoint, NonCanonicalScalar, ProofError
from tandau.crypto.group import GENERATOR, IDENTITY, L, Point, Scalar, hash_to_point, random_scalar
from tandau.crypto.rng import DeterministicRng

CTX = b"ctx"


def statement(
    seed: bytes = b"s", g1: Point = GENERATOR
) -> tuple[Scalar, Point, Point, Point, Point]:
    x = random_scalar(DeterministicRng(seed))
    g2 = hash_to_point("test/base", seed)
    return x, g1, g2, x * g1, x * g2


def test_honest_proof_verifies_with_generator() -> None:
    x, g1, g2, a, b = statement()
    proof = prove_equality(x, g1, g2, a, b, CTX, DeterministicRng(b"r"))
    verify_equality(g1, g2, a, b, proof, CTX)


def test_honest_proof_verifies_with_general_bases() -> None:
    x, g1, g2, a, b = statement(g1=hash_to_point("test/g1"))
    proof = prove_equality(x, g1, g2, a, b, CTX, DeterministicRng(b"r"))
    verify_equality(g1, g2, a, b, proof, CTX)


def test_equations_hold() -> None:
    x, g1, g2, a, b = statement()
    proof = prove_equality(x, g1, g2, a, b, CTX, DeterministicRng(b"r"))
    c, s = proof.challenge.value, proof.response.value
    ca = sodium.sub(sodium.base_mul(s), sodium.mul(c, a.data))
    cb = sodium.sub(sodium.mul(s, g2.data), sodium.mul(c, b.data))
    assert chaum_pedersen_challenge(g1.data, g2.data, a.data, b.data, ca, cb, CTX) == c


def test_unequal_logs_cannot_be_proven() -> None:
    x, g1, g2, a, _ = statement()
    b = (x + Scalar(1)) * g2
    with pytest.raises(ValueError, match="common logarithm"):
        prove_equality(x, g1, g2, a, b, CTX, DeterministicRng(b"r"))


def test_proof_for_other_b_fails() -> None:
    # The forger's case: a valid proof for B cannot vouch for another B'.
    x, g1, g2, a, b = statement()
    proof = prove_equality(x, g1, g2, a, b, CTX, DeterministicRng(b"r"))
    with pytest.raises(ProofError):
        verify_equality(g1, g2, a, b + GENERATOR, proof, CTX)


@pytest.mark.parametrize("which", ["g1", "g2", "a", "b", "ctx", "c", "s"])
def test_every_field_is_bound(which: str) -> None:
    x, g1, g2, a, b = statement()
    proof = prove_equality(x, g1, g2, a, b, CTX, DeterministicRng(b"r"))
    other = hash_to_point("test/other")
    args = {"g1": g1, "g2": g2, "a": a, "b": b}
    ctx = CTX
    if which in args:
        args[which] = other
    elif which == "ctx":
        ctx = b"another election"
    elif which == "c":
        proof = ChaumPedersenProof(proof.challenge + Scalar(1), proof.response)
    else:
        proof = ChaumPedersenProof(proof.challenge, proof.response + Scalar(1))
    with pytest.raises(ProofError):
        verify_equality(args["g1"], args["g2"], args["a"], args["b"], proof, ctx)


def test_identity_second_base_is_allowed() -> None:
    # An empty tally has α = identity; the share is then the identity too.
    x = random_scalar(DeterministicRng(b"x"))
    a = Point.base_mul(x)
    proof = prove_equality(x, GENERATOR, IDENTITY, a, IDENTITY, CTX, DeterministicRng(b"r"))
    verify_equality(GENERATOR, IDENTITY, a, IDENTITY, proof, CTX)
    with pytest.raises(ProofError):
        verify_equality(GENERATOR, IDENTITY, a, GENERATOR, proof, CTX)


def test_identity_first_base_refused() -> None:
    with pytest.raises(IdentityPoint):
        verify_equality(IDENTITY, GENERATOR, IDENTITY, GENERATOR,
                        ChaumPedersenProof(Scalar(0), Scalar(1)), CTX)  # fmt: skip
    with pytest.raises(IdentityPoint):
        prove_equality(Scalar(1), IDENTITY, GENERATOR, IDENTITY, GENERATOR, CTX,
                       DeterministicRng(b"r"))  # fmt: skip


def test_dict_round_trip_and_refusals() -> None:
    x, g1, g2, a, b = statement()
    proof = prove_equality(x, g1, g2, a, b, CTX, DeterministicRng(b"r"))
    assert ChaumPedersenProof.from_dict(proof.to_dict()) == proof
    with pytest.raises(EncodingError):
        ChaumPedersenProof.from_dict({"c": proof.challenge.hex()})
    d = proof.to_dict()
    d["c"] = (proof.challenge.value + L).to_bytes(32, "little").hex()
    with pytest.raises(NonCanonicalScalar):
        ChaumPedersenProof.from_dict(d)
