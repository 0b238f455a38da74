"""The community's tables and their key columns (:data:`COMMUNITY_KEYS`).

``tandau.community`` may import storage, not the other way round: the community's
row store can take its table keys from :data:`COMMUNITY_KEYS` rather than a copy.

Each table holds its key columns, a JSON ``body`` and a ``rev``: like the
administration's, these tables are append-only (migration ``0004_community``
installs triggers refusing UPDATE and DELETE); a changed record — a member
replaced, a session opened — is a new row with the next ``rev``, and the current
record is the row with the highest ``rev`` of its key.  A test keeps this module
and the migration equal.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Integer, MetaData, PrimaryKeyConstraint, String, Table

__all__ = ["COMMUNITY_KEYS", "COMMUNITY_TABLES", "community_metadata"]

community_metadata = MetaData()

#: Every community table and its key columns (each also has ``body`` and ``rev``).
COMMUNITY_KEYS: dict[str, tuple[str, ...]] = {
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


def _column(name: str) -> Column[object]:
    kind = Integer if name == "item" else String(64)
    return Column(name, kind, nullable=False)


def _table(name: str, keys: tuple[str, ...]) -> Table:
    return Table(
        name,
        community_metadata,
        *(_column(k) for k in keys),
        Column("body", JSON, nullable=False),
        Column("rev", Integer, nullable=False),
        PrimaryKeyConstraint(*keys, "rev", name=f"pk_{name}"),
    )


#: Every community table by name.
COMMUNITY_TABLES: dict[str, Table] = {
    name: _table(name, keys) for name, keys in COMMUNITY_KEYS.items()
}
