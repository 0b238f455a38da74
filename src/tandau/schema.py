"""The database schema as a whole: where the records' declarations meet storage.

``tandau.admin`` and ``tandau.community`` declare each record's table on its
dataclass (``tandau.admin.schema``, ``tandau.community.schema``); ``tandau.storage``
builds SQLAlchemy tables from such declarations without importing either
(``tandau.storage.admin_tables``).  This module, above them (like
``tandau.entry``), joins them once: the web service, the command line, the
migration generator and the tests take the tables and the stores from here.
ADR 0012, ADR 0023.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from sqlalchemy import Engine, MetaData, Table

from tandau.admin import records as _records  # noqa: F401  (declares the tables)
from tandau.admin.schema import declared
from tandau.community import rowstore as _community_rows  # noqa: F401  (declares the tables)
from tandau.community.schema import declared as community_declared
from tandau.storage import make_engine
from tandau.storage.admin_repo import SqlRowStore
from tandau.storage.admin_tables import build_tables
from tandau.storage.booth_tables import booth_metadata
from tandau.storage.community_repo import COMMUNITY_LOCK_KEY
from tandau.storage.migrate import autogenerate
from tandau.storage.shared_tables import shared_metadata
from tandau.storage.tables import metadata as board_metadata
from tandau.storage.web_tables import web_metadata

__all__ = [
    "ADMIN_TABLES",
    "COMMUNITY_TABLES",
    "SqlCommunityStore",
    "admin_commissions",
    "admin_elections",
    "admin_metadata",
    "admin_precincts",
    "admin_row_store",
    "admin_voters",
    "all_tables",
    "community_metadata",
    "new_migration",
]

#: The administration's tables by name, built from the records' declarations.
ADMIN_TABLES: dict[str, Table] = build_tables(t.spec for t in declared())
admin_metadata: MetaData = next(iter(ADMIN_TABLES.values())).metadata

admin_commissions = ADMIN_TABLES["admin_commissions"]
admin_elections = ADMIN_TABLES["admin_elections"]
admin_precincts = ADMIN_TABLES["admin_precincts"]
admin_voters = ADMIN_TABLES["admin_voters"]


def admin_row_store(engine: Engine) -> SqlRowStore:
    """The administration's row store on ``engine`` (wrap it in ``RowRepository``)."""
    return SqlRowStore(engine, ADMIN_TABLES)


#: The community's tables by name, built from its records' declarations.
COMMUNITY_TABLES: dict[str, Table] = build_tables(t.spec for t in community_declared())
community_metadata: MetaData = next(iter(COMMUNITY_TABLES.values())).metadata


class SqlCommunityStore(SqlRowStore):
    """The community's row store on ``engine``: ``CommunityService(SqlCommunityStore(engine))``.

    The administration's SQL row store over the community's declared tables, under
    the community writer's own lock.
    """

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, COMMUNITY_TABLES, lock=COMMUNITY_LOCK_KEY)


def all_tables() -> MetaData:
    """The board's, the administration's, the console's, the community's and the booth's
    tables, and the web tier's shared counters."""
    combined = MetaData()
    for source in (
        board_metadata,
        admin_metadata,
        web_metadata,
        community_metadata,
        booth_metadata,
        shared_metadata,
    ):
        for table in source.tables.values():
            table.to_metadata(combined)
    return combined


def new_migration(message: str) -> str | None:
    """Autogenerate the next migration from the declarations; None when the schema is current.

    ``python -m tandau.schema "what changed"`` after changing a record's fields.
    """
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'schema.sqlite3'}")
        try:
            return autogenerate(engine, message, all_tables())
        finally:
            engine.dispose()


if __name__ == "__main__":
    written = new_migration(" ".join(sys.argv[1:]) or "schema")
    print(written or "no change: the migrations already build the declared schema")
