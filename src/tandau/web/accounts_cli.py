"""`tandau accounts create`: a commission account from the command line (the first chair).

The password is asked for twice, hidden, and must pass the same policy as the
console's (web.passwords): there is one way to make an account,
:meth:`Accounts.create`.  The TOTP secret and its ``otpauth://`` URI are shown
once.  Registered on the command line by :mod:`tandau.entry`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tandau.crypto.errors import TandauError
from tandau.i18n import N_
from tandau.settings import Settings

__all__ = ["accounts_app"]

accounts_app = typer.Typer(
    help="Commission accounts of the web console, in the server's database.",
    no_args_is_help=True,
)

_CREATED = N_("Account {username} ({role}) created. Add this TOTP secret to an authenticator app:")
_ONCE = N_("It is shown only this once.")
_PASSWORD = N_("Password")  # the console's msgid (tandau-console.po)


@accounts_app.command("create")
def create(
    commission: Annotated[str, typer.Option("--commission", help="The commission's id.")],
    username: Annotated[str, typer.Option("--username")],
    name: Annotated[str, typer.Option("--name", help="Full name as shown in the console.")],
    role: Annotated[
        str, typer.Option("--role", help="chair, secretary, member, registrar or trustee.")
    ],
    database_url: Annotated[str | None, typer.Option("--database-url")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir")] = None,
    lang: Annotated[str, typer.Option("--lang", help="kk, ru or en.")] = "en",
) -> None:
    """Create an account; the password is asked for (12+ characters, not a common one)."""
    from tandau.web.accounts import create_account
    from tandau.web.context import WebContext
    from tandau.web.problems import problem_for

    password = typer.prompt(_PASSWORD.render(lang), hide_input=True, confirmation_prompt=True)
    overrides: dict[str, object] = {"database_url": database_url, "data_dir": data_dir}
    try:
        ctx = WebContext.build(Settings.from_env(None, **overrides))
    except TandauError as exc:
        typer.echo(problem_for(exc, lang).detail, err=True)
        raise typer.Exit(2) from exc
    try:
        enrollment = create_account(
            ctx.engine,
            ctx.settings,
            ctx.clock,
            ctx.rng,
            commission=commission,
            username=username,
            name=name,
            role=role,
            password=password,
        )
    except TandauError as exc:
        typer.echo(problem_for(exc, lang).detail, err=True)
        raise typer.Exit(1) from exc
    finally:
        ctx.close()
    account = enrollment.account
    typer.echo(_CREATED.render(lang, {"username": account.username, "role": account.role.value}))
    typer.echo(f"  {enrollment.totp_secret}")
    typer.echo(f"  {enrollment.provisioning_uri}")
    typer.echo(_ONCE.render(lang))
