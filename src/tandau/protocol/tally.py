"""Which ballots count, and their homomorphic sum (record spec §R6).

The last ballot of each credential counts (re-voting); a credential whose
holder voted on paper is cancelled and none of its ballots count (paper
override).  The encrypted tally is the per-option sum of counted ballots.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tandau.crypto import sodium
from tandau.crypto.elgamal import Ciphertext
from tandau.crypto.group import Point

from .errors import InvalidObject

__all__ = ["BallotBox", "EncryptedTally"]


@dataclass(frozen=True, slots=True)
class EncryptedTally:
    ciphertexts: tuple[Ciphertext, ...]
    counted: int

    def to_dict(self) -> dict[str, Any]:
        return {"ciphertexts": [c.to_dict() for c in self.ciphertexts], "counted": self.counted}

    @classmethod
    def from_dict(cls, d: Any) -> EncryptedTally:
        if not isinstance(d, dict) or set(d) != {"ciphertexts", "counted"}:
            raise InvalidObject("a tally is {ciphertexts, counted}", field="tally")
        counted = d["counted"]
        if not isinstance(counted, int) or isinstance(counted, bool) or counted < 0:
            raise InvalidObject("counted must be a non-negative integer", field="counted")
        return cls(tuple(Ciphertext.from_dict(c) for c in d["ciphertexts"]), counted)


class BallotBox:
    """Keeps the latest ballot per credential while a board is replayed in order."""

    def __init__(self, options: int) -> None:
        self.options = options
        self._latest: dict[bytes, tuple[int, tuple[Ciphertext, ...]]] = {}
        self._cancelled: set[bytes] = set()

    def cast(self, seq: int, credential: Point, ciphertexts: Iterable[Ciphertext]) -> None:
        cts = tuple(ciphertexts)
        if len(cts) != self.options:
            raise InvalidObject("a ballot has one ciphertext per option", field="ciphertexts")
        self._latest[credential.data] = (seq, cts)

    def cancel(self, credential: Point) -> None:
        self._cancelled.add(credential.data)

    def is_cancelled(self, credential: Point) -> bool:
        return credential.data in self._cancelled

    def counted(self) -> list[tuple[int, tuple[Ciphertext, ...]]]:
        """(seq, ciphertexts) of every counted ballot, in board order."""
        rows = [v for k, v in self._latest.items() if k not in self._cancelled]
        rows.sort(key=lambda r: r[0])
        return rows

    def tally(self) -> EncryptedTally:
        add = sodium.add
        alphas = [sodium.IDENTITY] * self.options
        betas = [sodium.IDENTITY] * self.options
        rows = self.counted()
        for _, cts in rows:
            for i, ct in enumerate(cts):
                alphas[i] = add(alphas[i], ct.alpha.data)
                betas[i] = add(betas[i], ct.beta.data)
        return EncryptedTally(
            tuple(
                Ciphertext(Point.trusted(a), Point.trusted(b))
                for a, b in zip(alphas, betas, strict=True)
            ),
            len(rows),
        )
