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

    code: str = "tandau.error"
    #: msgid of the title: every class declares its own in its header,
    #: ``class X(Parent, title="…")`` (see tandau.i18n.error_text).
    title: ClassVar[str] = "The request was refused."
    #: msgid of the command line's line when the error has no message of its own.
    operator_text: str = "The step failed ({code}): {detail}"

    def __init_subclass__(
        cls, *, title: str | None = None, code: str | None = None, **kwargs: object
    ) -> None:
        """``class X(Parent, title=…)`` names X's title; ``title=Parent.title`` shares it.

        ``code=…`` in the header sets X's code, so that a class whose whole identity is
        its code and title says both in one place.
        """
        super().__init_subclass__(**kwargs)
        if title is not None:
            cls.title = title
        if code is not None:
            cls.code = code

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class CryptoError(TandauError, title="The ballot or request is malformed."):
    code = "crypto.error"
    operator_text = "A cryptographic check failed ({code}): {detail}"


class EncodingError(CryptoError, title=CryptoError.title, code="crypto.encoding"):
    """Bytes that are not the canonical encoding, or a value out of its range."""


class NonCanonicalPoint(
    EncodingError, title=EncodingError.title, code="crypto.point.non_canonical"
):
    """A point given by bytes that are not a canonical ristretto255 encoding."""


class NonCanonicalScalar(
    EncodingError, title=EncodingError.title, code="crypto.scalar.non_canonical"
):
    """A scalar outside [0, ℓ) or not given as its 32 bytes (64 lower-case hex digits)."""


class IdentityPoint(EncodingError, title=EncodingError.title, code="crypto.point.identity"):
    """The identity where a value must not be it (a public key, a commitment)."""


class ProofError(
    CryptoError, title="A proof in the ballot does not verify.", code="crypto.proof.invalid"
):
    """A zero-knowledge proof does not verify."""


class SignatureError(
    CryptoError, title="A signature does not verify.", code="crypto.signature.invalid"
):
    """A signature (credential or head) does not verify."""


class MerkleError(CryptoError, title=ProofError.title, code="crypto.merkle.invalid"):
    """A Merkle inclusion or consistency proof fails."""


class DecryptionError(CryptoError, title=CryptoError.title, code="crypto.decryption"):
    """A plaintext is out of the searched range."""


class CeremonyError(CryptoError, title=CryptoError.title, code="crypto.ceremony"):
    """The threshold ceremony cannot proceed."""


class InvalidShare(CeremonyError, title=CryptoError.title, code="crypto.ceremony.invalid_share"):
    """A trustee's share or decryption share is bad."""
