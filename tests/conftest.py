"""Shared fixtures: one database URL per backend, and the local Redis server.

``db_url`` runs a test on SQLite (a fresh file) and on PostgreSQL (a fresh,
uniquely named database on the local server, dropped afterwards).  An
unreachable PostgreSQL or Redis server fails the test: it never skips.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import redis
from psycopg import sql

# Helper modules whose asserts pytest rewrites (a failure shows the values compared).
pytest.register_assert_rewrite("public_api")

#: The local test server (trust auth); new databases are created from ``test``.
PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_USER = "postgres"
PG_ADMIN_DB = "test"


def _admin() -> psycopg.Connection[tuple[object, ...]]:
    try:
        return psycopg.connect(
            host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=PG_ADMIN_DB, autocommit=True
        )
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL at {PG_HOST}:{PG_PORT} is unreachable: {exc}", pytrace=False)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database ``tandau_test_<random>``, dropped at teardown."""
    name = f"tandau_test_{secrets.token_hex(6)}"
    with _admin() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"postgresql+psycopg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        with _admin() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tandau.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty database on each backend (the test runs once per backend)."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(name)
    return url


#: The local Redis server; tests keep to keys under a random prefix and delete them.
REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_url() -> str:
    """The local Redis server's URL; the test fails (never skips) if it does not answer."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis at {REDIS_URL} is unreachable: {exc}", pytrace=False)
    finally:
        client.close()
    return REDIS_URL
