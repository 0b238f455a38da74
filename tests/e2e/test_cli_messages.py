"""Every message of the command line is translated into kk, ru and en (issue 3 §6)."""

from __future__ import annotations

import string

import pytest
from catalogue_checks import translations

from tandau.cli.messages import all_messages
from tandau.i18n import SUPPORTED_LOCALES


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_cli_message_is_in_the_catalogue(locale: str) -> None:
    assert len(translations(locale, all_messages())) == len(all_messages())


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_rendering_needs_only_the_parameters_of_the_msgid(locale: str) -> None:
    for message in all_messages():
        params = dict.fromkeys(_fields(message.msgid), "x")
        assert message.render(locale, params)
