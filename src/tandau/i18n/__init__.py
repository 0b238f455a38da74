"""Internationalisation: the ``tandau`` gettext catalogues in kk, ru and en.

Owns: the catalogue parts (``locales/{kk,ru,en}/LC_MESSAGES/tandau-<area>.po``,
merged at run time; :mod:`.catalogue`) and late-rendered messages
(:class:`Message`, :mod:`.text`), and the one renderer of errors
(:func:`render_error`: an error's title and detail in one locale, for the
command line, the web and the PDFs).  Every user-visible string goes through here.

May import: the standard library, Babel and ``tandau.crypto.errors`` (the root of the
error tree); every other layer may import it.

Entry points: ``Message``, the message spaces ``CLI``, ``CONSOLE``, ``PDF``
(symbolic msgids: ``CLI.file_missing``), ``localized``, ``gettext``, ``render_error``::

    >>> localized("The field {field} is required.", field="polling_day")["ru"]
    'Поле polling_day обязательно для заполнения.'
"""

from __future__ import annotations

from .catalogue import (
    DOMAIN,
    SUPPORTED_LOCALES,
    UnsupportedLocale,
    catalogue_path,
    gettext,
    ngettext,
    part_paths,
    read_catalogue,
    translation,
)
from .error_text import ErrorText, localize_error, render_error
from .text import (
    CLI,
    CONSOLE,
    MESSAGE_SPACES,
    N_,
    NP_,
    PDF,
    Message,
    MessageSpace,
    localized,
    nlocalized,
)

__all__ = [
    "CLI",
    "CONSOLE",
    "DOMAIN",
    "MESSAGE_SPACES",
    "NP_",
    "N_",
    "PDF",
    "SUPPORTED_LOCALES",
    "ErrorText",
    "Message",
    "MessageSpace",
    "UnsupportedLocale",
    "catalogue_path",
    "gettext",
    "localize_error",
    "localized",
    "ngettext",
    "nlocalized",
    "part_paths",
    "read_catalogue",
    "render_error",
    "translation",
]
