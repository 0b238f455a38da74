"""Sealed boxes for ceremony shares (spec §6.2.1)."""

import nacl.public
import pytest

from tandau.crypto.errors import EncodingError, InvalidShare
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.sealed import SEAL_OVERHEAD, BoxPublicKey, TrusteeBoxKey, seal


def key(seed: bytes = b"trustee") -> TrusteeBoxKey:
    return TrusteeBoxKey.generate(DeterministicRng(seed))


def test_seal_and_open() -> None:
    k = key()
    box = seal(k.public, b"a share", DeterministicRng(b"e"))
    assert len(box) == len(b"a share") + SEAL_OVERHEAD
    assert k.open(box) == b"a share"


def test_format_is_libsodium_crypto_box_seal_both_ways() -> None:
    k = key()
    ours = seal(k.public, b"ours", DeterministicRng(b"e"))
    libsodium_private = nacl.public.PrivateKey.from_seed(k.seed)
    assert nacl.public.SealedBox(libsodium_private).decrypt(ours) == b"ours"
    theirs = nacl.public.SealedBox(libsodium_private.public_key).encrypt(b"theirs")
    assert k.open(theirs) == b"theirs"


def test_randomness_comes_from_the_rng() -> None:
    k = key()
    a = seal(k.public, b"m", DeterministicRng(b"same"))
    b = seal(k.public, b"m", DeterministicRng(b"same"))
    c = seal(k.public, b"m", DeterministicRng(b"other"))
    assert a == b  # reproducible for test vectors
    assert a != c


def test_wrong_key_cannot_open() -> None:
    box = seal(key().public, b"secret", DeterministicRng(b"e"))
    with pytest.raises(InvalidShare):
        key(b"someone else").open(box)


@pytest.mark.parametrize("position", [0, 31, 32, 40, -1])
def test_tampered_box_refused(position: int) -> None:
    k = key()
    box = bytearray(seal(k.public, b"secret share", DeterministicRng(b"e")))
    box[position] ^= 1
    with pytest.raises(InvalidShare):
        k.open(bytes(box))


def test_short_box_refused() -> None:
    with pytest.raises(InvalidShare, match="too short"):
        key().open(b"\x00" * (SEAL_OVERHEAD - 1))


def test_low_order_and_malformed_public_keys_refused() -> None:
    with pytest.raises(EncodingError, match="low-order"):
        BoxPublicKey(bytes(32))
    with pytest.raises(EncodingError, match="low-order"):
        BoxPublicKey(bytes([1]) + bytes(31))
    with pytest.raises(EncodingError):
        BoxPublicKey(b"\x09" * 31)
    with pytest.raises(EncodingError):
        BoxPublicKey.from_hex("xyz")


def test_key_serialisation_and_secrecy() -> None:
    k = key()
    assert TrusteeBoxKey.from_dict(k.to_dict()) == k
    assert BoxPublicKey.from_hex(k.public.hex()) == k.public
    assert k.seed.hex() not in repr(k)
    with pytest.raises(EncodingError):
        TrusteeBoxKey.from_dict({"seed": "00" * 31})
    with pytest.raises(EncodingError):
        TrusteeBoxKey.from_dict({"seed": "gg" * 32})
    with pytest.raises(EncodingError):
        TrusteeBoxKey.from_dict({"seed": 5})


def test_box_public_key_hex_must_be_lower_case() -> None:
    """One wire spelling per value (crypto.md §1): upper-case hex is refused."""
    import pytest as _pytest

    from tandau.crypto.errors import EncodingError
    from tandau.crypto.rng import DeterministicRng
    from tandau.crypto.sealed import BoxPublicKey, TrusteeBoxKey

    pk = TrusteeBoxKey.generate(DeterministicRng(b"box")).public
    assert BoxPublicKey.from_hex(pk.hex()) == pk
    with _pytest.raises(EncodingError):
        BoxPublicKey.from_hex(pk.hex().upper())
