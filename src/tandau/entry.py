"""The ``tandau`` console script: the command line plus ``tandau serve``.

The CLI and the web service sit side by side in the layers and may not import
each other; this module, above both, joins them into one command.  Like the
CLI's root (:func:`tandau.cli.main.build_app`), it imports only the command a
command line names, so ``tandau law …`` never loads the web service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import typer

from tandau.cli.main import COMMANDS, SUB_APPS, app_on_first_use, build_app, light_sub_apps, run

__all__ = ["build", "main"]

_SUB_APPS = {**SUB_APPS, "accounts": ("tandau.web.accounts_cli", "accounts_app")}
_COMMANDS = {**COMMANDS, "serve": ("tandau.web.serve", "serve")}


def build(only: str | None = None, argv: Sequence[str] = ()) -> typer.Typer:
    """The whole ``tandau`` command, or only the command ``only`` names (in ``argv``)."""
    options: dict[str, dict[str, Any]] = {}
    if only in (None, "serve") or (only not in _SUB_APPS and only not in _COMMANDS):
        from tandau.settings import variables_text

        options["serve"] = {"epilog": variables_text()}
    sub_apps = {**_SUB_APPS, **light_sub_apps(only, argv)}
    return build_app(only, sub_apps=sub_apps, commands=_COMMANDS, command_options=options)


# ``tandau.entry.app`` (tests).
__getattr__ = app_on_first_use(build)


def main() -> None:
    run(build)


if __name__ == "__main__":
    main()
