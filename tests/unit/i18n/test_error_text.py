"""One error catalogue: every error class has a title in kk, ru and en, and one renderer.

The walk imports every module of ``tandau`` and ``tandau_verify`` and follows
``__subclasses__`` from :class:`TandauError`: a new error class that does not
declare its title's msgid, or whose msgid is not translated, fails here.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import tandau
import tandau_verify
from tandau.admin.errors import NotFound
from tandau.board.errors import StaleBoard, UnknownElection
from tandau.crypto.errors import ProofError, TandauError
from tandau.i18n import SUPPORTED_LOCALES, gettext, read_catalogue
from tandau.i18n.error_text import error_classes, render_error
from tandau.law.errors import MissingField
from tandau.protocol.errors import _REFUSALS, BallotRefused
from tandau.protocol.paper import PaperRefused
from tandau.web.errors import Forbidden

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _import_everything() -> None:
    for package in (tandau, tandau_verify):
        prefix = f"{package.__name__}."
        for info in pkgutil.walk_packages(package.__path__, prefix):
            # Alembic's scripts and ``__main__`` run when imported: no error class lives there.
            if ".migrations" not in info.name and not info.name.endswith("__main__"):
                importlib.import_module(info.name)


def tandau_error_classes() -> list[type[TandauError]]:
    _import_everything()
    return [c for c in error_classes() if c.__module__.split(".")[0] in {"tandau", "tandau_verify"}]


def missing_text(cls: type[TandauError]) -> list[str]:
    """What ``cls`` lacks: a title of its own (``title=`` in its header), texts in every locale."""
    problems = []
    if not isinstance(cls.__dict__.get("title"), str):
        problems.append("declares no title")
    msgids = [
        cls.title,
        *([cls.__dict__["operator_text"]] if "operator_text" in cls.__dict__ else []),
    ]
    for locale in SUPPORTED_LOCALES:
        catalogue = read_catalogue(locale)
        for msgid in msgids:
            entry = catalogue.get(msgid)
            text = entry.string if entry is not None else ""
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{msgid!r} has no {locale} text")
            elif locale != "en" and not CYRILLIC.search(text):
                problems.append(f"{msgid!r} is not translated into {locale}")
    return problems


CLASSES = tandau_error_classes()


def test_the_walk_finds_the_whole_tree() -> None:
    names = {c.__name__ for c in CLASSES}
    assert {"TandauError", "ProofError", "StaleBoard", "Refused", "BadFile", "JsonTooDeep"} <= names
    assert len(CLASSES) > 60


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_error_class_has_its_title_in_kk_ru_and_en(cls: type[TandauError]) -> None:
    assert missing_text(cls) == []


def test_a_new_error_without_text_is_caught() -> None:
    class Fresh(TandauError):
        code = "test.fresh"

    class Untranslated(TandauError, title="A title nobody translated."):
        code = "test.untranslated"

    assert missing_text(Fresh) == ["declares no title"]
    assert missing_text(Untranslated) == [
        "'A title nobody translated.' has no kk text",
        "'A title nobody translated.' has no ru text",
        "'A title nobody translated.' has no en text",
    ]


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_refusal_reason_is_translated(locale: str) -> None:
    for msgid in _REFUSALS.values():
        assert gettext(locale, msgid) != msgid or locale == "en"
        assert read_catalogue(locale).get(msgid) is not None


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_an_error_without_a_message_shows_its_title_to_the_public(locale: str) -> None:
    text = render_error(ProofError("bad Chaum-Pedersen proof"), locale)
    assert text.title == text.detail == gettext(locale, "A proof in the ballot does not verify.")
    assert "Chaum" not in text.detail


def test_the_operator_sees_the_code_and_the_developer_detail() -> None:
    text = render_error(ProofError("bad Chaum-Pedersen proof"), "ru", operator=True)
    template = gettext("ru", "A cryptographic check failed ({code}): {detail}")
    expected = template.format(code="crypto.proof.invalid", detail="bad Chaum-Pedersen proof")
    assert text.detail == expected
    busy = render_error(StaleBoard("seq 5 taken"), "kk", operator=True).detail
    assert busy == gettext("kk", "The board kept changing while this step ran; run it again.")
    nowhere = render_error(UnknownElection("no board for e1"), "en", operator=True).detail
    assert nowhere == "There is no such election in this database: no board for e1"


def test_a_refused_ballot_says_why_to_the_operator() -> None:
    refused = BallotRefused("not open", reason="voting_not_open")
    assert render_error(refused, "en", operator=True).detail == (
        "Voting is not open: the ballot was not accepted."
    )
    other = BallotRefused("odd", reason="something_else")
    assert render_error(other, "en", operator=True).detail == (
        "The step failed (protocol.ballot_refused): odd"
    )
    assert render_error(refused, "en").detail == "The ballot cannot be accepted."


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_an_error_with_its_own_message_renders_it_everywhere(locale: str) -> None:
    for error in (
        MissingField("polling_day"),
        Forbidden(),
        NotFound("election", "e1"),
        PaperRefused("P8"),
    ):
        public, operator = render_error(error, locale), render_error(error, locale, operator=True)
        assert public.detail == operator.detail == error.localized[locale]
        assert public.title == gettext(locale, type(error).title)
