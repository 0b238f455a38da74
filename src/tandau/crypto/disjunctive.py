"""Disjunctive Chaum–Pedersen proof that a ciphertext encrypts a value in [lo, hi] (spec §5.1).

For Enc(m; r) = (α, β) under key K and every v in [lo, hi], branch v states
"β − v·G = r·K and α = r·G".  The prover simulates every branch but the
true one and splits one Fiat–Shamir challenge among them:

    a_v = s_v·G − c_v·α
    b_v = s_v·K − c_v·(β − v·G)
    Σ_v c_v = H("proof/range", context, K, α, β, lo, hi, a_lo, b_lo, …, a_hi, b_hi)

The 0-or-1 proof of a ballot option is [0, 1]; the exact-sum proof of a
ballot is [1, 1] (a plain Chaum–Pedersen proof); a multi-choice question
uses [min, max].  The hash covers the whole statement and a caller-given
context (election fingerprint, public credential, option index), which
makes the weak Fiat–Shamir flaw impossible and binds a proof to its voter.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from . import sodium
from .canonical import record_lists, record_object
from .elgamal import Ciphertext, PublicKey
from .errors import EncodingError, ProofError
from .group import L, Scalar, random_scalar
from .hashing import tag
from .rng import Rng

__all__ = [
    "MAX_BRANCHES",
    "RangeProof",
    "challenge_prefix",
    "prove_range",
    "verify_range",
]

#: The largest disjunction accepted (keeps verification bounded on hostile input).
MAX_BRANCHES = 64

_PURPOSE = "proof/range"

# v·G for every branch value, so a verifier never spends a multiplication on it.
_SMALL_MULTIPLES = tuple(sodium.base_mul(v) for v in range(MAX_BRANCHES + 1))


_LEN32 = b"\x00\x00\x00\x20"

# The hash state after the tag, copied for each proof (a ballot has K + 1 proofs).
_TAGGED = hashlib.sha512(len(tag(_PURPOSE)).to_bytes(4, "big") + tag(_PURPOSE))


def _multiple(v: int) -> bytes:
    return _SMALL_MULTIPLES[v] if v <= MAX_BRANCHES else sodium.base_mul(v)


@dataclass(frozen=True, slots=True)
class RangeProof:
    """Challenges c_v and responses s_v for v = lo … hi, in order."""

    challenges: tuple[Scalar, ...]
    responses: tuple[Scalar, ...]

    def __post_init__(self) -> None:
        if len(self.challenges) != len(self.responses) or not self.challenges:
            raise EncodingError("a range proof has as many challenges as responses")

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "c": [c.hex() for c in self.challenges],
            "s": [s.hex() for s in self.responses],
        }

    @classmethod
    def from_dict(cls, d: Any) -> RangeProof:
        d = record_object(d, ("c", "s"), "a range proof")
        cs, ss = record_lists(d, ("c", "s"), MAX_BRANCHES, "a range proof holds lists of scalars")
        return cls(
            tuple(Scalar.from_hex(c) for c in cs),
            tuple(Scalar.from_hex(s) for s in ss),
        )


def challenge_prefix(context: bytes, key: PublicKey) -> hashlib._Hash:
    """The hash state over tag, context and key, shared by every proof of a ballot."""
    h = _TAGGED.copy()
    h.update(len(context).to_bytes(4, "big") + context)
    h.update(b"\x00\x00\x00\x20" + key.point.data)
    return h


def _statement(h: hashlib._Hash, alpha: bytes, beta: bytes, lo: int, hi: int) -> None:
    h.update(b"\x00\x00\x00\x20" + alpha + b"\x00\x00\x00\x20" + beta)
    h.update(
        b"\x00\x00\x00\x08" + lo.to_bytes(8, "big") + b"\x00\x00\x00\x08" + hi.to_bytes(8, "big")
    )


def _check_bounds(lo: int, hi: int) -> None:
    if not 0 <= lo <= hi or hi - lo + 1 > MAX_BRANCHES:
        raise ProofError("range bounds out of limits", lo=lo, hi=hi)


def prove_range(
    key: PublicKey,
    ct: Ciphertext,
    m: int,
    r: Scalar,
    lo: int,
    hi: int,
    context: bytes,
    rng: Rng,
    prefix: hashlib._Hash | None = None,
) -> RangeProof:
    """Prove Enc(m; r) = ct with lo <= m <= hi (spec §5.1.1)."""
    _check_bounds(lo, hi)
    if not lo <= m <= hi:
        raise ValueError("the plaintext is outside the range to prove")
    k = key.point.data
    alpha, beta = ct.alpha.data, ct.beta.data
    h = (prefix or challenge_prefix(context, key)).copy()
    _statement(h, alpha, beta, lo, hi)
    cs: list[int] = []
    ss: list[int] = []
    w = random_scalar(rng).value
    for v in range(lo, hi + 1):
        if v == m:
            a = sodium.base_mul(w)
            b = sodium.mul(w, k)
            cs.append(0)
            ss.append(0)
        else:
            c = random_scalar(rng).value
            s = random_scalar(rng).value
            shifted = sodium.sub(beta, _multiple(v)) if v else beta
            a = sodium.sub(sodium.base_mul(s), sodium.mul(c, alpha))
            b = sodium.sub(sodium.mul(s, k), sodium.mul(c, shifted))
            cs.append(c)
            ss.append(s)
        h.update(b"\x00\x00\x00\x20" + a + b"\x00\x00\x00\x20" + b)
    total = int.from_bytes(h.digest(), "little") % L
    i = m - lo
    cs[i] = (total - sum(cs)) % L
    ss[i] = (w + cs[i] * r.value) % L
    return RangeProof(tuple(Scalar(c) for c in cs), tuple(Scalar(s) for s in ss))


def verify_range(
    key: PublicKey,
    ct: Ciphertext,
    proof: RangeProof,
    lo: int,
    hi: int,
    context: bytes,
    prefix: hashlib._Hash | None = None,
) -> None:
    """Check a range proof (spec §5.1.2); raises ProofError, returns nothing."""
    _check_bounds(lo, hi)
    if len(proof.challenges) != hi - lo + 1:
        raise ProofError("range proof has the wrong number of branches")
    _verify(
        key.point.data,
        ct.alpha.data,
        ct.beta.data,
        [c.value for c in proof.challenges],
        [s.value for s in proof.responses],
        lo,
        (prefix or challenge_prefix(context, key)).copy(),
    )


def _verify(
    k: bytes,
    alpha: Any,
    beta: Any,
    cs: list[int],
    ss: list[int],
    lo: int,
    h: hashlib._Hash,
) -> None:
    # The hot path of ballot verification: libsodium does two multiplications
    # and one subtraction per commitment; scalars stay Python ints.  Every point
    # here is canonical already (validated Points or libsodium outputs).
    fixed, var, sub = sodium.fixed_commitment, sodium.var_commitment, sodium.sub_unchecked
    hi = lo + len(cs) - 1
    _statement(h, bytes(alpha), bytes(beta), lo, hi)
    upd = h.update
    out, t1, t2 = sodium.scratch(), sodium.scratch(), sodium.scratch()
    for j, (c, s) in enumerate(zip(cs, ss, strict=True)):
        v = lo + j
        shifted = sub(beta, _multiple(v)) if v else beta
        cb = c.to_bytes(32, "little")
        sb = s.to_bytes(32, "little")
        upd(_LEN32)
        # h.update copies, so the scratch buffers are free again after each call.
        upd(fixed(sb, cb, alpha, out, t1, t2))
        upd(_LEN32)
        upd(var(sb, k, cb, shifted, out, t1, t2))
    if sum(cs) % L != int.from_bytes(h.digest(), "little") % L:
        raise ProofError("range proof challenge mismatch")
