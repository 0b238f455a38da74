"""Engines (ADR 0002): SQLite pragmas for durability, PostgreSQL through psycopg 3."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tandau.storage import make_engine
from tandau.storage.database import election_lock_key


def test_sqlite_is_durable_wal(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url, busy_timeout_ms=1234)
    try:
        with engine.connect() as conn:
            pragma = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in (
                    "journal_mode",
                    "synchronous",
                    "foreign_keys",
                    "busy_timeout",
                    "recursive_triggers",
                )
            }
    finally:
        engine.dispose()
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": 1234,
        "recursive_triggers": 1,
    }


def test_sqlite_transactions_really_begin(sqlite_url: str) -> None:
    """We emit BEGIN ourselves: a read transaction sees one snapshot."""
    engine = make_engine(sqlite_url)
    other = make_engine(sqlite_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
            conn.execute(text("INSERT INTO t VALUES (1)"))
        with engine.connect() as reader, reader.begin():
            assert reader.execute(text("SELECT count(*) FROM t")).scalar() == 1
            with other.begin() as writer:
                writer.execute(text("INSERT INTO t VALUES (2)"))
            assert reader.execute(text("SELECT count(*) FROM t")).scalar() == 1
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 2
    finally:
        engine.dispose()
        other.dispose()


def test_postgresql_url_gets_psycopg(pg_url: str) -> None:
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    engine = make_engine(plain)
    try:
        assert engine.dialect.driver == "psycopg"
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "url",
    ["mysql://u@h/db", "postgresql+psycopg2://u@h/db", "sqlite+pysqlcipher:///x.db"],
)
def test_other_databases_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        make_engine(url)


def test_lock_keys_are_per_election_and_64_bit() -> None:
    a, b = election_lock_key("demo-1"), election_lock_key("demo-2")
    assert a != b
    assert a == election_lock_key("demo-1")
    assert -(2**63) <= a < 2**63
