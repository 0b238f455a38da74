"""Checks that a part's messages are in the gettext catalogues (kk, ru, en).

Symbolic msgids (``cli.file_missing``, ADR 0024) are named in the code only as
``CLI.file_missing`` (``CONSOLE.…``, ``PDF.…``): :func:`space_messages` finds them
by walking the source, so no list of them is kept in Python.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import tandau.i18n
from tandau.i18n import MESSAGE_SPACES, Message, read_catalogue

#: The installed source of ``tandau``, walked for the message spaces' names.
SOURCE = Path(str(tandau.i18n.__file__)).parents[1]
#: A symbolic msgid: ``<area>.<name>``; an English msgid has a space or a capital.
SYMBOLIC = re.compile(r"[a-z]+\.[a-z][a-z0-9_]*")


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


def is_symbolic(msgid: object) -> bool:
    return isinstance(msgid, str) and SYMBOLIC.fullmatch(msgid) is not None


def source_text(msgid: object) -> str:
    """What a translation renders: the English msgid, or a symbolic msgid's en text."""
    if isinstance(msgid, tuple | list):
        msgid = msgid[0]
    assert isinstance(msgid, str)
    if not is_symbolic(msgid):
        return msgid
    text = read_catalogue("en")[msgid].string
    assert isinstance(text, str), msgid
    return text


def _modules(root: Path) -> Iterator[tuple[Path, ast.Module]]:
    paths = [root] if root.is_file() else sorted(root.rglob("*.py"))
    for path in paths:
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def space_messages(root: Path = SOURCE, *spaces: str) -> dict[Message, list[str]]:
    """Every ``SPACE.name`` the code under ``root`` names (of ``spaces``, default all),
    as its :class:`Message`, with where it is named (``path:line``)."""
    wanted = {MESSAGE_SPACES[name].area: name for name in spaces or MESSAGE_SPACES}
    found: dict[Message, list[str]] = {}
    for path, tree in _modules(root):
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                space = MESSAGE_SPACES.get(node.value.id)
                if space is not None and space.area in wanted:
                    message: Message = getattr(space, node.attr)
                    found.setdefault(message, []).append(f"{path}:{node.lineno}")
    return found


def space_misuses(root: Path = SOURCE) -> list[str]:
    """Places where a message space is named other than as ``SPACE.name`` (an alias, a
    value passed on, ``getattr``): the walk of :func:`space_messages` would miss them.
    ``tandau/i18n/text.py``, where the spaces are made, is not walked."""
    names = set(MESSAGE_SPACES)
    out: list[str] = []
    for path, tree in _modules(root):
        if path == SOURCE / "i18n" / "text.py":
            continue
        attributes = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        for node in ast.walk(tree):
            if isinstance(node, ast.alias) and node.name in names and node.asname:
                out.append(f"{path}: imports {node.name} as {node.asname}")
            elif isinstance(node, ast.Name) and node.id in names and id(node) not in attributes:
                out.append(f"{path}:{node.lineno}: {node.id} named without a message")
    return out
