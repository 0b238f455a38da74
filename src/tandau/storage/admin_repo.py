"""``SqlRowStore``: the administration's row store on SQLite and PostgreSQL.

It implements ``tandau.admin.rowstore.RowStore`` structurally — storage and admin
are independent layers, so nothing here imports the admin package; the entry point
gives it the tables built from the records' declarations and wraps it:
``RowRepository(SqlRowStore(engine, ADMIN_TABLES))`` (``tandau.schema``).

Each transaction is one ``write_transaction`` holding the administration's writer
lock (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL): a service
call is serialised and all-or-nothing.  The store only INSERTs and SELECTs:
changing a record of a versioned table (one with a ``rev`` column) inserts its
next revision, and reads see the latest revision of each key.  Integrity errors
(a duplicate key, a missing parent) roll the whole call back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Select, Table, and_, func, insert, select
from sqlalchemy.sql.elements import ColumnElement

from .admin_tables import versioned
from .database import write_transaction

__all__ = ["ADMIN_LOCK_KEY", "OUTBOX", "SqlRowStore"]

#: The PostgreSQL advisory lock of the administration's single writer.
ADMIN_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"tandau/v1/admin/writer").digest()[:8], "big", signed=True
)

#: The outbox: its ``id`` is given by the store, in order.
OUTBOX = "admin_outbox"


def _keys(table: Table) -> list[str]:
    """The record key: the primary key without ``rev``."""
    return [c.name for c in table.primary_key.columns if c.name != "rev"]


def _where(table: Table, where: Mapping[str, Any]) -> ColumnElement[bool]:
    return and_(True, *(table.c[name] == value for name, value in where.items()))


def _current(table: Table, where: Mapping[str, Any]) -> Select[Any]:
    """The rows of ``table`` matching ``where`` that are the latest revision of their key.

    "No later revision exists" is a primary-key lookup per row on both databases.
    """
    query = select(table).where(_where(table, where))
    if not versioned(table):
        return query
    later = table.alias("later")
    newer = (
        select(later.c.rev)
        .where(*(later.c[k] == table.c[k] for k in _keys(table)), later.c.rev > table.c.rev)
        .exists()
    )
    return query.where(~newer)


def _record(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "rev"}


class _SqlRowTx:
    def __init__(self, conn: Connection, tables: Mapping[str, Table]) -> None:
        self._conn = conn
        self._tables = tables

    def _latest(self, table: Table, key: Mapping[str, Any]) -> dict[str, Any] | None:
        query = select(table).where(_where(table, {k: key[k] for k in _keys(table)}))
        if versioned(table):
            query = query.order_by(table.c.rev.desc()).limit(1)
        row = self._conn.execute(query).mappings().first()
        return None if row is None else dict(row)

    def get(self, table: str, key: Mapping[str, Any]) -> dict[str, Any] | None:
        found = self._latest(self._tables[table], key)
        return None if found is None else _record(found)

    def insert(self, table: str, row: Mapping[str, Any]) -> None:
        t = self._tables[table]
        values = dict(row)
        if table == OUTBOX:
            last = self._conn.execute(select(func.max(t.c.id))).scalar()
            values["id"] = 1 + (last or 0)
        if versioned(t):
            values["rev"] = 0  # the primary key refuses a second revision 0 of a key
        self._conn.execute(insert(t).values(values))

    def update(self, table: str, key: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        """Insert the record's next revision (versioned tables only)."""
        t = self._tables[table]
        found = self._latest(t, key) if versioned(t) else None
        if found is None:
            raise KeyError(f"no changeable row {dict(key)!r} in {table}")
        self._conn.execute(insert(t).values({**found, **values, "rev": found["rev"] + 1}))

    def select(self, table: str, where: Mapping[str, Any]) -> list[dict[str, Any]]:
        t = self._tables[table]
        query = _current(t, where).order_by(*(t.c[k] for k in _keys(t)))
        return [_record(dict(row)) for row in self._conn.execute(query).mappings()]

    def count(self, table: str, where: Mapping[str, Any]) -> int:
        t = self._tables[table]
        current = _current(t, where).subquery()
        return int(self._conn.execute(select(func.count()).select_from(current)).scalar_one())


class SqlRowStore:
    """Rows of ``tables`` in a database migrated by ``tandau.storage.upgrade``.

    ``lock`` is the PostgreSQL advisory lock of the tables' single writer: the
    administration's by default (the community passes its own).
    """

    def __init__(
        self, engine: Engine, tables: Mapping[str, Table], *, lock: int = ADMIN_LOCK_KEY
    ) -> None:
        self._engine = engine
        self._tables = tables
        self._lock = lock

    @property
    def engine(self) -> Engine:
        return self._engine

    @contextmanager
    def _transaction(self) -> Iterator[_SqlRowTx]:
        with write_transaction(self._engine, self._lock) as conn:
            yield _SqlRowTx(conn, self._tables)

    def transaction(self) -> AbstractContextManager[_SqlRowTx]:
        return self._transaction()
