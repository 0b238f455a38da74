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

from tandau.admin.errors import AdminError
from tandau.crypto.errors import EncodingError, TandauError
from tandau.i18n import Message
from tandau.law import InvalidInput
from tandau.protocol.errors import BallotRefused, InvalidObject

from . import messages as M
from .output import locale

__all__ = ["BAD_INPUT", "REFUSED", "CliError", "describe", "guarded"]

#: Exit statuses: a step refused or a check failed; bad input.
REFUSED = 1
BAD_INPUT = 2

P = ParamSpec("P")
R = TypeVar("R")


class CliError(TandauError):
    """An error the command line explains itself, with a translatable message."""

    code = "cli.error"

    def __init__(self, message: Message, *, exit_code: int = REFUSED, **params: object) -> None:
        self.msg = message
        self.params = params
        self.exit_code = exit_code
        super().__init__(message.render("en", params), **params)


_REFUSALS: dict[str, Message] = {
    "wrong_election": M.REFUSED_WRONG_ELECTION,
    "unknown_credential": M.REFUSED_UNKNOWN_CREDENTIAL,
    "voting_not_open": M.REFUSED_NOT_OPEN,
    "cancelled_credential": M.REFUSED_CANCELLED,
}

_BY_CODE: dict[str, Message] = {
    "protocol.invalid_object": M.ERR_MALFORMED,
    "protocol.out_of_order": M.ERR_OUT_OF_ORDER,
    "protocol.audit_failed": M.ERR_AUDIT_FAILED,
    "board.unknown_election": M.ERR_UNKNOWN_ELECTION,
    "board.no_signing_key": M.ERR_NO_SIGNING_KEY,
    "board.stale": M.ERR_BOARD_BUSY,
}

_BY_PREFIX: tuple[tuple[str, Message], ...] = (
    ("crypto.", M.ERR_CRYPTO),
    ("board.", M.ERR_BOARD),
    ("config.", M.ERR_CONFIG),
)


def describe(exc: BaseException) -> tuple[str, int]:
    """The localised one-line message of ``exc`` and the exit status it calls for."""
    lang = locale()
    if isinstance(exc, CliError):
        return exc.msg.render(lang, exc.params), exc.exit_code
    if isinstance(exc, InvalidInput):
        return exc.localized[lang], BAD_INPUT
    if isinstance(exc, AdminError):
        return exc.localized[lang], REFUSED
    localized = getattr(exc, "localized", None)
    if isinstance(exc, TandauError) and isinstance(localized, dict) and lang in localized:
        status = BAD_INPUT if isinstance(exc, InvalidObject) else REFUSED
        return str(localized[lang]), status
    if isinstance(exc, BallotRefused):
        refusal = _REFUSALS.get(exc.reason, M.ERR_GENERIC)
        return refusal.render(lang, {"code": exc.code, "detail": exc.message}), REFUSED
    if isinstance(exc, TandauError):
        status = BAD_INPUT if isinstance(exc, InvalidObject | EncodingError) else REFUSED
        message = _BY_CODE.get(exc.code)
        if message is None:
            message = next((m for p, m in _BY_PREFIX if exc.code.startswith(p)), M.ERR_GENERIC)
        params = {"code": exc.code, "detail": exc.message, **exc.details}
        return message.render(lang, params), status
    if isinstance(exc, SQLAlchemyError):
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return M.ERR_DATABASE.render(lang, {"reason": reason}), REFUSED
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else ""
        return M.ERR_FILE.render(lang, {"path": where, "reason": exc.strerror or exc}), REFUSED
    return str(exc), REFUSED


def fail(exc: BaseException) -> typer.Exit:
    """Print ``exc`` as one localised line and return the exit to raise."""
    line, status = describe(exc)
    one_line = " ".join(line.split())
    typer.echo(M.ERROR_LINE.render(locale(), {"message": one_line}), err=True)
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
