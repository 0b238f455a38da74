"""The role sub-apps: how each is made, and the command-line options they share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = [
    "DbOption",
    "ElectionOption",
    "KeyOption",
    "RecordOption",
    "RecordOutOption",
    "role_app",
]


def role_app(name: str, help: str) -> typer.Typer:
    """One role's command group (``tandau admin``, ``tandau voter`` …): help when called bare."""
    return typer.Typer(name=name, help=help, no_args_is_help=True)


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///file or postgresql://…); default: TANDAU_DATABASE_URL.",
    ),
]

ElectionOption = Annotated[
    str | None,
    typer.Option("--election", help="Election ID; default: the only election in the database."),
]

KeyOption = Annotated[
    Path,
    typer.Option("--key", help="The commission's key file, which signs board heads."),
]

RecordOption = Annotated[
    Path | None,
    typer.Option("--record", help="An exported election record, instead of the database."),
]

RecordOutOption = Annotated[Path, typer.Option("--out", help="The record file to write.")]
