"""Sealed boxes for the shares of the key ceremony (spec §6.2.1).

A share travels from its dealer to its recipient as a libsodium sealed box
(X25519, XSalsa20-Poly1305) under the recipient's box public key, so the
board can carry it in the open.  The box is libsodium's ``crypto_box_seal``
format exactly:

    epk || crypto_box(m, nonce = BLAKE2b-192(epk || pk), pk, esk)

We build it from PyNaCl's ``Box`` only to draw the ephemeral key pair from
the ``Rng`` passed in (libsodium would draw it itself); any libsodium
``crypto_box_seal_open`` (``nacl.public.SealedBox``) opens it, and ours opens
libsodium's.  A box that does not open raises ``InvalidShare``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import nacl.bindings
import nacl.exceptions
import nacl.public

from .canonical import record_object
from .errors import EncodingError, InvalidShare
from .keys import PublicBytes, SecretSeed
from .rng import Rng

__all__ = [
    "SEAL_OVERHEAD",
    "BoxPublicKey",
    "TrusteeBoxKey",
    "seal",
]

#: Bytes a sealed box adds to its plaintext: the ephemeral key and the MAC.
SEAL_OVERHEAD = 32 + 16

# Any clamped scalar: X25519 of it with a low-order point gives all zeros.
_PROBE = bytes([9]) + bytes(31)


@dataclass(frozen=True, slots=True)
class BoxPublicKey(PublicBytes):
    """A trustee's X25519 box public key; low-order points are refused."""

    described = "a box public key"

    def __post_init__(self) -> None:
        PublicBytes.__post_init__(self)
        try:
            nacl.bindings.crypto_scalarmult(_PROBE, self.data)
        except nacl.exceptions.CryptoError as exc:
            # A low-order key makes every shared secret the same known value.
            raise EncodingError("a box public key must not be a low-order point") from exc


@dataclass(frozen=True, slots=True)
class TrusteeBoxKey(SecretSeed):
    """A trustee's X25519 box key, kept as its 32-byte seed (secret)."""

    described = "a box key seed"

    def to_dict(self) -> dict[str, str]:
        return {"seed": self.seed.hex()}

    @classmethod
    def from_dict(cls, d: Any) -> TrusteeBoxKey:
        d = record_object(d, ("seed",), "a box key")
        if not isinstance(d["seed"], str):
            raise EncodingError("a box key seed is 64 hex digits")
        try:
            return cls(bytes.fromhex(d["seed"]))
        except ValueError as exc:
            raise EncodingError("a box key seed is 64 hex digits") from exc

    def _private(self) -> nacl.public.PrivateKey:
        return nacl.public.PrivateKey.from_seed(self.seed)

    @property
    def public(self) -> BoxPublicKey:
        return BoxPublicKey(bytes(self._private().public_key))

    def open(self, box: bytes) -> bytes:
        """The plaintext of a sealed box to this key; raises InvalidShare when it does not open."""
        if not isinstance(box, bytes) or len(box) < SEAL_OVERHEAD:
            raise InvalidShare("a sealed box is too short to open")
        try:
            return nacl.public.SealedBox(self._private()).decrypt(box)
        except nacl.exceptions.CryptoError as exc:
            raise InvalidShare("the sealed box does not open with this key") from exc


def seal(recipient: BoxPublicKey, plaintext: bytes, rng: Rng) -> bytes:
    """Seal ``plaintext`` to ``recipient`` with an ephemeral key drawn from ``rng``."""
    ephemeral = nacl.public.PrivateKey.from_seed(rng(32))
    epk = bytes(ephemeral.public_key)
    nonce = hashlib.blake2b(epk + recipient.data, digest_size=24).digest()
    box = nacl.public.Box(ephemeral, nacl.public.PublicKey(recipient.data))
    return epk + box.encrypt(plaintext, nonce).ciphertext
