"""The ristretto255 group: scalars, points, encodings (spec §1) and the libsodium binding."""

import pytest

from tandau.crypto import sodium
from tandau.crypto.errors import IdentityPoint, NonCanonicalPoint, NonCanonicalScalar
from tandau.crypto.group import (
    GENERATOR,
    IDENTITY,
    L,
    Point,
    Scalar,
    hash_to_point,
    hash_to_scalar,
    random_scalar,
)
from tandau.crypto.hashing import hash_bytes
from tandau.crypto.rng import DeterministicRng

# RFC 9496 Appendix A.1: the encodings of B and 2·B.
G_HEX = "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76"
G2_HEX = "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919"
# ℓ in little-endian hex.
L_HEX = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"


def with_high_bit(p: bytes) -> bytes:
    return p[:31] + bytes([p[31] | 0x80])


# --- §1.1 scalars ---


def test_order_constant() -> None:
    assert L == 2**252 + 27742317777372353535851937790883648493
    assert L.to_bytes(32, "little").hex() == L_HEX


@pytest.mark.parametrize("value", [0, 1, L - 1])
def test_scalar_range_accepts(value: int) -> None:
    s = Scalar(value)
    assert Scalar.from_bytes(s.to_bytes()) == s
    assert Scalar.from_hex(s.hex()) == s
    assert len(s.to_bytes()) == 32


@pytest.mark.parametrize("value", [-1, L, L + 1, 2**256 - 1])
def test_scalar_range_refuses(value: int) -> None:
    with pytest.raises(NonCanonicalScalar):
        Scalar(value)


def test_scalar_refuses_non_int() -> None:
    with pytest.raises(NonCanonicalScalar):
        Scalar(1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "hex_text",
    [
        L_HEX,  # ℓ itself
        "eed3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010",  # ℓ + 1
        "ff" * 32,  # 2^256 − 1
        "01" + "00" * 30 + "80",  # 1 with bit 255 set: never masked to 1
        "ecd3f55c1a631258d69cf7a2def9de14000000000000000000000000000000f0",  # ℓ − 1, top bits
    ],
)
def test_scalar_bytes_at_or_above_order_refused_never_reduced(hex_text: str) -> None:
    with pytest.raises(NonCanonicalScalar):
        Scalar.from_bytes(bytes.fromhex(hex_text))
    with pytest.raises(NonCanonicalScalar):
        Scalar.from_hex(hex_text)


@pytest.mark.parametrize("length", [0, 31, 33, 64])
def test_scalar_wrong_length_refused(length: int) -> None:
    with pytest.raises(NonCanonicalScalar):
        Scalar.from_bytes(bytes(length))


@pytest.mark.parametrize(
    "text",
    [
        "01" + "00" * 31 + "00",  # 66 digits
        "01" + "00" * 30,  # 62 digits
        "0G" + "00" * 31,  # not hex
        "AB" + "00" * 31,  # upper case: a second spelling of the same scalar
        "ab" + "00" * 30 + " 0",  # whitespace, which bytes.fromhex would skip
        " " + "ab" + "00" * 30 + "0",
    ],
)
def test_scalar_hex_must_be_canonical(text: str) -> None:
    with pytest.raises(NonCanonicalScalar):
        Scalar.from_hex(text)


def test_scalar_hex_refuses_non_string() -> None:
    with pytest.raises(NonCanonicalScalar):
        Scalar.from_hex(None)  # type: ignore[arg-type]


def test_scalar_arithmetic_mod_order() -> None:
    a, b = Scalar(L - 1), Scalar(5)
    assert (a + b).value == 4
    assert (b - a).value == 6
    assert (a * a).value == 1  # (−1)² = 1
    assert (-b).value == L - 5
    assert (-Scalar(0)).value == 0
    assert (b * b.inverse()).value == 1
    with pytest.raises(ZeroDivisionError):
        Scalar(0).inverse()


