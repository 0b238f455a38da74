"""Signed tree heads (board spec §B6)."""

from __future__ import annotations

import pytest

from tandau.board import InvalidEntry, SignedHead, TreeHead, head_message, sign_head
from tandau.crypto.canonical import dumps
from tandau.crypto.errors import SignatureError
from tandau.crypto.hashing import encode_parts, tag
from tandau.crypto.signatures import HeadSigningKey

KEY = HeadSigningKey.from_seed(bytes(range(32)))
OTHER = HeadSigningKey.from_seed(bytes(32))
T = "2026-09-17T08:00:00.000000Z"
HEAD = TreeHead("demo-1", 5, bytes(range(32)), T)


def test_known_bytes_and_message() -> None:
    assert HEAD.to_bytes() == (
        b'{"election":"demo-1","root":"' + bytes(range(32)).hex().encode() + b'",'
        b'"time":"2026-09-17T08:00:00.000000Z","tree_size":5,"v":1}'
    )
    data = HEAD.to_bytes()
    assert head_message(data) == encode_parts([tag("board/head"), data])
    assert head_message(data).startswith(b"\x00\x00\x00\x14tandau/v1/board/head")


def test_sign_and_verify() -> None:
    signed = sign_head(HEAD, KEY)
    signed.verify(KEY.verify_key)
    assert (signed.tree_size, signed.root, signed.election, signed.time) == (
        5,
        HEAD.root,
        "demo-1",
        T,
    )
    assert SignedHead.from_stored(signed.data, signed.signature) == signed
    assert signed.to_dict() == {"head": HEAD.to_dict(), "signature": signed.signature.hex()}


def test_wrong_key_or_tampering_fails() -> None:
    signed = sign_head(HEAD, KEY)
    with pytest.raises(SignatureError):
        signed.verify(OTHER.verify_key)
    other_head = TreeHead("demo-1", 6, HEAD.root, T)
    forged = SignedHead(other_head, other_head.to_bytes(), signed.signature)
    with pytest.raises(SignatureError):
        forged.verify(KEY.verify_key)
    bad = bytearray(signed.signature)
    bad[0] ^= 1
    with pytest.raises(SignatureError):
        SignedHead(HEAD, signed.data, bytes(bad)).verify(KEY.verify_key)


def test_signature_is_over_the_tagged_message_not_the_raw_bytes() -> None:
    signed = sign_head(HEAD, KEY)
    raw = KEY.sign(HEAD.to_bytes())
    assert raw != signed.signature
    with pytest.raises(SignatureError):
        SignedHead(HEAD, signed.data, raw).verify(KEY.verify_key)


def test_head_bytes_must_encode_the_head() -> None:
    signed = sign_head(HEAD, KEY)
    with pytest.raises(InvalidEntry):
        SignedHead(TreeHead("demo-1", 6, HEAD.root, T), signed.data, signed.signature)
    with pytest.raises(InvalidEntry):
        SignedHead(HEAD, signed.data, signed.signature[:63])


@pytest.mark.parametrize(
    "obj",
    [
        {**HEAD.to_dict(), "v": 2},
        {**HEAD.to_dict(), "tree_size": -1},
        {**HEAD.to_dict(), "tree_size": True},
        {**HEAD.to_dict(), "root": "AB" * 32},
        {**HEAD.to_dict(), "extra": 1},
        {k: v for k, v in HEAD.to_dict().items() if k != "time"},
    ],
    ids=repr,
)
def test_parse_refuses_malformed_heads(obj: dict[str, object]) -> None:
    with pytest.raises(InvalidEntry):
        TreeHead.parse(dumps(obj))


def test_parse_refuses_non_canonical_heads() -> None:
    with pytest.raises(InvalidEntry):
        TreeHead.parse(HEAD.to_bytes() + b" ")
