"""Opening an election's board in the database named by ``--db`` (or ``TANDAU_DATABASE_URL``).

The board is the source of truth: a command replays it into an
``ElectionState`` (with a progress bar, since a board of many ballots takes a
while) and decides from that.  Only ``tandau admin create`` creates tables or
a database file; every other command refuses a database that does not exist,
so a mistyped URL never leaves an empty file behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from tandau.admin.election import ElectionService
from tandau.board import Board, Entry
from tandau.crypto.signatures import HeadSigningKey
from tandau.i18n import CLI
from tandau.protocol import events as ev
from tandau.protocol.events import ElectionState
from tandau.protocol.manifest import Manifest
from tandau.settings import Settings
from tandau.storage import SqlBoardStore, make_engine, upgrade
from tandau.storage.booth_store import SqlAuditLedger
from tandau.storage.migrate import current_revision

from .errors import BAD_INPUT, CliError
from .keys import check_commission_key, load_key
from .progress import progress

__all__ = [
    "OpenElection",
    "database_url",
    "open_election",
    "open_store",
    "replay",
    "resolve_election",
    "setup_state",
]


def database_url(db: str | None) -> str:
    """``--db`` if given, else the ``TANDAU_DATABASE_URL`` setting."""
    return db if db else Settings.from_env().database_url


def _check_url(url: str, create: bool) -> None:
    try:
        u = make_url(url)
    except ArgumentError as exc:
        raise CliError(CLI.db_url_invalid, exit_code=BAD_INPUT, url=url) from exc
    if u.get_backend_name() not in ("sqlite", "postgresql"):
        raise CliError(CLI.db_url_invalid, exit_code=BAD_INPUT, url=url)
    if u.get_backend_name() == "sqlite" and not create:
        name = u.database or ""
        if name in ("", ":memory:") or not Path(name).is_file():
            raise CliError(CLI.db_missing, url=url)


@contextmanager
def open_store(db: str | None, *, create: bool = False) -> Iterator[SqlBoardStore]:
    """The board store of the database; with ``create``, migrated to the latest schema."""
    url = database_url(db)
    _check_url(url, create)
    try:
        engine = make_engine(url)
    except ValueError as exc:
        raise CliError(CLI.db_url_invalid, exit_code=BAD_INPUT, url=url) from exc
    store = SqlBoardStore(engine, owns_engine=True)
    try:
        if create:
            upgrade(engine)
        elif current_revision(engine) is None:
            raise CliError(CLI.db_not_initialised, url=url)
        yield store
    finally:
        store.close()


def resolve_election(store: SqlBoardStore, election: str | None) -> str:
    """The election asked for; without ``--election``, the only one in the database."""
    if election is None:
        found = store.elections()
        if len(found) == 1:
            return found[0]
        if not found:
            raise CliError(CLI.no_elections)
        raise CliError(CLI.choose_election, exit_code=BAD_INPUT, elections=", ".join(found))
    if store.size(election) == 0:
        raise CliError(CLI.unknown_election, election=election)
    return election


def replay(service: ElectionService, board: Board) -> ElectionState:
    """Bring the service's state up to the board's end, with a progress bar."""
    st = service.state
    size = board.size()
    if size > st.size:
        with progress(CLI.progress_replay, size - st.size) as advance:
            for entry in board.entries(st.size, size):
                st.apply(entry.seq, entry.type, entry.payload)
                advance(1)
    return st


def setup_state(entries: Iterable[Entry]) -> ElectionState:
    """The state up to the first ballot: manifest, key and credentials, without the ballots."""
    st = ElectionState()
    for entry in entries:
        if entry.type == ev.BALLOT:
            break
        st.apply(entry.seq, entry.type, entry.payload)
    return st


@dataclass
class OpenElection:
    """One election's board and service, with the state replayed from the board."""

    store: SqlBoardStore
    board: Board
    service: ElectionService
    key: HeadSigningKey | None

    @property
    def state(self) -> ElectionState:
        return self.service.state

    @property
    def manifest(self) -> Manifest:
        return self.service.state.require_manifest()

    def sign_head(self) -> None:
        """Sign a head over everything appended, so a keyless export covers it all."""
        self.board.head()


@contextmanager
def open_election(
    db: str | None,
    election: str | None,
    key_path: Path | None = None,
    *,
    full: bool = True,
) -> Iterator[OpenElection]:
    """Open an existing election; ``full`` replays the whole board, else only its setup."""
    key = load_key(key_path) if key_path is not None else None
    with open_store(db) as store:
        eid = resolve_election(store, election)
        board = Board(store, eid, key=key)
        service = ElectionService(board, audits=SqlAuditLedger(store.engine, eid))
        if full:
            replay(service, board)
        else:
            service.state = setup_state(board.entries())
        opened = OpenElection(store, board, service, key)
        if key is not None:
            check_commission_key(key, opened.manifest)
        yield opened
