"""The console script imports only the command a command line names.

The JSON rules commands (``tandau law``, ``community``, ``analysis``) are called once per
question by scripts and by the scenario runner; importing every role's code and the web
service for each call made them several times slower.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
from tandau.entry import build
from tandau.cli.main import subcommand
argv = tuple(sys.argv[1:])
build(subcommand(argv), argv)
print(json.dumps(sorted(m for m in sys.modules if m.startswith("tandau"))))
"""


def _loaded(*argv: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out))


@pytest.mark.parametrize(
    ("argv", "wanted", "unwanted"),
    [
        (("law", "outcome"), "tandau.cli.law", ("tandau.web", "tandau.cli.admin")),
        (
            ("--lang", "ru", "community", "quorum"),
            "tandau.cli.community",
            ("tandau.web", "tandau.cli.admin", "tandau.cli.community_steps", "tandau.storage"),
        ),
        (("analysis", "metrics"), "tandau.cli.analysis", ("tandau.web", "tandau.cli.admin")),
        (("voter", "encrypt"), "tandau.cli.voter", ("tandau.web", "tandau.cli.analysis")),
    ],
)
def test_a_named_command_loads_only_its_module(
    argv: tuple[str, ...], wanted: str, unwanted: tuple[str, ...]
) -> None:
    loaded = _loaded(*argv)
    assert wanted in loaded
    for module in unwanted:
        assert not any(m == module or m.startswith(module + ".") for m in loaded), module


def test_the_community_rules_and_steps_share_one_sub_app() -> None:
    loaded = _loaded("community", "show")
    assert "tandau.cli.community_civic" in loaded
    assert "tandau.web" not in loaded


def test_help_and_the_module_attribute_list_every_command() -> None:
    from tandau.cli.main import COMMANDS, SUB_APPS
    from tandau.entry import app

    names = {group.name for group in app.registered_groups}
    names |= {command.name for command in app.registered_commands}
    assert names == set(SUB_APPS) | set(COMMANDS) | {"serve", "accounts"}
