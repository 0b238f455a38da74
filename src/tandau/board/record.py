"""The election record (record spec §R1): header, signed heads, every entry's stored bytes.

One writer shared by ``tandau record export`` and the web download, so both
produce the same bytes for the same board.
"""

from __future__ import annotations

from collections.abc import Iterator

from tandau.crypto.canonical import dumps
from tandau.protocol.manifest import Manifest

from .log import Board

__all__ = ["FORMAT", "record_lines"]

FORMAT = "tandau-record/v1"


def record_lines(board: Board, manifest: Manifest) -> Iterator[bytes]:
    """The record, one newline-terminated line at a time, read from the board as it goes."""
    size = board.size()
    heads = [h for h in board.heads() if h.tree_size <= size]
    if not heads or heads[-1].tree_size != size:
        heads.append(board.head())
    header = {
        "format": FORMAT,
        "election": board.election,
        "fingerprint": manifest.fingerprint.hex(),
        "entries": size,
        "heads": len(heads),
    }
    yield dumps(header) + b"\n"
    for h in heads:
        yield dumps(h.to_dict()) + b"\n"
    for e in board.stored_entries(0, size):
        yield bytes(e.data) + b"\n"
