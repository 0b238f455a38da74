"""Voter credentials, as in Belenios (record spec §R3).

The registrar makes one secret code per voter; the code is what a voter
types or scans.  The credential secret is x = H("credential/secret",
fingerprint, code) and the public credential is x·G.  Only the list of public
credentials is published; the sheet (voter → code) goes to delivery and the
mapping stays with the registrar.  Codes are 20 symbols of a 32-letter
alphabet without look-alikes (100 bits) plus one check symbol.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tandau.crypto.group import Point, Scalar, hash_to_scalar
from tandau.crypto.rng import Rng

from .errors import InvalidObject

__all__ = [
    "ALPHABET",
    "Credential",
    "derive",
    "new_code",
    "normalize_code",
]

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_BODY = 20


def _check_symbol(body: str) -> str:
    total = sum((i + 1) * ALPHABET.index(ch) for i, ch in enumerate(body))
    return ALPHABET[total % 32]


def new_code(rng: Rng) -> str:
    """A fresh code, grouped as XXXXX-XXXXX-XXXXX-XXXXX-X for reading aloud."""
    raw = int.from_bytes(rng(13), "big") >> 4  # 100 uniform bits
    body = "".join(ALPHABET[(raw >> (5 * i)) & 31] for i in range(_BODY))
    full = body + _check_symbol(body)
    return "-".join(full[i : i + 5] for i in range(0, len(full), 5))


def normalize_code(text: str) -> str:
    """Upper-case, drop separators and spaces, map look-alikes; check the check symbol."""
    cleaned = "".join(ch for ch in text.upper() if ch not in "- \t")
    if len(cleaned) != _BODY + 1 or any(ch not in ALPHABET for ch in cleaned):
        raise InvalidObject("a credential code has 21 symbols of the credential alphabet",
                            field="code")  # fmt: skip
    if _check_symbol(cleaned[:_BODY]) != cleaned[_BODY]:
        raise InvalidObject("the credential code has a typo (check symbol)", field="code")
    return cleaned


@dataclass(frozen=True, slots=True)
class Credential:
    secret: Scalar = field(repr=False)
    public: Point


def derive(fingerprint: bytes, code: str) -> Credential:
    """The credential key pair of a code in one election (§R3.1)."""
    x = hash_to_scalar("credential/secret", fingerprint, normalize_code(code).encode())
    return Credential(x, Point.base_mul(x))
