"""Everything the web service needs at run time, built once at the entry point.

One engine for the board and the administration's records; one
:class:`ElectionService` per election, kept in memory and synced from the
board before each use (another process may have appended); the commission's
administrative record is its own board, ``ADMIN_BOARD``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy.engine import Engine

from tandau.admin.administration import Administration
from tandau.admin.devices import DeviceService
from tandau.admin.election import ElectionService
from tandau.admin.rowstore import RowRepository
from tandau.board import Board, Clock
from tandau.board.clock import SystemClock
from tandau.crypto.rng import Rng, SystemRng
from tandau.private_files import private_dir
from tandau.schema import admin_row_store
from tandau.settings import Settings
from tandau.storage import SqlBoardStore, make_engine, upgrade
from tandau.storage.booth_store import SqlAuditLedger, SqlBoothStore
from tandau.storage.keyring import KeyRing, server_key_ring

from .demo_clock import OffsetClock
from .shared_state import SharedState, open_shared_state

__all__ = ["ADMIN_BOARD", "WebContext"]

T = TypeVar("T")

#: The board that records the commission's administrative events (``admin.*``).
ADMIN_BOARD = "administration"


@dataclass
class WebContext:
    settings: Settings
    engine: Engine
    clock: Clock = field(default_factory=SystemClock)
    rng: Rng = field(default_factory=SystemRng)
    _services: dict[str, ElectionService] = field(default_factory=dict)
    _election_locks: dict[str, threading.Lock] = field(default_factory=dict)
    _signing: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _shared: SharedState | None = None

    @classmethod
    def build(cls, settings: Settings, *, clock: Clock | None = None) -> WebContext:
        """Resolve the secrets, migrate the database to the head revision and connect."""
        private_dir(settings.data_dir)
        settings = settings.with_secrets()
        upgrade(settings.database_url)
        engine = make_engine(settings.database_url)
        ctx = cls(settings=settings, engine=engine)
        if clock is not None:
            ctx.clock = clock
        elif settings.demo:
            ctx.clock = OffsetClock(settings.data_dir / "demo" / "clock-offset")
        return ctx

    @property
    def wall_clock(self) -> Clock:
        """Real time, for sign-in: the demo's clock moves only the election calendar.

        A one-time code from an authenticator app follows real time, so checking it (and
        the sign-in back-off) against a calendar moved forward would refuse every code from
        then on: the demo's chair would be locked out after the first move.
        """
        return SystemClock() if isinstance(self.clock, OffsetClock) else self.clock

    def close(self) -> None:
        if self._shared is not None:
            self._shared.close()
        self.engine.dispose()

    @property
    def shared(self) -> SharedState:
        """Rate limits and sign-in back-off, shared by every worker (ADR 0018)."""
        with self._lock:
            if self._shared is None:
                self._shared = open_shared_state(self.settings, self.engine)
            return self._shared

    @property
    def store(self) -> SqlBoardStore:
        return SqlBoardStore(self.engine)

    @property
    def keys(self) -> KeyRing:
        return server_key_ring(self.settings.data_dir)

    def board(self, election: str) -> Board:
        """The election's board, signing new heads when this server holds its key."""
        return Board(self.store, election, key=self.keys.load(election), clock=self.clock)

    def elections(self) -> list[str]:
        return [e for e in self.store.elections() if e != ADMIN_BOARD]

    def with_election(self, election: str, work: Callable[[ElectionService], T]) -> T:
        """Run ``work`` on the election's service, one request at a time per election.

        The service's replayed state is not thread-safe; the board's single
        writer serialises appends across processes anyway.
        """
        with self._lock:
            service = self._services.get(election)
            signing = self.keys.has(election)
            if service is None or (signing and election not in self._signing):
                # (Re)build once the key exists: a service made before the key was
                # created would hold a board that cannot sign heads.
                service = ElectionService(
                    self.board(election), audits=SqlAuditLedger(self.engine, election)
                )
                self._services[election] = service
                self._election_locks.setdefault(election, threading.Lock())
                if signing:
                    self._signing.add(election)
            lock = self._election_locks[election]
        with lock:
            service.sync()
            return work(service)

    def devices(self) -> DeviceService:
        """The kiosk devices of polling-station elections (ADR 0009)."""
        return DeviceService(SqlBoothStore(self.engine), self.clock, self.rng)

    def administration(self, acting: str | None = None) -> Administration:
        """The administration; ``acting`` (the signed-in account's commission) confines
        every write to that commission's territory (``tandau.admin.territory``)."""
        admin_board = self.board(ADMIN_BOARD)
        repository = RowRepository(admin_row_store(self.engine))
        return Administration(repository, self.clock, admin_board, acting)
