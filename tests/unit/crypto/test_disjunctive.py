"""Disjunctive Chaum–Pedersen range proofs (spec §5.1)."""

import pytest

from tandau.crypto.disjunctive import (
    MAX_BRANCHES,
    RangeProof,
    challenge_prefix,
    prove_range,
    verify_range,
)
from tandau.crypto.elgamal import Ciphertext, KeyPair, encrypt, keygen
from tandau.crypto.errors import EncodingError, NonCanonicalScalar, ProofError
from tandau.crypto.group import GENERATOR, L, Point, Scalar, hash_to_scalar, random_scalar
from tandau.crypto.hashing import int_part
from tandau.crypto.rng import DeterministicRng

CTX = b"\x07" * 64
#: Seeds the key pair of the ``kp`` fixture (conftest.py).
KEY_SEED = b"range-key"


def make(
    kp: KeyPair, m: int, lo: int, hi: int, seed: bytes = b"p"
) -> tuple[Ciphertext, RangeProof]:
    r = random_scalar(DeterministicRng(b"nonce" + seed))
    ct = encrypt(kp.public, m, r)
    return ct, prove_range(kp.public, ct, m, r, lo, hi, CTX, DeterministicRng(seed))


@pytest.mark.parametrize(
    ("lo", "hi", "m"),
    [(0, 1, 0), (0, 1, 1), (1, 1, 1), (0, 0, 0), (0, 5, 3), (3, 7, 3), (3, 7, 7), (10, 12, 11)],
)
def test_honest_proofs_verify(kp: KeyPair, lo: int, hi: int, m: int) -> None:
    ct, proof = make(kp, m, lo, hi)
    assert len(proof.challenges) == len(proof.responses) == hi - lo + 1
    verify_range(kp.public, ct, proof, lo, hi, CTX)


def test_widest_range_verifies(kp: KeyPair) -> None:
    ct, proof = make(kp, 40, 0, MAX_BRANCHES - 1)
    verify_range(kp.public, ct, proof, 0, MAX_BRANCHES - 1, CTX)


def test_equations_and_hash_order(kp: KeyPair) -> None:
    """V5.1.4–V5.1.5 recomputed with the general hash of §2.1, independently of the fast path."""
    lo, hi = 2, 4
    ct, proof = make(kp, 3, lo, hi)
    k = kp.public.point
    parts: list[bytes] = [CTX, k.data, ct.alpha.data, ct.beta.data, int_part(lo), int_part(hi)]
    for j, (c, s) in enumerate(zip(proof.challenges, proof.responses, strict=True)):
        v = Scalar(lo + j)
        a = Point.base_mul(s) - c * ct.alpha
        b = s * k - c * (ct.beta - Point.base_mul(v))
        parts += [a.data, b.data]
    total = hash_to_scalar("proof/range", *parts)
    assert sum(c.value for c in proof.challenges) % L == total.value


def test_proofs_are_randomised(kp: KeyPair) -> None:
    r = random_scalar(DeterministicRng(b"n"))
    ct = encrypt(kp.public, 1, r)
    p1 = prove_range(kp.public, ct, 1, r, 0, 1, CTX, DeterministicRng(b"1"))
    p2 = prove_range(kp.public, ct, 1, r, 0, 1, CTX, DeterministicRng(b"2"))
    assert p1 != p2
    verify_range(kp.public, ct, p2, 0, 1, CTX)


def test_prover_refuses_plaintext_outside_range(kp: KeyPair) -> None:
    r = random_scalar(DeterministicRng(b"n"))
    ct = encrypt(kp.public, 2, r)
    with pytest.raises(ValueError, match="outside the range"):
        prove_range(kp.public, ct, 2, r, 0, 1, CTX, DeterministicRng(b"x"))


@pytest.mark.parametrize(("lo", "hi"), [(2, 1), (-1, 1), (0, MAX_BRANCHES), (5, 5 + MAX_BRANCHES)])
def test_bounds_out_of_limits(kp: KeyPair, lo: int, hi: int) -> None:
    """V5.1.1."""
    ct, proof = make(kp, 1, 0, 1)
    with pytest.raises(ProofError, match="range bounds"):
        verify_range(kp.public, ct, proof, lo, hi, CTX)
    with pytest.raises(ProofError, match="range bounds"):
        prove_range(kp.public, ct, 1, Scalar(1), lo, hi, CTX, DeterministicRng(b"x"))


