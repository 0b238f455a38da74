"""Storage on SQLite (embedded, WAL) and PostgreSQL (ADR 0002): tables, one writer, migrations.

Owns: the board's tables and ``SqlBoardStore`` (:mod:`.tables`,
:mod:`.board_store`), engines and the serialised write transaction
(:mod:`.database`), the administration's row store and the tables it builds
from record declarations (:mod:`.admin_repo`, :mod:`.admin_tables`, ADR 0012),
the console's tables (:mod:`.web_tables`), the server's key ring of board-signing
keys (:mod:`.keyring`) and the Alembic migrations (:mod:`.migrate`, ``migrations/``).

May import: ``tandau.board``, ``tandau.protocol``, ``tandau.crypto`` and
SQLAlchemy/Alembic — never ``tandau.admin`` or anything above (import-linter):
the administration's tables arrive as plain specs from ``tandau.schema``.

Entry points: ``SqlBoardStore.from_url``, ``make_engine``, ``upgrade``,
``SqlRowStore(engine, tables)``, ``migrate.autogenerate``.
"""

from __future__ import annotations

from .board_store import SqlBoardStore
from .database import make_engine, write_transaction
from .migrate import upgrade

__all__ = ["SqlBoardStore", "make_engine", "upgrade", "write_transaction"]
