"""The ristretto255 group (RFC 9496): frozen scalars and points (spec §1).

A ``Scalar`` is an integer in [0, ℓ); a ``Point`` holds a canonical 32-byte
encoding.  Both can only be built from valid values: ``from_bytes`` rejects
non-canonical encodings and out-of-range scalars with a named error.  Scalar
arithmetic is on Python ints mod ℓ; point arithmetic is libsodium's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Self

from . import sodium
from .canonical import record_object
from .errors import IdentityPoint, NonCanonicalPoint, NonCanonicalScalar
from .hashing import hash_bytes
from .rng import Rng

__all__ = [
    "GENERATOR",
    "IDENTITY",
    "ChallengeResponse",
    "L",
    "Point",
    "Scalar",
    "hash_to_point",
    "hash_to_scalar",
    "random_scalar",
]

#: The prime order ℓ of ristretto255.
L = 2**252 + 27742317777372353535851937790883648493


def _canonical_hex(text: object) -> bytes | None:
    """The 32 bytes of exactly 64 lower-case hex digits, else None (spec §1.2 S2, §1.3 P3)."""
    return strict_hex(text, 32)


def strict_hex(text: object, length: int) -> bytes | None:
    """``length`` bytes from exactly 2·length lower-case hex digits, else None.

    ``bytes.fromhex`` alone also takes upper case and whitespace, which would
    give one value several wire forms; re-encoding must give the text back.
    """
    if not isinstance(text, str) or len(text) != 2 * length:
        return None
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        return None
    return raw if raw.hex() == text else None


@dataclass(frozen=True, slots=True, order=False)
class Scalar:
    """An integer modulo ℓ, canonical: 0 <= value < ℓ."""

    value: int

    def __post_init__(self) -> None:
        if not isinstance(self.value, int) or not 0 <= self.value < L:
            raise NonCanonicalScalar("scalar out of range [0, ℓ)")

    @classmethod
    def from_bytes(cls, data: bytes) -> Scalar:
        """Decode 32 little-endian bytes; a value >= ℓ is refused, never reduced."""
        if not isinstance(data, bytes | bytearray) or len(data) != 32:
            raise NonCanonicalScalar("a scalar is 32 bytes")
        return cls(int.from_bytes(data, "little"))

    @classmethod
    def from_hex(cls, text: str) -> Scalar:
        raw = _canonical_hex(text)
        if raw is None:
            raise NonCanonicalScalar("a scalar is 64 lower-case hex digits")
        # The checks of from_bytes and __post_init__, inline: a ballot holds dozens.
        n = int.from_bytes(raw, "little")
        if n >= L:
            raise NonCanonicalScalar("scalar out of range [0, ℓ)")
        s = object.__new__(cls)
        object.__setattr__(s, "value", n)
        return s

    @classmethod
    def reduce(cls, data: bytes) -> Scalar:
        """Wide reduction of 64 bytes mod ℓ (for hashes and randomness only)."""
        if len(data) != 64:
            raise ValueError("wide reduction takes 64 bytes")
        return cls(int.from_bytes(data, "little") % L)

    def to_bytes(self) -> bytes:
        return self.value.to_bytes(32, "little")

    def hex(self) -> str:
        return self.to_bytes().hex()

    def __add__(self, other: Scalar) -> Scalar:
        return Scalar((self.value + other.value) % L)

    def __sub__(self, other: Scalar) -> Scalar:
        return Scalar((self.value - other.value) % L)

    def __mul__(self, other: Scalar) -> Scalar:
        if not isinstance(other, Scalar):
            return NotImplemented
        return Scalar((self.value * other.value) % L)

    def __neg__(self) -> Scalar:
        return Scalar(-self.value % L)

    def inverse(self) -> Scalar:
        if self.value == 0:
            raise ZeroDivisionError("zero has no inverse mod ℓ")
        return Scalar(pow(self.value, -1, L))

    def __repr__(self) -> str:
        return "Scalar(…)"  # never print secrets


@dataclass(frozen=True, slots=True)
class Point:
    """A ristretto255 element held as its canonical 32-byte encoding."""

    data: bytes

    def __post_init__(self) -> None:
        if not isinstance(self.data, bytes) or not sodium.is_valid_point(self.data):
            raise NonCanonicalPoint("not a canonical ristretto255 encoding")

    @classmethod
    def from_bytes(cls, data: bytes) -> Point:
        return cls(bytes(data))

    @classmethod
    def from_hex(cls, text: str) -> Point:
        raw = _canonical_hex(text)
        if raw is None:
            raise NonCanonicalPoint("a point is 64 lower-case hex digits")
        if not sodium.is_valid_point(raw):  # __post_init__'s check, without its type test
            raise NonCanonicalPoint("not a canonical ristretto255 encoding")
        return cls.trusted(raw)

    @classmethod
    def trusted(cls, data: bytes) -> Point:
        """Wrap bytes libsodium itself produced (already canonical); no re-check."""
        p = object.__new__(cls)
        object.__setattr__(p, "data", data)
        return p

    @classmethod
    def base_mul(cls, n: Scalar) -> Point:
        return cls.trusted(sodium.base_mul(n.value))

    def to_bytes(self) -> bytes:
        return self.data

    def hex(self) -> str:
        return self.data.hex()

    def is_identity(self) -> bool:
        return self.data == sodium.IDENTITY

    def require_not_identity(self) -> Point:
        """Raise IdentityPoint when a protocol value must not be the identity."""
        if self.is_identity():
            raise IdentityPoint("the identity is not allowed here")
        return self

    def __add__(self, other: Point) -> Point:
        return Point.trusted(sodium.add(self.data, other.data))

    def __sub__(self, other: Point) -> Point:
        return Point.trusted(sodium.sub(self.data, other.data))

    def __neg__(self) -> Point:
        return Point.trusted(sodium.sub(sodium.IDENTITY, self.data))

    def __rmul__(self, n: Scalar) -> Point:
        return Point.trusted(sodium.mul(n.value, self.data))

    def __mul__(self, n: Scalar) -> Point:
        return Point.trusted(sodium.mul(n.value, self.data))

    def __repr__(self) -> str:
        return f"Point({self.data.hex()[:16]}…)"


GENERATOR = Point.trusted(sodium.base_mul(1))
IDENTITY = Point.trusted(sodium.IDENTITY)


def random_scalar(rng: Rng) -> Scalar:
    """A uniform non-zero scalar from 64 random bytes (wide reduction)."""
    while True:
        s = Scalar.reduce(rng(64))
        if s.value:
            return s


def hash_to_scalar(purpose: str, *parts: bytes) -> Scalar:
    """SHA-512 of the tagged parts, reduced mod ℓ (spec §2.2)."""
    return Scalar.reduce(hash_bytes(purpose, *parts))


def hash_to_point(purpose: str, *parts: bytes) -> Point:
    """RFC 9496 element derivation of SHA-512 of the tagged parts (spec §2.3)."""
    return Point.trusted(sodium.from_hash(hash_bytes(purpose, *parts)))


@dataclass(frozen=True, slots=True)
class ChallengeResponse:
    """A challenge c and a response s: the record form ``{c, s}`` of Schnorr-type proofs.

    The Schnorr and Chaum–Pedersen proofs and the credential signatures are all this pair;
    a subclass names what it is (``described``) for the error on a malformed record.
    """

    challenge: Scalar
    response: Scalar

    described: ClassVar[str] = "a challenge and response"

    def to_dict(self) -> dict[str, str]:
        return {"c": self.challenge.hex(), "s": self.response.hex()}

    @classmethod
    def from_dict(cls, d: Any) -> Self:
        d = record_object(d, ("c", "s"), cls.described)
        return cls(Scalar.from_hex(d["c"]), Scalar.from_hex(d["s"]))
