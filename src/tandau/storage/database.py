"""Engines for the board's databases: SQLite (embedded default) and PostgreSQL (ADR 0002).

SQLite runs in WAL mode with ``synchronous=FULL`` (a committed entry survives a
power cut), a busy timeout, foreign keys and recursive triggers on.  Python's
sqlite3 module is told not to open transactions itself; we emit ``BEGIN``
ourselves so that a writer can ask for ``BEGIN IMMEDIATE`` and take SQLite's
single write lock before it reads the board's size.  On PostgreSQL a writer
takes a transaction-scoped advisory lock per election instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url

from tandau.private_files import create_private_file

__all__ = [
    "BUSY_TIMEOUT_MS",
    "backend",
    "begin_immediate",
    "election_lock_key",
    "make_engine",
    "pg_execute_and_commit",
    "pg_write_transaction",
    "write_transaction",
]

#: How long a SQLite writer waits for the write lock before giving up.
BUSY_TIMEOUT_MS = 30_000

_BEGIN_OPTION = "tandau_sqlite_begin"


def make_engine(url: str | URL, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine for ``sqlite:///path`` or ``postgresql[+psycopg]://…`` URLs.

    A plain ``postgresql://`` URL is given the psycopg 3 driver.  The caller
    disposes of the engine (``engine.dispose()``).
    """
    u = make_url(url)
    name = u.get_backend_name()
    if name == "sqlite":
        if u.get_driver_name() not in ("pysqlite", ""):
            raise ValueError("SQLite is used through the standard library driver")
        if u.database and u.database != ":memory:" and not u.database.startswith("file:"):
            # Created 0600 (its folder 0700) before SQLite opens it: SQLite gives the
            # -wal and -shm files the database file's mode, so they are private too.
            create_private_file(Path(u.database))
        engine = create_engine(u)
        _configure_sqlite(engine, busy_timeout_ms)
        return engine
    if name == "postgresql":
        if u.drivername == "postgresql":
            u = u.set(drivername="postgresql+psycopg")
        if u.get_driver_name() != "psycopg":
            raise ValueError("PostgreSQL is used through psycopg 3 (postgresql+psycopg://)")
        return create_engine(u, pool_pre_ping=True)
    raise ValueError(f"unsupported database {name!r}: use sqlite or postgresql")


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    timeout = int(busy_timeout_ms)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level: we emit BEGIN ourselves (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {timeout}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA recursive_triggers = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {'IMMEDIATE' if mode == 'IMMEDIATE' else 'DEFERRED'}")


def backend(engine: Engine | Connection) -> str:
    """``"sqlite"`` or ``"postgresql"``."""
    return engine.dialect.name


def election_lock_key(election: str) -> int:
    """The 64-bit PostgreSQL advisory lock key of one election's board writer."""
    digest = hashlib.sha256(b"tandau/v1/board/writer\x00" + election.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def begin_immediate(conn: Connection) -> None:
    """On SQLite, make the next ``BEGIN`` of ``conn`` an ``IMMEDIATE`` one (the write lock)."""
    if backend(conn) == "sqlite":
        conn.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})


@contextmanager
def write_transaction(engine: Engine, lock_key: int) -> Iterator[Connection]:
    """A transaction holding the single-writer lock (§B9.1), committed on success.

    SQLite: ``BEGIN IMMEDIATE`` takes the database's write lock.  PostgreSQL:
    ``pg_advisory_xact_lock(lock_key)``, released at commit or rollback.
    """
    with engine.connect() as conn:
        begin_immediate(conn)
        with conn.begin():
            if backend(conn) == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key})
            yield conn


@contextmanager
def pg_write_transaction(
    engine: Engine, lock_key: int, query: str, params: dict[str, Any]
) -> Iterator[tuple[Connection, tuple[Any, ...] | None]]:
    """``write_transaction`` on PostgreSQL with its first read: one round trip for three.

    ``BEGIN``, ``pg_advisory_xact_lock(lock_key)`` and ``query`` (psycopg
    ``%(name)s`` placeholders, bound client side) go as one simple-protocol
    query; yields the connection and ``query``'s first row.  Each statement
    of such a query takes its own snapshot under READ COMMITTED, so the read
    sees every append committed before the lock was granted.  The driver is in
    autocommit mode for this connection (restored when it returns to the pool)
    so that it sends no ``BEGIN`` of its own; ``COMMIT`` is sent at the end
    unless the caller committed (``pg_execute_and_commit``), ``ROLLBACK`` on
    an error.
    """
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        with conn.begin():
            cursor = psycopg.ClientCursor(_driver(conn))
            cursor.execute(
                f"BEGIN; SELECT pg_advisory_xact_lock(%(lock_key)s); {query}",
                {"lock_key": lock_key, **params},
            )
            cursor.nextset()  # past BEGIN's result to the lock's
            cursor.nextset()  # to the read's
            row = cursor.fetchone()
            yield conn, (None if row is None else tuple(row))


def pg_execute_and_commit(conn: Connection, statement: str, params: dict[str, Any]) -> None:
    """PostgreSQL, in a ``pg_write_transaction``: ``statement`` and ``COMMIT`` in one round trip.

    Returns once the server has answered the COMMIT, i.e. once the WAL holds it
    (``synchronous_commit`` on); if the statement fails, the server skips the
    COMMIT, the error is raised here and nothing is stored.
    """
    pg = _driver(conn)
    with pg.pipeline():  # one Sync, at the end: one round trip
        pg.execute(statement, params)
        pg.execute("COMMIT")


def _driver(conn: Connection) -> Any:
    """The psycopg connection under a SQLAlchemy connection (PostgreSQL only)."""
    driver = conn.connection.driver_connection
    if driver is None:  # pragma: no cover - an open connection always has one
        raise RuntimeError("the connection is closed")
    return driver
