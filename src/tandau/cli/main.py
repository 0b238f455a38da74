"""The ``tandau`` command line: the root app, with one sub-app per role or domain.

Sub-apps live in their own modules and register here with ``app.add_typer``:
``law``, ``community``, and by role ``admin``, ``trustee``, ``voter``, ``auditor``, ``record``
(``docs/guides/cli.md``).  Keep this module to the wiring.
"""

from __future__ import annotations

import typer

from tandau.cli.admin import admin_app
from tandau.cli.analysis import analysis_app
from tandau.cli.auditor import auditor_app
from tandau.cli.community_civic import community_app
from tandau.cli.demo import demo
from tandau.cli.law import law_app
from tandau.cli.output import set_locale
from tandau.cli.record import record_app
from tandau.cli.trustee import trustee_app
from tandau.cli.voter import voter_app

__all__ = ["app", "main"]

app = typer.Typer(
    name="tandau",
    help="Tandau: verifiable elections of akims in Kazakhstan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(law_app, name="law")
app.add_typer(analysis_app, name="analysis")
app.add_typer(community_app, name="community")
app.add_typer(admin_app, name="admin")
app.add_typer(trustee_app, name="trustee")
app.add_typer(voter_app, name="voter")
app.add_typer(auditor_app, name="auditor")
app.add_typer(record_app, name="record")
app.command("demo")(demo)


@app.callback()
def _root(
    lang: str = typer.Option(
        "en", "--lang", help="Language of messages: kk, ru or en.", callback=set_locale
    ),
) -> None:
    """Tandau: verifiable elections of akims in Kazakhstan."""


def main() -> None:
    """The ``tandau`` console script."""
    app()


if __name__ == "__main__":
    main()
