"""Bounded discrete logarithm by baby-step giant-step (spec §3.4).

Totals are small (at most the number of voters), so m in [0, bound] is found
with about 2·sqrt(bound) point additions.  A table is a pure value: build it
once with ``DlogTable.for_bound`` and reuse it for every option.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import sodium
from .errors import DecryptionError
from .group import Point

__all__ = ["DlogTable"]


@dataclass(frozen=True)
class DlogTable:
    """Baby steps j·G for 0 <= j < m, and the giant stride m·G."""

    bound: int
    m: int
    baby: dict[bytes, int] = field(repr=False)
    stride: bytes = field(repr=False)

    @classmethod
    def for_bound(cls, bound: int) -> DlogTable:
        if bound < 0:
            raise ValueError("bound must be non-negative")
        m = max(1, math.isqrt(bound) + 1)
        baby: dict[bytes, int] = {}
        p = sodium.IDENTITY
        g = sodium.base_mul(1)
        for j in range(m):
            baby[p] = j
            p = sodium.add(p, g)
        return cls(bound, m, baby, sodium.base_mul(m))

    def solve(self, target: Point) -> int:
        """The m with m·G = target and 0 <= m <= bound; raises DecryptionError otherwise."""
        y = target.data
        for i in range(self.m + 1):
            j = self.baby.get(y)
            if j is not None:
                value = i * self.m + j
                if value <= self.bound:
                    return value
                break
            y = sodium.sub(y, self.stride)
        raise DecryptionError("plaintext outside [0, bound]", bound=self.bound)
