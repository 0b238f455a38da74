"""The one renderer of Tandau's errors: an error and a locale in, its title and detail out.

Every class of the error tree declares the msgid of its **title** (a short
statement of what kind of refusal it is) in its header,
``class ChainError(BoardError, title=BoardError.title)``; the texts in kk, ru
and en live only in the ``tandau`` catalogue.  The **detail** says what
happened this time:

- an error that carries its own message (``msg`` and ``params``: the web, admin,
  law, analysis, paper-protocol and command-line errors) renders it;
- a refusal under the law (``violations``) gives each violation's message, one a line;
- any other error shows its title to the public, and to the operator at the
  command line its ``operator_text`` (inherited from the nearest class that
  declares one; a refused ballot narrows it by reason) with ``{code}``,
  ``{detail}`` (the English developer message) and the error's details — the
  web never shows internals.

The command line's error printer, the web's problem JSON and error page and the
console's PDFs all call :func:`render_error`; no surface keeps its own table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tandau.crypto.errors import TandauError

from .catalogue import SUPPORTED_LOCALES
from .text import Message

__all__ = ["ErrorText", "error_classes", "localize_error", "render_error", "title_of"]


@dataclass(frozen=True, slots=True)
class ErrorText:
    """An error in one locale: its ``title`` (one per class) and its ``detail``."""

    title: str
    detail: str


def title_of(cls: type[TandauError]) -> Message:
    """The class's title message (every class declares one)."""
    return Message(cls.title)


def _own_detail(error: TandauError, locale: str) -> str | None:
    msg = getattr(error, "msg", None)
    if isinstance(msg, Message):
        return msg.render(locale, getattr(error, "params", None) or {})
    violations = getattr(error, "violations", None)
    if violations:
        return "\n".join(str(v.message[locale]) for v in violations)
    return None


def render_error(error: TandauError, locale: str, *, operator: bool = False) -> ErrorText:
    """``error`` in ``locale``; ``operator`` adds the code and developer detail when the
    error carries no message of its own (the command line does, the web does not)."""
    title = title_of(type(error)).render(locale)
    detail = _own_detail(error, locale)
    if detail is None and operator:
        params = {"code": error.code, "detail": error.message, **error.details}
        detail = Message(error.operator_text).render(locale, params)
    return ErrorText(title, title if detail is None else detail)


def localize_error(error: TandauError) -> dict[str, str]:
    """The detail of ``error`` in kk, ru and en (what an error's ``localized`` gives)."""
    return {locale: render_error(error, locale).detail for locale in SUPPORTED_LOCALES}


def error_classes() -> Iterator[type[TandauError]]:
    """Every class of the error tree that is imported, the root first."""
    seen: set[type[TandauError]] = set()
    todo: list[type[TandauError]] = [TandauError]
    while todo:
        cls = todo.pop(0)
        if cls in seen:
            continue
        seen.add(cls)
        yield cls
        todo.extend(cls.__subclasses__())
