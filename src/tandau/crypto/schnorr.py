"""Schnorr proof of knowledge of a discrete logarithm (spec §4.1).

The prover knows x with X = x·G.  With a random nonce w:

    T = w·G
    c = H("proof/schnorr", X, T, context)
    s = w + c·x  mod ℓ

The proof is the compact pair (c, s).  The verifier recomputes
T' = s·G − c·X and accepts when c = H("proof/schnorr", X, T', context).
The hash covers the whole statement (X) and a caller-given context, so a
proof cannot be moved to another key or another purpose (strong
Fiat–Shamir).  X must not be the identity: its logarithm 0 is known to all,
so a proof for it would prove nothing about its owner.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import sodium
from .errors import IdentityPoint, ProofError
from .group import ChallengeResponse, L, Point, Scalar, hash_to_scalar, random_scalar
from .rng import Rng

__all__ = [
    "SchnorrProof",
    "prove_knowledge",
    "schnorr_challenge",
    "schnorr_holds",
    "schnorr_respond",
    "verify_knowledge",
]

_PURPOSE = "proof/schnorr"


@dataclass(frozen=True, slots=True)
class SchnorrProof(ChallengeResponse):
    """Challenge c and response s of a Schnorr proof of knowledge."""

    described = "a Schnorr proof"


def schnorr_challenge(public: bytes, commitment: bytes, context: bytes) -> int:
    """c = H("proof/schnorr", X, T, context) as an int mod ℓ."""
    return hash_to_scalar(_PURPOSE, public, commitment, context).value


def schnorr_respond(
    purpose: str, x: Scalar, public: bytes, message: bytes, rng: Rng
) -> tuple[Scalar, Scalar]:
    """(c, s) with c = H(purpose, X, w·G, message) and s = w + c·x for a fresh w.

    The one Schnorr computation behind the proofs of knowledge and the ballot signatures.
    """
    w = random_scalar(rng).value
    c = hash_to_scalar(purpose, public, sodium.base_mul(w), message).value
    return Scalar(c), Scalar((w + c * x.value) % L)


def schnorr_holds(purpose: str, public: bytes, pair: ChallengeResponse, message: bytes) -> bool:
    """Whether c = H(purpose, X, s·G − c·X, message) for the pair (c, s) under X."""
    t1, t2, out = sodium.scratch(), sodium.scratch(), sodium.scratch()
    commitment = sodium.fixed_commitment(
        pair.response.to_bytes(), pair.challenge.to_bytes(), public, out, t1, t2
    )
    found = hash_to_scalar(purpose, public, bytes(commitment), message).value
    return found == pair.challenge.value


def prove_knowledge(x: Scalar, X: Point, context: bytes, rng: Rng) -> SchnorrProof:
    """Prove knowledge of x with X = x·G, bound to ``context`` (spec §4.1.1)."""
    if X.is_identity():
        raise IdentityPoint("no proof of knowledge for the identity")
    # A proof for the wrong key would be refused later; refuse it here instead.
    if sodium.base_mul(x.value) != X.data:
        raise ValueError("x is not the logarithm of X")
    return SchnorrProof(*schnorr_respond(_PURPOSE, x, X.data, context, rng))


def verify_knowledge(X: Point, proof: SchnorrProof, context: bytes) -> None:
    """Check a proof of knowledge of log_G X (spec §4.1.2); raises, returns nothing."""
    if X.is_identity():
        raise IdentityPoint("no proof of knowledge for the identity")
    if not schnorr_holds(_PURPOSE, X.data, proof, context):
        raise ProofError("Schnorr proof of knowledge does not verify")
