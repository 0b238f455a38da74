"""Randomness passed in: SystemRng and the test-only DeterministicRng (spec §2.4)."""

import hashlib

from tandau.crypto.group import random_scalar
from tandau.crypto.rng import DeterministicRng, Rng, SystemRng


def expected(seed: bytes, counter: int, n: int) -> bytes:
    """§2.4: call i returns SHAKE-256("tandau/v1/test-rng" || seed || i as u64 BE), n bytes."""
    return hashlib.shake_256(b"tandau/v1/test-rng" + seed + counter.to_bytes(8, "big")).digest(n)


def test_system_rng_lengths_and_freshness() -> None:
    rng = SystemRng()
    assert len(rng(0)) == 0
    assert len(rng(64)) == 64
    assert rng(32) != rng(32)


def test_deterministic_rng_stream_is_specified() -> None:
    rng = DeterministicRng(b"seed")
    assert rng(32) == expected(b"seed", 0, 32)
    assert rng(64) == expected(b"seed", 1, 64)
    assert rng(5) == expected(b"seed", 2, 5)


def test_deterministic_rng_reproducible_and_seed_dependent() -> None:
    a, b, c = DeterministicRng(b"x"), DeterministicRng(b"x"), DeterministicRng(b"y")
    first = a(32)
    assert first == b(32)
    assert first != c(32)
    assert a(32) != first  # each call advances the counter


def test_each_call_is_a_prefix_of_a_longer_call() -> None:
    # SHAKE is an XOF: the length asked for does not change the bytes before it.
    assert DeterministicRng(b"s")(16) == DeterministicRng(b"s")(64)[:16]


def test_seed_is_copied() -> None:
    seed = bytearray(b"mutable")
    rng = DeterministicRng(bytes(seed))
    mutable = DeterministicRng(seed)  # type: ignore[arg-type]
    seed[0] ^= 1
    assert mutable(32) == rng(32)


def test_both_satisfy_the_protocol() -> None:
    rngs: list[Rng] = [SystemRng(), DeterministicRng(b"p")]
    for rng in rngs:
        assert random_scalar(rng).value > 0
