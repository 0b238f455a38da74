"""Exponential ElGamal over ristretto255 (spec §3).

Enc(m; r) = (r·G, r·K + m·G).  Ciphertexts add homomorphically; decryption
recovers m·G and a bounded discrete log (``dlog``) recovers small m.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import sodium
from .canonical import record_object
from .dlog import DlogTable
from .errors import IdentityPoint
from .group import IDENTITY, L, Point, Scalar, random_scalar
from .rng import Rng

__all__ = [
    "Ciphertext",
    "KeyPair",
    "PublicKey",
    "decrypt",
    "decrypt_to_point",
    "encrypt",
    "keygen",
    "partial_decrypt",
    "rerandomize",
    "sum_ciphertexts",
]


@dataclass(frozen=True, slots=True)
class PublicKey:
    """An ElGamal public key K = x·G; never the identity (spec §3.1)."""

    point: Point

    def __post_init__(self) -> None:
        if self.point.is_identity():
            raise IdentityPoint("a public key must not be the identity")

    def to_hex(self) -> str:
        return self.point.hex()

    @classmethod
    def from_hex(cls, text: str) -> PublicKey:
        return cls(Point.from_hex(text))


@dataclass(frozen=True, slots=True)
class KeyPair:
    secret: Scalar = field(repr=False)
    public: PublicKey


def keygen(rng: Rng) -> KeyPair:
    x = random_scalar(rng)
    return KeyPair(x, PublicKey(Point.base_mul(x)))


@dataclass(frozen=True, slots=True)
class Ciphertext:
    """(alpha, beta) = (r·G, r·K + m·G)."""

    alpha: Point
    beta: Point

    def __add__(self, other: Ciphertext) -> Ciphertext:
        return Ciphertext(self.alpha + other.alpha, self.beta + other.beta)

    def to_bytes(self) -> bytes:
        return self.alpha.data + self.beta.data

    def to_dict(self) -> dict[str, str]:
        return {"alpha": self.alpha.hex(), "beta": self.beta.hex()}

    @classmethod
    def from_dict(cls, d: Any) -> Ciphertext:
        d = record_object(d, ("alpha", "beta"), "a ciphertext")
        return cls(Point.from_hex(d["alpha"]), Point.from_hex(d["beta"]))


ZERO = Ciphertext(IDENTITY, IDENTITY)


def encrypt(key: PublicKey, m: int, r: Scalar) -> Ciphertext:
    """Enc(m; r) for a non-negative m (spec §3.2); r is passed in, never drawn here."""
    if not 0 <= m < L:
        # libsodium reads 255 bits of a scalar: a larger m would silently wrap.
        raise ValueError("exponential ElGamal encrypts integers 0 <= m < ℓ")
    alpha = sodium.base_mul(r.value)
    beta = sodium.mul(r.value, key.point.data)
    if m:
        beta = sodium.add(beta, sodium.base_mul(m))
    return Ciphertext(Point.trusted(alpha), Point.trusted(beta))


def rerandomize(key: PublicKey, ct: Ciphertext, r: Scalar) -> Ciphertext:
    """ct + Enc(0; r): the same plaintext under fresh randomness."""
    return ct + encrypt(key, 0, r)


def sum_ciphertexts(cts: list[Ciphertext]) -> Ciphertext:
    """The homomorphic sum; the empty sum is the trivial Enc(0; 0)."""
    alpha, beta = sodium.IDENTITY, sodium.IDENTITY
    for ct in cts:
        alpha = sodium.add(alpha, ct.alpha.data)
        beta = sodium.add(beta, ct.beta.data)
    return Ciphertext(Point.trusted(alpha), Point.trusted(beta))


def partial_decrypt(secret: Scalar, ct: Ciphertext) -> Point:
    """The decryption share x·alpha."""
    return Point.trusted(sodium.mul(secret.value, ct.alpha.data))


def decrypt_to_point(ct: Ciphertext, combined: Point) -> Point:
    """m·G = beta − (x·alpha), given the combined decryption factor x·alpha."""
    return ct.beta - combined


def decrypt(secret: Scalar, ct: Ciphertext, bound: int) -> int:
    """Full decryption with one key; ``bound`` caps the discrete-log search."""
    m_point = decrypt_to_point(ct, partial_decrypt(secret, ct))
    return DlogTable.for_bound(bound).solve(m_point)