def test_scalar_repr_hides_value() -> None:
    assert "12345" not in repr(Scalar(12345))


def test_scalar_reduce_is_wide_little_endian() -> None:
    data = bytes(range(64))
    assert Scalar.reduce(data).value == int.from_bytes(data, "little") % L
    assert Scalar.reduce(L.to_bytes(64, "little")).value == 0
    with pytest.raises(ValueError, match="64 bytes"):
        Scalar.reduce(bytes(32))


def test_random_scalar_is_never_zero() -> None:
    calls = iter([L.to_bytes(64, "little"), (2 * L).to_bytes(64, "little"), bytes([7]) + bytes(63)])

    def rng(n: int) -> bytes:
        assert n == 64
        return next(calls)

    assert random_scalar(rng).value == 7


def test_random_scalar_is_reproducible_from_seed() -> None:
    assert random_scalar(DeterministicRng(b"s")) == random_scalar(DeterministicRng(b"s"))
    assert random_scalar(DeterministicRng(b"s")) != random_scalar(DeterministicRng(b"t"))


# --- §1.2 points ---


def test_generator_and_identity_encodings() -> None:
    assert GENERATOR.hex() == G_HEX
    assert IDENTITY.data == bytes(32)
    assert IDENTITY.is_identity() and not GENERATOR.is_identity()
    assert (GENERATOR + GENERATOR).hex() == G2_HEX


def test_generator_has_order_l() -> None:
    assert Point.base_mul(Scalar(L - 1)) + GENERATOR == IDENTITY
    assert Point.base_mul(Scalar(L - 1)) == -GENERATOR
    assert Scalar(0) * GENERATOR == IDENTITY


def test_point_round_trip() -> None:
    p = Point.base_mul(Scalar(123456789))
    assert Point.from_bytes(p.to_bytes()) == p
    assert Point.from_hex(p.hex()) == p
    assert Point.from_bytes(bytearray(p.to_bytes())) == p


def test_point_arithmetic_matches_scalars() -> None:
    a, b = Scalar(1234), Scalar(L - 77)
    pa, pb = Point.base_mul(a), Point.base_mul(b)
    assert pa + pb == Point.base_mul(a + b)
    assert pa - pb == Point.base_mul(a - b)
    assert b * pa == Point.base_mul(a * b)
    assert pa * b == Point.base_mul(a * b)
    assert -pa == Point.base_mul(-a)
    assert pa - pa == IDENTITY
    assert pa + IDENTITY == pa
    assert Scalar(0) * pa == IDENTITY
    assert Scalar(5) * IDENTITY == IDENTITY


@pytest.mark.parametrize(
    "hex_text",
    [
        "00" + "ff" * 31,  # RFC 9496 A.2: non-canonical field encoding
        "ed" + "ff" * 30 + "7f",  # s = p
        "01" + "00" * 31,  # negative s (also the Ed25519 identity encoding)
        "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371",  # non-square x²
        "3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e",  # negative xy
        "ec" + "ff" * 30 + "7f",  # s = −1
        "58" + "66" * 31,  # the Ed25519 base point: an Edwards, not a ristretto, encoding
    ],
)
def test_invalid_encodings_refused(hex_text: str) -> None:
    with pytest.raises(NonCanonicalPoint):
        Point.from_hex(hex_text)
    assert not sodium.is_valid_point(bytes.fromhex(hex_text))


@pytest.mark.parametrize("n", [0, 1, 2, 15])
def test_high_bit_set_is_refused(n: int) -> None:
    # libsodium 1.0.18 ignores bit 255 when decoding; RFC 9496 §4.3.1 refuses it.
    canonical = sodium.base_mul(n)
    bad = with_high_bit(canonical)
    assert not sodium.is_valid_point(bad)
    with pytest.raises(NonCanonicalPoint):
        Point.from_bytes(bad)
    with pytest.raises(NonCanonicalPoint):
        sodium.add(bad, canonical)
    with pytest.raises(NonCanonicalPoint):
        sodium.sub(canonical, bad)
    with pytest.raises(NonCanonicalPoint):
        sodium.mul(3, bad)


