"""Reading an uploaded CSV file (units, voters) into numbered rows of stripped text.

Every way a CSV file can be malformed — its header included — becomes the
administration's own invalid-input error naming the line, so a bad upload is a
localised refusal and never a server error.
"""

from __future__ import annotations

import csv
import io

from .errors import AdminInvalidInput

__all__ = ["read_csv_rows"]


def read_csv_rows(text: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The rows of ``text`` (header ``columns`` exactly) with their line numbers."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        if tuple(reader.fieldnames or ()) != columns:
            raise AdminInvalidInput("csv", "csv", problem="the header must be " + ",".join(columns))
        for record in reader:
            if None in record or any(v is None for v in record.values()):
                raise AdminInvalidInput(
                    f"csv[{reader.line_num}]",
                    "csv",
                    problem=f"line {reader.line_num} has the wrong number of columns",
                )
            rows.append((reader.line_num, {k: v.strip() for k, v in record.items()}))
    except csv.Error as exc:
        raise AdminInvalidInput(
            f"csv[{reader.line_num}]", "csv", problem=f"line {reader.line_num}: {exc}"
        ) from exc
    return rows
