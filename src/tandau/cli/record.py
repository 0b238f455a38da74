"""``tandau record export``: the election record as one file (record spec §R1)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tandau.board import Board
from tandau.crypto.canonical import dumps
from tandau.i18n import CLI
from tandau.protocol.manifest import Manifest

from .database import open_election
from .errors import CliError, guarded
from .keys import check_commission_key, load_key
from .options import DbOption, ElectionOption, RecordOutOption, role_app
from .output import emit, say
from .progress import Advance, progress

__all__ = ["export_record", "export_to_file", "record_app"]

record_app = role_app(
    "record", "The election record: one file that anyone can verify with tandau-verify."
)


def export_record(
    board: Board,
    manifest: Manifest,
    path: Path,
    advance: Advance | None = None,
    *,
    sign_tail: bool = True,
) -> int:
    """Header, signed heads, then every entry's exact stored bytes, one per line.

    With ``sign_tail`` the board signs a head over entries appended after its
    last signed head (it needs the key); without, the record stops at the last
    signed head.  Returns the number of entries written.
    """
    heads = list(board.heads())
    if sign_tail and (not heads or heads[-1].tree_size != board.size()):
        heads.append(board.head())
    if not heads:
        raise CliError(CLI.export_no_head)
    size = heads[-1].tree_size  # entries appended meanwhile wait for the next export
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        header = {
            "format": "tandau-record/v1",
            "election": board.election,
            "fingerprint": manifest.fingerprint.hex(),
            "entries": size,
            "heads": len(heads),
        }
        f.write(dumps(header) + b"\n")
        for h in heads:
            f.write(dumps(h.to_dict()) + b"\n")
        for e in board.stored_entries(0, size):
            f.write(bytes(e.data) + b"\n")
            if advance is not None:
                advance(1)
    tmp.replace(path)  # the record appears whole or not at all
    return size


def export_to_file(
    db: str | None, election: str | None, out: Path, key: Path | None = None
) -> dict[str, object]:
    """Export an election of the database, with a progress bar; refuses to overwrite."""
    if out.exists():
        raise CliError(CLI.file_exists, path=out)
    signing = load_key(key) if key is not None else None
    with open_election(db, election, full=False) as e:
        if signing is not None:
            check_commission_key(signing, e.manifest)
        board = Board(e.store, e.board.election, key=signing)
        total = board.size()
        with progress(CLI.progress_export, total) as advance:
            size = export_record(board, e.manifest, out, advance, sign_tail=signing is not None)
    if size < total:
        say(CLI.export_tail_left, count=total - size)
    say(CLI.record_written, path=out)
    return {"record": str(out), "election": board.election, "entries": size}


@record_app.command("export")
@guarded
def export(
    out: RecordOutOption,
    db: DbOption = None,
    election: ElectionOption = None,
    key: Annotated[
        Path | None,
        typer.Option("--key", help="Commission key, to sign a head over an unsigned tail."),
    ] = None,
) -> None:
    """Write the election record: every board entry and signed head, for tandau-verify."""
    emit(export_to_file(db, election, out, key))
