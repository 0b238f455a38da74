"""``SqlCommunityStore``: the community's row store on SQLite and PostgreSQL.

It implements ``tandau.community.rowstore.RowStore`` structurally (storage does not
import the community package); the entry point wraps it:
``CommunityService(SqlCommunityStore(engine))``.  Each transaction holds the
community writer's lock (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on
PostgreSQL), so a service call is serialised and all-or-nothing.  Only INSERT and
SELECT: an update inserts the record's next revision; reads see the latest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, insert, select

from .community_tables import COMMUNITY_TABLES
from .database import write_transaction

__all__ = ["COMMUNITY_LOCK_KEY", "SqlCommunityStore"]

#: The PostgreSQL advisory lock of the community's single writer.
COMMUNITY_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"tandau/v1/community/writer").digest()[:8], "big", signed=True
)


def _keys(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns if c.name != "rev"]


class _SqlRowTx:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def _latest_rows(self, table: Table, where: Mapping[str, Any]) -> list[dict[str, Any]]:
        query = select(table).where(and_(True, *(table.c[k] == v for k, v in where.items())))
        latest: dict[tuple[Any, ...], dict[str, Any]] = {}
        for row in self._conn.execute(query.order_by(table.c.rev)).mappings():
            latest[tuple(row[k] for k in _keys(table))] = dict(row)
        return [latest[k] for k in sorted(latest)]

    def get(self, table: str, key: Mapping[str, Any]) -> dict[str, Any] | None:
        found = self._latest_rows(COMMUNITY_TABLES[table], key)
        return None if not found else {k: v for k, v in found[0].items() if k != "rev"}

    def insert(self, table: str, row: Mapping[str, Any]) -> None:
        # The primary key refuses a second revision 0 of a key.
        self._conn.execute(insert(COMMUNITY_TABLES[table]).values({**row, "rev": 0}))

    def update(self, table: str, key: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        t = COMMUNITY_TABLES[table]
        found = self._latest_rows(t, {k: key[k] for k in _keys(t)})
        if not found:
            raise KeyError(f"no row {dict(key)!r} in {table}")
        last = found[0]
        self._conn.execute(insert(t).values({**last, **values, "rev": last["rev"] + 1}))

    def select(self, table: str, where: Mapping[str, Any]) -> list[dict[str, Any]]:
        rows = self._latest_rows(COMMUNITY_TABLES[table], where)
        return [{k: v for k, v in r.items() if k != "rev"} for r in rows]


class SqlCommunityStore:
    """Community rows in a database migrated by ``tandau.storage.upgrade``."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @contextmanager
    def _transaction(self) -> Iterator[_SqlRowTx]:
        with write_transaction(self._engine, COMMUNITY_LOCK_KEY) as conn:
            yield _SqlRowTx(conn)

    def transaction(self) -> AbstractContextManager[_SqlRowTx]:
        return self._transaction()
