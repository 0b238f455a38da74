"""Translatable messages and their rendering in every supported locale.

Code never holds a translated string: it holds a :class:`Message` (a msgid, and for
counted messages a plural msgid and the name of the parameter that selects the
form) and renders it late, in one locale or in all three at once with
:func:`localized`.  Parameters are substituted with ``str.format`` names
(``{min_age}``); a parameter that is itself a :class:`Message` is rendered in the
same locale, and decimal numbers are written the way the locale writes them
(``0,5`` in kk and ru, ``0.5`` in en).

``N_`` and ``NP_`` mark msgids for extraction without translating them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal

from .catalogue import SUPPORTED_LOCALES, gettext, ngettext

__all__ = [
    "NP_",
    "N_",
    "Message",
    "localized",
    "nlocalized",
]


@dataclass(frozen=True, slots=True)
class Message:
    """A translatable message: ``msgid``, and for a counted message its plural and count."""

    msgid: str
    plural: str | None = None
    count: str | None = None

    def __post_init__(self) -> None:
        if (self.plural is None) != (self.count is None):
            raise ValueError("a plural message needs both a plural msgid and a count parameter")

    def render(self, locale: str, params: Mapping[str, object] | None = None) -> str:
        """This message in ``locale`` with ``params`` substituted."""
        values = dict(params or {})
        if self.plural is not None and self.count is not None:
            n = values[self.count]
            if not isinstance(n, int):
                raise TypeError(f"count parameter {self.count!r} must be an int")
            template = ngettext(locale, self.msgid, self.plural, n)
        else:
            template = gettext(locale, self.msgid)
        rendered = {name: _format_value(locale, value) for name, value in values.items()}
        return template.format_map(rendered)

    def localize(self, **params: object) -> dict[str, str]:
        """This message in every supported locale: ``{"kk": …, "ru": …, "en": …}``."""
        return {locale: self.render(locale, params) for locale in SUPPORTED_LOCALES}


def _format_value(locale: str, value: object) -> str:
    if isinstance(value, Message):
        return value.render(locale)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Decimal | float):
        return str(format_decimal(value, locale=locale, group_separator=False))
    return str(value)


def N_(msgid: str) -> Message:
    """Mark ``msgid`` for translation; translate later."""
    return Message(msgid)


def NP_(singular: str, plural: str, count: str) -> Message:
    """Mark a counted message: ``count`` names the parameter that picks the plural form."""
    return Message(singular, plural, count)


def localized(msgid: str, /, **params: object) -> dict[str, str]:
    """``msgid`` translated into kk, ru and en, with ``params`` substituted."""
    return Message(msgid).localize(**params)


def nlocalized(singular: str, plural: str, count: str, /, **params: object) -> dict[str, str]:
    """A counted message in kk, ru and en; ``params[count]`` picks each locale's form."""
    return Message(singular, plural, count).localize(**params)
