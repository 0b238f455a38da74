"""`tandau record export`: the election record as one file (record spec §R1)."""

from __future__ import annotations

from pathlib import Path

from tandau.board import Board
from tandau.board.record import record_lines
from tandau.protocol.manifest import Manifest

__all__ = ["export_record"]


def export_record(board: Board, manifest: Manifest, path: Path) -> None:
    """Header, signed heads, then every entry's exact stored bytes, one per line."""
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        for line in record_lines(board, manifest):
            f.write(line)
    tmp.replace(path)  # the record appears whole or not at all
