"""Randomness passed in: the ``Rng`` protocol and its two implementations.

The crypto core never draws randomness itself; callers hand in an ``Rng``.
``SystemRng`` reads the OS CSPRNG; ``DeterministicRng`` expands a seed with
SHAKE-256 for test vectors and reproducible simulations only.
"""

from __future__ import annotations

import hashlib
import os
from typing import Protocol

__all__ = ["DeterministicRng", "Rng", "SystemRng"]


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
