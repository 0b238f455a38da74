"""The community tests' store: in memory, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tandau.community.rowstore import MemoryRowStore, RowStore
from tandau.schema import SqlCommunityStore
from tandau.storage import make_engine, upgrade


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Iterator[RowStore]:
    if request.param == "memory":
        yield MemoryRowStore()
        return
    url: str = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    upgrade(url)
    engine = make_engine(url)
    try:
        yield SqlCommunityStore(engine)
    finally:
        engine.dispose()
