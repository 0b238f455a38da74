"""The kk, ru and en catalogues are complete, consistent and correctly pluralised."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.catalog import Catalog
from catalogue_checks import is_symbolic, source_text, space_messages, space_misuses

from tandau.i18n import CLI, SUPPORTED_LOCALES, Message, read_catalogue, translation
from tandau.law.messages import all_messages

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _messages(catalogue: Catalog) -> dict[object, tuple[str, ...]]:
    out: dict[object, tuple[str, ...]] = {}
    for m in catalogue:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple | list) else (m.string,)
        out[m.id] = tuple(strings)
    return out


CATALOGUES = {locale: read_catalogue(locale) for locale in SUPPORTED_LOCALES}


def test_locales() -> None:
    assert SUPPORTED_LOCALES == ("kk", "ru", "en")


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_msgid_has_a_non_empty_translation(locale: str) -> None:
    messages = _messages(CATALOGUES[locale])
    assert len(messages) >= 50
    for msgid, strings in messages.items():
        assert strings, msgid
        assert all(s.strip() for s in strings), (locale, msgid)


def test_the_three_catalogues_hold_the_same_msgids() -> None:
    ids = [set(_messages(CATALOGUES[locale])) for locale in SUPPORTED_LOCALES]
    assert ids[0] == ids[1] == ids[2]


def test_every_msgid_of_the_code_is_in_the_catalogues() -> None:
    ids = set(_messages(CATALOGUES["en"]))
    for m in all_messages():
        key = m.msgid if m.plural is None else (m.msgid, m.plural)
        assert key in ids, m.msgid


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_no_fuzzy_or_obsolete_entries(locale: str) -> None:
    catalogue = CATALOGUES[locale]
    assert not catalogue.fuzzy
    assert not any(m.fuzzy for m in catalogue if m.id)
    assert not catalogue.obsolete


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_translations_keep_the_placeholders(locale: str) -> None:
    for msgid, strings in _messages(CATALOGUES[locale]).items():
        source = source_text(msgid)
        expected = _placeholders(source)
        for s in strings:
            assert _placeholders(s) == expected, (locale, source, s)


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_kazakh_and_russian_are_translated_not_copied(locale: str) -> None:
    for msgid, strings in _messages(CATALOGUES[locale]).items():
        for s in strings:
            assert CYRILLIC.search(s), (locale, msgid)
            assert s != source_text(msgid)


# -- symbolic msgids (ADR 0024): CLI.x, CONSOLE.x, PDF.x ----------------------------------

SPACE_MESSAGES = space_messages()


def test_a_message_space_names_symbolic_msgids() -> None:
    assert CLI.file_missing == Message("cli.file_missing")
    assert is_symbolic(CLI.file_missing.msgid)
    with pytest.raises(AttributeError):
        CLI.__wrapped__  # noqa: B018 - dunder and private names are not messages


def test_the_message_spaces_are_named_only_as_space_dot_name() -> None:
    """The walk below sees every message only if nothing aliases a space or passes it on."""
    assert space_misuses() == []


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_symbolic_msgid_the_code_names_is_translated(locale: str) -> None:
    """kk and ru in Cyrillic, en non-empty: a message named in the code without its
    three texts fails here, with where it is named."""
    assert len(SPACE_MESSAGES) > 200
    catalogue = CATALOGUES[locale]
    for message, where in SPACE_MESSAGES.items():
        entry = catalogue.get(message.msgid)
        assert entry is not None, (locale, message.msgid, where)
        text = entry.string
        assert isinstance(text, str) and text.strip(), (locale, message.msgid, where)
        if locale != "en":
            assert CYRILLIC.search(text), (locale, message.msgid, where)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_no_symbolic_msgid_is_left_in_a_catalogue_without_code(locale: str) -> None:
    named = {m.msgid for m in SPACE_MESSAGES}
    orphans = {msgid for msgid in _messages(CATALOGUES[locale]) if is_symbolic(msgid)} - named
    assert not orphans, (locale, sorted(orphans))


def test_plural_forms() -> None:
    assert CATALOGUES["kk"].num_plurals == 2
    assert CATALOGUES["ru"].num_plurals == 3
    assert CATALOGUES["en"].num_plurals == 2
    for msgid, strings in _messages(CATALOGUES["ru"]).items():
        if isinstance(msgid, tuple):
            assert len(strings) == 3, msgid


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (1, 0),
        (21, 0),
        (101, 0),
        (2, 1),
        (4, 1),
        (22, 1),
        (5, 2),
        (11, 2),
        (12, 2),
        (14, 2),
        (25, 2),
        (111, 2),
        (0, 2),
    ],
)
def test_russian_plural_rule(n: int, form: int) -> None:
    """one: 1, 21, 101; few: 2–4, 22; many: 0, 5–20, 25, 111."""
    label = translation("ru").ngettext(
        "The ruleset {ruleset} does not match the ruleset schema: {count} problem found.",
        "The ruleset {ruleset} does not match the ruleset schema: {count} problems found.",
        n,
    )
    assert label.endswith(("ошибка.", "ошибки.", "ошибок.")[form])


@pytest.mark.parametrize(
    ("locale", "n", "ending"),
    [
        ("kk", 1, "табылды."),
        ("kk", 5, "табылды."),
        ("en", 1, "problem found."),
        ("en", 2, "problems found."),
    ],
)
def test_kazakh_and_english_plural_rule(locale: str, n: int, ending: str) -> None:
    """kk and en: one/other; Kazakh nouns after a numeral keep one form."""
    label = translation(locale).ngettext(
        "The ruleset {ruleset} does not match the ruleset schema: {count} problem found.",
        "The ruleset {ruleset} does not match the ruleset schema: {count} problems found.",
        n,
    )
    assert label.endswith(ending)
