"""Reading law inputs: JSON documents, dates and counts, with field-level errors.

Inputs are pydantic models in strict mode with unknown keys refused.  The first
validation error becomes one :class:`~tandau.law.errors.InvalidInput` naming the
field as a path (``candidates[1].votes``, ``annulled_precincts[0].candidates.A``).
Dates are exactly ``YYYY-MM-DD``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from .errors import (
    InvalidDate,
    InvalidInput,
    InvalidValue,
    MalformedJSON,
    MissingField,
    NegativeNumber,
    UnexpectedField,
    WrongType,
)

__all__ = [
    "Count",
    "InputModel",
    "IsoDate",
    "field_path",
    "parse_count",
    "parse_date",
    "parse_input",
]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

M = TypeVar("M", bound=BaseModel)


class _NotADateString(ValueError):
    """A date field holds something other than a string."""


class _NotADate(ValueError):
    """A date field holds a string that is not a YYYY-MM-DD calendar date."""


def _to_date(value: object) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise _NotADateString("Input should be a date string")
    if not _DATE.match(value):
        raise _NotADate("Input should be a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _NotADate("Input should be a real calendar date") from None


#: A calendar date written exactly as ``YYYY-MM-DD``.
IsoDate = Annotated[date, BeforeValidator(_to_date)]
#: A count: an integer, never negative.
Count = Annotated[int, Field(ge=0)]


class InputModel(BaseModel):
    """Base of every law input: strict types, unknown keys refused, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


def field_path(loc: Sequence[int | str]) -> str:
    """``("candidates", 1, "votes")`` → ``"candidates[1].votes"``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "stdin"


_TYPE_ERRORS = {
    "int": "integer",
    "bool": "boolean",
    "string": "string",
    "str": "string",
    "list": "list",
    "tuple": "list",
    "dict": "object",
    "model": "object",
    "model_attributes": "object",
    "float": "number",
    "decimal": "number",
}


def _error(err: Mapping[str, Any]) -> InvalidInput:
    kind: str = err["type"]
    field = field_path(err["loc"])
    ctx: Mapping[str, Any] = err.get("ctx") or {}
    if kind == "json_invalid":
        return MalformedJSON()
    if kind == "missing":
        return MissingField(field)
    if kind == "extra_forbidden":
        return UnexpectedField(field)
    if isinstance(ctx.get("error"), _NotADateString):
        return WrongType(field, "date")
    if isinstance(ctx.get("error"), _NotADate):
        return InvalidDate(field)
    if kind == "greater_than_equal" and ctx.get("ge") == 0:
        return NegativeNumber(field)
    base = kind.removesuffix("_type").removesuffix("_parsing").removesuffix("_from_float")
    if kind != base and base in _TYPE_ERRORS:
        return WrongType(field, _TYPE_ERRORS[base])
    return InvalidValue(field)


def parse_input(model: type[M], text: str | bytes) -> M:
    """Validate a JSON document against ``model``; :class:`InvalidInput` for the first fault."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedJSON() from None
    try:
        return model.model_validate_json(text)
    except ValidationError as exc:
        first: Mapping[str, Any] = exc.errors(include_url=False)[0]
        raise _error(first) from exc


def parse_date(field: str, text: str | None) -> date:
    """A command-line date; :class:`MissingField` or :class:`InvalidDate` naming ``field``."""
    if text is None:
        raise MissingField(field)
    if not _DATE.match(text):
        raise InvalidDate(field)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidDate(field) from None


def parse_count(field: str, text: str | None) -> int:
    """A command-line count (a non-negative integer), naming ``field`` when it is not one."""
    if text is None:
        raise MissingField(field)
    if not re.fullmatch(r"[+-]?\d+", text.strip()):
        raise WrongType(field, "integer")
    value = int(text)
    if value < 0:
        raise NegativeNumber(field)
    return value
