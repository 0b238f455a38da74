"""The CLI guide names only commands and options that exist (docs/guides/cli.md)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from tandau.cli.main import app

GUIDE = Path(__file__).parents[2] / "docs" / "guides" / "cli.md"
ROLES = ("admin", "trustee", "voter", "auditor", "record")


def _commands() -> dict[str, Any]:
    root: Any = typer.main.get_command(app)
    out: dict[str, Any] = {}
    for role in ROLES:
        group = root.commands[role]
        for name, command in group.commands.items():
            out[f"{role} {name}"] = command
            for sub, inner in getattr(command, "commands", {}).items():  # a sub-group
                out[f"{role} {name} {sub}"] = inner
    return out


def test_every_command_in_the_guide_exists_with_its_options() -> None:
    commands = _commands()
    text = GUIDE.read_text()
    mentioned = set()
    for line in text.splitlines():
        pattern = r"tandau (admin|trustee|voter|auditor|record) ([a-z-]+)(?: ([a-z-]+))?"
        for m in re.finditer(pattern, line):
            name = f"{m.group(1)} {m.group(2)}"
            if m.group(3) and f"{name} {m.group(3)}" in commands:
                name = f"{name} {m.group(3)}"
                mentioned.add(f"{m.group(1)} {m.group(2)}")
            assert name in commands, name
            mentioned.add(name)
            options = {o for p in commands[name].params for o in getattr(p, "opts", [])}
            rest = line[m.end() :].split("tandau ")[0]
            for option in re.findall(r"(?<![\w-])--[a-z][a-z-]+", rest):
                assert option in options, (name, option)
    assert set(commands) - mentioned <= {"admin status"} | {
        f"trustee {s}" for s in ("setup", "deal", "receive", "reveal", "finalize", "check")
    }
