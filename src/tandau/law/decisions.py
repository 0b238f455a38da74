"""What the law layer decides: violations, eligibility, and the reasons for an outcome.

A :class:`Violation` or :class:`Reason` names its rule (a stable ID such as
``candidate.min_age``), the article and the confidence of the ruleset parameter
behind it, and a message in kk, ru and en.  Rule IDs are the parameter paths of
the ruleset, with a suffix where one parameter holds several rules
(``candidate.bars.conviction``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tandau.i18n import Message

from .messages import RULE_MESSAGES
from .ruleset import Ruleset

__all__ = [
    "Eligibility",
    "Reason",
    "Violation",
    "cite",
]


@dataclass(frozen=True, slots=True)
class Violation:
    """A rule that refuses: its ID, article, confidence, message and the figures involved."""

    rule: str
    article: str
    confidence: str
    message: Mapping[str, str]
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "article": self.article,
            "confidence": self.confidence,
            "message": dict(self.message),
            "details": dict(self.details),
        }


#: A reason for an outcome has the same shape as a violation.
Reason = Violation


def cite(
    ruleset: Ruleset,
    rule: str,
    *,
    message: Message | None = None,
    details: Mapping[str, Any] | None = None,
    **params: object,
) -> Violation:
    """A violation (or reason) of ``rule``, citing the ruleset parameter that holds it."""
    param = ruleset.param(rule)
    msg = message if message is not None else RULE_MESSAGES[rule]
    return Violation(
        rule=rule,
        article=param.article,
        confidence=param.confidence,
        message=msg.localize(**params),
        details=dict(details or {}),
    )


@dataclass(frozen=True, slots=True)
class Eligibility:
    """The result of an eligibility check: eligible exactly when nothing refuses."""

    violations: tuple[Violation, ...]

    @property
    def eligible(self) -> bool:
        return not self.violations

    def to_dict(self) -> dict[str, Any]:
        return {"eligible": self.eligible, "violations": [v.to_dict() for v in self.violations]}
