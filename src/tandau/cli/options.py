"""Command-line options shared by the role sub-apps."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["DbOption", "ElectionOption", "KeyOption", "RecordOption"]

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
