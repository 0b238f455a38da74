"""Bounded discrete logarithm by baby-step giant-step (spec §3.4)."""

import math

import pytest

from tandau.crypto.dlog import DlogTable
from tandau.crypto.errors import DecryptionError
from tandau.crypto.group import GENERATOR, IDENTITY, L, Point, Scalar, hash_to_point

BIG = 10_000_000


def mg(m: int) -> Point:
    return Point.base_mul(Scalar(m % L))


@pytest.fixture(scope="module")
def big() -> DlogTable:
    return DlogTable.for_bound(BIG)


def test_table_shape() -> None:
    t = DlogTable.for_bound(100)
    assert t.bound == 100
    assert t.m == math.isqrt(100) + 1 == 11
    assert len(t.baby) == 11
    assert t.stride == mg(11).data
    assert t.baby[IDENTITY.data] == 0


def test_bound_zero() -> None:
    t = DlogTable.for_bound(0)
    assert t.solve(IDENTITY) == 0
    with pytest.raises(DecryptionError):
        t.solve(GENERATOR)


def test_negative_bound_refused() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        DlogTable.for_bound(-1)


@pytest.mark.parametrize("bound", [1, 2, 3, 15, 16, 17, 48, 49, 50])
def test_every_value_up_to_small_bounds(bound: int) -> None:
    t = DlogTable.for_bound(bound)
    for m in range(bound + 1):
        assert t.solve(mg(m)) == m
    with pytest.raises(DecryptionError):
        t.solve(mg(bound + 1))


def test_representable_but_above_bound_is_refused() -> None:
    # bound 100 → m = 11; values 101 … 131 have a representation i·11 + j with
    # i <= 11, j < 11, yet lie above the bound and must not be returned.
    t = DlogTable.for_bound(100)
    for value in (101, 120, 131, 132, 1000):
        with pytest.raises(DecryptionError) as exc:
            t.solve(mg(value))
        assert exc.value.details["bound"] == 100


@pytest.mark.parametrize("m", [0, 1, 3162, 3163, 3164, 1_234_567, 3163 * 3160 + 3162, BIG - 1, BIG])
def test_bound_ten_million(big: DlogTable, m: int) -> None:
    assert big.m == 3163
    assert big.solve(mg(m)) == m


@pytest.mark.parametrize("m", [BIG + 1, BIG + 3163, 3163 * 3163, 3163 * 3163 + 3162, -1, -2])
def test_out_of_range_raises(big: DlogTable, m: int) -> None:
    # 3163² and 3163² + 3162 are reachable by the search but above the bound;
    # −1 is ℓ − 1: what a forged "vote of −1" would decrypt to.
    with pytest.raises(DecryptionError):
        big.solve(mg(m))


def test_unrelated_point_raises() -> None:
    t = DlogTable.for_bound(10_000)
    with pytest.raises(DecryptionError):
        t.solve(hash_to_point("test/dlog", b"no small log"))
