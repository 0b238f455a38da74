"""Keys kept as their 32 bytes: a public key's bytes and a secret key's seed.

The commission's Ed25519 head keys and a trustee's X25519 box keys are used through
PyNaCl, which takes them as 32 raw bytes; these bases hold the bytes, check their
length and give the hex record form, and a subclass names what it is (``described``)
for the error on a malformed value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Self

from .errors import EncodingError
from .group import strict_hex
from .rng import Rng

__all__ = ["PublicBytes", "SecretSeed"]


def _check_length(value: object, what: str) -> None:
    if not isinstance(value, bytes) or len(value) != 32:
        raise EncodingError(f"{what} is 32 bytes")


@dataclass(frozen=True, slots=True)
class PublicBytes:
    """A public key as its 32 bytes, written in records as 64 lower-case hex digits."""

    data: bytes

    described: ClassVar[str] = "a public key"

    def __post_init__(self) -> None:
        _check_length(self.data, self.described)

    @classmethod
    def from_hex(cls, text: str) -> Self:
        raw = strict_hex(text, 32)
        if raw is None:
            raise EncodingError(f"{cls.described} is 64 lower-case hex digits")
        return cls(raw)

    def hex(self) -> str:
        return self.data.hex()


@dataclass(frozen=True, slots=True)
class SecretSeed:
    """A secret key kept as its 32-byte seed (never printed), drawn from an ``Rng``."""

    seed: bytes = field(repr=False)

    described: ClassVar[str] = "a seed"

    def __post_init__(self) -> None:
        _check_length(self.seed, self.described)

    @classmethod
    def from_seed(cls, seed: bytes) -> Self:
        return cls(bytes(seed))

    @classmethod
    def generate(cls, rng: Rng) -> Self:
        return cls(rng(32))
