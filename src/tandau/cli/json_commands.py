"""The JSON command family: ``tandau law``, ``tandau community``, ``tandau analysis``.

A stable interface (brief ``law.md``, ``self-government.md`` §5): JSON in on
standard input, JSON out on standard output; exit 0 with an answer, exit 2 with
``{"error": {"code", "field", "message": {kk, ru, en}}}`` for invalid input —
including a wrong command line, which is reported the same way.  Each group is
made by :func:`json_app` and each command answers through :func:`decide`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import typer
from typer.core import TyperGroup

from tandau.law import BadCommandLine, InvalidInput, MissingField

__all__ = ["answer", "decide", "emit_json", "json_app", "required", "stdin_bytes", "validate_file"]

T = TypeVar("T")
R = TypeVar("R")

#: Typer's usage errors (unknown option, missing argument…) exit with this status.
_USAGE_EXIT = 2


class _JsonUsageErrors(TyperGroup):
    """Report a wrong command line as the JSON error every other invalid input gets."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.TyperException as exc:
            if getattr(exc, "exit_code", None) != _USAGE_EXIT:
                raise
            emit_json({"error": BadCommandLine(_usage_field(exc)).to_dict()})
            raise typer.Exit(_USAGE_EXIT) from exc


def _usage_field(exc: Exception) -> str:
    option = getattr(exc, "option_name", None)
    if isinstance(option, str):
        return option.lstrip("-").replace("-", "_")
    name = getattr(getattr(exc, "param", None), "name", None)
    return name if isinstance(name, str) else "command"


def json_app(name: str, help: str) -> typer.Typer:
    """A command group of this family: its usage errors are JSON errors too."""
    return typer.Typer(name=name, help=help, no_args_is_help=True, cls=_JsonUsageErrors)


def emit_json(payload: object) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def answer(produce: Callable[[], T]) -> T:
    """``produce()``; invalid input is printed as the JSON error and exits 2."""
    try:
        return produce()
    except InvalidInput as exc:
        emit_json({"error": exc.to_dict()})
        raise typer.Exit(2) from exc


def decide(produce: Callable[[], object]) -> None:
    """Print ``produce()`` as JSON (see :func:`answer`)."""
    emit_json(answer(produce))


def required(name: str, value: T | None) -> T:
    """A value the command line must give: a missing one is the field ``name`` missing."""
    if value is None:
        raise MissingField(name)
    return value


def stdin_bytes() -> bytes:
    return typer.get_binary_stream("stdin").read()


def validate_file(
    path: str | None, load: Callable[[str], R], facts: Callable[[R], Mapping[str, object]]
) -> None:
    """Print ``{"valid": true, …facts}`` of the file ``load`` checks; a problem is the error."""
    decide(lambda: {"valid": True, **facts(load(required("path", path)))})
