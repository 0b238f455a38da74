"""Shamir sharing over scalars mod ℓ with Feldman commitments (spec §6.2, §6.3, §6.5).

A dealer with threshold t picks f(z) = a_0 + a_1·z + … + a_{t−1}·z^{t−1}
mod ℓ, publishes the commitments C_k = a_k·G and gives trustee j (1 <= j <= n)
the share f(j).  Index 0 is never a trustee: f(0) is the dealer's secret.

    share check       f(j)·G = Σ_k j^k·C_k
    verification key  Y_j = Σ_dealers Σ_k j^k·C_{dealer,k}  (= x_j·G, x_j = Σ_dealers f(j))
    Lagrange at 0     λ_i = Π_{j ∈ S, j ≠ i} j / (j − i)  mod ℓ

Scalars are Python ints mod ℓ inside; Scalar and Point are the boundary types.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from . import sodium
from .errors import CeremonyError, EncodingError, InvalidShare
from .group import L, Point, Scalar, random_scalar
from .rng import Rng

__all__ = [
    "MAX_TRUSTEES",
    "check_index",
    "commit",
    "commitment_at",
    "decode_index",
    "evaluate",
    "lagrange_at_zero",
    "random_polynomial",
    "verification_key",
    "verification_keys",
    "verify_share",
]

#: Most trustees an election may have (the manifest's limit; bounds hostile input).
MAX_TRUSTEES = 255


def check_index(j: int) -> int:
    """Return j when it is a trustee index 1 <= j <= MAX_TRUSTEES; raise CeremonyError otherwise."""
    # bool is an int; an index of True is a bug, not trustee 1.
    if not isinstance(j, int) or isinstance(j, bool) or not 1 <= j <= MAX_TRUSTEES:
        raise CeremonyError("a trustee index is an integer from 1 to 255", index=j)
    return j


def decode_index(v: Any) -> int:
    """A trustee index read from a record: as ``check_index``, but refused as EncodingError."""
    if not isinstance(v, int) or isinstance(v, bool) or not 1 <= v <= MAX_TRUSTEES:
        raise EncodingError("a trustee index is an integer from 1 to 255")
    return v


def random_polynomial(threshold: int, rng: Rng) -> tuple[Scalar, ...]:
    """Coefficients a_0 … a_{t−1} of a uniformly random polynomial of degree t − 1."""
    if not 1 <= threshold <= MAX_TRUSTEES:
        raise CeremonyError("the threshold is from 1 to 255", threshold=threshold)
    return tuple(random_scalar(rng) for _ in range(threshold))


def evaluate(coefficients: Sequence[Scalar], j: int) -> Scalar:
    """f(j) mod ℓ by Horner's rule, for a trustee index j."""
    check_index(j)
    if not coefficients:
        raise CeremonyError("a polynomial has at least one coefficient")
    acc = 0
    for a in reversed(coefficients):
        acc = (acc * j + a.value) % L
    return Scalar(acc)


def commit(coefficients: Sequence[Scalar]) -> tuple[Point, ...]:
    """The Feldman commitments C_k = a_k·G."""
    return tuple(Point.trusted(sodium.base_mul(a.value)) for a in coefficients)


def _at(commitments: Sequence[bytes], j: int) -> bytes:
    # C_0 needs no multiplication; j^k is reduced mod ℓ as libsodium expects.
    acc = commitments[0]
    power = 1
    for c in commitments[1:]:
        power = power * j % L
        acc = sodium.add(acc, sodium.mul(power, c))
    return acc


def commitment_at(commitments: Sequence[Point], j: int) -> Point:
    """Σ_k j^k·C_k: the public image f(j)·G of trustee j's share."""
    check_index(j)
    if not commitments:
        raise CeremonyError("a dealing has at least one commitment")
    return Point.trusted(_at([c.data for c in commitments], j))


def verify_share(share: Scalar, commitments: Sequence[Point], dealer: int, recipient: int) -> None:
    """Check f(j)·G = Σ_k j^k·C_k for the recipient j; raises InvalidShare naming both."""
    expected = commitment_at(commitments, recipient)
    if sodium.base_mul(share.value) != expected.data:
        raise InvalidShare(
            f"the share from dealer {dealer} to trustee {recipient} does not match "
            "the dealer's commitments",
            dealer=dealer,
            recipient=recipient,
        )


def lagrange_at_zero(indices: Iterable[int]) -> dict[int, Scalar]:
    """λ_i for every i of a set S of distinct trustee indices: f(0) = Σ_i λ_i·f(i)."""
    s = [check_index(i) for i in indices]
    if not s:
        raise CeremonyError("interpolation needs at least one index")
    if len(set(s)) != len(s):
        raise CeremonyError("interpolation indices must be distinct", indices=s)
    out: dict[int, Scalar] = {}
    for i in s:
        num, den = 1, 1
        for j in s:
            if j != i:
                num = num * j % L
                den = den * (j - i) % L
        # Distinct indices below ℓ make every denominator non-zero.
        out[i] = Scalar(num * pow(den, -1, L) % L)
    return out


def _summed(dealer_commitments: Iterable[Sequence[Point]]) -> list[bytes]:
    # Σ_dealers C_{dealer,k} for each k, so each trustee then costs t − 1 multiplications.
    total: list[bytes] | None = None
    for cs in dealer_commitments:
        if total is None:
            total = [c.data for c in cs]
            if not total:
                raise CeremonyError("a dealing has at least one commitment")
        elif len(cs) != len(total):
            raise CeremonyError("every dealing has the same number of commitments")
        else:
            total = [sodium.add(a, c.data) for a, c in zip(total, cs, strict=True)]
    if total is None:
        raise CeremonyError("a verification key needs at least one dealing")
    return total


def verification_key(j: int, dealer_commitments: Iterable[Sequence[Point]]) -> Point:
    """Y_j = Σ_dealers Σ_k j^k·C_{dealer,k}: the public image of trustee j's key share."""
    check_index(j)
    return Point.trusted(_at(_summed(dealer_commitments), j))


def verification_keys(
    indices: Iterable[int], dealer_commitments: Iterable[Sequence[Point]]
) -> dict[int, Point]:
    """Y_j for every trustee index j, from the qualified dealers' commitments."""
    total = _summed(dealer_commitments)
    return {check_index(j): Point.trusted(_at(total, j)) for j in indices}
