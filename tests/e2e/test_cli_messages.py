"""Every message of the command line is translated into kk, ru and en (issue 3 §6).

The command line names its messages as ``CLI.<name>`` (symbolic msgids, ADR 0024);
the walk of its source finds every one.
"""

from __future__ import annotations

import string

import pytest
from catalogue_checks import SOURCE, source_text, space_messages, translations

from tandau.i18n import SUPPORTED_LOCALES

CLI_MESSAGES = sorted(space_messages(SOURCE / "cli", "CLI"), key=lambda m: m.msgid)


def test_the_command_line_names_its_messages() -> None:
    assert len(CLI_MESSAGES) > 100
    assert all(m.msgid.startswith("cli.") for m in CLI_MESSAGES)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_cli_message_is_in_the_catalogue(locale: str) -> None:
    assert len(translations(locale, CLI_MESSAGES)) == len(CLI_MESSAGES)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_rendering_needs_only_the_parameters_of_the_english_text(locale: str) -> None:
    for message in CLI_MESSAGES:
        params = dict.fromkeys(_fields(source_text(message.msgid)), "x")
        assert message.render(locale, params)
