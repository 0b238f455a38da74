"""The community tests' store: in memory, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from community_world import sql_store

from tandau.community.rowstore import MemoryRowStore, RowStore


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Iterator[RowStore]:
    if request.param == "memory":
        yield MemoryRowStore()
        return
    url: str = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    yield from sql_store(url)