def test_wrong_number_of_branches(kp: KeyPair) -> None:
    """V5.1.3."""
    ct, proof = make(kp, 1, 0, 1)
    with pytest.raises(ProofError, match="branches"):
        verify_range(kp.public, ct, proof, 0, 2, CTX)
    with pytest.raises(ProofError, match="branches"):
        verify_range(kp.public, ct, proof, 1, 1, CTX)


def test_same_width_other_bounds_fail(kp: KeyPair) -> None:
    # [0, 1] and [1, 2] have two branches each; the bounds are hashed and shift β.
    ct, proof = make(kp, 1, 0, 1)
    with pytest.raises(ProofError, match="challenge mismatch"):
        verify_range(kp.public, ct, proof, 1, 2, CTX)


@pytest.mark.parametrize("field", ["c0", "c1", "s0", "s1", "alpha", "beta", "key", "context"])
def test_every_field_is_bound(kp: KeyPair, field: str) -> None:
    """V5.1.5: the hash covers the whole statement and the context."""
    ct, proof = make(kp, 1, 0, 1)
    key, ctx = kp.public, CTX
    cs, ss = list(proof.challenges), list(proof.responses)
    if field in ("c0", "c1"):
        cs[int(field[1])] += Scalar(1)
    elif field in ("s0", "s1"):
        ss[int(field[1])] += Scalar(1)
    elif field == "alpha":
        ct = Ciphertext(ct.alpha + GENERATOR, ct.beta)
    elif field == "beta":
        ct = Ciphertext(ct.alpha, ct.beta + GENERATOR)
    elif field == "key":
        key = keygen(DeterministicRng(b"other-key")).public
    else:
        ctx = CTX[:-1] + b"\x08"
    with pytest.raises(ProofError):
        verify_range(key, ct, RangeProof(tuple(cs), tuple(ss)), 0, 1, ctx)


def test_challenges_may_be_shifted_between_branches_only_by_hash(kp: KeyPair) -> None:
    # Moving value from one challenge to another keeps Σc but changes the commitments.
    ct, proof = make(kp, 0, 0, 1)
    c0, c1 = proof.challenges
    moved = RangeProof((c0 + Scalar(1), c1 - Scalar(1)), proof.responses)
    with pytest.raises(ProofError):
        verify_range(kp.public, ct, moved, 0, 1, CTX)


def test_prefix_is_only_a_shortcut(kp: KeyPair) -> None:
    ct, proof = make(kp, 1, 0, 1)
    prefix = challenge_prefix(CTX, kp.public)
    verify_range(kp.public, ct, proof, 0, 1, CTX, prefix=prefix)
    verify_range(kp.public, ct, proof, 0, 1, CTX, prefix=prefix)  # the prefix is not consumed
    with pytest.raises(ProofError):
        verify_range(kp.public, ct, proof, 0, 1, CTX, prefix=challenge_prefix(b"other", kp.public))
    r = random_scalar(DeterministicRng(b"nonce" + b"p"))
    again = prove_range(kp.public, ct, 1, r, 0, 1, CTX, DeterministicRng(b"p"), prefix=prefix)
    assert again == proof


def test_range_proof_shape() -> None:
    with pytest.raises(EncodingError):
        RangeProof((), ())
    with pytest.raises(EncodingError):
        RangeProof((Scalar(1),), (Scalar(1), Scalar(2)))


def test_dict_round_trip(kp: KeyPair) -> None:
    _, proof = make(kp, 1, 0, 1)
    d = proof.to_dict()
    assert set(d) == {"c", "s"}
    assert d["c"] == [c.hex() for c in proof.challenges]
    assert RangeProof.from_dict(d) == proof


@pytest.mark.parametrize(
    "bad",
    [
        None,
        {"c": ["00" * 32]},
        {"c": "00" * 32, "s": "00" * 32},
        {"c": ["00" * 32] * (MAX_BRANCHES + 1), "s": ["00" * 32] * (MAX_BRANCHES + 1)},
        {"c": [], "s": []},
        {"c": ["00" * 32], "s": []},
    ],
)
def test_dict_shape_refused(bad: object) -> None:
    """V5.1.2."""
    with pytest.raises(EncodingError):
        RangeProof.from_dict(bad)


@pytest.mark.parametrize("field", ["c", "s"])
def test_dict_scalar_not_reduced(kp: KeyPair, field: str) -> None:
    """V5.1.2, S1."""
    _, proof = make(kp, 1, 0, 1)
    d = proof.to_dict()
    value = Scalar.from_hex(d[field][0]).value
    d[field][0] = (value + L).to_bytes(32, "little").hex()
    with pytest.raises(NonCanonicalScalar):
        RangeProof.from_dict(d)
