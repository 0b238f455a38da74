"""Community records as rows, for storage that knows no community types.

The same pattern as ``tandau.admin.rowstore``, whose small :class:`RowStore`
protocol storage implements over the community's tables too, and :class:`CommunityTx`
turns rows into records and back by each record's one declaration (:mod:`.schema`,
on the dataclasses of ``records.py`` and ``minutes.py``).

- ``tandau.schema.SqlCommunityStore`` — SQLite and PostgreSQL (the
  administration's ``SqlRowStore`` over tables built from the same declarations);
- :class:`MemoryRowStore` — the same contract in memory, for unit tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from tandau.admin.rowstore import MemoryRowStore as _AdminMemoryRowStore
from tandau.admin.rowstore import RowStore, RowTx, typed_transaction

from .minutes import SignedMinutes
from .records import AkimResponse, Community, Member, OpenVote, Resident, Session
from .schema import declared, mapping

__all__ = [
    "TABLE_KEYS",
    "CommunityTx",
    "MemoryRowStore",
    "RowStore",
    "RowTx",
    "typed_transaction",
]

Row = Mapping[str, Any]
R = TypeVar("R")

#: Every table and its key columns; every table also has a JSON ``body``.
TABLE_KEYS: Mapping[str, tuple[str, ...]] = {t.name: t.spec.key for t in declared()}


class MemoryRowStore(_AdminMemoryRowStore):
    """The :class:`RowStore` contract in memory, over the community's tables."""

    def __init__(self) -> None:
        super().__init__(TABLE_KEYS)


class CommunityTx:
    """Typed access to the community's rows inside one transaction."""

    def __init__(self, rows: RowTx) -> None:
        self.rows = rows

    def _get(self, record: type[R], *key: Any) -> R | None:
        table = mapping(record)
        row = self.rows.get(table.name, table.key(*key))
        return None if row is None else cast(R, table.from_row(row))

    def _all(self, record: type[R], *where: Any) -> list[R]:
        table = mapping(record)
        return [cast(R, table.from_row(r)) for r in self.rows.select(table.name, table.key(*where))]

    def _store(self, table: str, row: Row, *, new: bool) -> None:
        if new:
            self.rows.insert(table, row)
        else:
            self.rows.update(table, {k: row[k] for k in TABLE_KEYS[table]}, row)

    def put(self, record: Community | Resident | Member | Session, *, new: bool) -> None:
        """Store a new record, or the next revision of a changed one."""
        table = mapping(type(record))
        self._store(table.name, table.to_row(record), new=new)

    def add(self, record: OpenVote | AkimResponse | SignedMinutes) -> None:
        """Store a record that never changes."""
        table = mapping(type(record))
        self._store(table.name, table.to_row(record), new=True)

    put_community = put_resident = put_member = put_session = put
    add_vote = add_response = add_minutes = add

    def community(self, id: str) -> Community | None:
        return self._get(Community, id)

    def communities(self) -> list[Community]:
        return self._all(Community)

    def resident(self, community: str, id: str) -> Resident | None:
        return self._get(Resident, community, id)

    def residents(self, community: str) -> list[Resident]:
        return self._all(Resident, community)

    def member(self, community: str, person: str) -> Member | None:
        return self._get(Member, community, person)

    def members(self, community: str) -> list[Member]:
        return self._all(Member, community)

    def session(self, community: str, id: str) -> Session | None:
        return self._get(Session, community, id)

    def sessions(self, community: str) -> list[Session]:
        return self._all(Session, community)

    def votes(self, community: str, session: str) -> list[OpenVote]:
        return self._all(OpenVote, community, session)

    def responses(self, community: str, session: str) -> list[AkimResponse]:
        return self._all(AkimResponse, community, session)

    def minutes(self, community: str, id: str) -> SignedMinutes | None:
        return self._get(SignedMinutes, community, id)

    def all_minutes(self, community: str) -> list[SignedMinutes]:
        return self._all(SignedMinutes, community)

    # -- budget lines and petitions: stored as plain bodies --
    def body(self, table: str, community: str, id: str) -> dict[str, Any] | None:
        row = self.rows.get(table, {"community": community, "id": id})
        return None if row is None else dict(row["body"])

    def bodies(self, table: str, community: str) -> list[tuple[str, dict[str, Any]]]:
        rows = self.rows.select(table, {"community": community})
        return [(str(r["id"]), dict(r["body"])) for r in rows]

    def put_body(
        self, table: str, community: str, id: str, body: dict[str, Any], *, new: bool
    ) -> None:
        self._store(table, {"community": community, "id": id, "body": body}, new=new)
