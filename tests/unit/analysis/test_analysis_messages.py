"""Every analysis message is in the catalogues, in kk, ru and en, in the analysis part."""

from __future__ import annotations

from babel.messages.pofile import read_po

from tandau.analysis.messages import all_messages
from tandau.i18n import SUPPORTED_LOCALES, part_paths


def test_every_analysis_message_is_translated_in_its_part() -> None:
    for locale in SUPPORTED_LOCALES:
        part = next(p for p in part_paths(locale) if p.name == "tandau-analysis.po")
        with part.open("rb") as f:
            catalogue = read_po(f, locale=locale)
        ids = {m.id: m.string for m in catalogue if m.id}
        for message in all_messages():
            assert ids.get(message.msgid, "").strip(), (locale, message.msgid)
