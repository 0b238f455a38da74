"""The root of Tandau's error tree and the crypto layer's named errors.

Every error carries a stable ``code`` and every class declares the msgid of its
``title`` (plain text here: the crypto layer does not import gettext); the one
renderer, :func:`tandau.i18n.render_error`, turns an error into its title
and detail in kk, ru or en for the CLI, the web and the PDFs (ADR 0016).  The
web maps classes to HTTP statuses in ``tandau.web.problems``.  The tree::

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

from typing import ClassVar

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
    #: msgid of the title, one per class, declared in each class body (see
    #: :mod:`tandau.i18n.error_text`); the text is in the catalogue only.
    title: ClassVar[str] = "The request was refused."
    #: msgid of the command line's line when the error has no message of its own.
    operator_text: str = "The step failed ({code}): {detail}"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class CryptoError(TandauError):
    code = "crypto.error"
    title = "The ballot or request is malformed."
    operator_text = "A cryptographic check failed ({code}): {detail}"


class EncodingError(CryptoError):
    code = "crypto.encoding"
    title = CryptoError.title


class NonCanonicalPoint(EncodingError):
    code = "crypto.point.non_canonical"
    title = EncodingError.title


class NonCanonicalScalar(EncodingError):
    code = "crypto.scalar.non_canonical"
    title = EncodingError.title


class IdentityPoint(EncodingError):
    code = "crypto.point.identity"
    title = EncodingError.title


class ProofError(CryptoError):
    code = "crypto.proof.invalid"
    title = "A proof in the ballot does not verify."


class SignatureError(CryptoError):
    code = "crypto.signature.invalid"
    title = "A signature does not verify."


class MerkleError(CryptoError):
    code = "crypto.merkle.invalid"
    title = ProofError.title


class DecryptionError(CryptoError):
    code = "crypto.decryption"
    title = CryptoError.title


class CeremonyError(CryptoError):
    code = "crypto.ceremony"
    title = CryptoError.title


class InvalidShare(CeremonyError):
    code = "crypto.ceremony.invalid_share"
    title = CryptoError.title
