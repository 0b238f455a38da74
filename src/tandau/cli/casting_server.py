"""The casting server process: ballots on stdin, receipts on stdout (record spec §R6, §R9).

``python -m tandau.cli.casting_server --db URL --election ID --head-key FILE``

Each input line is one ballot as JSON.  Each line gets exactly one answer line,
in order: the receipt as JSON, or ``{"error": code}`` (with ``"reason"`` for a
refused ballot).  A receipt is written and flushed only after the ballot's
entry is committed to the board, so every receipt a client holds names a
ballot that survives the process being killed.  A client that lost the answer
to a ballot (the process died) sends the same ballot again: a repeat of a
stored ballot answers with the receipt of the stored one, it is not stored
twice.  A database failure ends the process with a non-zero status and no
answer for that ballot, because then it cannot know whether the ballot was
stored.

Durability is checked at start: SQLite must be in WAL mode with
``synchronous=FULL`` (``tandau.storage.database.make_engine`` sets both),
PostgreSQL must run with ``fsync`` and ``synchronous_commit`` on.  Startup
failures print ``{"error": code}`` on stderr and exit with status 2.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from sqlalchemy import Engine, text

from tandau.admin.election import MAX_BALLOT_BYTES, ElectionService
from tandau.board import Board
from tandau.crypto.errors import TandauError
from tandau.crypto.signatures import HeadSigningKey
from tandau.protocol.errors import BallotRefused, InvalidObject
from tandau.storage import SqlBoardStore
from tandau.storage.booth_store import SqlAuditLedger
from tandau.storage.database import backend

__all__ = [
    "NotDurable",
    "WrongHeadKey",
    "check_durable",
    "load_head_key",
    "main",
    "serve",
    "serve_command",
]


class NotDurable(TandauError, title=TandauError.title):
    """The database would acknowledge a commit it could lose in a crash."""

    code = "storage.not_durable"


class WrongHeadKey(TandauError, title=TandauError.title):
    """The head key given is not the commission key the manifest publishes."""

    code = "casting.wrong_head_key"


def check_durable(engine: Engine) -> None:
    """Refuse a database that may lose committed entries; raises NotDurable."""
    with engine.connect() as conn:
        if backend(conn) == "sqlite":
            mode = str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()).lower()
            level = conn.exec_driver_sql("PRAGMA synchronous").scalar()
            if mode != "wal" or level != 2:  # 2 is FULL: the WAL is synced at every commit
                raise NotDurable("SQLite must use WAL with synchronous=FULL", mode=mode)
            return
        fsync = conn.execute(text("SHOW fsync")).scalar()
        commit = conn.execute(text("SHOW synchronous_commit")).scalar()
        if fsync != "on" or commit == "off":
            raise NotDurable("PostgreSQL must run with fsync and synchronous_commit on")


def load_head_key(path: Path) -> HeadSigningKey:
    """The commission's head signing key: a file holding its seed as 64 hex digits."""
    try:
        seed = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError) as exc:
        raise WrongHeadKey("cannot read the head key file") from exc
    return HeadSigningKey.from_seed(seed)


def serve(svc: ElectionService, source: IO[bytes], sink: IO[bytes]) -> int:
    """Answer every ballot line of ``source`` on ``sink`` until end of input; returns lines."""
    answered = 0
    while True:
        line = source.readline(MAX_BALLOT_BYTES + 2)
        if not line:
            return answered
        if not line.endswith(b"\n") and len(line) > MAX_BALLOT_BYTES:
            _skip_rest_of_line(source)
            answer = _error(InvalidObject("the ballot is too large", field="ballot"))
        else:
            answer = _answer(svc, line)
        sink.write(json.dumps(answer, sort_keys=True, separators=(",", ":")).encode() + b"\n")
        sink.flush()
        answered += 1


def _skip_rest_of_line(source: IO[bytes]) -> None:
    while True:
        chunk = source.readline(MAX_BALLOT_BYTES)
        if not chunk or chunk.endswith(b"\n"):
            return


def _answer(svc: ElectionService, line: bytes) -> dict[str, Any]:
    try:
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            # A deeply nested line must not take the process down with it.
            raise InvalidObject("the ballot is not JSON", field="ballot") from exc
        # cast() returns only after the append's transaction has committed.
        return svc.cast(obj).to_dict()
    except TandauError as exc:
        return _error(exc)


def _error(exc: TandauError) -> dict[str, Any]:
    answer: dict[str, Any] = {"error": exc.code}
    if isinstance(exc, BallotRefused):
        answer["reason"] = exc.reason
    return answer


def _run(db: str, election: str, head_key: Path) -> int:
    key = load_head_key(head_key)
    with SqlBoardStore.from_url(db) as store:
        check_durable(store.engine)
        board = Board.open(store, election, key=key)
        # Every casting entry point refuses ballots opened for an audit (§R4.5).
        svc = ElectionService(board, audits=SqlAuditLedger(store.engine, election))
        manifest = svc.sync().require_manifest()
        if manifest.commission_key != key.verify_key.hex():
            raise WrongHeadKey("the head key does not match the manifest's commission key")
        return serve(svc, sys.stdin.buffer, sys.stdout.buffer)


def serve_command(
    db: Annotated[str, typer.Option("--db", help="database URL (sqlite:/// or postgresql://)")],
    election: Annotated[str, typer.Option("--election", help="the election id")],
    head_key: Annotated[
        Path, typer.Option("--head-key", help="file with the commission's head key seed (hex)")
    ],
) -> None:
    """Cast ballots read from stdin, one JSON per line; write one receipt line each."""
    try:
        _run(db, election, head_key)
    except TandauError as exc:
        sys.stderr.write(json.dumps({"error": exc.code}) + "\n")
        raise typer.Exit(2) from exc


def main() -> None:
    # A closed stdout (the client went away) ends the process quietly.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(serve_command)
    app()


if __name__ == "__main__":
    main()
