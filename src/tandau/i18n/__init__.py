"""Internationalisation: the ``tandau`` gettext catalogues in kk, ru and en.

Every user-visible string goes through here.  Catalogues are ``.po`` files read with
Babel at run time (see :mod:`tandau.i18n.catalogue`); messages are carried as
:class:`Message` values and rendered late (see :mod:`tandau.i18n.text`)::

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
from .text import N_, NP_, Message, localized, nlocalized

__all__ = [
    "DOMAIN",
    "NP_",
    "N_",
    "SUPPORTED_LOCALES",
    "Message",
    "UnsupportedLocale",
    "catalogue_path",
    "gettext",
    "localized",
    "ngettext",
    "nlocalized",
    "part_paths",
    "read_catalogue",
    "translation",
]
