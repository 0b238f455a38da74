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

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url

from tandau.private_files import create_private_file

__all__ = [
    "BUSY_TIMEOUT_MS",
    "backend",
    "begin_immediate",
    "election_lock_key",
    "make_engine",
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
