"""Ballots: an encrypted selection signed with the voter's credential (record spec §R4).

A ballot is ``{"election", "credential", "selection", "signature"}``.  The
proofs' context is H("ballot/context", fingerprint, joint key, credential),
so a proof copied onto another credential fails; the Schnorr signature by the
credential covers the fingerprint, the credential and the canonical bytes of
the selection, so only a credential holder can add a ballot.  The tracking
code is a short hash of the ballot's canonical bytes.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from tandau.crypto.canonical import dumps, dumps_checked
from tandau.crypto.elgamal import PublicKey, encrypt
from tandau.crypto.group import Point
from tandau.crypto.hashing import hash_bytes
from tandau.crypto.rng import Rng
from tandau.crypto.selection import (
    EncryptedSelection,
    Opening,
    SelectionRule,
    encrypt_selection,
    verify_selection,
)
from tandau.crypto.signatures import Signature, sign, verify_signature

from .credentials import Credential
from .errors import AuditError, BallotRefused, InvalidObject
from .fields import expect_keys, get_str

__all__ = [
    "Ballot",
    "audit_ballot",
    "ballot_context",
    "create_ballot",
    "tracking_code",
    "verify_ballot",
]


def ballot_context(fingerprint: bytes, key: PublicKey, credential: Point) -> bytes:
    """The proofs' context (§R4.2)."""
    return hash_bytes("ballot/context", fingerprint, key.point.data, credential.data)


def _signed_message(fingerprint: bytes, credential: Point, selection_bytes: bytes) -> bytes:
    return hash_bytes("ballot/signed", fingerprint, credential.data, selection_bytes)


@dataclass(frozen=True, slots=True)
class Ballot:
    election: str  # the manifest fingerprint, hex
    credential: Point
    selection: EncryptedSelection
    signature: Signature

    def to_dict(self) -> dict[str, Any]:
        return {
            "election": self.election,
            "credential": self.credential.hex(),
            "selection": self.selection.to_dict(),
            "signature": self.signature.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: Any) -> Ballot:
        expect_keys(d, "ballot", {"election", "credential", "selection", "signature"})
        election = get_str(d, "election", 64)
        if len(election) != 64:
            raise InvalidObject("election is a 32-byte fingerprint in hex", field="election")
        credential = Point.from_hex(get_str(d, "credential", 64)).require_not_identity()
        return cls(
            election,
            credential,
            EncryptedSelection.from_dict(d["selection"]),
            Signature.from_dict(d["signature"]),
        )

    def canonical(self) -> bytes:
        return dumps(self.to_dict())

    def encoded(self) -> tuple[bytes, bytes]:
        """The canonical bytes of the ballot and of its selection (the signed part), at once."""
        d = self.to_dict()
        return dumps(d), dumps_checked(d["selection"])

    @property
    def tracking_code(self) -> str:
        return tracking_code(self.canonical())


def tracking_code(ballot_bytes: bytes) -> str:
    """16 base32 letters of H("tracking", ballot bytes), in groups of four (§R4.4)."""
    digest = hash_bytes("tracking", ballot_bytes)[:10]
    text = base64.b32encode(digest).decode()
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def create_ballot(
    fingerprint: bytes,
    key: PublicKey,
    rule: SelectionRule,
    choices: list[int],
    credential: Credential,
    rng: Rng,
) -> tuple[Ballot, Opening]:
    """Encrypt, prove and sign a ballot as a voter's device does (§R4.1)."""
    context = ballot_context(fingerprint, key, credential.public)
    selection, opening = encrypt_selection(key, rule, choices, context, rng)
    message = _signed_message(fingerprint, credential.public, dumps(selection.to_dict()))
    signature = sign(credential.secret, message, rng)
    return Ballot(fingerprint.hex(), credential.public, selection, signature), opening


def verify_ballot(
    fingerprint: bytes,
    key: PublicKey,
    rule: SelectionRule,
    ballot: Ballot,
    selection_bytes: bytes | None = None,
) -> None:
    """Checks V-R4.1 … V-R4.3: election, signature, every proof. Raises; returns nothing.

    ``selection_bytes``: the selection's canonical bytes when the caller has them
    (``Ballot.encoded``), so they are not serialised again."""
    if ballot.election != fingerprint.hex():
        raise BallotRefused("the ballot is for another election", reason="wrong_election")
    if selection_bytes is None:
        selection_bytes = dumps(ballot.selection.to_dict())
    message = _signed_message(fingerprint, ballot.credential, selection_bytes)
    verify_signature(ballot.credential, message, ballot.signature)
    verify_selection(
        key, rule, ballot.selection, ballot_context(fingerprint, key, ballot.credential)
    )


def audit_ballot(
    key: PublicKey, ballot: Ballot, opening: Opening, rule: SelectionRule | None = None
) -> tuple[int, ...]:
    """Benaloh check V5.2.7: re-encrypt the revealed choices with the revealed nonces (§R4.5).

    Returns the choices when every ciphertext matches and, given the election's
    ``rule``, the choices obey it; raises AuditError otherwise.  An audited
    ballot is spoiled: it must never be cast.
    """
    cts = ballot.selection.ciphertexts
    if len(opening.choices) != len(cts) or len(opening.nonces) != len(cts):
        raise AuditError("the opening does not match the ballot's options")
    if rule is not None:
        try:
            rule.check_plaintext(list(opening.choices))
        except ValueError as exc:
            raise AuditError("the revealed choices break the selection rule") from exc
    for i, (ct, m, r) in enumerate(zip(cts, opening.choices, opening.nonces, strict=True)):
        if encrypt(key, m, r) != ct:
            raise AuditError("the device did not encrypt the shown choice", option=i)
    return opening.choices
