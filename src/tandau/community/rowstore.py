"""Community records as rows, for storage that knows no community types.

The same pattern as ``tandau.admin.rowstore``: storage implements the small
:class:`RowStore` protocol over the tables named in :data:`TABLE_KEYS` (key
columns plus a JSON ``body``), and :class:`CommunityTx` turns rows into records.

- ``tandau.storage.community_repo.SqlCommunityStore`` — SQLite and PostgreSQL
  (tables in ``tandau.storage.community_tables``, migrations ``0004_community``
  and ``0005_community_reports``);
- :class:`MemoryRowStore` — the same contract in memory, for unit tests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeVar

from tandau.admin.rowstore import MemoryRowStore as _AdminMemoryRowStore

from .minutes import SignedMinutes
from .records import AkimResponse, Community, Member, OpenVote, Resident, Session

__all__ = ["TABLE_KEYS", "CommunityTx", "MemoryRowStore", "RowStore", "RowTx"]

Row = Mapping[str, Any]
R = TypeVar("R")

#: Every table and its key columns; every table also has a JSON ``body``.
TABLE_KEYS: Mapping[str, tuple[str, ...]] = {
    "community_communities": ("community",),
    "community_residents": ("community", "id"),
    "community_members": ("community", "id"),
    "community_sessions": ("community", "id"),
    "community_votes": ("community", "session", "item"),
    "community_responses": ("community", "session", "item"),
    "community_minutes": ("community", "id"),
    "community_budget_lines": ("community", "id"),
    "community_petitions": ("community", "id"),
    "community_member_codes": ("community", "id"),
    "community_ballots": ("community", "id"),
    "community_reports": ("community", "id"),
}


class RowTx(Protocol):
    """Row operations inside one transaction; equality filters only."""

    def get(self, table: str, key: Row) -> dict[str, Any] | None: ...
    def insert(self, table: str, row: Row) -> None: ...
    def update(self, table: str, key: Row, values: Row) -> None: ...
    def select(self, table: str, where: Row) -> list[dict[str, Any]]: ...


class RowStore(Protocol):
    def transaction(self) -> AbstractContextManager[RowTx]:
        """One serialised write transaction: committed on success, rolled back on error."""
        ...


class MemoryRowStore(_AdminMemoryRowStore):
    """The :class:`RowStore` contract in memory, over the community's tables."""

    def __init__(self) -> None:
        super().__init__(TABLE_KEYS)


def _split(table: str, row: Row) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = TABLE_KEYS[table]
    return {k: row[k] for k in keys}, dict(row["body"])


class CommunityTx:
    """Typed access to the community's rows inside one transaction."""

    def __init__(self, rows: RowTx) -> None:
        self.rows = rows

    def _get(
        self, table: str, key: Row, build: Callable[[dict[str, Any], dict[str, Any]], R]
    ) -> R | None:
        row = self.rows.get(table, key)
        return None if row is None else build(*_split(table, row))

    def _all(
        self, table: str, where: Row, build: Callable[[dict[str, Any], dict[str, Any]], R]
    ) -> list[R]:
        return [build(*_split(table, r)) for r in self.rows.select(table, where)]

    def _put(self, table: str, key: Row, body: dict[str, Any], *, new: bool) -> None:
        if new:
            self.rows.insert(table, {**key, "body": body})
        else:
            self.rows.update(table, key, {"body": body})

    # -- communities --
    def community(self, id: str) -> Community | None:
        return self._get("community_communities", {"community": id}, Community.from_row)

    def communities(self) -> list[Community]:
        return self._all("community_communities", {}, Community.from_row)

    def put_community(self, c: Community, *, new: bool) -> None:
        self._put("community_communities", {"community": c.id}, c.body(), new=new)

    # -- residents and members --
    def resident(self, community: str, id: str) -> Resident | None:
        key = {"community": community, "id": id}
        return self._get("community_residents", key, Resident.from_row)

    def residents(self, community: str) -> list[Resident]:
        return self._all("community_residents", {"community": community}, Resident.from_row)

    def put_resident(self, r: Resident, *, new: bool) -> None:
        key = {"community": r.community, "id": r.id}
        self._put("community_residents", key, r.body(), new=new)

    def member(self, community: str, person: str) -> Member | None:
        key = {"community": community, "id": person}
        return self._get("community_members", key, Member.from_row)

    def members(self, community: str) -> list[Member]:
        return self._all("community_members", {"community": community}, Member.from_row)

    def put_member(self, m: Member, *, new: bool) -> None:
        key = {"community": m.community, "id": m.person}
        self._put("community_members", key, m.body(), new=new)

    # -- sessions, votes, responses --
    def session(self, community: str, id: str) -> Session | None:
        key = {"community": community, "id": id}
        return self._get("community_sessions", key, Session.from_row)

    def sessions(self, community: str) -> list[Session]:
        return self._all("community_sessions", {"community": community}, Session.from_row)

    def put_session(self, s: Session, *, new: bool) -> None:
        key = {"community": s.community, "id": s.id}
        self._put("community_sessions", key, s.body(), new=new)

    def votes(self, community: str, session: str) -> list[OpenVote]:
        where = {"community": community, "session": session}
        return self._all("community_votes", where, OpenVote.from_row)

    def add_vote(self, v: OpenVote) -> None:
        key = {"community": v.community, "session": v.session, "item": v.item}
        self._put("community_votes", key, v.body(), new=True)

    def responses(self, community: str, session: str) -> list[AkimResponse]:
        where = {"community": community, "session": session}
        return self._all("community_responses", where, AkimResponse.from_row)

    def add_response(self, r: AkimResponse) -> None:
        key = {"community": r.community, "session": r.session, "item": r.item}
        self._put("community_responses", key, r.body(), new=True)

    # -- minutes --
    def minutes(self, community: str, id: str) -> SignedMinutes | None:
        key = {"community": community, "id": id}
        return self._get("community_minutes", key, SignedMinutes.from_row)

    def all_minutes(self, community: str) -> list[SignedMinutes]:
        return self._all("community_minutes", {"community": community}, SignedMinutes.from_row)

    def add_minutes(self, m: SignedMinutes) -> None:
        self._put("community_minutes", {"community": m.community, "id": m.id}, m.body(), new=True)

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
        self._put(table, {"community": community, "id": id}, body, new=new)
