"""Keys kept as their 32 bytes (crypto/keys.py): the head keys and the trustee box keys."""

from __future__ import annotations

import pytest

from tandau.crypto.errors import EncodingError
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.sealed import BoxPublicKey, TrusteeBoxKey
from tandau.crypto.signatures import HeadSigningKey, HeadVerifyKey


@pytest.mark.parametrize("kind", [HeadSigningKey, TrusteeBoxKey])
def test_a_seed_is_32_bytes_drawn_from_the_rng_and_never_printed(
    kind: type[HeadSigningKey] | type[TrusteeBoxKey],
) -> None:
    key = kind.generate(DeterministicRng(b"seed"))
    assert type(key) is kind
    assert key.seed == DeterministicRng(b"seed")(32)
    assert key.seed.hex() not in repr(key)
    assert kind.from_seed(bytearray(key.seed)) == key
    with pytest.raises(EncodingError, match=f"^{kind.described} is 32 bytes$"):
        kind(bytes(31))


def test_a_public_key_reads_and_writes_64_hex_digits() -> None:
    signer = HeadSigningKey.generate(DeterministicRng(b"head"))
    key = signer.verify_key
    assert HeadVerifyKey.from_hex(key.hex()) == key
    with pytest.raises(EncodingError, match=r"^an Ed25519 verify key is 64 lower-case hex"):
        HeadVerifyKey.from_hex(key.hex().upper())
    with pytest.raises(EncodingError, match=r"^a box public key is 32 bytes$"):
        BoxPublicKey(bytes(33))
    box = TrusteeBoxKey.generate(DeterministicRng(b"box")).public
    assert type(BoxPublicKey.from_hex(box.hex())) is BoxPublicKey
