"""`tandau record export`: the election record as one file (record spec §R1)."""

from __future__ import annotations

import json
from pathlib import Path

from tandau.board import Board
from tandau.crypto.canonical import dumps
from tandau.protocol.manifest import Manifest

__all__ = ["export_record"]


def export_record(board: Board, manifest: Manifest, path: Path) -> None:
    """Header, signed heads, then every entry's exact stored bytes, one per line."""
    heads = list(board.heads())
    if not heads or heads[-1].tree_size != board.size():
        heads.append(board.head())
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        header = {
            "format": "tandau-record/v1",
            "election": board.election,
            "fingerprint": manifest.fingerprint.hex(),
            "entries": board.size(),
            "heads": len(heads),
        }
        f.write(dumps(header) + b"\n")
        for h in heads:
            f.write(json.dumps(h.to_dict(), sort_keys=True, separators=(",", ":")).encode() + b"\n")
        for e in board.stored_entries():
            f.write(bytes(e.data) + b"\n")
    tmp.replace(path)  # the record appears whole or not at all
