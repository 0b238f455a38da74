"""The one place where Tandau's error tree becomes HTTP: status, problem JSON, error page.

Every domain error carries a stable ``code``.  Here each branch of the tree gets
its HTTP status, and the message is shown in the request's language: errors
that explain themselves (``localized``) do; the others get the catalogue's
message for their branch.  API clients get RFC 9457 ``application/problem+json``;
browsers get a localised page.  Nothing about a ballot or a secret is logged.

Statuses follow the API contract (ADR 0014): 400 only for what breaks the
published schema; a well-formed request that the law, the cryptography or the
election's stage refuses is 409, its ``code`` saying which.
"""

from __future__ import annotations

from typing import Any

from tandau.admin.errors import AlreadyExists, NotFound, Refused
from tandau.board.errors import BoardError, OutOfRange, StaleBoard, UnknownElection
from tandau.crypto.errors import (
    CryptoError,
    EncodingError,
    MerkleError,
    ProofError,
    SignatureError,
    TandauError,
)
from tandau.i18n import N_, Message
from tandau.law.errors import InvalidInput, UnknownRuleset
from tandau.protocol.errors import AuditError, BallotRefused, InvalidObject, ProtocolError
from tandau.settings import ConfigurationError

from .console.errors import StepRefused
from .errors import (
    BadRequest,
    CsrfFailed,
    Forbidden,
    MethodNotAllowed,
    NotAuthenticated,
    PageNotFound,
    RateLimited,
)
from .voter_errors import PayloadTooLarge

__all__ = ["Problem", "problem_for"]

# Most specific first: the first matching class decides.
_STATUS: tuple[tuple[type[TandauError], int, Message], ...] = (
    (NotAuthenticated, 401, N_("Please sign in to continue.")),
    (CsrfFailed, 403, N_("The form has expired. Reload the page and try again.")),
    (Forbidden, 403, N_("Your role does not allow this action.")),
    (RateLimited, 429, N_("Too many attempts. Please wait a minute and try again.")),
    (PageNotFound, 404, N_("Nothing was found at this address.")),
    (MethodNotAllowed, 405, N_("This address does not accept this method.")),
    (StepRefused, 409, N_("The election does not allow this step now.")),
    (PayloadTooLarge, 413, N_("The request is too large.")),
    (BadRequest, 400, N_("The request is not valid.")),
    (UnknownRuleset, 409, N_("The request is not valid.")),
    (InvalidInput, 409, N_("The request is not valid.")),
    (NotFound, 404, N_("Nothing was found at this address.")),
    (UnknownElection, 404, N_("There is no such election.")),
    (AlreadyExists, 409, N_("This identifier is already taken.")),
    (Refused, 409, N_("The law does not allow this step now.")),
    (StaleBoard, 503, N_("The board is busy. Please try again.")),
    (OutOfRange, 404, N_("Nothing was found at this address.")),
    (BoardError, 409, N_("The bulletin board refused this entry.")),
    (BallotRefused, 409, N_("The ballot cannot be accepted.")),
    (AuditError, 409, N_("The audit failed: the device did not encrypt your choice.")),
    (InvalidObject, 409, N_("The ballot or request is malformed.")),
    (ProtocolError, 409, N_("The election does not allow this step now.")),
    (EncodingError, 409, N_("The ballot or request is malformed.")),
    (ProofError, 409, N_("A proof in the ballot does not verify.")),
    (SignatureError, 409, N_("A signature does not verify.")),
    (MerkleError, 409, N_("A proof in the ballot does not verify.")),
    (CryptoError, 409, N_("The ballot or request is malformed.")),
    (ConfigurationError, 500, N_("The server is misconfigured.")),
    (TandauError, 400, N_("The request was refused.")),
)


class Problem:
    """An error, ready to be shown in one language."""

    def __init__(self, status: int, code: str, title: str, detail: str, extra: dict[str, Any]):
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.extra = extra

    def to_json(self, instance: str) -> dict[str, Any]:
        return {
            "type": f"https://tandau.kz/problems/{self.code}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "instance": instance,
            "code": self.code,
            **self.extra,
        }


def problem_for(error: TandauError, lang: str) -> Problem:
    status, title = next((st, t) for cls, st, t in _STATUS if isinstance(error, cls))
    title_text = title.render(lang)
    localized = getattr(error, "localized", None)
    detail = localized[lang] if isinstance(localized, dict) and lang in localized else title_text
    extra: dict[str, Any] = {}
    field = getattr(error, "field", None) or error.details.get("field")
    if isinstance(field, str):
        extra["field"] = field
    reason = getattr(error, "reason", None)
    if isinstance(reason, str):
        extra["reason"] = reason
    violations = getattr(error, "violations", None)
    if violations:
        extra["violations"] = [
            {"rule": v.rule, "article": v.article, "message": v.message.get(lang, "")}
            for v in violations
        ]
    return Problem(status, error.code, title_text, detail, extra)
