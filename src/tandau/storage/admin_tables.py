"""The administration's tables, built from the records' own declarations (ADR 0012).

Each administration record declares its table once, on its dataclass
(``tandau.admin.schema``); storage may not import admin, so it takes those
declarations as plain specs — anything shaped like :class:`TableSpec` — and
builds the SQLAlchemy tables here.  The entry points join the two
(``tandau.schema``).  Migrations are generated from the resulting metadata and a
test keeps them equal (``tests/unit/storage/test_migrations.py``).

Like the board, these tables are append-only (the migration's triggers refuse
UPDATE and DELETE): a record that changes gets a new row with the next ``rev``,
and the current record is the row with the highest ``rev`` of its key.  Rows
refer to an election or a candidate by key without a foreign key, since their
tables hold several rows per key; the services check those references.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy import Column, Table
from sqlalchemy.types import TypeEngine

__all__ = ["ColumnSpec", "TableSpec", "build_tables", "versioned"]

REV = "rev"


class ColumnSpec(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def nullable(self) -> bool: ...
    @property
    def length(self) -> int | None: ...
    @property
    def references(self) -> str | None: ...


class TableSpec(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def columns(self) -> Sequence[ColumnSpec]: ...
    @property
    def key(self) -> Sequence[str]: ...
    @property
    def versioned(self) -> bool: ...
    @property
    def indexes(self) -> Sequence[str]: ...


def _type(spec: ColumnSpec) -> TypeEngine[Any]:
    if spec.kind == "text":
        return sa.Text() if spec.length is None else sa.String(spec.length)
    kinds: dict[str, type[TypeEngine[Any]]] = {
        "integer": sa.Integer,
        "boolean": sa.Boolean,
        "date": sa.Date,
        "json": sa.JSON,
    }
    return kinds[spec.kind]()


def _column(spec: ColumnSpec) -> Column[Any]:
    refs = (sa.ForeignKey(spec.references),) if spec.references else ()
    return Column(spec.name, _type(spec), *refs, nullable=spec.nullable, autoincrement=False)


def build_tables(specs: Iterable[TableSpec]) -> dict[str, Table]:
    """One table per spec, in one ``MetaData``: primary key ``pk_<table>`` (key, then ``rev``)."""
    metadata = sa.MetaData()
    tables: dict[str, Table] = {}
    for spec in specs:
        key = [*spec.key, REV] if spec.versioned else list(spec.key)
        t = Table(
            spec.name,
            metadata,
            *(_column(c) for c in spec.columns),
            sa.PrimaryKeyConstraint(*key, name=f"pk_{spec.name}"),
        )
        for name in spec.indexes:
            sa.Index(f"ix_{spec.name}_{name}", t.c[name])
        tables[spec.name] = t
    return tables


def versioned(table: Table) -> bool:
    """Whether the table keeps one row per revision of a record."""
    return REV in table.c
