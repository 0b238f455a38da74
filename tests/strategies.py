"""Hypothesis strategies for the crypto core (spec tandau/v1).

Reusable by any test: ``from strategies import scalars, keypairs, …`` (pytest
puts ``tests/`` on the path).  Values are real objects built through the
public constructors, so a strategy can never produce something the code
would refuse to build; randomness for provers comes from seeded
``DeterministicRng`` instances, so a failing example replays exactly.
"""

from __future__ import annotations

from hypothesis import strategies as st

from tandau.crypto.elgamal import KeyPair, keygen
from tandau.crypto.group import L, Point, Scalar, random_scalar
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.selection import SelectionRule

__all__ = [
    "contexts",
    "keypairs",
    "nonzero_scalars",
    "plaintexts",
    "points",
    "range_statements",
    "rngs",
    "rule_and_choices",
    "scalars",
    "seeded_keypair",
    "seeds",
]

#: Seeds for DeterministicRng: short, so shrinking is quick.
seeds = st.binary(min_size=1, max_size=16)


def rngs() -> st.SearchStrategy[DeterministicRng]:
    """A fresh seeded test RNG per example."""
    return seeds.map(DeterministicRng)


def scalars() -> st.SearchStrategy[Scalar]:
    """Any canonical scalar, 0 <= s < ℓ, with the edges 0, 1, ℓ − 1 favoured."""
    return st.one_of(
        st.sampled_from([0, 1, 2, L - 1, L - 2]), st.integers(min_value=0, max_value=L - 1)
    ).map(Scalar)


def nonzero_scalars() -> st.SearchStrategy[Scalar]:
    return st.integers(min_value=1, max_value=L - 1).map(Scalar)


def points() -> st.SearchStrategy[Point]:
    """Any group element, the identity included (n·G for a uniform n)."""
    return scalars().map(Point.base_mul)


def seeded_keypair(seed: bytes) -> tuple[Scalar, Point]:
    """A secret scalar from ``seed`` and its public point x·G, the same on every run."""
    x = random_scalar(DeterministicRng(seed))
    return x, Point.base_mul(x)


def keypairs() -> st.SearchStrategy[KeyPair]:
    """An ElGamal key pair drawn from a seeded RNG."""
    return seeds.map(lambda s: keygen(DeterministicRng(b"key" + s)))


def plaintexts(max_value: int = 1000) -> st.SearchStrategy[int]:
    return st.integers(min_value=0, max_value=max_value)


def contexts() -> st.SearchStrategy[bytes]:
    """Proof contexts: arbitrary bytes, usually the 64 of H("ballot/context", …)."""
    return st.one_of(st.binary(min_size=64, max_size=64), st.binary(max_size=40))


@st.composite
def range_statements(draw: st.DrawFn, max_width: int = 6) -> tuple[int, int, int]:
    """(lo, hi, m) with lo <= m <= hi and hi − lo + 1 <= max_width."""
    lo = draw(st.integers(min_value=0, max_value=20))
    hi = draw(st.integers(min_value=lo, max_value=lo + max_width - 1))
    m = draw(st.integers(min_value=lo, max_value=hi))
    return lo, hi, m


@st.composite
def rule_and_choices(draw: st.DrawFn, max_options: int = 6) -> tuple[SelectionRule, list[int]]:
    """A selection rule and a valid plaintext for it.

    Half the time an akim ballot (K options, each 0 or 1, sum exactly 1);
    otherwise a community question (per-option maximum up to 3, a sum range).
    """
    k = draw(st.integers(min_value=1, max_value=max_options))
    if draw(st.booleans()):
        rule = SelectionRule(k)
        choices = [0] * k
        choices[draw(st.integers(min_value=0, max_value=k - 1))] = 1
        return rule, choices
    per_option = draw(st.integers(min_value=1, max_value=3))
    choices = draw(st.lists(st.integers(0, per_option), min_size=k, max_size=k))
    total = sum(choices)
    min_sum = draw(st.integers(min_value=max(0, total - 3), max_value=total))
    max_sum = draw(st.integers(min_value=total, max_value=min(total + 3, k * per_option)))
    return SelectionRule(k, per_option, min_sum, max_sum), choices
