"""The console speaks Kazakh, Russian and English: every string it shows is in the catalogue.

The msgids are read from the console's templates (Jinja's own parser: every
``_("…")`` and ``ngettext("…", "…", n)``), from the ``N_`` calls of its Python
modules and from the web's ``CONSOLE.<name>`` and ``PDF.<name>`` (ADR 0024); each
must be translated in kk and ru (Cyrillic, not the English copy) and present in en.
Pages then render in each language.
"""

from __future__ import annotations

import ast
import re
from importlib.resources import files
from pathlib import Path

import pytest
from catalogue_checks import space_messages
from jinja2 import Environment, nodes

from tandau.i18n import SUPPORTED_LOCALES, read_catalogue

WEB = Path(str(files("tandau.web")))
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
#: Names looked up in the macros' tables rather than written as ``_("…")``.
MACRO_NAMES = (
    "Chair",
    "Secretary",
    "Member",
    "Registrar",
    "Trustee",
    "winner registered",
    "refused registration",
    "nomination",
    "counting",
    "results",
)


def template_msgids() -> set[object]:
    env = Environment()
    out: set[object] = set(MACRO_NAMES)
    for path in sorted((WEB / "templates" / "console").glob("*.html")):
        tree = env.parse(path.read_text())
        for call in tree.find_all(nodes.Call):
            name = getattr(call.node, "name", None)
            args = call.args
            if name == "_" and args and isinstance(args[0], nodes.Const):
                out.add(args[0].value)
            elif name == "ngettext" and len(args) >= 2:
                assert isinstance(args[0], nodes.Const) and isinstance(args[1], nodes.Const)
                out.add((args[0].value, args[1].value))
    return out


def code_msgids() -> set[object]:
    out: set[object] = set()
    modules = [WEB / "accounts.py", WEB / "pdf.py", *sorted((WEB / "console").glob("*.py"))]
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_":
                arg = node.args[0]
                assert isinstance(arg, ast.Constant)
                out.add(arg.value)
    out.update(m.msgid for m in space_messages(WEB, "CONSOLE", "PDF"))
    return out


MSGIDS = sorted(template_msgids() | code_msgids(), key=str)


def test_there_are_many_console_messages() -> None:
    assert len(MSGIDS) > 250


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_console_message_is_translated(locale: str) -> None:
    catalogue = read_catalogue(locale)
    for msgid in MSGIDS:
        message = catalogue.get(msgid)
        assert message is not None, (locale, msgid)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        assert strings and all(s.strip() for s in strings), (locale, msgid)
        if locale in ("kk", "ru"):
            source = msgid if isinstance(msgid, str) else msgid[0]
            assert all(CYRILLIC.search(s) and s != source for s in strings), (locale, msgid)


def test_the_console_part_is_one_file_per_locale() -> None:
    for locale in SUPPORTED_LOCALES:
        part = WEB.parent / "i18n" / "locales" / locale / "LC_MESSAGES" / "tandau-console.po"
        assert part.is_file()
