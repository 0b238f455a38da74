"""The ``tandau`` command line: the root app, with one sub-app per role or domain.

Sub-apps live in their own modules and register here with ``app.add_typer``
(``law`` now; ``admin``, ``trustee``, ``voter``, ``auditor``, ``demo`` and
``record`` later).  Keep this module to the wiring.
"""

from __future__ import annotations

import typer

from tandau.cli.demo import demo
from tandau.cli.law import law_app

__all__ = ["app", "main"]

app = typer.Typer(
    name="tandau",
    help="Tandau: verifiable elections of akims in Kazakhstan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(law_app, name="law")
app.command("demo")(demo)


@app.callback()
def _root() -> None:
    """Tandau: verifiable elections of akims in Kazakhstan."""


def main() -> None:
    """The ``tandau`` console script."""
    app()


if __name__ == "__main__":
    main()
