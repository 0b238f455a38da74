"""The ``tandau`` command line: the root app, with one sub-app per role or domain.

Sub-apps live in their own modules and are named here in :data:`SUB_APPS`
(``law``, ``analysis``, ``community`` and by role ``admin``, ``trustee``, ``voter``,
``auditor``, ``record``; ``docs/guides/cli.md``).  A command line that names one
sub-app imports only that one: the JSON commands of ``tandau law``, ``community``
and ``analysis`` start in a fraction of the time it takes to import every role's
code.  ``tandau --help`` and the module attribute :data:`app` load them all.
Keep this module to the wiring.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import typer

from tandau.cli.output import set_locale

__all__ = [
    "COMMANDS",
    "LIGHT_SUB_APPS",
    "SUB_APPS",
    "app_on_first_use",
    "build",
    "build_app",
    "light_sub_apps",
    "main",
    "run",
    "subcommand",
]

#: Command name → (module, attribute) of its Typer sub-app, imported on demand.
SUB_APPS: Mapping[str, tuple[str, str]] = {
    "law": ("tandau.cli.law", "law_app"),
    "analysis": ("tandau.cli.analysis", "analysis_app"),
    "community": ("tandau.cli.community_secret", "community_app"),
    "admin": ("tandau.cli.admin", "admin_app"),
    "trustee": ("tandau.cli.trustee", "trustee_app"),
    "voter": ("tandau.cli.voter", "voter_app"),
    "auditor": ("tandau.cli.auditor", "auditor_app"),
    "record": ("tandau.cli.record", "record_app"),
}

#: Sub-apps whose rules commands live in a light module of their own: for these
#: commands only that module is imported (the rest of the sub-app needs storage).
LIGHT_SUB_APPS: Mapping[str, tuple[str, str, frozenset[str]]] = {
    "community": (
        "tandau.cli.community",
        "community_app",
        frozenset(
            {
                "meeting-size",
                "seats",
                "quorum",
                "decide",
                "rulesets",
                "district-schema",
                "validate-district",
            }
        ),
    ),
}

#: Command name → (module, attribute) of a plain command function.
COMMANDS: Mapping[str, tuple[str, str]] = {"demo": ("tandau.cli.demo", "demo")}

HELP = "Tandau: verifiable elections of akims in Kazakhstan."


def _load(target: tuple[str, str]) -> Any:
    module, attribute = target
    return getattr(importlib.import_module(module), attribute)


def _positionals(argv: Sequence[str]) -> list[str]:
    found: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--lang" and not found:
            next(args, None)
        elif not arg.startswith("-"):
            found.append(arg)
    return found


def subcommand(argv: Sequence[str]) -> str | None:
    """The command named by ``argv`` (after the root's own ``--lang`` option), if any."""
    found = _positionals(argv)
    return found[0] if found else None


def light_sub_apps(only: str | None, argv: Sequence[str]) -> dict[str, tuple[str, str]]:
    # ``tandau community quorum`` needs only the rules module of ``community``.
    if only is None or only not in LIGHT_SUB_APPS:
        return {}
    module, attribute, names = LIGHT_SUB_APPS[only]
    found = _positionals(argv)
    return {only: (module, attribute)} if found[1:2] and found[1] in names else {}


def build_app(
    only: str | None = None,
    *,
    sub_apps: Mapping[str, tuple[str, str]] = SUB_APPS,
    commands: Mapping[str, tuple[str, str]] = COMMANDS,
    command_options: Mapping[str, Mapping[str, Any]] | None = None,
) -> typer.Typer:
    """The root app with every sub-app, or with only ``only`` when it names one."""
    app = typer.Typer(
        name="tandau",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )

    @app.callback()
    def _root(
        lang: str = typer.Option(
            "en", "--lang", help="Language of messages: kk, ru or en.", callback=set_locale
        ),
    ) -> None:
        """Tandau: verifiable elections of akims in Kazakhstan."""

    known = only in sub_apps or only in commands
    options = command_options or {}
    for name, target in sub_apps.items():
        if not known or name == only:
            app.add_typer(_load(target), name=name)
    for name, target in commands.items():
        if not known or name == only:
            app.command(name, **options.get(name, {}))(_load(target))
    return app


def build(only: str | None = None, argv: Sequence[str] = ()) -> typer.Typer:
    """The ``tandau`` command without ``serve`` (see :mod:`tandau.entry`), as ``build_app``."""
    return build_app(only, sub_apps={**SUB_APPS, **light_sub_apps(only, argv)})


Builder = Callable[[str | None, Sequence[str]], typer.Typer]


def app_on_first_use(make: Builder) -> Callable[[str], Any]:
    """A module's ``__getattr__`` giving ``app``: every command, made on first use."""
    full = functools.cache(lambda: make(None, ()))

    def attribute(name: str) -> Any:
        if name == "app":
            return full()
        raise AttributeError(name)

    return attribute


def run(make: Builder) -> None:
    """Make only what the command line in ``sys.argv`` names, and run it."""
    argv = sys.argv[1:]
    make(subcommand(argv), argv)()


# ``tandau.cli.main.app`` (tests, docs).
__getattr__ = app_on_first_use(build)


def main() -> None:
    """The ``tandau`` console script (without ``serve``; see :mod:`tandau.entry`)."""
    run(build)


if __name__ == "__main__":
    main()
