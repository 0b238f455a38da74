"""The ``tandau`` console script: the command line plus ``tandau serve``.

The CLI and the web service sit side by side in the layers and may not import
each other; this module, above both, joins them into one command.
"""

from __future__ import annotations

from tandau.cli.main import app
from tandau.settings import variables_text
from tandau.web.accounts_cli import accounts_app
from tandau.web.serve import serve

__all__ = ["app", "main"]

app.command("serve", epilog=variables_text())(serve)
app.add_typer(accounts_app, name="accounts")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
