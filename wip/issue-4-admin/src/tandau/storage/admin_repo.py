"""``SqlRowStore``: the administration's row store on SQLite and PostgreSQL.

It implements ``tandau.admin.rowstore.RowStore`` structurally — storage and admin
are independent layers, so nothing here imports the admin package; the entry point
wraps it: ``RowRepository(SqlRowStore(engine))``.  Each transaction is one
``write_transaction`` holding the administration's writer lock (``BEGIN
IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL): a service call is
serialised and all-or-nothing.  Integrity errors (a duplicate key, a missing
parent) roll the whole call back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, insert, select, update
from sqlalchemy.sql.elements import ColumnElement

from .admin_tables import TABLES
from .database import write_transaction

__all__ = ["ADMIN_LOCK_KEY", "SqlRowStore"]

#: The PostgreSQL advisory lock of the administration's single writer.
ADMIN_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"tandau/v1/admin/writer").digest()[:8], "big", signed=True
)


class _SqlRowTx:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    @staticmethod
    def _where(table: str, where: Mapping[str, Any]) -> ColumnElement[bool]:
        t = TABLES[table]
        return and_(True, *(t.c[name] == value for name, value in where.items()))

    def get(self, table: str, key: Mapping[str, Any]) -> dict[str, Any] | None:
        row = (
            self._conn.execute(select(TABLES[table]).where(self._where(table, key)))
            .mappings()
            .first()
        )
        return None if row is None else dict(row)

    def insert(self, table: str, row: Mapping[str, Any]) -> None:
        self._conn.execute(insert(TABLES[table]).values(dict(row)))

    def update(self, table: str, key: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        result = self._conn.execute(
            update(TABLES[table]).where(self._where(table, key)).values(dict(values))
        )
        if result.rowcount != 1:
            raise KeyError(f"no row {dict(key)!r} in {table}")

    def select(self, table: str, where: Mapping[str, Any]) -> list[dict[str, Any]]:
        t = TABLES[table]
        query = select(t).where(self._where(table, where)).order_by(*t.primary_key.columns)
        return [dict(row) for row in self._conn.execute(query).mappings()]

    def count(self, table: str, where: Mapping[str, Any]) -> int:
        query = select(func.count()).select_from(TABLES[table]).where(self._where(table, where))
        return int(self._conn.execute(query).scalar_one())


class SqlRowStore:
    """Admin rows in a database migrated by ``tandau.storage.upgrade``."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def engine(self) -> Engine:
        return self._engine

    @contextmanager
    def _transaction(self) -> Iterator[_SqlRowTx]:
        with write_transaction(self._engine, ADMIN_LOCK_KEY) as conn:
            yield _SqlRowTx(conn)

    def transaction(self) -> AbstractContextManager[_SqlRowTx]:
        return self._transaction()
