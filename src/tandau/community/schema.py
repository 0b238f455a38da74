"""One declaration per community record: its dataclass is its table and its row mapping.

The same pattern as the administration's (``tandau.admin.schema``, ADR 0012), in
the community's one table shape (migrations ``0004_community`` and
``0005_community_reports``, ADR 0023): a row is the record's key columns, a JSON
``body`` holding its other fields, and ``rev`` (one row per revision, the highest
current).  A record of ``records.py`` is a frozen dataclass; :func:`column`, in a
field's ``Annotated`` type, marks the key and names a field stored under another
name; :func:`table` names the table.  From that one declaration come

- the table as the administration's plain :class:`TableSpec`, which
  ``tandau.storage.admin_tables.build_tables`` turns into SQLAlchemy tables —
  storage does not import the community, so ``tandau.schema`` joins them;
- the row mapping (:meth:`DocumentTable.to_row`, :meth:`DocumentTable.from_row`),
  used by ``tandau.community.rowstore`` on any row store.

Key columns are text of :data:`KEY_LENGTH` characters, or integers.  In the body a
``date`` is ISO-8601 text, an enum its value, a tuple a list; ``X | None`` may be null.
Tables whose rows other modules shape as plain JSON (budget lines, petitions …) are
declared with :func:`documents`: key ``(community, id)`` and a body of any object.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal, TypeVar

from tandau.admin.schema import REV, ColumnSpec, TableSpec

__all__ = [
    "BODY",
    "KEY_LENGTH",
    "DocumentTable",
    "Key",
    "column",
    "declared",
    "documents",
    "mapping",
    "table",
]

#: The JSON column holding a record's fields other than its key.
BODY = "body"
#: The length of a text key column.
KEY_LENGTH = 64

T = TypeVar("T")

_REGISTRY: dict[str, DocumentTable] = {}
_BY_RECORD: dict[type, DocumentTable] = {}


@dataclass(frozen=True, slots=True)
class _Facts:
    name: str | None
    key: bool


_NO_FACTS = _Facts(None, False)


def column(name: str | None = None, *, key: bool = False) -> Any:
    """A field's storage facts: ``person: Annotated[str, column("id", key=True)]``."""
    return _Facts(name, key)


#: A text key column stored under the field's own name.
Key = Annotated[str, column(key=True)]


@dataclass(frozen=True, slots=True)
class _Field:
    """A record field: where it is stored and how its value becomes JSON and back."""

    attribute: str
    stored: str
    key: bool
    kind: Literal["text", "integer"]
    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _codec(hint: Any) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """Encoder to JSON and decoder from JSON of a value of type ``hint``."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        enc, dec = _codec(inner[0])
        return (
            lambda v: None if v is None else enc(v),
            lambda v: None if v is None else dec(v),
        )
    origin = typing.get_origin(hint)
    if hint is int:
        return int, int
    if hint is date:
        return date.isoformat, lambda v: date.fromisoformat(str(v))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda v: v.value, hint
    if origin is tuple:
        return lambda v: [dict(x) if isinstance(x, Mapping) else x for x in v], tuple
    if origin in (Mapping, dict) or hint in (Mapping, dict):
        return dict, dict
    if hint in (str, bool) or origin is Literal:
        return _same, _same
    raise TypeError(f"no JSON form for {hint!r}")


def _field(f: dataclasses.Field[Any], hint: Any) -> _Field:
    facts = _NO_FACTS
    if typing.get_origin(hint) is typing.Annotated:
        found = [m for m in hint.__metadata__ if isinstance(m, _Facts)]
        facts = found[0] if found else _NO_FACTS
        hint = hint.__origin__
    encode, decode = _codec(hint)
    kind: Literal["text", "integer"] = "integer" if hint is int else "text"
    return _Field(f.name, facts.name or f.name, facts.key, kind, encode, decode)


class DocumentTable:
    """A community table: its spec and, for a declared record, the row mapping both ways."""

    def __init__(self, name: str, record: type | None = None) -> None:
        if record is None:
            fields: tuple[_Field, ...] = tuple(
                _Field(k, k, True, "text", _same, _same) for k in ("community", "id")
            )
        else:
            hints = typing.get_type_hints(record, include_extras=True)
            fields = tuple(_field(f, hints[f.name]) for f in dataclasses.fields(record))
        self.record = record
        self.keys = tuple(f for f in fields if f.key)
        self.values = tuple(f for f in fields if not f.key)
        columns = tuple(
            ColumnSpec(f.stored, f.kind, False, KEY_LENGTH if f.kind == "text" else None)
            for f in self.keys
        )
        columns += (ColumnSpec(BODY, "json", False), ColumnSpec(REV, "integer", False))
        self.spec = TableSpec(name, columns, tuple(f.stored for f in self.keys), True)

    @property
    def name(self) -> str:
        return self.spec.name

    def key(self, *values: Any) -> dict[str, Any]:
        """The key columns of the given key values, in declaration order (a prefix filters)."""
        return {f.stored: v for f, v in zip(self.keys, values, strict=False)}

    def to_row(self, record: Any) -> dict[str, Any]:
        """The record's key columns and its ``body`` (without ``rev``: the store numbers them)."""
        row = {f.stored: f.encode(getattr(record, f.attribute)) for f in self.keys}
        row[BODY] = {f.stored: f.encode(getattr(record, f.attribute)) for f in self.values}
        return row

    def from_row(self, row: Mapping[str, Any]) -> Any:
        assert self.record is not None, f"{self.name} holds plain bodies"
        body = row[BODY]
        values = {f.attribute: f.decode(row[f.stored]) for f in self.keys}
        # A field added later with a default reads rows written before it (the default).
        values |= {f.attribute: f.decode(body[f.stored]) for f in self.values if f.stored in body}
        return self.record(**values)


def _register(found: DocumentTable) -> DocumentTable:
    _REGISTRY[found.name] = found
    if found.record is not None:
        _BY_RECORD[found.record] = found
    return found


def table(name: str) -> Callable[[type[T]], type[T]]:
    """Declare a record's table (put it above ``@dataclass``)."""

    def register(record: type[T]) -> type[T]:
        _register(DocumentTable(name, record))
        return record

    return register


def documents(name: str) -> str:
    """Declare a table of plain JSON bodies keyed by ``(community, id)``; returns its name."""
    return _register(DocumentTable(name)).name


def mapping(record: type) -> DocumentTable:
    """The table and row mapping declared for ``record``."""
    return _BY_RECORD[record]


def declared() -> tuple[DocumentTable, ...]:
    """Every declared community table, in declaration order."""
    return tuple(_REGISTRY.values())
