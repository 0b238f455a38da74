"""One declaration per administration record: the dataclass is its table and its row mapping.

Each record of ``records.py`` is a frozen dataclass whose fields are its
columns, in order: :func:`column`, in a field's ``Annotated`` type, adds what
the type does not say (a text length, the key, a reference) and :func:`table`
names the table.  From
that one declaration come

- the table as a plain :class:`TableSpec`, which ``tandau.storage.admin_tables``
  turns into SQLAlchemy tables and Alembic compares with the migrations —
  storage does not import admin, so the entry points hand it :data:`SCHEMA`
  (``tandau.schema``);
- the record's row mapping (:meth:`RecordTable.to_row`, :meth:`RecordTable.from_row`),
  used by ``tandau.admin.rowstore`` on any row store.

Column types follow the field's type: ``str`` → text of the given length
(unbounded without one), ``int``, ``bool``, ``date``; a ``datetime`` (aware, or
the calendar's local moments) → ISO-8601 text; enums and literals → text;
tuples, mappings and tuples of dataclasses → JSON; a dataclass of ``str``
fields (``LocalName``) → one text column per field (``name_kk`` …).
``X | None`` is nullable.  A versioned table also has ``rev``: one row per
revision of a record, the highest current (see ``tandau.storage.admin_repo``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Literal, TypeVar

__all__ = [
    "REV",
    "TIME_LENGTH",
    "ColumnSpec",
    "Plain",
    "RecordTable",
    "TableSpec",
    "column",
    "mapping",
    "table",
]

#: The revision column of a versioned table.
REV = "rev"
#: ISO-8601 text of a time with its offset fits in 40 characters.
TIME_LENGTH = 40

ColumnKind = Literal["text", "integer", "boolean", "date", "json"]

_REGISTRY: dict[type, RecordTable] = {}

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One column: ``length`` for text only (None: unbounded); ``references`` "table.column"."""

    name: str
    kind: ColumnKind
    nullable: bool
    length: int | None = None
    references: str | None = None


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One table: its columns in order, its key (without ``rev``) and its indexed columns."""

    name: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]
    versioned: bool
    indexes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Column:
    length: int | None
    key: bool
    references: str | None


_NO_FACTS = _Column(None, False, None)


def column(length: int | None = None, *, key: bool = False, references: str | None = None) -> Any:
    """A field's column facts, in its annotation: ``code: Annotated[str, column(9, key=True)]``."""
    return _Column(length, key, references)


# -- codecs: a field's value <-> its column values ----------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    """A record field: its columns and how its value becomes column values and back."""

    name: str
    columns: tuple[ColumnSpec, ...]
    encode: Callable[[Any], dict[str, Any]]
    decode: Callable[[Mapping[str, Any]], Any]


def _optional(hint: Any) -> tuple[Any, bool]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return hint, False


def _scalar(hint: Any) -> tuple[ColumnKind, Callable[[Any], Any], Callable[[Any], Any]]:
    """Column kind, encoder and decoder of one non-None value of type ``hint``."""
    origin = typing.get_origin(hint)
    if hint is bool:
        return "boolean", bool, bool
    if hint is int:
        return "integer", int, int
    if hint is str or origin is Literal:
        return "text", str, str
    if hint is datetime:  # before date: a datetime is a date
        return "text", datetime.isoformat, lambda v: datetime.fromisoformat(str(v))
    if hint is date:
        return "date", _same, _same
    if isinstance(hint, type) and issubclass(hint, Enum):
        return "text", lambda v: v.value, hint
    if origin is tuple:
        item: Any = typing.get_args(hint)[0]
        if isinstance(item, type) and dataclasses.is_dataclass(item):
            build: Callable[..., Any] = item
            return (
                "json",
                lambda v: [x.to_dict() for x in v],
                lambda v: tuple(build(**x) for x in v),
            )
        return "json", list, tuple
    if origin in (Mapping, dict) or hint in (Mapping, dict):
        return "json", dict, dict
    raise TypeError(f"no column type for {hint!r}")


def _same(value: Any) -> Any:
    return value


