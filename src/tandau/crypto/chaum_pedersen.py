"""Chaum–Pedersen proof of equality of discrete logarithms (spec §4.2).

The prover knows x with A = x·G1 and B = x·G2 for bases G1, G2.  With a
random nonce w:

    a = w·G1,  b = w·G2
    c = H("proof/chaum-pedersen", G1, G2, A, B, a, b, context)
    s = w + c·x  mod ℓ

The proof is the compact pair (c, s).  The verifier recomputes
a' = s·G1 − c·A and b' = s·G2 − c·B and accepts when c equals the hash of
the same inputs with a', b'.  Both bases, both images and a caller-given
context are hashed (strong Fiat–Shamir), so a proof cannot be reused for
another statement.  A decryption share (§7) is the case G1 = G, A = the
trustee's verification key, G2 = α of a ciphertext, B = x·α.

G1 must not be the identity: the statement would then say nothing about
A.  G2 may be: α of an empty tally is the identity, and then B must be too.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import sodium
from .errors import IdentityPoint, ProofError
from .group import GENERATOR, ChallengeResponse, L, Point, Scalar, hash_to_scalar, random_scalar
from .rng import Rng

__all__ = [
    "ChaumPedersenProof",
    "chaum_pedersen_challenge",
    "prove_equality",
    "verify_equality",
]

_PURPOSE = "proof/chaum-pedersen"


@dataclass(frozen=True, slots=True)
class ChaumPedersenProof(ChallengeResponse):
    """Challenge c and response s of a Chaum–Pedersen proof."""

    described = "a Chaum–Pedersen proof"


def chaum_pedersen_challenge(
    g1: bytes, g2: bytes, a: bytes, b: bytes, ca: bytes, cb: bytes, context: bytes
) -> int:
    """c = H("proof/chaum-pedersen", G1, G2, A, B, a, b, context) as an int mod ℓ."""
    return hash_to_scalar(_PURPOSE, g1, g2, a, b, ca, cb, context).value


def _mul(n: int, base: bytes) -> bytes:
    # The generator takes libsodium's faster fixed-base path.
    return sodium.base_mul(n) if base == GENERATOR.data else sodium.mul(n, base)


def prove_equality(
    x: Scalar, g1: Point, g2: Point, a: Point, b: Point, context: bytes, rng: Rng
) -> ChaumPedersenProof:
    """Prove log_G1 A = log_G2 B = x, bound to ``context`` (spec §4.2.1)."""
    if g1.is_identity():
        raise IdentityPoint("the first base must not be the identity")
    # A proof of a false statement would be refused later; refuse it here instead.
    if _mul(x.value, g1.data) != a.data or sodium.mul(x.value, g2.data) != b.data:
        raise ValueError("x is not the common logarithm of A and B")
    w = random_scalar(rng).value
    ca = _mul(w, g1.data)
    cb = sodium.mul(w, g2.data)
    c = chaum_pedersen_challenge(g1.data, g2.data, a.data, b.data, ca, cb, context)
    return ChaumPedersenProof(Scalar(c), Scalar((w + c * x.value) % L))


def verify_equality(
    g1: Point, g2: Point, a: Point, b: Point, proof: ChaumPedersenProof, context: bytes
) -> None:
    """Check a Chaum–Pedersen proof (spec §4.2.2); raises ProofError, returns nothing."""
    if g1.is_identity():
        raise IdentityPoint("the first base must not be the identity")
    sb, cb = proof.response.to_bytes(), proof.challenge.to_bytes()
    t1, t2 = sodium.scratch(), sodium.scratch()
    # Every input is a validated Point, as the fused helpers require.
    if g1.data == GENERATOR.data:
        ca_buf = sodium.fixed_commitment(sb, cb, a.data, sodium.scratch(), t1, t2)
    else:
        ca_buf = sodium.var_commitment(sb, g1.data, cb, a.data, sodium.scratch(), t1, t2)
    cb_buf = sodium.var_commitment(sb, g2.data, cb, b.data, sodium.scratch(), t1, t2)
    c = chaum_pedersen_challenge(
        g1.data, g2.data, a.data, b.data, bytes(ca_buf), bytes(cb_buf), context
    )
    if c != proof.challenge.value:
        raise ProofError("Chaum–Pedersen proof does not verify")
