"""Encrypted selections: per-option range proofs and the sum proof (spec §5.2)."""

import pytest

from tandau.crypto.disjunctive import RangeProof, prove_range, verify_range
from tandau.crypto.elgamal import Ciphertext, KeyPair, encrypt, sum_ciphertexts
from tandau.crypto.errors import EncodingError, NonCanonicalPoint, ProofError
from tandau.crypto.group import GENERATOR, L, Scalar
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.selection import (
    MAX_OPTIONS,
    EncryptedSelection,
    Opening,
    SelectionRule,
    encrypt_selection,
    option_context,
    sum_context,
    verify_selection,
)

CTX = b"\x11" * 64
#: Seeds the key pair of the ``kp`` fixture (conftest.py).
KEY_SEED = b"selection-key"


def one_hot(k: int, i: int) -> list[int]:
    choices = [0] * k
    choices[i] = 1
    return choices


def make(
    kp: KeyPair, rule: SelectionRule, choices: list[int], seed: bytes = b"s"
) -> tuple[EncryptedSelection, Opening]:
    return encrypt_selection(kp.public, rule, choices, CTX, DeterministicRng(seed))


# --- rules ---


def test_akim_rule_defaults() -> None:
    rule = SelectionRule(6)
    assert (rule.options, rule.per_option, rule.min_sum, rule.max_sum) == (6, 1, 1, 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0,), "1 to 256"),
        ((MAX_OPTIONS + 1,), "1 to 256"),
        ((3, 0), "per-option"),
        ((3, 64), "per-option"),
        ((3, 1, 2, 1), "sum bounds"),
        ((3, 1, 0, 4), "sum bounds"),
        ((3, 1, -1, 1), "sum bounds"),
        ((100, 2, 0, 64), "too wide"),
    ],
)
def test_rule_limits(args: tuple[int, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SelectionRule(*args)


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ([1, 0], "one choice per option"),
        ([1, 0, 0, 0], "one choice per option"),
        ([2, 0, 0], "per-option"),
        ([-1, 1, 1], "per-option"),
        ([0, 0, 0], "sum"),
        ([1, 1, 0], "sum"),
    ],
)
def test_plaintext_checks(choices: list[int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SelectionRule(3).check_plaintext(choices)


def test_contexts() -> None:
    assert option_context(b"ctx", 0) == b"ctx" + bytes(8)
    assert option_context(b"ctx", 258) == b"ctx" + (258).to_bytes(8, "big")
    assert sum_context(b"ctx") == b"ctxsum"
    # Option and sum contexts of one ballot never coincide (lengths differ).
    assert {option_context(CTX, i) for i in range(MAX_OPTIONS)}.isdisjoint({sum_context(CTX)})


# --- honest selections ---


@pytest.mark.parametrize("k", [1, 2, 3, 6])
def test_akim_ballots_verify(kp: KeyPair, k: int) -> None:
    rule = SelectionRule(k)
    for i in range(k):
        sel, opening = make(kp, rule, one_hot(k, i), seed=b"%d" % i)
        verify_selection(kp.public, rule, sel, CTX)
        assert opening.choices == tuple(one_hot(k, i))
        assert len(sel.ciphertexts) == len(sel.option_proofs) == k
        assert len(sel.sum_proof.challenges) == 1


@pytest.mark.parametrize(
    ("rule", "choices"),
    [
        (SelectionRule(4, 1, 0, 2), [0, 0, 0, 0]),
        (SelectionRule(4, 1, 0, 2), [1, 0, 1, 0]),
        (SelectionRule(3, 3, 2, 5), [3, 0, 2]),
        (SelectionRule(2, 2, 4, 4), [2, 2]),
    ],
)
def test_community_rules_verify(kp: KeyPair, rule: SelectionRule, choices: list[int]) -> None:
    sel, _ = make(kp, rule, choices)
    verify_selection(kp.public, rule, sel, CTX)
    assert all(len(p.challenges) == rule.per_option + 1 for p in sel.option_proofs)
    assert len(sel.sum_proof.challenges) == rule.max_sum - rule.min_sum + 1


def test_opening_reproduces_the_ciphertexts(kp: KeyPair) -> None:
    """V5.2.7, the audit check: re-encrypting the opening gives the same ciphertexts."""
    sel, opening = make(kp, SelectionRule(3), [0, 0, 1])
    again = tuple(
        encrypt(kp.public, m, r) for m, r in zip(opening.choices, opening.nonces, strict=True)
    )
    assert again == sel.ciphertexts


def test_sum_proof_is_about_the_homomorphic_sum(kp: KeyPair) -> None:
    rule = SelectionRule(3)
    sel, opening = make(kp, rule, [0, 1, 0])
    total = sum_ciphertexts(list(sel.ciphertexts))
    r_total = Scalar(sum(r.value for r in opening.nonces) % L)
    assert total == encrypt(kp.public, 1, r_total)
    verify_range(kp.public, total, sel.sum_proof, 1, 1, sum_context(CTX))


def test_encrypt_refuses_invalid_plaintext(kp: KeyPair) -> None:
    with pytest.raises(ValueError):
        make(kp, SelectionRule(3), [1, 1, 0])


# --- refusals ---


def test_wrong_number_of_options(kp: KeyPair) -> None:
    """V5.2.2."""
    sel, _ = make(kp, SelectionRule(3), [1, 0, 0])
    with pytest.raises(ProofError, match="number of options"):
        verify_selection(kp.public, SelectionRule(4), sel, CTX)
    short = EncryptedSelection(sel.ciphertexts[:2], sel.option_proofs, sel.sum_proof)
    with pytest.raises(ProofError, match="number of options"):
        verify_selection(kp.public, SelectionRule(3), short, CTX)


def test_wrong_branch_count_names_the_option(kp: KeyPair) -> None:
    """V5.2.3."""
    rule = SelectionRule(3)
    sel, _ = make(kp, rule, [1, 0, 0])
    wide = SelectionRule(3, 2, 1, 1)
    with pytest.raises(ProofError, match="branches") as exc:
        verify_selection(kp.public, wide, sel, CTX)
    assert exc.value.details["option"] == 0


def test_sum_proof_branch_count(kp: KeyPair) -> None:
    """V5.2.4."""
    sel, _ = make(kp, SelectionRule(3), [1, 0, 0])
    with pytest.raises(ProofError, match="sum proof has the wrong number"):
        verify_selection(kp.public, SelectionRule(3, 1, 0, 1), sel, CTX)


def test_swapped_options_fail(kp: KeyPair) -> None:
    """V5.2.3 with the option contexts ctx ‖ u64(i)."""
    # Moving a ciphertext together with its proof to another position breaks
    # the option context: proofs are bound to their index.
    rule = SelectionRule(3)
    sel, _ = make(kp, rule, [1, 0, 0])
    cts, proofs = list(sel.ciphertexts), list(sel.option_proofs)
    cts[0], cts[1] = cts[1], cts[0]
    proofs[0], proofs[1] = proofs[1], proofs[0]
    swapped = EncryptedSelection(tuple(cts), tuple(proofs), sel.sum_proof)
    with pytest.raises(ProofError) as exc:
        verify_selection(kp.public, rule, swapped, CTX)
    assert exc.value.details["option"] == 0


def test_failing_option_is_named(kp: KeyPair) -> None:
    rule = SelectionRule(4)
    sel, _ = make(kp, rule, [0, 0, 1, 0])
    proofs = list(sel.option_proofs)
    p = proofs[2]
    proofs[2] = RangeProof(p.challenges, (p.responses[0] + Scalar(1), p.responses[1]))
    with pytest.raises(ProofError, match="option proof") as exc:
        verify_selection(
            kp.public, rule, EncryptedSelection(sel.ciphertexts, tuple(proofs), sel.sum_proof), CTX
        )
    assert exc.value.details["option"] == 2
    assert isinstance(exc.value.__cause__, ProofError)


def test_sum_proof_failure_is_named(kp: KeyPair) -> None:
    rule = SelectionRule(3)
    sel, _ = make(kp, rule, [0, 1, 0])
    other, _ = make(kp, rule, [0, 1, 0], seed=b"other")
    mixed = EncryptedSelection(sel.ciphertexts, sel.option_proofs, other.sum_proof)
    with pytest.raises(ProofError, match="sum proof does not verify"):
        verify_selection(kp.public, rule, mixed, CTX)


def test_sum_proof_bounds_are_part_of_the_statement(kp: KeyPair) -> None:
    """V5.2.4, V5.2.6."""
    rule = SelectionRule(3)
    sel, opening = make(kp, rule, [0, 1, 0])
    total = sum_ciphertexts(list(sel.ciphertexts))
    r_total = Scalar(sum(r.value for r in opening.nonces) % L)
    rng = DeterministicRng(b"w")
    # An honest proof that the sum is in [1, 2] verifies under the rule it was made for …
    wide = prove_range(kp.public, total, 1, r_total, 1, 2, sum_context(CTX), rng)
    with_wide = EncryptedSelection(sel.ciphertexts, sel.option_proofs, wide)
    verify_selection(kp.public, SelectionRule(3, 1, 1, 2), with_wide, CTX)
    # … but is not a proof that the sum is exactly 1.
    with pytest.raises(ProofError, match="wrong number of branches"):
        verify_selection(kp.public, rule, with_wide, CTX)
    # Same width, other bounds: [0, 1] is not [1, 2].
    low = prove_range(kp.public, total, 1, r_total, 0, 1, sum_context(CTX), rng)
    with pytest.raises(ProofError, match="sum proof does not verify"):
        verify_selection(
            kp.public,
            SelectionRule(3, 1, 1, 2),
            EncryptedSelection(sel.ciphertexts, sel.option_proofs, low),
            CTX,
        )


# --- wire forms ---


def test_selection_dict_round_trip(kp: KeyPair) -> None:
    sel, _ = make(kp, SelectionRule(3), [0, 0, 1])
    d = sel.to_dict()
    assert set(d) == {"ciphertexts", "option_proofs", "sum_proof"}
    assert EncryptedSelection.from_dict(d) == sel


@pytest.mark.parametrize(
    "bad",
    [
        None,
        {"ciphertexts": [], "option_proofs": []},
        {"ciphertexts": {}, "option_proofs": [], "sum_proof": {"c": [], "s": []}},
        {"ciphertexts": [], "option_proofs": [], "sum_proof": {"c": [], "s": []}, "x": 1},
    ],
)
def test_selection_shape_refused(bad: object) -> None:
    with pytest.raises(EncodingError):
        EncryptedSelection.from_dict(bad)


def test_selection_too_many_options_refused(kp: KeyPair) -> None:
    ct = encrypt(kp.public, 0, Scalar(1)).to_dict()
    d = {"ciphertexts": [ct] * (MAX_OPTIONS + 1), "option_proofs": [], "sum_proof": {}}
    with pytest.raises(EncodingError):
        EncryptedSelection.from_dict(d)


def test_selection_bad_point_refused(kp: KeyPair) -> None:
    d = make(kp, SelectionRule(2), [0, 1])[0].to_dict()
    d["ciphertexts"][1]["beta"] = GENERATOR.hex()[:-2] + "f6"  # bit 255 set on G
    with pytest.raises(NonCanonicalPoint):
        EncryptedSelection.from_dict(d)


def test_opening_round_trip_and_repr(kp: KeyPair) -> None:
    _, opening = make(kp, SelectionRule(3), [0, 1, 0])
    assert Opening.from_dict(opening.to_dict()) == opening
    assert "1" not in repr(opening)


@pytest.mark.parametrize(
    "bad",
    [
        {"choices": [1], "nonces": []},
        {"choices": [True], "nonces": ["00" * 32]},
        {"choices": [-1], "nonces": ["00" * 32]},
        {"choices": "1", "nonces": ["00" * 32]},
        {"choices": [1]},
    ],
)
def test_opening_shape_refused(bad: object) -> None:
    with pytest.raises(EncodingError):
        Opening.from_dict(bad)


def test_ciphertext_type_is_shared(kp: KeyPair) -> None:
    sel, _ = make(kp, SelectionRule(1), [1])
    assert isinstance(sel.ciphertexts[0], Ciphertext)