def _facts(hint: Any) -> tuple[Any, _Column]:
    if typing.get_origin(hint) is typing.Annotated:
        found = [m for m in hint.__metadata__ if isinstance(m, _Column)]
        return hint.__origin__, found[0] if found else _NO_FACTS
    return hint, _NO_FACTS


def _field(f: dataclasses.Field[Any], hint: Any) -> _Field:
    hint, facts = _facts(hint)
    hint, nullable = _optional(hint)
    name = f.name
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        # A name in several languages: one text column per part.
        parts = [p.name for p in dataclasses.fields(hint)]
        cols = tuple(ColumnSpec(f"{name}_{p}", "text", nullable, facts.length) for p in parts)
        composite = hint
        return _Field(
            name,
            cols,
            lambda v: {f"{name}_{p}": getattr(v, p) for p in parts},
            lambda r: composite(*(r[f"{name}_{p}"] for p in parts)),
        )
    kind, enc, dec = _scalar(hint)
    length = facts.length
    if kind == "text" and hint is datetime:
        length = TIME_LENGTH
    col = ColumnSpec(name, kind, nullable, length, facts.references)
    return _Field(
        name,
        (col,),
        lambda v: {name: None if v is None else enc(v)},
        lambda r: None if r[name] is None else dec(r[name]),
    )


# -- a record's plain form (JSON for events and pages) ----------------------------------


def plain(value: Any) -> Any:
    """``value`` as JSON: times and dates in ISO-8601, enums by value, tuples as lists."""
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        to_dict = getattr(value, "to_dict", None)
        if callable(to_dict):
            return to_dict()
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


class Plain:
    """A record whose ``to_dict`` is its fields in order, in their :func:`plain` form."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        assert dataclasses.is_dataclass(self)
        return {f.name: plain(getattr(self, f.name)) for f in dataclasses.fields(self)}


# -- a record's table -------------------------------------------------------------------


class RecordTable:
    """A record type's table and row mapping, derived from its dataclass fields."""

    def __init__(
        self,
        record: type,
        name: str,
        *,
        versioned: bool = False,
        indexes: tuple[str, ...] = (),
        extra: tuple[ColumnSpec, ...] = (),
    ) -> None:
        hints = typing.get_type_hints(record, include_extras=True)
        fields = dataclasses.fields(record)
        self.record = record
        self.fields = tuple(_field(f, hints[f.name]) for f in fields)
        keys = tuple(f.name for f in fields if _facts(hints[f.name])[1].key)
        columns = tuple(c for f in self.fields for c in f.columns) + extra
        if versioned:
            columns += (ColumnSpec(REV, "integer", False),)
        self.spec = TableSpec(name, columns, keys, versioned, indexes)

    @property
    def name(self) -> str:
        return self.spec.name

    def to_row(self, record: Any) -> dict[str, Any]:
        """The record's column values (without ``rev``: the store numbers revisions)."""
        row: dict[str, Any] = {}
        for f in self.fields:
            row.update(f.encode(getattr(record, f.name)))
        return row

    def from_row(self, row: Mapping[str, Any]) -> Any:
        return self.record(**{f.name: f.decode(row) for f in self.fields})

    def key(self, record: Any) -> dict[str, Any]:
        """The record's key columns, for an update."""
        return {k: getattr(record, k) for k in self.spec.key}


def table(
    name: str,
    *,
    versioned: bool = False,
    indexes: tuple[str, ...] = (),
    extra: tuple[ColumnSpec, ...] = (),
) -> Callable[[type[T]], type[T]]:
    """Declare a record's table (put it above ``@dataclass``)."""

    def register(record: type[T]) -> type[T]:
        _REGISTRY[record] = RecordTable(
            record, name, versioned=versioned, indexes=indexes, extra=extra
        )
        return record

    return register


def mapping(record: type) -> RecordTable:
    """The table and row mapping declared for ``record``."""
    return _REGISTRY[record]


def declared() -> tuple[RecordTable, ...]:
    """Every declared record table, in declaration order."""
    return tuple(_REGISTRY.values())
