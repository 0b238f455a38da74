"""Checks that a part's messages are in the gettext catalogues (kk, ru, en)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tandau.i18n import read_catalogue


def translations(locale: str, messages: Iterable[Any]) -> list[tuple[Any, str]]:
    """Each message (anything with a ``msgid``) with its translation in ``locale``'s catalogue;
    fails on the first message missing from it or translated as blank."""
    catalogue = {m.id: m.string for m in read_catalogue(locale) if m.id}
    out: list[tuple[Any, str]] = []
    for message in messages:
        assert message.msgid in catalogue, message.msgid
        text = catalogue[message.msgid]
        assert isinstance(text, str) and text.strip(), (locale, message.msgid)
        out.append((message, text))
    return out
