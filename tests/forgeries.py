"""What a malicious voting client would do: shared by the attack tests and the vector generator.

The library's own prover refuses to prove a false statement, so the
forgeries are written out here, apart from the code under test, using only
the public group operations and the hash of spec §2.
"""

from __future__ import annotations

from tandau.crypto.disjunctive import RangeProof
from tandau.crypto.elgamal import Ciphertext, PublicKey
from tandau.crypto.group import L, Point, Scalar, random_scalar
from tandau.crypto.hashing import hash_bytes, int_part
from tandau.crypto.rng import Rng

__all__ = ["encrypt_any", "forge_range_proof"]


def encrypt_any(key: PublicKey, m: int, r: Scalar) -> Ciphertext:
    """Enc(m; r) for any integer m, negative included: (r·G, r·K + (m mod ℓ)·G).

    For m = −1 that is β = r·K − G.
    """
    return Ciphertext(Point.base_mul(r), r * key.point + Point.base_mul(Scalar(m % L)))


def forge_range_proof(
    key: PublicKey,
    ct: Ciphertext,
    r: Scalar,
    claimed: int,
    lo: int,
    hi: int,
    context: bytes,
    rng: Rng,
) -> RangeProof:
    """The honest prover's algorithm (spec §5.1.1) run with a lie: "the plaintext is ``claimed``".

    The forger knows r and simulates every other branch; the claimed branch
    is answered as if β − claimed·G were r·K.  That is the best a client can
    do without solving a discrete logarithm; the result does not verify
    unless the claim is true.
    """
    k = key.point
    parts = [context, k.data, ct.alpha.data, ct.beta.data, int_part(lo), int_part(hi)]
    cs: list[int] = []
    ss: list[int] = []
    w = random_scalar(rng)
    for v in range(lo, hi + 1):
        if v == claimed:
            a, b = Point.base_mul(w), w * k
            cs.append(0)
            ss.append(0)
        else:
            c, s = random_scalar(rng), random_scalar(rng)
            a = Point.base_mul(s) - c * ct.alpha
            b = s * k - c * (ct.beta - Point.base_mul(Scalar(v)))
            cs.append(c.value)
            ss.append(s.value)
        parts += [a.data, b.data]
    total = int.from_bytes(hash_bytes("proof/range", *parts), "little") % L
    i = claimed - lo
    cs[i] = (total - sum(cs)) % L
    ss[i] = (w.value + cs[i] * r.value) % L
    return RangeProof(tuple(Scalar(c) for c in cs), tuple(Scalar(s) for s in ss))
