"""The law layer's named errors.

Every error carries a stable ``code``; an :class:`InvalidInput` also names the
``field`` at fault (``polling_day``, ``candidates[1].votes``…) and renders its
message in kk, ru and en.  The command line prints them as
``{"error": {"code", "field", "message": {"kk", "ru", "en"}}}`` and exits 2::

    TandauError
    └── LawError                    law.error
        └── InvalidInput            law.invalid_input               a field is not valid
            ├── MalformedJSON       law.invalid_input.json          stdin is not JSON
            ├── MissingField        law.invalid_input.missing
            ├── UnexpectedField     law.invalid_input.unexpected    a key the input does not have
            ├── WrongType           law.invalid_input.type          e.g. a string for a count
            ├── InvalidDate         law.invalid_input.date          not YYYY-MM-DD
            ├── NegativeNumber      law.invalid_input.negative
            ├── InvalidValue        law.invalid_input.value         outside the allowed values
            ├── ReasonedInput       <prefix>.<reason>               a reason ends the code
            │   └── InconsistentInput law.invalid_input.<reason>    figures that contradict each
            │                                                       other (votes > ballots cast…)
            ├── BadCommandLine      law.invalid_input.usage         an unknown option or argument
            ├── UnknownRuleset      law.unknown_ruleset             no ruleset with this ID
            └── RulesetInvalid      law.ruleset_invalid             a ruleset file fails the schema
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from tandau.crypto.errors import TandauError
from tandau.i18n import Message, localize_error

from .messages import ERROR_MESSAGES, EXPECTED_TYPES

__all__ = [
    "BadCommandLine",
    "InconsistentInput",
    "InvalidDate",
    "InvalidInput",
    "InvalidValue",
    "LawError",
    "MalformedJSON",
    "MissingField",
    "NegativeNumber",
    "ReasonedInput",
    "RulesetInvalid",
    "UnexpectedField",
    "UnknownRuleset",
    "WrongType",
]


class LawError(TandauError, title=TandauError.title):
    """Base of the law layer's errors."""

    code = "law.error"


class InvalidInput(LawError, title="The request is not valid."):
    """An input field is not valid; ``field`` names it, ``localized`` explains it."""

    code = "law.invalid_input"

    def __init__(
        self,
        field: str,
        *,
        message: Message | None = None,
        **params: object,
    ) -> None:
        self.field = field
        self.msg = message if message is not None else ERROR_MESSAGES[self.code]
        self.params: Mapping[str, object] = {"field": field, **params}
        super().__init__(self.msg.render("en", self.params), field=field, **params)

    @property
    def localized(self) -> dict[str, str]:
        """The message in kk, ru and en."""
        return localize_error(self)

    def to_dict(self) -> dict[str, object]:
        """The JSON error object: ``{"code", "field", "message"}``."""
        return {"code": self.code, "field": self.field, "message": self.localized}


class MalformedJSON(InvalidInput, title=InvalidInput.title):
    code = "law.invalid_input.json"

    def __init__(self, field: str = "stdin") -> None:
        super().__init__(field)


class MissingField(InvalidInput, title=InvalidInput.title, code="law.invalid_input.missing"):
    """A field the input must have is absent."""


class UnexpectedField(InvalidInput, title=InvalidInput.title, code="law.invalid_input.unexpected"):
    """A key the input does not have."""


class WrongType(InvalidInput, title=InvalidInput.title):
    """``expected`` is one of ``integer``, ``boolean``, ``string``, ``list``, ``object``,
    ``date``, ``number``."""

    code = "law.invalid_input.type"

    def __init__(self, field: str, expected: str) -> None:
        super().__init__(field, message=EXPECTED_TYPES[expected], expected=expected)
        self.expected = expected


class InvalidDate(InvalidInput, title=InvalidInput.title, code="law.invalid_input.date"):
    """A date that is not YYYY-MM-DD."""


class NegativeNumber(InvalidInput, title=InvalidInput.title, code="law.invalid_input.negative"):
    """A count or figure below zero."""


class InvalidValue(InvalidInput, title=InvalidInput.title, code="law.invalid_input.value"):
    """A value outside the allowed values."""


class ReasonedInput(InvalidInput, title=InvalidInput.title):
    """An invalid input whose ``reason`` ends its code: ``{prefix}.{reason}``.

    A layer's subclass names its code prefix and the catalogue of its reasons'
    messages (keyed by the whole code), so every layer words its own reasons.
    """

    code = "law.invalid_input.reasoned"
    prefix: ClassVar[str] = "law.invalid_input"
    messages: ClassVar[Mapping[str, Message]] = ERROR_MESSAGES

    def __init__(self, field: str, reason: str, **params: object) -> None:
        self.code = f"{self.prefix}.{reason}"
        self.reason = reason
        super().__init__(field, message=self.messages[self.code], **params)


class InconsistentInput(ReasonedInput, title=InvalidInput.title):
    """Figures that contradict each other; ``reason`` is the last part of the code.

    Reasons: ``votes_exceed_ballots``, ``ballots_exceed_voters``,
    ``annulled_exceeds_total``, ``unknown_candidate``, ``duplicate``,
    ``birth_after_date``, ``date_order``.
    """

    code = "law.invalid_input.inconsistent"


class BadCommandLine(InvalidInput, title=InvalidInput.title):
    """The command line itself is wrong: an unknown option, a missing argument."""

    code = "law.invalid_input.usage"


class UnknownRuleset(InvalidInput, title=InvalidInput.title):
    code = "law.unknown_ruleset"

    def __init__(self, ruleset: str, field: str = "ruleset") -> None:
        super().__init__(field, ruleset=ruleset)
        self.ruleset = ruleset


class RulesetInvalid(InvalidInput, title=InvalidInput.title):
    """A ruleset file does not match the schema; ``problems`` lists each, with its path."""

    code = "law.ruleset_invalid"

    def __init__(self, ruleset: str, problems: tuple[str, ...], field: str = "ruleset") -> None:
        self.problems = problems
        self.ruleset = ruleset
        super().__init__(field, ruleset=ruleset, count=len(problems))

    def to_dict(self) -> dict[str, object]:
        return {**super().to_dict(), "problems": list(self.problems)}
