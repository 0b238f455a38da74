"""Every community message is in the ``tandau-community`` part, translated in kk, ru and en."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from tandau.community.messages import all_messages
from tandau.i18n import SUPPORTED_LOCALES
from tandau.i18n.catalogue import part_paths

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_community_message_is_in_its_part(locale: str) -> None:
    part = next(p for p in part_paths(locale) if p.name == "tandau-community.po")
    with part.open("rb") as fileobj:
        catalogue = read_po(fileobj, locale=locale)
    ids = {m.id for m in catalogue if m.id}
    assert ids == {m.msgid for m in all_messages()}
    for m in all_messages():
        rendered = m.render(locale, {k: "x" for k in re.findall(r"{(\w+)}", m.msgid)})
        if locale != "en":
            assert CYRILLIC.search(rendered), (locale, m.msgid)
