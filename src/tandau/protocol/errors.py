"""Protocol-level errors: malformed wire objects and refused ballots (spec record §R9)."""

from __future__ import annotations

from tandau.crypto.errors import TandauError

__all__ = [
    "AuditError",
    "BallotRefused",
    "InvalidObject",
    "ProtocolError",
]


class ProtocolError(TandauError):
    code = "protocol.error"


class InvalidObject(ProtocolError):
    """A wire object is malformed: wrong keys, types or values."""

    code = "protocol.invalid_object"


class BallotRefused(ProtocolError):
    """A ballot is well-formed but may not be counted (wrong election, unknown credential…)."""

    code = "protocol.ballot_refused"

    def __init__(self, message: str, reason: str, **details: object) -> None:
        super().__init__(message, reason=reason, **details)
        self.reason = reason


class AuditError(ProtocolError):
    """A Benaloh audit found that the device did not encrypt what the voter chose."""

    code = "protocol.audit_failed"
