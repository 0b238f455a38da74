"""Storage tests: a migrated database on each backend and a store over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from tandau.storage import SqlBoardStore, make_engine, upgrade


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a freshly migrated database (SQLite file or PostgreSQL)."""
    upgrade(db_url)
    eng = make_engine(db_url)
    try:
        yield eng
    finally:
        eng.dispose()


@pytest.fixture
def store(engine: Engine) -> SqlBoardStore:
    return SqlBoardStore(engine)
