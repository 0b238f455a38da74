"""CSV written by Tandau is safe to open in a spreadsheet (OWASP "CSV injection").

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, and a leading tab or carriage return can hide such a start.  Every CSV
the server or the CLI writes goes through :func:`csv_text`, which prefixes such
text cells with a single quote, so a candidate called ``=HYPERLINK(…)`` prints
as text.  Numbers are written as they are: the counts are never negative.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

__all__ = ["FORMULA_STARTS", "csv_text", "safe_cell"]

#: What a spreadsheet may read as the start of a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | None


def safe_cell(value: Cell) -> str | int:
    """The cell as written: text that could start a formula gets a leading ``'``."""
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A CSV document (RFC 4180: CRLF line ends) with every cell neutralised.

    CRLF, not ``\\n``: the csv module quotes a cell holding any character of the
    line terminator, so a stray CR or LF in a name stays inside its cell.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return out.getvalue()
