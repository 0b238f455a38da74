"""Signatures: Schnorr over ristretto255 for ballots (spec §8.1), Ed25519 for board heads (§8.2).

§8.1 A voter's credential x with public credential P = x·G signs a ballot
message m.  With a random nonce w:

    R = w·G
    c = H("signature/ballot", P, R, m)
    s = w + c·x  mod ℓ

The signature is the compact pair (c, s).  The verifier refuses the
identity as P, recomputes R' = s·G − c·P and accepts when
c = H("signature/ballot", P, R', m).  Hashing P binds the signature to its
signer, so it cannot be re-attributed to another credential.

§8.2 The commission signs board tree heads with Ed25519 (RFC 8032) through
PyNaCl's libsodium binding; the verify key is published in the manifest.
libsodium refuses non-canonical S, small-order keys and small-order R.
"""

from __future__ import annotations

from dataclasses import dataclass

import nacl.exceptions
import nacl.signing

from . import sodium
from .errors import SignatureError
from .group import ChallengeResponse, Point, Scalar, strict_hex
from .keys import PublicBytes, SecretSeed
from .rng import Rng
from .schnorr import schnorr_holds, schnorr_respond

__all__ = [
    "HeadSigningKey",
    "HeadVerifyKey",
    "Signature",
    "sign",
    "verify_head_signature",
    "verify_signature",
]

_PURPOSE = "signature/ballot"


@dataclass(frozen=True, slots=True)
class Signature(ChallengeResponse):
    """Challenge c and response s of a Schnorr signature."""

    described = "a signature"


def sign(secret: Scalar, message: bytes, rng: Rng) -> Signature:
    """Sign ``message`` with the credential secret x (spec §8.1.1)."""
    if secret.value == 0:
        # Its public key would be the identity, which every verifier refuses.
        raise ValueError("the zero scalar cannot sign")
    public = sodium.base_mul(secret.value)
    return Signature(*schnorr_respond(_PURPOSE, secret, public, message, rng))


def verify_signature(public: Point, message: bytes, sig: Signature) -> None:
    """Check a ballot signature under P (spec §8.1.2); raises SignatureError."""
    if public.is_identity():
        raise SignatureError("the identity is not a signing key")
    if not schnorr_holds(_PURPOSE, public.data, sig, message):
        raise SignatureError("the signature does not verify")


@dataclass(frozen=True, slots=True)
class HeadVerifyKey(PublicBytes):
    """The commission's Ed25519 verify key (32 bytes)."""

    described = "an Ed25519 verify key"

    def verify(self, message: bytes, signature: bytes) -> None:
        """Raise SignatureError unless ``signature`` is this key's on ``message``."""
        if not isinstance(signature, bytes) or len(signature) != 64:
            raise SignatureError("an Ed25519 signature is 64 bytes")
        try:
            nacl.signing.VerifyKey(self.data).verify(message, signature)
        except (nacl.exceptions.BadSignatureError, nacl.exceptions.CryptoError) as exc:
            # BadSignatureError is a CryptoError; a malformed key raises the latter.
            raise SignatureError("the head signature does not verify") from exc


@dataclass(frozen=True, slots=True)
class HeadSigningKey(SecretSeed):
    """The commission's Ed25519 signing key, kept as its 32-byte seed."""

    described = "an Ed25519 seed"

    @property
    def verify_key(self) -> HeadVerifyKey:
        return HeadVerifyKey(bytes(nacl.signing.SigningKey(self.seed).verify_key))

    def sign(self, message: bytes) -> bytes:
        """The 64-byte detached signature (Ed25519 is deterministic: no randomness)."""
        return nacl.signing.SigningKey(self.seed).sign(message).signature


def verify_head_signature(key: HeadVerifyKey, message: bytes, signature: bytes | str) -> None:
    """Check a head signature given as 64 bytes or as its 128-hex-digit record form."""
    if isinstance(signature, str):
        raw = strict_hex(signature, 64)
        if raw is None:
            raise SignatureError("a head signature is 128 lower-case hex digits")
        signature = raw
    key.verify(message, signature)
