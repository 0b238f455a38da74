"""Randomness passed in: the ``Rng`` protocol and its two implementations.

The crypto core never draws randomness itself; callers hand in an ``Rng``.
``SystemRng`` reads the OS CSPRNG; ``DeterministicRng`` expands a seed with
SHAKE-256 for test vectors and reproducible simulations only.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import ClassVar, Protocol, Self

from .errors import EncodingError

__all__ = ["DeterministicRng", "Rng", "SecretSeed", "SystemRng"]


class Rng(Protocol):
    def __call__(self, n: int) -> bytes:
        """Return ``n`` uniformly random bytes."""
        ...


class SystemRng:
    """The operating system's CSPRNG."""

    def __call__(self, n: int) -> bytes:
        return os.urandom(n)


class DeterministicRng:
    """SHAKE-256 keyed stream: never for real elections, only vectors and demos."""

    def __init__(self, seed: bytes) -> None:
        self._seed = bytes(seed)
        self._counter = 0

    def __call__(self, n: int) -> bytes:
        h = hashlib.shake_256(b"tandau/v1/test-rng" + self._seed + self._counter.to_bytes(8, "big"))
        self._counter += 1
        return h.digest(n)


@dataclass(frozen=True, slots=True)
class SecretSeed:
    """A secret key kept as its 32-byte seed (never printed), drawn from an ``Rng``.

    The commission's Ed25519 head key and a trustee's X25519 box key are both this;
    a subclass names what it is (``described``) for the error on a wrong length.
    """

    seed: bytes = field(repr=False)

    described: ClassVar[str] = "a seed"

    def __post_init__(self) -> None:
        if not isinstance(self.seed, bytes) or len(self.seed) != 32:
            raise EncodingError(f"{self.described} is 32 bytes")

    @classmethod
    def from_seed(cls, seed: bytes) -> Self:
        return cls(bytes(seed))

    @classmethod
    def generate(cls, rng: Rng) -> Self:
        return cls(rng(32))
