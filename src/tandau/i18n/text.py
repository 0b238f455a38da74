"""Translatable messages and their rendering in every supported locale.

Code never holds a translated string: it holds a :class:`Message` (a msgid, and for
counted messages a plural msgid and the name of the parameter that selects the
form) and renders it late, in one locale or in all three at once with
:func:`localized`.  Parameters are substituted with ``str.format`` names
(``{min_age}``); a parameter that is itself a :class:`Message` is rendered in the
same locale, and decimal numbers are written the way the locale writes them
(``0,5`` in kk and ru, ``0.5`` in en).

``N_`` and ``NP_`` mark msgids for extraction without translating them.

Most msgids are the English text itself.  The step messages of the command line,
the console and the PDFs have **symbolic msgids** instead (``cli.file_missing``),
named through a :class:`MessageSpace` (``CLI.file_missing``): their English text
lives in the ``en`` catalogue like the Kazakh and Russian ones (ADR 0024).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal

from .catalogue import SUPPORTED_LOCALES, gettext, ngettext

__all__ = [
    "CLI",
    "CONSOLE",
    "MESSAGE_SPACES",
    "NP_",
    "N_",
    "PDF",
    "Message",
    "MessageSpace",
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


class MessageSpace:
    """The messages of one area by symbolic msgid: ``CLI.file_missing`` is
    ``Message("cli.file_missing")``.

    Nothing is declared per message in Python: the catalogue holds the text in kk,
    ru and en, and a test walks the source for every ``CLI.x`` (``CONSOLE.x``,
    ``PDF.x``) and requires ``cli.x`` in the three catalogues, and no symbolic
    msgid in them that the code does not use.
    """

    __slots__ = ("area",)

    def __init__(self, area: str) -> None:
        self.area = area

    def __getattr__(self, name: str) -> Message:
        if name.startswith("_"):
            raise AttributeError(name)
        return Message(f"{self.area}.{name}")

    def __repr__(self) -> str:
        return f"MessageSpace({self.area!r})"


#: The command line's messages to the operator (``tandau admin``, ``trustee``, ``voter`` …).
CLI = MessageSpace("cli")
#: The commission console's refusals, file kinds and confirmations.
CONSOLE = MessageSpace("console")
#: The printed documents' texts (credential sheets, the results protocol).
PDF = MessageSpace("pdf")
#: Every space, by the name the code uses for it (the catalogue tests walk the source).
MESSAGE_SPACES: Mapping[str, MessageSpace] = {"CLI": CLI, "CONSOLE": CONSOLE, "PDF": PDF}


def localized(msgid: str, /, **params: object) -> dict[str, str]:
    """``msgid`` translated into kk, ru and en, with ``params`` substituted."""
    return Message(msgid).localize(**params)


def nlocalized(singular: str, plural: str, count: str, /, **params: object) -> dict[str, str]:
    """A counted message in kk, ru and en; ``params[count]`` picks each locale's form."""
    return Message(singular, plural, count).localize(**params)
