"""An encrypted selection: one ciphertext per option with its range proof, and a
proof that the options sum to a value in [min, max] (spec §5.2).

An akim ballot is K options (candidates and "against all"), each 0 or 1, with
the sum exactly 1.  A community question may allow 0..L per option and a
sum in [min, max].  Proof i's context is ``context || i`` (8-byte big-endian)
and the sum proof's is ``context || "sum"``, so proofs cannot be moved
between options; the caller's context binds the election and the voter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import sodium
from .canonical import record_lists, record_object
from .disjunctive import (
    MAX_BRANCHES,
    RangeProof,
    _verify,
    challenge_prefix,
    prove_range,
)
from .elgamal import Ciphertext, PublicKey, encrypt
from .errors import EncodingError, ProofError
from .group import L, Point, Scalar, random_scalar
from .rng import Rng

__all__ = [
    "MAX_OPTIONS",
    "EncryptedSelection",
    "Opening",
    "SelectionRule",
    "encrypt_selection",
    "option_context",
    "sum_context",
    "verify_selection",
]

#: Most options a selection may have (bounds work on hostile input).
MAX_OPTIONS = 256


@dataclass(frozen=True, slots=True)
class SelectionRule:
    """What a valid selection is: K options, each in [0, per_option], sum in [min_sum, max_sum]."""

    options: int
    per_option: int = 1
    min_sum: int = 1
    max_sum: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.options <= MAX_OPTIONS:
            raise ValueError("a selection has 1 to 256 options")
        if not 1 <= self.per_option < MAX_BRANCHES:
            raise ValueError("per-option maximum out of range")
        if not 0 <= self.min_sum <= self.max_sum <= self.options * self.per_option:
            raise ValueError("sum bounds out of range")
        if self.max_sum - self.min_sum + 1 > MAX_BRANCHES:
            raise ValueError("sum range too wide")

    def check_plaintext(self, choices: list[int]) -> None:
        if len(choices) != self.options:
            raise ValueError("one choice per option")
        if any(not 0 <= m <= self.per_option for m in choices):
            raise ValueError("a choice is out of the per-option range")
        if not self.min_sum <= sum(choices) <= self.max_sum:
            raise ValueError("the choices do not sum within [min, max]")


def option_context(context: bytes, i: int) -> bytes:
    return context + i.to_bytes(8, "big")


def sum_context(context: bytes) -> bytes:
    return context + b"sum"


@dataclass(frozen=True, slots=True)
class EncryptedSelection:
    ciphertexts: tuple[Ciphertext, ...]
    option_proofs: tuple[RangeProof, ...]
    sum_proof: RangeProof

    def to_dict(self) -> dict[str, Any]:
        return {
            "ciphertexts": [ct.to_dict() for ct in self.ciphertexts],
            "option_proofs": [p.to_dict() for p in self.option_proofs],
            "sum_proof": self.sum_proof.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: Any) -> EncryptedSelection:
        d = record_object(d, ("ciphertexts", "option_proofs", "sum_proof"), "a selection")
        cts, proofs = record_lists(
            d,
            ("ciphertexts", "option_proofs"),
            MAX_OPTIONS,
            "a selection holds lists of ciphertexts and proofs",
        )
        return cls(
            tuple(Ciphertext.from_dict(c) for c in cts),
            tuple(RangeProof.from_dict(p) for p in proofs),
            RangeProof.from_dict(d["sum_proof"]),
        )


@dataclass(frozen=True, slots=True)
class Opening:
    """The plaintext and randomness of a selection: revealed only for an audited ballot."""

    choices: tuple[int, ...]
    nonces: tuple[Scalar, ...]

    def __repr__(self) -> str:
        return "Opening(…)"  # never print a vote

    def to_dict(self) -> dict[str, Any]:
        return {"choices": list(self.choices), "nonces": [r.hex() for r in self.nonces]}

    @classmethod
    def from_dict(cls, d: Any) -> Opening:
        d = record_object(d, ("choices", "nonces"), "an opening")
        bad = "an opening holds matching lists of choices and nonces"
        choices, nonces = record_lists(d, ("choices", "nonces"), MAX_OPTIONS, bad, matching=True)
        if any(not isinstance(m, int) or isinstance(m, bool) or m < 0 for m in choices):
            raise EncodingError(bad)
        return cls(tuple(choices), tuple(Scalar.from_hex(r) for r in nonces))


def encrypt_selection(
    key: PublicKey, rule: SelectionRule, choices: list[int], context: bytes, rng: Rng
) -> tuple[EncryptedSelection, Opening]:
    """Encrypt and prove a selection (spec §5.2.1)."""
    rule.check_plaintext(choices)
    nonces = [random_scalar(rng) for _ in choices]
    cts = [encrypt(key, m, r) for m, r in zip(choices, nonces, strict=True)]
    proofs = tuple(
        prove_range(key, ct, m, r, 0, rule.per_option, option_context(context, i), rng)
        for i, (ct, m, r) in enumerate(zip(cts, choices, nonces, strict=True))
    )
    total = _sum(cts)
    r_total = Scalar(sum(r.value for r in nonces) % L)
    sum_proof = prove_range(
        key, total, sum(choices), r_total, rule.min_sum, rule.max_sum, sum_context(context), rng
    )
    return EncryptedSelection(tuple(cts), proofs, sum_proof), Opening(tuple(choices), tuple(nonces))


def _sum(cts: list[Ciphertext] | tuple[Ciphertext, ...]) -> Ciphertext:
    alpha, beta = _sum_raw(cts)
    return Ciphertext(Point.trusted(bytes(alpha)), Point.trusted(bytes(beta)))


def _sum_raw(cts: list[Ciphertext] | tuple[Ciphertext, ...]) -> tuple[Any, Any]:
    add = sodium.add_unchecked
    alpha: Any = cts[0].alpha.data
    beta: Any = cts[0].beta.data
    for ct in cts[1:]:
        alpha = add(alpha, ct.alpha.data)
        beta = add(beta, ct.beta.data)
    return alpha, beta


def verify_selection(
    key: PublicKey, rule: SelectionRule, sel: EncryptedSelection, context: bytes
) -> None:
    """Every option proof and the sum proof (spec §5.2.2); raises ProofError."""
    k = rule.options
    if len(sel.ciphertexts) != k or len(sel.option_proofs) != k:
        raise ProofError("the selection has the wrong number of options")
    branches = rule.per_option + 1
    kd = key.point.data
    for i, (ct, proof) in enumerate(zip(sel.ciphertexts, sel.option_proofs, strict=True)):
        if len(proof.challenges) != branches:
            raise ProofError("an option proof has the wrong number of branches", option=i)
        try:
            _verify(
                kd,
                ct.alpha.data,
                ct.beta.data,
                [c.value for c in proof.challenges],
                [s.value for s in proof.responses],
                0,
                challenge_prefix(option_context(context, i), key),
            )
        except ProofError as exc:
            raise ProofError("an option proof does not verify", option=i) from exc
    if len(sel.sum_proof.challenges) != rule.max_sum - rule.min_sum + 1:
        raise ProofError("the sum proof has the wrong number of branches")
    total_alpha, total_beta = _sum_raw(sel.ciphertexts)
    try:
        _verify(
            kd,
            total_alpha,
            total_beta,
            [c.value for c in sel.sum_proof.challenges],
            [s.value for s in sel.sum_proof.responses],
            rule.min_sum,
            challenge_prefix(sum_context(context), key),
        )
    except ProofError as exc:
        raise ProofError("the sum proof does not verify") from exc
