"""Domain-separated, length-prefixed hashing (spec §2.1)."""

import hashlib

import pytest

from tandau.crypto.hashing import PROTOCOL, encode_parts, hash_bytes, int_part, str_part, tag


def reference(purpose: str, *parts: bytes) -> bytes:
    """§2.1 written out independently: SHA-512(enc(tag) || enc(p_1) || … || enc(p_n))."""
    data = b""
    for item in (f"tandau/v1/{purpose}".encode("ascii"), *parts):
        data += len(item).to_bytes(4, "big") + item
    return hashlib.sha512(data).digest()


def test_protocol_and_tag() -> None:
    assert PROTOCOL == "tandau/v1"
    assert tag("proof/range") == b"tandau/v1/proof/range"


@pytest.mark.parametrize("purpose", ["", "/proof", "proof/диапазон", "naïve"])
def test_bad_purposes_refused(purpose: str) -> None:
    with pytest.raises(ValueError, match="purpose"):
        tag(purpose)
    with pytest.raises(ValueError, match="purpose"):
        hash_bytes(purpose, b"x")


def test_int_part_is_8_byte_big_endian() -> None:
    assert int_part(0) == bytes(8)
    assert int_part(1) == bytes(7) + b"\x01"
    assert int_part(0x0102030405060708) == bytes(range(1, 9))
    assert int_part(2**64 - 1) == b"\xff" * 8


@pytest.mark.parametrize("n", [-1, 2**64])
def test_int_part_range(n: int) -> None:
    with pytest.raises(ValueError, match="64-bit"):
        int_part(n)


def test_str_part_is_utf8() -> None:
    assert str_part("Таңдау") == "Таңдау".encode()
    assert str_part("") == b""
    with pytest.raises(UnicodeEncodeError):
        str_part("\ud800")  # a lone surrogate has no UTF-8 form


def test_encode_parts_length_prefixes() -> None:
    assert encode_parts([]) == b""
    assert encode_parts([b""]) == bytes(4)
    assert encode_parts([b"ab", b"c"]) == b"\x00\x00\x00\x02ab\x00\x00\x00\x01c"


def test_hash_bytes_matches_reference() -> None:
    assert hash_bytes("test/a") == reference("test/a")
    assert hash_bytes("test/a", b"", b"xyz", bytes(300)) == reference(
        "test/a", b"", b"xyz", bytes(300)
    )
    assert len(hash_bytes("test/a", b"x")) == 64


def test_hash_bytes_known_answer() -> None:
    # SHA-512 of 00000010 "tandau/v1/test/kat" 00000003 "abc", computed once by hand.
    preimage = b"\x00\x00\x00\x12tandau/v1/test/kat\x00\x00\x00\x03abc"
    assert hash_bytes("test/kat", b"abc") == hashlib.sha512(preimage).digest()


def test_parts_are_unambiguous() -> None:
    # Length prefixes make the boundaries part of the input.
    assert hash_bytes("t/x", b"ab", b"c") != hash_bytes("t/x", b"a", b"bc")
    assert hash_bytes("t/x", b"abc") != hash_bytes("t/x", b"abc", b"")
    assert hash_bytes("t/x") != hash_bytes("t/x", b"")


def test_purposes_separate_domains() -> None:
    assert hash_bytes("proof/range", b"x") != hash_bytes("proof/schnorr", b"x")
    # A tag cannot be extended into the first part.
    assert hash_bytes("t/a", b"b") != hash_bytes("t/ab")
