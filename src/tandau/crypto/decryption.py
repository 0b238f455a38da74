"""Decryption shares with proofs, and their threshold combination (spec §7).

Trustee j with key share x_j and verification key Y_j = x_j·G publishes, for
ciphertext number k (α_k, β_k) of a tally, the factor D_{j,k} = x_j·α_k and a
Chaum–Pedersen proof (§4.2) that log_G Y_j = log_{α_k} D_{j,k}, with context

    H("decryption/share", context, j, k)

where the caller's context is the election fingerprint.  ``combine`` checks
every trustee's shares, names and skips the invalid ones, and needs t valid
trustees; with the first t valid indices S (ascending) and Lagrange
coefficients λ_j at 0 it computes x·α_k = Σ_{j∈S} λ_j·D_{j,k}.  Then
m_k·G = β_k − x·α_k and a bounded discrete log gives m_k.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import sodium
from .canonical import record_lists, record_object
from .ceremony import TrusteeShare
from .chaum_pedersen import ChaumPedersenProof, prove_equality, verify_equality
from .dlog import DlogTable
from .elgamal import Ciphertext, decrypt_to_point
from .errors import CeremonyError, CryptoError, EncodingError, InvalidShare
from .group import GENERATOR, Point
from .hashing import hash_bytes, int_part
from .rng import Rng
from .sharing import MAX_TRUSTEES, check_index, decode_index, lagrange_at_zero

__all__ = [
    "MAX_CIPHERTEXTS",
    "Combination",
    "DecryptionShare",
    "TallyShare",
    "combine",
    "decrypt_totals",
    "decryption_share",
    "share_context",
    "tally_share",
    "verify_decryption_share",
    "verify_tally_share",
]

#: Most ciphertexts one tally share may cover (bounds work on hostile input).
MAX_CIPHERTEXTS = 256


def share_context(context: bytes, trustee: int, position: int) -> bytes:
    """H("decryption/share", context, j, k): binds a proof to its trustee and ciphertext."""
    return hash_bytes("decryption/share", context, int_part(trustee), int_part(position))


@dataclass(frozen=True, slots=True)
class DecryptionShare:
    """Trustee j's factor x_j·α for one ciphertext, with its Chaum–Pedersen proof."""

    trustee: int
    factor: Point
    proof: ChaumPedersenProof

    def __post_init__(self) -> None:
        check_index(self.trustee)

    def to_dict(self) -> dict[str, Any]:
        return {"trustee": self.trustee, "factor": self.factor.hex(), "proof": self.proof.to_dict()}

    @classmethod
    def from_dict(cls, d: Any) -> DecryptionShare:
        d = record_object(d, ("trustee", "factor", "proof"), "a decryption share")
        return cls(
            decode_index(d["trustee"]),
            Point.from_hex(d["factor"]),
            ChaumPedersenProof.from_dict(d["proof"]),
        )


def decryption_share(
    key: TrusteeShare, ct: Ciphertext, context: bytes, rng: Rng, position: int = 0
) -> DecryptionShare:
    """D = x_j·α with a proof under ``share_context(context, j, position)`` (spec §7.1)."""
    factor = Point.trusted(sodium.mul(key.secret.value, ct.alpha.data))
    y = Point.trusted(sodium.base_mul(key.secret.value))
    proof = prove_equality(
        key.secret, GENERATOR, ct.alpha, y, factor, share_context(context, key.index, position), rng
    )
    return DecryptionShare(key.index, factor, proof)


def verify_decryption_share(
    share: DecryptionShare,
    ct: Ciphertext,
    verification_key: Point,
    context: bytes,
    position: int = 0,
) -> None:
    """Check D against Y_j and α (spec §7.2); raises InvalidShare naming the trustee."""
    try:
        verify_equality(
            GENERATOR,
            ct.alpha,
            verification_key,
            share.factor,
            share.proof,
            share_context(context, share.trustee, position),
        )
    except CryptoError as exc:
        raise InvalidShare(
            f"trustee {share.trustee}'s decryption share for ciphertext {position} "
            "has no valid proof",
            trustee=share.trustee,
            position=position,
        ) from exc


