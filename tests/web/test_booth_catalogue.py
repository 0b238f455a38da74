"""The voter catalogue is complete: every message of the booth and public pages is translated.

The msgids are read from the templates (``_("…")`` and ``ngettext("…", "…", n)``),
from the Python modules that render voter-facing text (``N_("…")`` and
``t("…")``), and every key the page scripts look up (``msg('key')``) must be
among the messages the template hands them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from tandau.i18n import SUPPORTED_LOCALES, read_catalogue

WEB = Path(__file__).resolve().parents[2] / "src" / "tandau" / "web"
TEMPLATES = sorted((WEB / "templates" / "booth").glob("*.html")) + sorted(
    (WEB / "templates" / "public").glob("*.html")
)
PYTHON = [
    WEB / "voter_errors.py",
    WEB / "results_view.py",
    WEB / "routes" / "public.py",
    WEB / "routes" / "booth.py",
]
SCRIPTS = {
    "booth-ui.js": "booth/booth.html",
    "kiosk.js": "booth/booth.html",
    "check.js": "booth/check.html",
}

_STR = r'"((?:[^"\\]|\\.)*)"'
SINGULAR = re.compile(r"(?<![A-Za-z0-9_])_\(\s*" + _STR)
PLURAL = re.compile(r"ngettext\(\s*" + _STR + r",\s*" + _STR)
MARKED = re.compile(r"(?<![A-Za-z0-9_])(?:N_|t)\(\s*" + _STR)
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
REASONS = ("voting_not_open", "unknown_credential", "cancelled_credential", "wrong_election")


def voter_msgids() -> set[str | tuple[str, str]]:
    ids: set[str | tuple[str, str]] = set()
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        ids.update(SINGULAR.findall(text))
        ids.update(PLURAL.findall(text))
    for path in PYTHON:
        ids.update(MARKED.findall(path.read_text(encoding="utf-8")))
    return ids


CATALOGUES: dict[str, Catalog] = {lang: read_catalogue(lang) for lang in SUPPORTED_LOCALES}


def test_the_extraction_finds_the_voter_messages() -> None:
    ids = voter_msgids()
    assert len(ids) > 150
    assert "Cast my ballot" in ids and "Votes per option" in ids
    assert ("{n} entry", "{n} entries") in ids


@pytest.mark.parametrize("lang", SUPPORTED_LOCALES)
def test_every_voter_message_is_translated(lang: str) -> None:
    catalogue = CATALOGUES[lang]
    missing, empty, copied = [], [], []
    for msgid in sorted(voter_msgids(), key=str):
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        message = catalogue.get(key)
        if message is None or message.fuzzy:
            missing.append(msgid)
            continue
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if isinstance(msgid, tuple) and message.id != msgid:
            missing.append(msgid)  # the plural pair must match exactly
        if not strings or not all(s.strip() for s in strings):
            empty.append(msgid)
        if lang != "en" and not all(CYRILLIC.search(s) for s in strings):
            copied.append(msgid)
    assert not missing, missing
    assert not empty, empty
    assert not copied, copied


@pytest.mark.parametrize(("script", "template"), sorted(SCRIPTS.items()))
def test_every_message_a_script_shows_comes_from_its_page(script: str, template: str) -> None:
    js = (WEB / "static" / "js" / script).read_text(encoding="utf-8")
    html = (WEB / "templates" / template).read_text(encoding="utf-8")
    handed = set(re.findall(r'"([a-z_]+)":\s*_\(', html))
    used = set(re.findall(r"msg\('([a-z_]+)'\s*[,)]", js))
    used |= set(re.findall(r"messages\.([a-z_]+)", js))
    if "'reason_' +" in js:  # the refusal reasons of record spec §R9, shown by name
        used |= {f"reason_{r}" for r in REASONS}
    assert used, script
    assert used <= handed, used - handed
    # No user-visible text is written in the scripts themselves.
    assert not re.search(r"textContent\s*=\s*'[A-Za-zА-Яа-я]", js)
