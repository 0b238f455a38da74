"""Every analysis message is translated in kk, ru and en (most in the analysis part)."""

from __future__ import annotations

from tandau.analysis.messages import all_messages
from tandau.i18n import SUPPORTED_LOCALES, read_catalogue


def test_every_analysis_message_is_translated() -> None:
    for locale in SUPPORTED_LOCALES:
        ids = {m.id: m.string for m in read_catalogue(locale) if m.id}
        for message in all_messages():
            assert str(ids.get(message.msgid, "")).strip(), (locale, message.msgid)
