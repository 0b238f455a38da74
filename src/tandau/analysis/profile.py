"""A preference profile as arrays: the one representation every rule counts.

Ballots are rows of candidate indices in order of preference, padded with ``-1``
where a ranking is truncated (or, for approval, where fewer candidates are
approved); ``counts`` gives each row's number of voters.  A batch of ``E``
elections is the same with a leading axis: ``rankings`` (E, m, n), ``counts``
(E, m) — what :mod:`tandau.analysis.rules` and the Monte Carlo work on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Batch", "IntArray", "Profile"]

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Batch:
    """``E`` elections over ``n`` candidates, ``m`` ballot rows each (padded with -1)."""

    rankings: IntArray  # (E, m, n)
    counts: IntArray  # (E, m)
    n: int

    def __post_init__(self) -> None:
        if self.rankings.ndim != 3 or self.counts.shape != self.rankings.shape[:2]:
            raise ValueError("rankings must be (E, m, n) and counts (E, m)")

    @property
    def elections(self) -> int:
        return int(self.rankings.shape[0])


@dataclass(frozen=True)
class Profile:
    """One election's ballots: candidate ids (in order of first appearance) and a batch of 1."""

    candidates: tuple[str, ...]
    batch: Batch

    @classmethod
    def from_ballots(cls, ballots: Sequence[tuple[Sequence[str], int]]) -> Profile:
        """From ``[(names in order, count), …]``; candidates are every name on any ballot."""
        order: dict[str, int] = {}
        for names, _ in ballots:
            for name in names:
                order.setdefault(name, len(order))
        n = len(order)
        rankings = np.full((1, len(ballots), n), -1, dtype=np.int64)
        counts = np.zeros((1, len(ballots)), dtype=np.int64)
        for row, (names, count) in enumerate(ballots):
            rankings[0, row, : len(names)] = [order[name] for name in names]
            counts[0, row] = count
        return cls(tuple(order), Batch(rankings, counts, n))

    def is_complete(self) -> bool:
        """Whether every ballot ranks every candidate."""
        return bool((self.batch.rankings >= 0).all())
