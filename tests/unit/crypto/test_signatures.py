"""Ballot Schnorr signatures (spec §8.1) and Ed25519 head signatures (§8.2)."""

import nacl.signing
import pytest
from strategies import seeded_keypair

from tandau.crypto import sodium
from tandau.crypto.errors import EncodingError, NonCanonicalScalar, SignatureError
from tandau.crypto.group import IDENTITY, L, Point, Scalar, hash_to_scalar
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.signatures import (
    HeadSigningKey,
    HeadVerifyKey,
    Signature,
    sign,
    verify_head_signature,
    verify_signature,
)

MSG = b"ballot bytes"


def test_sign_and_verify() -> None:
    x, p = seeded_keypair(b"cred")
    verify_signature(p, MSG, sign(x, MSG, DeterministicRng(b"n")))


def test_equation_and_hash_inputs() -> None:
    x, p = seeded_keypair(b"cred")
    sig = sign(x, MSG, DeterministicRng(b"n"))
    c, s = sig.challenge.value, sig.response.value
    r = sodium.sub(sodium.base_mul(s), sodium.mul(c, p.data))
    assert hash_to_scalar("signature/ballot", p.data, r, MSG).value == c


def test_other_message_fails() -> None:
    x, p = seeded_keypair(b"cred")
    sig = sign(x, MSG, DeterministicRng(b"n"))
    with pytest.raises(SignatureError):
        verify_signature(p, MSG + b"x", sig)


def test_signature_cannot_be_moved_to_another_credential() -> None:
    x, _ = seeded_keypair(b"cred")
    _, other = seeded_keypair(b"other")
    sig = sign(x, MSG, DeterministicRng(b"n"))
    with pytest.raises(SignatureError):
        verify_signature(other, MSG, sig)


@pytest.mark.parametrize("field", ["c", "s"])
def test_tampered_signature_fails(field: str) -> None:
    x, p = seeded_keypair(b"cred")
    sig = sign(x, MSG, DeterministicRng(b"n"))
    one = Scalar(1)
    bad = (
        Signature(sig.challenge + one, sig.response)
        if field == "c"
        else Signature(sig.challenge, sig.response + one)
    )
    with pytest.raises(SignatureError):
        verify_signature(p, MSG, bad)


def test_identity_public_key_refused() -> None:
    # With P = identity, s·G − c·P = s·G for every c: a forger would pick c freely.
    w = Scalar(7)
    c = hash_to_scalar("signature/ballot", IDENTITY.data, Point.base_mul(w).data, MSG)
    forged = Signature(c, w)
    with pytest.raises(SignatureError, match="identity"):
        verify_signature(IDENTITY, MSG, forged)
    with pytest.raises(ValueError, match="zero"):
        sign(Scalar(0), MSG, DeterministicRng(b"n"))


def test_signature_dict_round_trip_and_unreduced_scalar() -> None:
    x, _ = seeded_keypair(b"cred")
    sig = sign(x, MSG, DeterministicRng(b"n"))
    assert Signature.from_dict(sig.to_dict()) == sig
    d = sig.to_dict()
    d["c"] = (sig.challenge.value + L).to_bytes(32, "little").hex()
    with pytest.raises(NonCanonicalScalar):
        Signature.from_dict(d)
    with pytest.raises(EncodingError):
        Signature.from_dict({"c": d["c"], "s": d["s"], "extra": "x"})


# --- Ed25519 heads ---


def head_key() -> HeadSigningKey:
    return HeadSigningKey.generate(DeterministicRng(b"commission"))


def test_head_signature_round_trip() -> None:
    key = head_key()
    sig = key.sign(b"head")
    assert len(sig) == 64
    verify_head_signature(key.verify_key, b"head", sig)
    verify_head_signature(key.verify_key, b"head", sig.hex())


def test_head_signature_matches_pynacl_and_rfc8032() -> None:
    # RFC 8032 §7.1, test 1: empty message.
    seed = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    key = HeadSigningKey.from_seed(seed)
    assert key.verify_key.hex() == (
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    )
    assert key.sign(b"").hex() == (
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
    )
    assert key.sign(b"m") == nacl.signing.SigningKey(seed).sign(b"m").signature


def test_head_signature_wrong_message_or_key_fails() -> None:
    key = head_key()
    sig = key.sign(b"head")
    with pytest.raises(SignatureError):
        verify_head_signature(key.verify_key, b"other head", sig)
    other = HeadSigningKey.generate(DeterministicRng(b"impostor")).verify_key
    with pytest.raises(SignatureError):
        verify_head_signature(other, b"head", sig)


def test_head_signature_non_canonical_s_refused() -> None:
    key = head_key()
    sig = key.sign(b"head")
    s = int.from_bytes(sig[32:], "little") + L
    malleated = sig[:32] + s.to_bytes(32, "little")
    with pytest.raises(SignatureError):
        verify_head_signature(key.verify_key, b"head", malleated)


@pytest.mark.parametrize("bad", [b"", b"\x00" * 63, "zz" * 64, "00" * 63])
def test_head_signature_bad_shapes_refused(bad: bytes | str) -> None:
    with pytest.raises(SignatureError):
        verify_head_signature(head_key().verify_key, b"head", bad)


def test_head_keys_validate_length_and_hide_seed() -> None:
    with pytest.raises(EncodingError):
        HeadVerifyKey(b"\x00" * 31)
    with pytest.raises(EncodingError):
        HeadVerifyKey.from_hex("not hex")
    with pytest.raises(EncodingError):
        HeadSigningKey(b"short")
    key = head_key()
    assert key.seed.hex() not in repr(key)
    assert HeadVerifyKey.from_hex(key.verify_key.hex()) == key.verify_key


def test_small_order_verify_key_rejects_everything() -> None:
    # The identity point as an Ed25519 key: libsodium refuses small-order keys.
    weak = HeadVerifyKey(bytes([1]) + bytes(31))
    with pytest.raises(SignatureError):
        verify_head_signature(weak, b"head", bytes([1]) + bytes(63))


def test_head_key_and_signature_hex_must_be_lower_case() -> None:
    """One wire spelling per value (crypto.md §1): upper-case hex is refused."""
    import pytest as _pytest

    from tandau.crypto.errors import EncodingError, SignatureError
    from tandau.crypto.rng import DeterministicRng
    from tandau.crypto.signatures import HeadSigningKey, HeadVerifyKey, verify_head_signature

    key = HeadSigningKey.generate(DeterministicRng(b"hex"))
    sig = key.sign(b"m")
    assert HeadVerifyKey.from_hex(key.verify_key.hex()) == key.verify_key
    verify_head_signature(key.verify_key, b"m", sig.hex())
    with _pytest.raises(EncodingError):
        HeadVerifyKey.from_hex(key.verify_key.hex().upper())
    with _pytest.raises(SignatureError):
        verify_head_signature(key.verify_key, b"m", sig.hex().upper())
