"""Board storage on SQLite (the embedded default, WAL) and PostgreSQL (ADR 0002).

``SqlBoardStore`` implements ``tandau.board.BoardStore``; ``make_engine``
configures a database; ``migrate.upgrade`` creates or updates the schema and
its append-only triggers.
"""

from __future__ import annotations

from .board_store import SqlBoardStore
from .database import make_engine, write_transaction
from .migrate import upgrade

__all__ = ["SqlBoardStore", "make_engine", "upgrade", "write_transaction"]
