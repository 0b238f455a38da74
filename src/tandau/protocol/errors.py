"""Protocol-level errors: malformed wire objects and refused ballots (spec record §R9)."""

from __future__ import annotations

from tandau.crypto.errors import TandauError

__all__ = [
    "AuditError",
    "BallotRefused",
    "InvalidObject",
    "ProtocolError",
]


#: The command line's line for each reason a ballot is refused (msgids).
_REFUSALS = {
    "wrong_election": "The ballot is for another election.",
    "unknown_credential": "The ballot's credential is not on the published list.",
    "voting_not_open": "Voting is not open: the ballot was not accepted.",
    "cancelled_credential": "This voter voted on paper: their electronic ballots are cancelled.",
    "audited_ballot": (
        "This ballot was opened for an audit, so it can never be cast. Encrypt the choice again."
    ),
}


class ProtocolError(TandauError, title="The election does not allow this step now."):
    code = "protocol.error"


class InvalidObject(ProtocolError, title="The ballot or request is malformed."):
    """A wire object is malformed: wrong keys, types or values."""

    code = "protocol.invalid_object"
    operator_text = "The input is malformed: {detail}"


class BallotRefused(ProtocolError, title="The ballot cannot be accepted."):
    """A ballot is well-formed but may not be counted (wrong election, unknown credential…)."""

    code = "protocol.ballot_refused"

    def __init__(self, message: str, reason: str, **details: object) -> None:
        super().__init__(message, reason=reason, **details)
        self.reason = reason
        self.operator_text = _REFUSALS.get(reason, TandauError.operator_text)


class AuditError(ProtocolError, title="The audit failed: the device did not encrypt your choice."):
    """A Benaloh audit found that the device did not encrypt what the voter chose."""

    code = "protocol.audit_failed"
    operator_text = (
        "The audit failed: the device did not encrypt the choice it showed. "
        "Do not vote with this device."
    )
