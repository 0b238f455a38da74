"""The administration's records as table rows, for storage that knows no admin types.

``tandau.admin`` and ``tandau.storage`` are independent layers (import-linter):
storage may not import the admin's records.  So storage implements the small,
type-free :class:`RowStore` protocol — rows are plain mappings of column values
(``str``, ``int``, ``bool``, ``date``, JSON lists and objects) in the tables named by
:data:`TABLE_KEYS` — and :class:`RowRepository` turns rows into records and back,
implementing :class:`~tandau.admin.repositories.AdminRepository` on any row store.
Tables, keys and the mapping both ways come from each record's one declaration
(``tandau.admin.schema``, on the dataclasses of ``records.py``).

- ``tandau.storage.admin_repo.SqlRowStore`` — SQLite and PostgreSQL
  (tables built from the same declarations, ``tandau.schema``);
- :class:`MemoryRowStore` — the same contract in memory, for unit tests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol, TypeVar, cast

from .records import OutboxEvent
from .repositories import AdminTx, RecordTx
from .schema import declared, mapping

__all__ = [
    "OUTBOX",
    "TABLE_KEYS",
    "MemoryRowStore",
    "Row",
    "RowRepository",
    "RowStore",
    "RowTx",
    "typed_transaction",
]

Row = Mapping[str, Any]

#: The outbox table: ``id`` is assigned by the store on insert.
OUTBOX = "admin_outbox"

#: Every table and its primary key columns (``select`` returns rows in key order).
TABLE_KEYS: Mapping[str, tuple[str, ...]] = {t.name: t.spec.key for t in declared()}


class RowTx(Protocol):
    """Row operations inside one transaction; equality filters only."""

    def get(self, table: str, key: Row) -> dict[str, Any] | None: ...
    def insert(self, table: str, row: Row) -> None: ...
    def update(self, table: str, key: Row, values: Row) -> None: ...
    def select(self, table: str, where: Row) -> list[dict[str, Any]]: ...
    def count(self, table: str, where: Row) -> int: ...


class RowStore(Protocol):
    def transaction(self) -> AbstractContextManager[RowTx]:
        """One serialised write transaction: committed on success, rolled back on error."""
        ...


# -- a row store in memory -------------------------------------------------------------


class _MemoryRowTx:
    def __init__(
        self,
        tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]],
        keys: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.tables = tables
        self.keys = keys

    def _key(self, table: str, row: Row) -> tuple[Any, ...]:
        return tuple(row[c] for c in self.keys[table])

    def get(self, table: str, key: Row) -> dict[str, Any] | None:
        found = self.tables[table].get(self._key(table, key))
        return None if found is None else dict(found)

    def insert(self, table: str, row: Row) -> None:
        data = dict(row)
        if table == OUTBOX:
            rows = self.tables[table]
            data["id"] = 1 + max((k[0] for k in rows), default=0)
        key = self._key(table, data)
        if key in self.tables[table]:
            raise KeyError(f"duplicate key {key!r} in {table}")
        self.tables[table][key] = data

    def update(self, table: str, key: Row, values: Row) -> None:
        k = self._key(table, key)
        if k not in self.tables[table]:
            raise KeyError(f"no row {k!r} in {table}")
        self.tables[table][k] = {**self.tables[table][k], **values}

    def select(self, table: str, where: Row) -> list[dict[str, Any]]:
        return [
            dict(row)
            for _, row in sorted(self.tables[table].items())
            if all(row[c] == v for c, v in where.items())
        ]

    def count(self, table: str, where: Row) -> int:
        return len(self.select(table, where))


class MemoryRowStore:
    """The :class:`RowStore` contract in memory (copy on begin, swap on commit).

    ``keys`` names each table's key columns: the administration's by default; the
    community package passes its own.
    """

    def __init__(self, keys: Mapping[str, tuple[str, ...]] = TABLE_KEYS) -> None:
        self._keys = keys
        self._tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {name: {} for name in keys}
        self._lock = threading.RLock()

    @contextmanager
    def _transaction(self) -> Iterator[RowTx]:
        with self._lock:
            work = {name: dict(rows) for name, rows in self._tables.items()}
            yield _MemoryRowTx(work, self._keys)
            self._tables = work

    def transaction(self) -> AbstractContextManager[RowTx]:
        return self._transaction()


# -- records <-> rows ------------------------------------------------------------------

R = TypeVar("R")
T = TypeVar("T")


@contextmanager
def typed_transaction(store: RowStore, typed: Callable[[RowTx], T]) -> Iterator[T]:
    """One transaction of ``store``, its rows read and written through ``typed(rows)``."""
    with store.transaction() as rows:
        yield typed(rows)


class _RowAdminTx(RecordTx):
    """:class:`AdminTx` over a :class:`RowTx`, each record mapped by its declaration."""

    def __init__(self, rows: RowTx) -> None:
        self.rows = rows

    def _get(self, record: type[R], **key: Any) -> R | None:
        table = mapping(record)
        r = self.rows.get(table.name, key)
        return None if r is None else cast(R, table.from_row(r))

    def _all(self, record: type[R], **where: Any) -> list[R]:
        table = mapping(record)
        return [cast(R, table.from_row(r)) for r in self.rows.select(table.name, where)]

    def _count(self, record: type[object], **where: Any) -> int:
        return self.rows.count(mapping(record).name, where)

    def _put(self, record: object, *, new: bool) -> None:
        table = mapping(type(record))
        if new:
            self.rows.insert(table.name, table.to_row(record))
        else:
            self.rows.update(table.name, table.key(record), table.to_row(record))

    def add_event(self, type_: str, payload: Mapping[str, Any]) -> None:
        self.rows.insert(OUTBOX, {"type": type_, "payload": dict(payload), "published": False})


class RowRepository:
    """:class:`~tandau.admin.repositories.AdminRepository` over any :class:`RowStore`."""

    def __init__(self, store: RowStore) -> None:
        self._store = store

    def transaction(self) -> AbstractContextManager[AdminTx]:
        return typed_transaction(self._store, _RowAdminTx)

    def pending_events(self) -> list[OutboxEvent]:
        with self._store.transaction() as rows:
            found = rows.select(OUTBOX, {"published": False})
        return [
            OutboxEvent(int(r["id"]), str(r["type"]), cast(dict[str, Any], r["payload"]))
            for r in sorted(found, key=lambda r: int(r["id"]))
        ]

    def mark_published(self, event_id: int) -> None:
        with self._store.transaction() as rows:
            rows.update(OUTBOX, {"id": event_id}, {"published": True})
