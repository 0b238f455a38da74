"""The database schema as a whole: where the administration's declarations meet storage.

``tandau.admin`` declares each record's table on its dataclass
(``tandau.admin.schema``); ``tandau.storage`` builds SQLAlchemy tables from such
declarations without importing admin (``tandau.storage.admin_tables``).  This
module, above both (like ``tandau.entry``), joins them once: the web service,
the command line, the migration generator and the tests take the tables from
here.  ADR 0012.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from sqlalchemy import Engine, MetaData, Table

from tandau.admin import records as _records  # noqa: F401  (declares the tables)
from tandau.admin.schema import declared
from tandau.storage import make_engine
from tandau.storage.admin_repo import SqlRowStore
from tandau.storage.admin_tables import build_tables
from tandau.storage.booth_tables import booth_metadata
from tandau.storage.community_tables import community_metadata
from tandau.storage.migrate import autogenerate
from tandau.storage.shared_tables import shared_metadata
from tandau.storage.tables import metadata as board_metadata
from tandau.storage.web_tables import web_metadata

__all__ = [
    "ADMIN_TABLES",
    "admin_commissions",
    "admin_elections",
    "admin_metadata",
    "admin_precincts",
    "admin_row_store",
    "admin_voters",
    "all_tables",
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
