"""The crypto tests' shared fixture: each module's own ElGamal key pair."""

from __future__ import annotations

import pytest

from tandau.crypto.elgamal import KeyPair, keygen
from tandau.crypto.rng import DeterministicRng


@pytest.fixture(scope="module")
def kp(request: pytest.FixtureRequest) -> KeyPair:
    """The key pair drawn from the test module's ``KEY_SEED``."""
    seed: bytes = request.module.KEY_SEED
    return keygen(DeterministicRng(seed))
