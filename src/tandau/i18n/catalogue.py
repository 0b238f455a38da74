"""Message catalogues: one gettext domain, ``tandau``, in Kazakh, Russian and English.

The catalogues are the ``.po`` files under ``tandau/i18n/locales/<lang>/LC_MESSAGES/``.
They are read at run time with Babel (``babel.messages.pofile.read_po``), compiled in
memory and handed to the standard library's :class:`gettext.GNUTranslations`, which
applies each file's ``Plural-Forms`` header.  No compiled ``.mo`` file is kept in the
repository: the ``.po`` text is the one source, reviewed as text.

A catalogue is read once per process (:func:`translation` is cached).
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
from importlib.resources import files
from importlib.resources.abc import Traversable

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tandau.crypto.errors import TandauError

__all__ = [
    "DOMAIN",
    "SUPPORTED_LOCALES",
    "UnsupportedLocale",
    "catalogue_path",
    "gettext",
    "ngettext",
    "part_paths",
    "read_catalogue",
    "translation",
]

#: The gettext domain of every Tandau message.
DOMAIN = "tandau"

#: Kazakh (the state language), Russian (official use) and English, in that order.
SUPPORTED_LOCALES: tuple[str, ...] = ("kk", "ru", "en")


class UnsupportedLocale(TandauError, title=TandauError.title):
    """A locale other than kk, ru or en was asked for."""

    code = "i18n.unsupported_locale"


def _check(locale: str) -> None:
    if locale not in SUPPORTED_LOCALES:
        raise UnsupportedLocale(f"unsupported locale {locale!r}", locale=locale)


def catalogue_path(locale: str) -> Traversable:
    """The ``.po`` file of ``locale`` inside the installed package."""
    _check(locale)
    return files("tandau.i18n").joinpath("locales", locale, "LC_MESSAGES", f"{DOMAIN}.po")


def part_paths(locale: str) -> list[Traversable]:
    """The catalogue's parts: ``tandau.po`` then every ``tandau-<area>.po`` by name.

    Each area of the code (the web booth, the commission console…) keeps its
    messages in its own part, so that reviews and edits of one area do not
    touch another's; at run time they form one catalogue.
    """
    main = catalogue_path(locale)
    folder = files("tandau.i18n").joinpath("locales", locale, "LC_MESSAGES")
    extra = sorted(
        (p for p in folder.iterdir() if p.name.startswith(f"{DOMAIN}-") and p.name.endswith(".po")),
        key=lambda p: p.name,
    )
    return [main, *extra]


def read_catalogue(locale: str) -> Catalog:
    """The parsed catalogue of ``locale`` (Babel's :class:`Catalog`), all parts merged.

    A msgid defined in two parts is an error: the two translations could differ.
    """
    parts = part_paths(locale)
    with parts[0].open("rb") as fileobj:
        catalog = read_po(fileobj, locale=locale, domain=DOMAIN)
    for part in parts[1:]:
        with part.open("rb") as fileobj:
            extra = read_po(fileobj, locale=locale, domain=DOMAIN)
        for message in extra:
            if not message.id:
                continue
            if message.id in catalog:
                raise ValueError(f"{part.name}: msgid {message.id!r} is defined twice")
            catalog[message.id] = message
    return catalog


@functools.lru_cache(maxsize=len(SUPPORTED_LOCALES))
def translation(locale: str) -> _gettext.NullTranslations:
    """The gettext translations of ``locale``, with its plural rule; cached."""
    catalog = read_catalogue(locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def gettext(locale: str, msgid: str) -> str:
    """``msgid`` translated into ``locale`` (the msgid itself when it is missing)."""
    return translation(locale).gettext(msgid)


def ngettext(locale: str, singular: str, plural: str, n: int) -> str:
    """The plural form of a message for the count ``n`` under ``locale``'s plural rule."""
    return translation(locale).ngettext(singular, plural, n)
