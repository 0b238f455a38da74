"""The one place where Tandau's error tree becomes HTTP: status, problem JSON, error page.

Every domain error carries a stable ``code``.  Here each branch of the tree gets
its HTTP status; its title and detail, in the request's language, come from the
one renderer of errors (:func:`tandau.i18n.render_error`).  API clients get
RFC 9457 ``application/problem+json``; browsers get a localised page.  Nothing
about a ballot or a secret is logged.

Statuses follow the API contract (ADR 0014): 400 only for what breaks the
published schema; a well-formed request that the law, the cryptography or the
election's stage refuses is 409, its ``code`` saying which.
"""

from __future__ import annotations

from typing import Any

from tandau.admin.devices import DeviceRefused, WrongPrecinct
from tandau.admin.errors import AlreadyExists, NotFound, Refused
from tandau.admin.territory import OutsideTerritory
from tandau.board.errors import BoardError, OutOfRange, StaleBoard, UnknownElection
from tandau.community.errors import CommunityRefused
from tandau.crypto.errors import CryptoError, TandauError
from tandau.i18n import render_error
from tandau.law.errors import InvalidInput
from tandau.protocol.errors import AuditError, BallotRefused, InvalidObject, ProtocolError
from tandau.settings import ConfigurationError

from .console.errors import RefusedFile, StepRefused
from .errors import (
    BadRequest,
    CsrfFailed,
    Forbidden,
    MethodNotAllowed,
    NotAuthenticated,
    PageNotFound,
    RateLimited,
)
from .passwords import CommonPassword
from .voter_errors import PayloadTooLarge

__all__ = ["Problem", "problem_for"]

# Most specific first: the first matching class decides.
_STATUS: tuple[tuple[type[TandauError], int], ...] = (
    (NotAuthenticated, 401),
    (CsrfFailed, 403),
    (Forbidden, 403),
    (DeviceRefused, 403),
    (OutsideTerritory, 403),
    (WrongPrecinct, 409),
    (RateLimited, 429),
    (PageNotFound, 404),
    (MethodNotAllowed, 405),
    (StepRefused, 409),
    (RefusedFile, 409),
    (CommonPassword, 409),
    (PayloadTooLarge, 413),
    (BadRequest, 400),
    (InvalidInput, 409),
    (NotFound, 404),
    (UnknownElection, 404),
    (AlreadyExists, 409),
    (Refused, 409),
    (CommunityRefused, 409),
    (StaleBoard, 503),
    (OutOfRange, 404),
    (BoardError, 409),
    (BallotRefused, 409),
    (AuditError, 409),
    (InvalidObject, 409),
    (ProtocolError, 409),
    (CryptoError, 409),
    (ConfigurationError, 500),
    (TandauError, 400),
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
    status = next(st for cls, st in _STATUS if isinstance(error, cls))
    text = render_error(error, lang)
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
    return Problem(status, error.code, text.title, text.detail, extra)
