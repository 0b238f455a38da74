"""Alembic environment: migrate the connection handed over by ``tandau.storage.migrate``.

Run through ``migrate.upgrade``, a connection arrives in
``config.attributes["connection"]``; otherwise the ``sqlalchemy.url`` option
is used.  Autogeneration compares with ``config.attributes["target_metadata"]``:
the whole schema, administration tables included, which only the entry points
can build (``tandau.schema.new_migration``); the board's tables otherwise.
Migrations of one database are serialised: SQLite takes its write lock
(``BEGIN IMMEDIATE``), PostgreSQL a transaction-scoped advisory lock.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, MetaData, text

from tandau.storage.database import begin_immediate, make_engine
from tandau.storage.tables import metadata

#: Advisory lock key of the migrator (PostgreSQL): "tandau/migrate" as an int.
MIGRATION_LOCK = int.from_bytes(b"tandau/m", "big", signed=True)


def _target() -> MetaData:
    found = context.config.attributes.get("target_metadata")
    return found if isinstance(found, MetaData) else metadata


def _run(connection: Connection) -> None:
    begin_immediate(connection)
    context.configure(connection=connection, target_metadata=_target())
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        context.run_migrations()


def _run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection and no sqlalchemy.url to migrate")
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=_target(),
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    _run_online()
