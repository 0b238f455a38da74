"""The root of Tandau's error tree and the crypto layer's named errors.

Every error carries a stable ``code``; the entry points (web, CLI) map codes
to localised messages and HTTP statuses in one place.  The tree::

    TandauError
    └── CryptoError
        ├── EncodingError          non-canonical or out-of-range bytes
        │   ├── NonCanonicalPoint
        │   ├── NonCanonicalScalar
        │   └── IdentityPoint      the identity where a value must not be it
        ├── ProofError             a zero-knowledge proof does not verify
        ├── SignatureError         a signature does not verify
        ├── MerkleError            a Merkle inclusion or consistency proof fails
        ├── DecryptionError        a plaintext is out of the searched range
        └── CeremonyError          the threshold ceremony cannot proceed
            └── InvalidShare       a trustee's share or decryption share is bad
"""

from __future__ import annotations

__all__ = [
    "CeremonyError",
    "CryptoError",
    "DecryptionError",
    "EncodingError",
    "IdentityPoint",
    "InvalidShare",
    "MerkleError",
    "NonCanonicalPoint",
    "NonCanonicalScalar",
    "ProofError",
    "SignatureError",
    "TandauError",
]


class TandauError(Exception):
    """Base of every error Tandau raises on purpose."""

    code = "tandau.error"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class CryptoError(TandauError):
    code = "crypto.error"


class EncodingError(CryptoError):
    code = "crypto.encoding"


class NonCanonicalPoint(EncodingError):
    code = "crypto.point.non_canonical"


class NonCanonicalScalar(EncodingError):
    code = "crypto.scalar.non_canonical"


class IdentityPoint(EncodingError):
    code = "crypto.point.identity"


class ProofError(CryptoError):
    code = "crypto.proof.invalid"


class SignatureError(CryptoError):
    code = "crypto.signature.invalid"


class MerkleError(CryptoError):
    code = "crypto.merkle.invalid"


class DecryptionError(CryptoError):
    code = "crypto.decryption"


class CeremonyError(CryptoError):
    code = "crypto.ceremony"


class InvalidShare(CeremonyError):
    code = "crypto.ceremony.invalid_share"