@pytest.mark.parametrize("length", [0, 1, 31, 33, 64])
def test_wrong_length_refused(length: int) -> None:
    raw = (GENERATOR.data * 3)[:length]
    with pytest.raises(NonCanonicalPoint):
        Point.from_bytes(raw)
    # The binding itself refuses short input instead of reading past it.
    with pytest.raises(NonCanonicalPoint):
        sodium.add(raw, GENERATOR.data)
    with pytest.raises(NonCanonicalPoint):
        sodium.mul(1, raw)


def test_point_refuses_non_bytes() -> None:
    with pytest.raises(NonCanonicalPoint):
        Point(bytearray(GENERATOR.data))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        G_HEX.upper(),
        G_HEX[:-2] + " " + G_HEX[-2:],
        G_HEX + "00",
        G_HEX[:-2],
        "zz" + G_HEX[2:],
    ],
)
def test_point_hex_must_be_canonical(text: str) -> None:
    with pytest.raises(NonCanonicalPoint):
        Point.from_hex(text)


def test_identity_allowed_as_point_but_refusable() -> None:
    ident = Point.from_hex("00" * 32)
    assert ident.is_identity()
    with pytest.raises(IdentityPoint):
        ident.require_not_identity()
    assert GENERATOR.require_not_identity() is GENERATOR


def test_mul_by_zero_still_checks_the_point() -> None:
    bad = bytes.fromhex("ec" + "ff" * 30 + "7f")
    with pytest.raises(NonCanonicalPoint):
        sodium.mul(0, bad)
    assert sodium.mul(0, GENERATOR.data) == bytes(32)
    assert sodium.mul(7, bytes(32)) == bytes(32)


def test_base_mul_zero_is_identity() -> None:
    assert sodium.base_mul(0) == bytes(32)


def test_from_hash_needs_64_bytes() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        sodium.from_hash(bytes(32))


def test_fused_helpers_agree_with_checked_arithmetic() -> None:
    s, c = 1111, 2222
    k = Point.base_mul(Scalar(99)).data
    p = Point.base_mul(Scalar(5)).data
    out, t1, t2 = sodium.scratch(), sodium.scratch(), sodium.scratch()
    fixed = bytes(
        sodium.fixed_commitment(s.to_bytes(32, "little"), c.to_bytes(32, "little"), p, out, t1, t2)
    )
    assert fixed == sodium.sub(sodium.base_mul(s), sodium.mul(c, p))
    var = bytes(
        sodium.var_commitment(s.to_bytes(32, "little"), k, c.to_bytes(32, "little"), p, out, t1, t2)
    )
    assert var == sodium.sub(sodium.mul(s, k), sodium.mul(c, p))
    assert bytes(sodium.add_unchecked(k, p)) == sodium.add(k, p)
    assert bytes(sodium.sub_unchecked(k, p)) == sodium.sub(k, p)
    # An identity result is written as zeros even though libsodium returns −1.
    zero = bytes(sodium.fixed_commitment(bytes(32), bytes(32), p, out, t1, t2))
    assert zero == bytes(32)


# --- §2.2, §2.3 hashing into the group ---


def test_hash_to_scalar_is_reduced_tagged_hash() -> None:
    digest = hash_bytes("test/h2s", b"a", b"b")
    assert hash_to_scalar("test/h2s", b"a", b"b").value == int.from_bytes(digest, "little") % L


def test_hash_to_point_is_rfc9496_derivation_of_tagged_hash() -> None:
    p = hash_to_point("test/h2p", b"x")
    assert p.data == sodium.from_hash(hash_bytes("test/h2p", b"x"))
    assert sodium.is_valid_point(p.data)
    assert p != hash_to_point("test/h2p", b"y")
    assert p != hash_to_point("test/h2q", b"x")
