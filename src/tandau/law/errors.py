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
            ├── InconsistentInput   law.invalid_input.<reason>      figures that contradict each
            │                                                       other (votes > ballots cast…)
            ├── BadCommandLine      law.invalid_input.usage         an unknown option or argument
            ├── UnknownRuleset      law.unknown_ruleset             no ruleset with this ID
            └── RulesetInvalid      law.ruleset_invalid             a ruleset file fails the schema
"""

from __future__ import annotations

from collections.abc import Mapping

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
    "RulesetInvalid",
    "UnexpectedField",
    "UnknownRuleset",
    "WrongType",
]


class LawError(TandauError):
    """Base of the law layer's errors."""

    code = "law.error"
    title = TandauError.title


class InvalidInput(LawError):
    """An input field is not valid; ``field`` names it, ``localized`` explains it."""

    code = "law.invalid_input"
    title = "The request is not valid."

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


class MalformedJSON(InvalidInput):
    code = "law.invalid_input.json"
    title = InvalidInput.title

    def __init__(self, field: str = "stdin") -> None:
        super().__init__(field)


class MissingField(InvalidInput):
    code = "law.invalid_input.missing"
    title = InvalidInput.title


class UnexpectedField(InvalidInput):
    code = "law.invalid_input.unexpected"
    title = InvalidInput.title


class WrongType(InvalidInput):
    """``expected`` is one of ``integer``, ``boolean``, ``string``, ``list``, ``object``,
    ``date``, ``number``."""

    code = "law.invalid_input.type"
    title = InvalidInput.title

    def __init__(self, field: str, expected: str) -> None:
        super().__init__(field, message=EXPECTED_TYPES[expected], expected=expected)
        self.expected = expected


class InvalidDate(InvalidInput):
    code = "law.invalid_input.date"
    title = InvalidInput.title


class NegativeNumber(InvalidInput):
    code = "law.invalid_input.negative"
    title = InvalidInput.title


class InvalidValue(InvalidInput):
    code = "law.invalid_input.value"
    title = InvalidInput.title


class InconsistentInput(InvalidInput):
    """Figures that contradict each other; ``reason`` is the last part of the code.

    Reasons: ``votes_exceed_ballots``, ``ballots_exceed_voters``,
    ``annulled_exceeds_total``, ``unknown_candidate``, ``duplicate``,
    ``birth_after_date``, ``date_order``.
    """

    code = "law.invalid_input.inconsistent"
    title = InvalidInput.title

    def __init__(self, field: str, reason: str, **params: object) -> None:
        self.code = f"law.invalid_input.{reason}"
        self.reason = reason
        super().__init__(field, message=ERROR_MESSAGES[self.code], **params)


class BadCommandLine(InvalidInput):
    """The command line itself is wrong: an unknown option, a missing argument."""

    code = "law.invalid_input.usage"
    title = InvalidInput.title


class UnknownRuleset(InvalidInput):
    code = "law.unknown_ruleset"
    title = InvalidInput.title

    def __init__(self, ruleset: str, field: str = "ruleset") -> None:
        super().__init__(field, ruleset=ruleset)
        self.ruleset = ruleset


class RulesetInvalid(InvalidInput):
    """A ruleset file does not match the schema; ``problems`` lists each, with its path."""

    code = "law.ruleset_invalid"
    title = InvalidInput.title

    def __init__(self, ruleset: str, problems: tuple[str, ...], field: str = "ruleset") -> None:
        self.problems = problems
        self.ruleset = ruleset
        super().__init__(field, ruleset=ruleset, count=len(problems))

    def to_dict(self) -> dict[str, object]:
        return {**super().to_dict(), "problems": list(self.problems)}
