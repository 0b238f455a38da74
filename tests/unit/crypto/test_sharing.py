"""Shamir sharing with Feldman commitments (spec §6.2, §6.3, §6.5)."""

import itertools

import pytest

from tandau.crypto.errors import CeremonyError, InvalidShare
from tandau.crypto.group import L, Point, Scalar
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.sharing import (
    check_index,
    commit,
    commitment_at,
    evaluate,
    lagrange_at_zero,
    random_polynomial,
    verification_key,
    verification_keys,
    verify_share,
)


def poly(t: int = 3, seed: bytes = b"p") -> tuple[Scalar, ...]:
    return random_polynomial(t, DeterministicRng(seed))


def test_evaluate_matches_definition() -> None:
    a = poly(4)
    for j in (1, 2, 7, 255):
        expected = sum(c.value * j**k for k, c in enumerate(a)) % L
        assert evaluate(a, j).value == expected


def test_index_zero_is_never_a_share() -> None:
    # f(0) is the dealer's secret: no function hands it out.
    with pytest.raises(CeremonyError):
        evaluate(poly(), 0)
    for bad in (0, -1, 256, True):
        with pytest.raises(CeremonyError):
            check_index(bad)


def test_shares_verify_against_commitments() -> None:
    a = poly()
    cs = commit(a)
    assert cs[0] == Point.base_mul(a[0])
    for j in range(1, 6):
        verify_share(evaluate(a, j), cs, dealer=1, recipient=j)
        assert commitment_at(cs, j) == Point.base_mul(evaluate(a, j))


def test_wrong_share_names_dealer_and_recipient() -> None:
    a = poly()
    cs = commit(a)
    with pytest.raises(InvalidShare) as info:
        verify_share(evaluate(a, 2) + Scalar(1), cs, dealer=4, recipient=2)
    assert info.value.details == {"dealer": 4, "recipient": 2}
    assert "dealer 4" in info.value.message and "trustee 2" in info.value.message
    # Another trustee's share does not pass as this trustee's.
    with pytest.raises(InvalidShare):
        verify_share(evaluate(a, 3), cs, dealer=4, recipient=2)


@pytest.mark.parametrize("t,n", [(1, 1), (1, 3), (2, 3), (3, 5), (5, 5)])
def test_any_t_shares_interpolate_the_secret(t: int, n: int) -> None:
    a = poly(t, seed=bytes([t, n]))
    shares = {j: evaluate(a, j).value for j in range(1, n + 1)}
    for subset in itertools.combinations(range(1, n + 1), t):
        lam = lagrange_at_zero(subset)
        assert sum(lam[j].value * shares[j] for j in subset) % L == a[0].value


def test_fewer_than_t_shares_miss_the_secret() -> None:
    a = poly(3)
    subset = (1, 2)
    lam = lagrange_at_zero(subset)
    assert sum(lam[j].value * evaluate(a, j).value for j in subset) % L != a[0].value


def test_lagrange_known_values() -> None:
    # S = {1, 2}: λ_1 = 2/(2−1) = 2, λ_2 = 1/(1−2) = −1.
    lam = lagrange_at_zero([1, 2])
    assert lam[1].value == 2 and lam[2].value == L - 1
    assert lagrange_at_zero([5]) == {5: Scalar(1)}


@pytest.mark.parametrize("bad", [[], [1, 1], [0, 1], [1, 300]])
def test_lagrange_refuses_bad_sets(bad: list[int]) -> None:
    with pytest.raises(CeremonyError):
        lagrange_at_zero(bad)


def test_verification_keys_are_images_of_summed_shares() -> None:
    dealers = [poly(3, seed=bytes([i])) for i in range(1, 5)]
    all_cs = [commit(a) for a in dealers]
    keys = verification_keys(range(1, 6), all_cs)
    for j in range(1, 6):
        x_j = sum(evaluate(a, j).value for a in dealers) % L
        assert keys[j] == Point.base_mul(Scalar(x_j))
        assert verification_key(j, all_cs) == keys[j]


def test_verification_keys_refuse_mismatched_or_empty_input() -> None:
    with pytest.raises(CeremonyError):
        verification_keys([1], [commit(poly(2)), commit(poly(3))])
    with pytest.raises(CeremonyError):
        verification_key(1, [])
    with pytest.raises(CeremonyError):
        commitment_at((), 1)


def test_random_polynomial_degree_and_bounds() -> None:
    assert len(poly(4)) == 4
    assert all(0 < c.value < L for c in poly(4))
    with pytest.raises(CeremonyError):
        random_polynomial(0, DeterministicRng(b"x"))
