"""Properties of ElGamal and the ballot proofs (spec §3, §5).

decrypt(encrypt(m)) = m; Enc is homomorphic; re-randomisation keeps the
plaintext; every honest range and selection proof verifies; and every
single-field change to a selection (one challenge, one response, one α or β,
the context) is refused with ProofError.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import (
    contexts,
    keypairs,
    nonzero_scalars,
    plaintexts,
    points,
    range_statements,
    rngs,
    rule_and_choices,
    scalars,
)

from tandau.crypto.disjunctive import RangeProof, prove_range, verify_range
from tandau.crypto.elgamal import (
    Ciphertext,
    KeyPair,
    decrypt,
    encrypt,
    rerandomize,
    sum_ciphertexts,
)
from tandau.crypto.errors import ProofError
from tandau.crypto.group import GENERATOR, L, Point, Scalar, random_scalar
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.selection import (
    EncryptedSelection,
    SelectionRule,
    encrypt_selection,
    verify_selection,
)

BOUND = 1000
FAST = settings(max_examples=50, deadline=None)
PROOFS = settings(max_examples=30, deadline=None)


# --- group ---


@FAST
@given(scalars(), scalars())
def test_scalar_multiplication_distributes(a: Scalar, b: Scalar) -> None:
    assert Point.base_mul(a) + Point.base_mul(b) == Point.base_mul(a + b)
    assert a * Point.base_mul(b) == Point.base_mul(a * b)


@FAST
@given(points())
def test_point_encoding_round_trips(p: Point) -> None:
    assert Point.from_hex(p.hex()) == p
    assert Point.from_bytes(p.to_bytes()) == p


@FAST
@given(scalars())
def test_scalar_encoding_round_trips(s: Scalar) -> None:
    assert Scalar.from_hex(s.hex()) == s
    assert Scalar.from_bytes(s.to_bytes()) == s


# --- ElGamal ---


@FAST
@given(keypairs(), plaintexts(BOUND), scalars())
def test_decrypt_inverts_encrypt(kp: KeyPair, m: int, r: Scalar) -> None:
    assert decrypt(kp.secret, encrypt(kp.public, m, r), BOUND) == m


@FAST
@given(keypairs(), plaintexts(400), plaintexts(400), scalars(), scalars())
def test_homomorphism(kp: KeyPair, m1: int, m2: int, r1: Scalar, r2: Scalar) -> None:
    a, b = encrypt(kp.public, m1, r1), encrypt(kp.public, m2, r2)
    assert a + b == encrypt(kp.public, m1 + m2, r1 + r2)
    assert decrypt(kp.secret, sum_ciphertexts([a, b]), BOUND) == m1 + m2


@FAST
@given(keypairs(), plaintexts(BOUND), scalars(), nonzero_scalars())
def test_rerandomisation_keeps_plaintext(kp: KeyPair, m: int, r: Scalar, r2: Scalar) -> None:
    ct = encrypt(kp.public, m, r)
    fresh = rerandomize(kp.public, ct, r2)
    assert fresh != ct
    assert fresh == encrypt(kp.public, m, r + r2)
    assert decrypt(kp.secret, fresh, BOUND) == m


@FAST
@given(keypairs(), plaintexts(BOUND), scalars())
def test_ciphertext_wire_form_round_trips(kp: KeyPair, m: int, r: Scalar) -> None:
    ct = encrypt(kp.public, m, r)
    assert Ciphertext.from_dict(ct.to_dict()) == ct


# --- range proofs ---


@PROOFS
@given(keypairs(), range_statements(), contexts(), rngs())
def test_honest_range_proof_verifies(
    kp: KeyPair, stmt: tuple[int, int, int], ctx: bytes, rng: DeterministicRng
) -> None:
    lo, hi, m = stmt
    r = random_scalar(rng)
    ct = encrypt(kp.public, m, r)
    proof = prove_range(kp.public, ct, m, r, lo, hi, ctx, rng)
    verify_range(kp.public, ct, proof, lo, hi, ctx)
    assert RangeProof.from_dict(proof.to_dict()) == proof


@PROOFS
@given(keypairs(), range_statements(), contexts(), rngs(), st.data())
def test_mutated_range_proof_fails(
    kp: KeyPair, stmt: tuple[int, int, int], ctx: bytes, rng: DeterministicRng, data: st.DataObject
) -> None:
    lo, hi, m = stmt
    r = random_scalar(rng)
    ct = encrypt(kp.public, m, r)
    proof = prove_range(kp.public, ct, m, r, lo, hi, ctx, rng)
    j = data.draw(st.integers(0, hi - lo), label="branch")
    delta = data.draw(nonzero_scalars(), label="delta")
    cs, ss = list(proof.challenges), list(proof.responses)
    if data.draw(st.booleans(), label="challenge?"):
        cs[j] = cs[j] + delta
    else:
        ss[j] = ss[j] + delta
    with pytest.raises(ProofError):
        verify_range(kp.public, ct, RangeProof(tuple(cs), tuple(ss)), lo, hi, ctx)


# --- selections ---


def _selection(
    kp: KeyPair, rule_choices: tuple[SelectionRule, list[int]], ctx: bytes, rng: DeterministicRng
) -> tuple[SelectionRule, EncryptedSelection]:
    rule, choices = rule_choices
    sel, opening = encrypt_selection(kp.public, rule, choices, ctx, rng)
    assert opening.choices == tuple(choices)
    return rule, sel


@PROOFS
@given(keypairs(), rule_and_choices(), contexts(), rngs())
def test_honest_selection_verifies(
    kp: KeyPair, rc: tuple[SelectionRule, list[int]], ctx: bytes, rng: DeterministicRng
) -> None:
    rule, sel = _selection(kp, rc, ctx, rng)
    verify_selection(kp.public, rule, sel, ctx)
    assert EncryptedSelection.from_dict(sel.to_dict()) == sel
    totals = sum_ciphertexts(list(sel.ciphertexts))
    assert rule.min_sum <= decrypt(kp.secret, totals, rule.max_sum) <= rule.max_sum


def _mutate_proof(proof: RangeProof, j: int, challenge: bool, delta: Scalar) -> RangeProof:
    cs, ss = list(proof.challenges), list(proof.responses)
    if challenge:
        cs[j] = cs[j] + delta
    else:
        ss[j] = ss[j] + delta
    return RangeProof(tuple(cs), tuple(ss))


@PROOFS
@given(keypairs(), rule_and_choices(), contexts(), rngs(), st.data())
def test_every_single_field_mutation_fails(
    kp: KeyPair,
    rc: tuple[SelectionRule, list[int]],
    ctx: bytes,
    rng: DeterministicRng,
    data: st.DataObject,
) -> None:
    rule, sel = _selection(kp, rc, ctx, rng)
    k = rule.options
    kind = data.draw(
        st.sampled_from(["option_proof", "sum_proof", "alpha", "beta", "context"]), label="kind"
    )
    cts, proofs, sum_proof = list(sel.ciphertexts), list(sel.option_proofs), sel.sum_proof
    if kind == "option_proof":
        i = data.draw(st.integers(0, k - 1), label="option")
        j = data.draw(st.integers(0, rule.per_option), label="branch")
        proofs[i] = _mutate_proof(
            proofs[i], j, data.draw(st.booleans(), label="challenge?"), data.draw(nonzero_scalars())
        )
    elif kind == "sum_proof":
        j = data.draw(st.integers(0, rule.max_sum - rule.min_sum), label="branch")
        sum_proof = _mutate_proof(
            sum_proof, j, data.draw(st.booleans(), label="challenge?"), data.draw(nonzero_scalars())
        )
    elif kind in ("alpha", "beta"):
        i = data.draw(st.integers(0, k - 1), label="option")
        shift = Point.base_mul(data.draw(nonzero_scalars(), label="shift"))
        ct = cts[i]
        cts[i] = (
            Ciphertext(ct.alpha + shift, ct.beta)
            if kind == "alpha"
            else Ciphertext(ct.alpha, ct.beta + shift)
        )
    else:
        extra = data.draw(st.binary(min_size=1, max_size=4), label="suffix")
        cut = data.draw(st.booleans(), label="truncate?")
        ctx = ctx[:-1] if cut and ctx else ctx + extra
    mutated = EncryptedSelection(tuple(cts), tuple(proofs), sum_proof)
    with pytest.raises(ProofError):
        verify_selection(kp.public, rule, mutated, ctx)


@PROOFS
@given(keypairs(), keypairs(), rule_and_choices(max_options=3), contexts(), rngs())
def test_selection_bound_to_its_key(
    kp: KeyPair,
    other: KeyPair,
    rc: tuple[SelectionRule, list[int]],
    ctx: bytes,
    rng: DeterministicRng,
) -> None:
    rule, sel = _selection(kp, rc, ctx, rng)
    if other.public == kp.public:
        other = KeyPair(kp.secret + Scalar(1), type(kp.public)(kp.public.point + GENERATOR))
    with pytest.raises(ProofError):
        verify_selection(other.public, rule, sel, ctx)


def test_modulus_is_prime_order_of_generator() -> None:
    # Sanity anchor for the properties above: ℓ·G is the identity.
    assert Point.base_mul(Scalar(L - 1)) + GENERATOR == Point.base_mul(Scalar(0))
