"""The administration's named errors.

Bad input is the law layer's :class:`~tandau.law.errors.InvalidInput` (one shape for
every field error: ``{"code", "field", "message": {kk, ru, en}}``), with the
admin's own reasons as :class:`AdminInvalidInput`.  A refusal under the law is
:class:`Refused`, carrying the law's :class:`~tandau.law.decisions.Violation`
values: each names its rule ID, article and confidence and explains itself in kk, ru
and en.  Nothing is stored when any of them is raised::

    TandauError
    ├── AdminError                  admin.error
    │   ├── RecordError             admin.record               about one record (kind, id)
    │   │   ├── NotFound            admin.not_found            no record with this identifier
    │   │   └── AlreadyExists       admin.already_exists       the identifier is taken
    │   └── Refused                 admin.refused              rules refuse the step (violations)
    └── LawError
        └── InvalidInput            law.invalid_input…         a field is not valid (tandau.law)
            └── AdminInvalidInput   admin.invalid_input.<reason>
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tandau.crypto.errors import TandauError
from tandau.i18n import Message, localize_error
from tandau.law import InvalidInput, Ruleset, Violation
from tandau.law.decisions import cite
from tandau.law.errors import ReasonedInput

from .messages import ADMIN_RULES, CALENDAR_MESSAGES, ERROR_MESSAGES, KIND_LABELS

__all__ = [
    "AdminError",
    "AdminInvalidInput",
    "AlreadyExists",
    "NotFound",
    "RecordError",
    "Refused",
    "admin_violation",
    "calendar_violation",
]


class AdminError(TandauError, title=TandauError.title):
    """Base of the admin layer's errors; ``localized`` explains it in kk, ru and en."""

    code = "admin.error"

    def __init__(self, message: Message, **params: object) -> None:
        self.msg = message
        self.params: Mapping[str, object] = params
        super().__init__(message.render("en", params), **params)

    @property
    def localized(self) -> dict[str, str]:
        return localize_error(self)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.localized}


class RecordError(AdminError, title=TandauError.title):
    """About the record of this ``kind`` (``election``, ``candidate``…) and identifier."""

    code = "admin.record"

    def __init__(self, kind: str, id: str) -> None:
        super().__init__(ERROR_MESSAGES[self.code], kind=KIND_LABELS[kind], id=id)
        self.kind = kind
        self.id = id


class NotFound(RecordError, title="Nothing was found at this address.", code="admin.not_found"):
    """No record of this ``kind`` has this identifier."""


class AlreadyExists(
    RecordError, title="This identifier is already taken.", code="admin.already_exists"
):
    """A record of this ``kind`` with this identifier exists already."""


class Refused(AdminError, title="The law does not allow this step now."):
    """Rules refuse the step; ``violations`` name each rule, its article and its message."""

    code = "admin.refused"

    def __init__(self, violations: Iterable[Violation]) -> None:
        self.violations = tuple(violations)
        if not self.violations:
            raise ValueError("a refusal names at least one rule")
        first = self.violations[0]
        TandauError.__init__(self, first.message["en"], rules=[v.rule for v in self.violations])
        self.params = {}

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(v.rule for v in self.violations)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "violations": [v.to_dict() for v in self.violations]}


class AdminInvalidInput(ReasonedInput, title=InvalidInput.title):
    """An admin input that contradicts itself or the records; ``reason`` ends the code."""

    code = "admin.invalid_input"
    prefix = "admin.invalid_input"
    messages = ERROR_MESSAGES


def admin_violation(
    rule: str, *, details: Mapping[str, Any] | None = None, **params: object
) -> Violation:
    """A violation of an administration rule (:data:`~tandau.admin.messages.ADMIN_RULES`)."""
    found = ADMIN_RULES[rule]
    return Violation(
        rule=rule,
        article=found.article,
        confidence=found.confidence,
        message=found.message.localize(**params),
        details=dict(details or {}),
    )


def calendar_violation(
    ruleset: Ruleset, rule: str, *, details: Mapping[str, Any] | None = None, **params: object
) -> Violation:
    """A violation of a deadline of ``ruleset``, citing the parameter that sets it."""
    return cite(ruleset, rule, message=CALENDAR_MESSAGES[rule], details=details, **params)
