"""Exponential ElGamal (spec §3)."""

import pytest

from tandau.crypto.elgamal import (
    ZERO,
    Ciphertext,
    KeyPair,
    PublicKey,
    decrypt,
    decrypt_to_point,
    encrypt,
    keygen,
    partial_decrypt,
    rerandomize,
    sum_ciphertexts,
)
from tandau.crypto.errors import DecryptionError, EncodingError, IdentityPoint, NonCanonicalPoint
from tandau.crypto.group import GENERATOR, IDENTITY, L, Point, Scalar, random_scalar
from tandau.crypto.rng import DeterministicRng

BOUND = 1000
#: Seeds the key pair of the ``kp`` fixture (conftest.py).
KEY_SEED = b"elgamal-key"


def nonce(seed: bytes) -> Scalar:
    return random_scalar(DeterministicRng(seed))


def test_keygen(kp: KeyPair) -> None:
    assert kp.public.point == Point.base_mul(kp.secret)
    assert kp.secret.value != 0
    assert keygen(DeterministicRng(b"elgamal-key")) == kp
    assert keygen(DeterministicRng(b"other")) != kp


def test_keypair_repr_hides_secret(kp: KeyPair) -> None:
    text = repr(kp)
    assert kp.secret.hex() not in text
    assert str(kp.secret.value) not in text


def test_public_key_refuses_identity() -> None:
    with pytest.raises(IdentityPoint):
        PublicKey(IDENTITY)
    with pytest.raises(IdentityPoint):
        PublicKey.from_hex("00" * 32)


def test_public_key_hex_round_trip(kp: KeyPair) -> None:
    assert PublicKey.from_hex(kp.public.to_hex()) == kp.public
    with pytest.raises(NonCanonicalPoint):
        PublicKey.from_hex("ec" + "ff" * 30 + "7f")


@pytest.mark.parametrize("m", [0, 1, 2, 17, BOUND])
def test_encrypt_equations_and_round_trip(kp: KeyPair, m: int) -> None:
    r = nonce(b"r%d" % m)
    ct = encrypt(kp.public, m, r)
    assert ct.alpha == Point.base_mul(r)
    assert ct.beta == r * kp.public.point + Point.base_mul(Scalar(m))
    assert decrypt(kp.secret, ct, BOUND) == m


def test_encryption_with_zero_nonce_is_trivial(kp: KeyPair) -> None:
    ct = encrypt(kp.public, 3, Scalar(0))
    assert ct.alpha == IDENTITY
    assert ct.beta == Point.base_mul(Scalar(3))


@pytest.mark.parametrize("m", [-1, L, 2**255 + 1])
def test_plaintext_range(kp: KeyPair, m: int) -> None:
    with pytest.raises(ValueError, match="0 <= m"):
        encrypt(kp.public, m, Scalar(1))


def test_homomorphic_addition(kp: KeyPair) -> None:
    a = encrypt(kp.public, 3, nonce(b"a"))
    b = encrypt(kp.public, 4, nonce(b"b"))
    assert decrypt(kp.secret, a + b, BOUND) == 7
    assert a + b == encrypt(kp.public, 7, nonce(b"a") + nonce(b"b"))
    assert sum_ciphertexts([a, b]) == a + b


def test_empty_sum_is_trivial_zero(kp: KeyPair) -> None:
    assert sum_ciphertexts([]) == ZERO
    assert Ciphertext(IDENTITY, IDENTITY) == ZERO
    assert decrypt(kp.secret, ZERO, BOUND) == 0


def test_rerandomize_keeps_plaintext(kp: KeyPair) -> None:
    ct = encrypt(kp.public, 5, nonce(b"x"))
    fresh = rerandomize(kp.public, ct, nonce(b"y"))
    assert fresh != ct
    assert fresh == encrypt(kp.public, 5, nonce(b"x") + nonce(b"y"))
    assert decrypt(kp.secret, fresh, BOUND) == 5


def test_partial_decryption(kp: KeyPair) -> None:
    ct = encrypt(kp.public, 9, nonce(b"p"))
    share = partial_decrypt(kp.secret, ct)
    assert share == kp.secret * ct.alpha
    assert decrypt_to_point(ct, share) == Point.base_mul(Scalar(9))


def test_wrong_key_does_not_decrypt(kp: KeyPair) -> None:
    ct = encrypt(kp.public, 9, nonce(b"p"))
    other = keygen(DeterministicRng(b"not-the-key"))
    with pytest.raises(DecryptionError):
        decrypt(other.secret, ct, BOUND)


def test_plaintext_above_bound_is_an_error(kp: KeyPair) -> None:
    ct = encrypt(kp.public, 101, nonce(b"big"))
    with pytest.raises(DecryptionError):
        decrypt(kp.secret, ct, 100)


def test_ciphertext_dict_round_trip(kp: KeyPair) -> None:
    ct = encrypt(kp.public, 1, nonce(b"d"))
    d = ct.to_dict()
    assert d == {"alpha": ct.alpha.hex(), "beta": ct.beta.hex()}
    assert Ciphertext.from_dict(d) == ct
    assert ct.to_bytes() == ct.alpha.data + ct.beta.data


@pytest.mark.parametrize(
    "bad",
    [
        None,
        [],
        {"alpha": GENERATOR.hex()},
        {"alpha": GENERATOR.hex(), "beta": GENERATOR.hex(), "gamma": GENERATOR.hex()},
    ],
)
def test_ciphertext_shape_refused(bad: object) -> None:
    with pytest.raises(EncodingError):
        Ciphertext.from_dict(bad)


@pytest.mark.parametrize("field", ["alpha", "beta"])
def test_ciphertext_bad_point_refused(kp: KeyPair, field: str) -> None:
    d = encrypt(kp.public, 1, nonce(b"d")).to_dict()
    d[field] = "ed" + "ff" * 30 + "7f"
    with pytest.raises(NonCanonicalPoint):
        Ciphertext.from_dict(d)
    d[field] = d[field].upper()
    with pytest.raises(NonCanonicalPoint):
        Ciphertext.from_dict(d)