@dataclass(frozen=True, slots=True)
class TallyShare:
    """Trustee j's decryption shares for every ciphertext of a tally, in tally order."""

    trustee: int
    shares: tuple[DecryptionShare, ...]

    def __post_init__(self) -> None:
        check_index(self.trustee)
        if not 1 <= len(self.shares) <= MAX_CIPHERTEXTS:
            raise EncodingError("a tally share covers 1 to 256 ciphertexts")
        if any(s.trustee != self.trustee for s in self.shares):
            raise EncodingError("a tally share holds one trustee's shares only")

    def to_dict(self) -> dict[str, Any]:
        return {
            "trustee": self.trustee,
            "factors": [s.factor.hex() for s in self.shares],
            "proofs": [s.proof.to_dict() for s in self.shares],
        }

    @classmethod
    def from_dict(cls, d: Any) -> TallyShare:
        d = record_object(d, ("trustee", "factors", "proofs"), "a tally share")
        j = decode_index(d["trustee"])
        factors, proofs = record_lists(
            d,
            ("factors", "proofs"),
            MAX_CIPHERTEXTS,
            "a tally share holds matching lists of factors and proofs",
            matching=True,
        )
        return cls(
            j,
            tuple(
                DecryptionShare(j, Point.from_hex(f), ChaumPedersenProof.from_dict(p))
                for f, p in zip(factors, proofs, strict=True)
            ),
        )


def tally_share(
    key: TrusteeShare, cts: Sequence[Ciphertext], context: bytes, rng: Rng
) -> TallyShare:
    """One decryption share per ciphertext of the tally, ciphertext k at position k (§7.1)."""
    return TallyShare(
        key.index,
        tuple(decryption_share(key, ct, context, rng, k) for k, ct in enumerate(cts)),
    )


def verify_tally_share(
    share: TallyShare, cts: Sequence[Ciphertext], verification_key: Point, context: bytes
) -> None:
    """Check every share of a tally share (§7.2); raises InvalidShare naming the trustee."""
    if len(share.shares) != len(cts):
        raise InvalidShare(
            f"trustee {share.trustee}'s tally share covers {len(share.shares)} ciphertexts, "
            f"not {len(cts)}",
            trustee=share.trustee,
        )
    for k, (s, ct) in enumerate(zip(share.shares, cts, strict=True)):
        verify_decryption_share(s, ct, verification_key, context, k)


@dataclass(frozen=True, slots=True)
class Combination:
    """The combined factors x·α_k, the trustees used, and the skipped ones with reasons."""

    factors: tuple[Point, ...]
    used: tuple[int, ...]
    skipped: tuple[tuple[int, str], ...] = field(default=())

    @property
    def skipped_trustees(self) -> tuple[int, ...]:
        return tuple(j for j, _ in self.skipped)


def combine(
    cts: Sequence[Ciphertext],
    shares: Iterable[TallyShare],
    verification_keys: Mapping[int, Point],
    threshold: int,
    context: bytes,
) -> Combination:
    """Verify every tally share, skip invalid ones, interpolate t valid ones (spec §7.3).

    Raises CeremonyError when fewer than ``threshold`` trustees have valid shares.
    """
    if not 1 <= threshold <= MAX_TRUSTEES:
        raise CeremonyError("the threshold is from 1 to 255", threshold=threshold)
    if not 1 <= len(cts) <= MAX_CIPHERTEXTS:
        raise CeremonyError("a tally has 1 to 256 ciphertexts")
    valid: dict[int, TallyShare] = {}
    skipped: list[tuple[int, str]] = []
    for share in shares:
        j = share.trustee
        if j in valid:
            skipped.append((j, "a second share from this trustee"))
            continue
        y = verification_keys.get(j)
        if y is None:
            skipped.append((j, "no verification key for this trustee"))
            continue
        try:
            verify_tally_share(share, cts, y, context)
        except InvalidShare as exc:
            skipped.append((j, exc.message))
            continue
        valid[j] = share
    if len(valid) < threshold:
        raise CeremonyError(
            f"only {len(valid)} valid decryption shares, fewer than t = {threshold}",
            valid=sorted(valid),
            skipped=[j for j, _ in skipped],
        )
    # Any t valid trustees give the same result; the lowest indices make it reproducible.
    used = tuple(sorted(valid)[:threshold])
    lambdas = {j: lam.value for j, lam in lagrange_at_zero(used).items()}
    factors = []
    for k in range(len(cts)):
        acc = sodium.IDENTITY
        for j in used:
            acc = sodium.add(acc, sodium.mul(lambdas[j], valid[j].shares[k].factor.data))
        factors.append(Point.trusted(acc))
    return Combination(tuple(factors), used, tuple(skipped))


def decrypt_totals(
    cts: Sequence[Ciphertext], combination: Combination, table: DlogTable
) -> tuple[int, ...]:
    """m_k with m_k·G = β_k − x·α_k, each in [0, table.bound] (spec §7.4)."""
    if len(cts) != len(combination.factors):
        raise CeremonyError("one combined factor per ciphertext")
    return tuple(
        table.solve(decrypt_to_point(ct, f)) for ct, f in zip(cts, combination.factors, strict=True)
    )
