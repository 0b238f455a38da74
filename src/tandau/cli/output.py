"""What the command line prints: JSON on standard output, localised lines on standard error.

Standard output carries only machine-readable JSON, so a command can be piped
into another program; everything said to a person (notes, warnings, errors,
progress bars) goes to standard error in the language chosen with
``tandau --lang``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from tandau.i18n import SUPPORTED_LOCALES, Message

__all__ = ["emit", "locale", "say", "set_locale", "text"]

_state = {"locale": "en"}


def set_locale(lang: str) -> str:
    """Choose the language of messages (the ``--lang`` option's callback)."""
    if lang not in SUPPORTED_LOCALES:
        raise typer.BadParameter(f"choose one of {', '.join(SUPPORTED_LOCALES)}")
    _state["locale"] = lang
    return lang


def locale() -> str:
    return _state["locale"]


def text(message: Message, **params: object) -> str:
    """``message`` in the chosen language."""
    return message.render(locale(), params)


def say(message: Message, **params: object) -> None:
    """One localised line for a person, on standard error."""
    typer.echo(text(message, **params), err=True)


def emit(payload: Any) -> None:
    """Machine-readable output: one JSON document on standard output."""
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    sys.stdout.flush()
