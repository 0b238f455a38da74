"""One place that turns an error into a localised one-line message and an exit status.

Every command runs under :func:`guarded`: a Tandau error, a database error or
a file error becomes ``tandau: Error: …`` on standard error, in the language
chosen with ``--lang``, and the process exits non-zero — 2 for bad input
(malformed files, options, codes), 1 for a step the rules or the state of the
election refuse.  Commands check their input before they store anything, so
an error leaves the database and the output files as they were.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from sqlalchemy.exc import SQLAlchemyError

from tandau.crypto.errors import EncodingError, TandauError
from tandau.i18n import CLI, Message, render_error
from tandau.law import InvalidInput
from tandau.protocol.errors import InvalidObject

from .output import locale

__all__ = ["BAD_INPUT", "REFUSED", "CliError", "describe", "guarded"]

#: Exit statuses: a step refused or a check failed; bad input.
REFUSED = 1
BAD_INPUT = 2

P = ParamSpec("P")
R = TypeVar("R")


class CliError(TandauError, title=TandauError.title):
    """An error the command line explains itself, with a translatable message."""

    code = "cli.error"

    def __init__(self, message: Message, *, exit_code: int = REFUSED, **params: object) -> None:
        self.msg = message
        self.params = params
        self.exit_code = exit_code
        super().__init__(message.render("en", params), **params)


def describe(exc: BaseException) -> tuple[str, int]:
    """The localised one-line message of ``exc`` and the exit status it calls for."""
    lang = locale()
    if isinstance(exc, TandauError):
        bad_input = isinstance(exc, InvalidInput | InvalidObject | EncodingError)
        status = exc.exit_code if isinstance(exc, CliError) else BAD_INPUT if bad_input else REFUSED
        return render_error(exc, lang, operator=True).detail, status
    if isinstance(exc, SQLAlchemyError):
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return CLI.err_database.render(lang, {"reason": reason}), REFUSED
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else ""
        return CLI.err_file.render(lang, {"path": where, "reason": exc.strerror or exc}), REFUSED
    return str(exc), REFUSED


def fail(exc: BaseException) -> typer.Exit:
    """Print ``exc`` as one localised line and return the exit to raise."""
    line, status = describe(exc)
    one_line = " ".join(line.split())
    typer.echo(CLI.error_line.render(locale(), {"message": one_line}), err=True)
    return typer.Exit(status)


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a command; turn the errors we expect into one line and a non-zero exit."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except (TandauError, SQLAlchemyError, OSError) as exc:
            raise fail(exc) from exc

    return run
