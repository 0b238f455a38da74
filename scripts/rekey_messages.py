#!/usr/bin/env python3
"""Move a table of English msgids to symbolic msgids in the catalogue parts (ADR 0024).

Two steps, around the code change that replaces ``NAME = N_("text")`` by ``SPACE.name``:

1. ``rekey_messages.py dump OUT.json AREA MODULE[:MAPPING] ...`` — run *before* the
   change: imports each module and writes ``{"<area>.<name>": {"msgid": …, "old":
   {locale: rendering}}}`` for its upper-case ``Message`` constants (``NAME`` →
   ``<area>.name``) or, with ``:MAPPING``, for that mapping's entries (``KEY`` →
   ``<area>.<mapping>_<key>`` with the mapping's lower-case name, e.g. ``what_unit``;
   give ``--prefix`` to choose it; ``--skip NAME`` leaves out a constant that is
   another table's message).
2. ``rekey_messages.py apply OUT.json`` — run *after* the change: in every
   ``locales/{kk,ru,en}/LC_MESSAGES/*.po`` part, each entry of a dumped msgid gets
   its symbolic msgid (msgstr unchanged).  An English msgid still named in ``src``
   (a Python string constant, or literally in a template or script) keeps its
   entry, and the symbolic one is appended as a copy to the area's part
   (``--part AREA=FILE``; default ``tandau.po``); ``--where AREA=PATH`` sets the
   entries' ``#:`` line to the code that now names them.  It then renders every symbolic
   msgid in the three locales and fails unless each equals the old rendering.

Run from the repository root with the project's interpreter (``.venv/bin/python``).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import pathlib
import sys
from collections import defaultdict

SRC = pathlib.Path("src")
LOCALES = SRC / "tandau" / "i18n" / "locales"


def dump(out: str, area: str, targets: list[str], prefix: str | None, skip: list[str]) -> None:
    from tandau.i18n import SUPPORTED_LOCALES, Message, gettext

    table: dict[str, dict[str, object]] = {}

    def add(key: str, message: object) -> None:
        assert isinstance(message, Message) and message.plural is None, key
        assert key not in table, key
        old = {loc: gettext(loc, message.msgid) for loc in SUPPORTED_LOCALES}
        table[key] = {"msgid": message.msgid, "old": old}

    for target in targets:
        module_name, _, mapping = target.partition(":")
        module = importlib.import_module(module_name)
        if mapping:
            for k, message in getattr(module, mapping).items():
                add(f"{area}.{prefix or mapping.lower()}_{k}", message)
        else:
            for name, value in vars(module).items():
                if name.isupper() and name not in skip and isinstance(value, Message):
                    add(f"{area}.{name.lower()}", value)
    path = pathlib.Path(out)
    merged = json.loads(path.read_text()) if path.exists() else {}
    merged.update(table)
    path.write_text(json.dumps(merged, ensure_ascii=False, indent=1, sort_keys=True))
    print(f"{len(table)} messages of {area} dumped to {out}")


def _still_named(msgids: set[str]) -> set[str]:
    constants: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
    texts = [
        p.read_text(encoding="utf-8")
        for p in SRC.rglob("*")
        if p.is_file() and p.suffix in (".html", ".js", ".txt", ".md")
    ]
    return {m for m in msgids if m in constants or any(m in t for t in texts)}


def _msgid(block: str) -> str | None:
    pieces: list[str] = []
    for line in block.split("\n"):
        if line.startswith("msgid "):
            pieces = [line[6:]]
        elif pieces and line.startswith('"'):
            pieces.append(line)
        elif pieces:
            break
    return "".join(ast.literal_eval(p) for p in pieces) if pieces else None


def _rekeyed(block: str, key: str, where: str | None) -> str:
    out: list[str] = []
    in_msgid = False
    for line in block.split("\n"):
        if line.startswith("#:") and where:
            out.append(f"#: {where}")
        elif line.startswith("msgid "):
            out.append(f'msgid "{key}"')
            in_msgid = True
        elif in_msgid and line.startswith('"'):
            continue
        else:
            in_msgid = False
            out.append(line)
    return "\n".join(out)


def apply(table_path: str, parts: dict[str, str], where: dict[str, str]) -> None:
    table = json.loads(pathlib.Path(table_path).read_text())
    keys_of: dict[str, list[str]] = defaultdict(list)
    for key in sorted(table):
        keys_of[table[key]["msgid"]].append(key)
    kept = _still_named(set(keys_of))
    for msgid in sorted(kept):
        print(f"kept (still named in src): {msgid!r} -> {keys_of[msgid]}")
    for locale in ("kk", "ru", "en"):
        folder = LOCALES / locale / "LC_MESSAGES"
        texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.po"))}
        result: dict[str, list[str]] = {}
        appended: dict[str, list[tuple[str, str]]] = defaultdict(list)
        seen: set[str] = set()
        for name, text in texts.items():
            blocks: list[str] = []
            for block in text.rstrip("\n").split("\n\n"):
                msgid = _msgid(block)
                if not msgid or msgid not in keys_of:
                    blocks.append(block)
                    continue
                seen.add(msgid)
                if msgid in kept:
                    blocks.append(block)
                for key in keys_of[msgid]:
                    area = key.split(".")[0]
                    home = parts.get(area, "tandau.po")
                    if home == name and msgid not in kept and len(keys_of[msgid]) == 1:
                        blocks.append(_rekeyed(block, key, where.get(area)))
                    else:
                        appended[home].append((key, _rekeyed(block, key, where.get(area))))
            result[name] = blocks
        missing = set(keys_of) - seen
        if missing:
            sys.exit(f"{locale}: not in any part: {sorted(missing)}")
        for name, extra in appended.items():
            result[name].extend(block for _, block in sorted(extra))
        for name, blocks in result.items():
            text = texts[name]
            tail = text[len(text.rstrip("\n")) :]
            (folder / name).write_text("\n\n".join(blocks) + tail, encoding="utf-8")
    _check(table)


def _check(table: dict[str, dict[str, dict[str, str]]]) -> None:
    from tandau.i18n import SUPPORTED_LOCALES, gettext, translation

    translation.cache_clear()
    bad = [
        (key, loc)
        for key, entry in table.items()
        for loc in SUPPORTED_LOCALES
        if gettext(loc, key) != entry["old"][loc] or gettext(loc, key) == key
    ]
    if bad:
        sys.exit(f"renderings differ: {bad}")
    print(f"{len(table)} messages re-keyed; kk, ru and en render as before")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out")
    d.add_argument("area")
    d.add_argument("targets", nargs="+")
    d.add_argument("--prefix")
    d.add_argument("--skip", action="append", default=[], help="a constant that is not the table's")
    a = sub.add_parser("apply")
    a.add_argument("table")
    a.add_argument(
        "--part", action="append", default=[], help="AREA=FILE, e.g. console=tandau-console.po"
    )
    a.add_argument(
        "--where", action="append", default=[], help="AREA=PATH for the entries' #: line"
    )
    args = parser.parse_args()
    if args.step == "dump":
        dump(args.out, args.area, args.targets, args.prefix, args.skip)
    else:
        apply(args.table, *(dict(p.split("=", 1) for p in ps) for ps in (args.part, args.where)))


if __name__ == "__main__":
    main()
