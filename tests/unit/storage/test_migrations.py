"""Migrations (ADR 0002): fresh databases, idempotence, schema equal to the tables module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, inspect, text

from tandau.storage import make_engine, migrate, upgrade
from tandau.storage.admin_tables import admin_metadata
from tandau.storage.tables import metadata
from tandau.storage.web_tables import web_metadata


def _all_tables() -> MetaData:
    """The board's, the administration's and the console's tables, as the head migration builds."""
    combined = MetaData()
    for source in (metadata, admin_metadata, web_metadata):
        for table in source.tables.values():
            table.to_metadata(combined)
    return combined


def _triggers(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                rows = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
            else:
                rows = conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
            return {r[0] for r in rows}
    finally:
        engine.dispose()


def test_fresh_database_gets_tables_and_triggers(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert {"board_entries", "board_nodes", "board_heads", "alembic_version"} <= tables
        assert migrate.current_revision(engine) == migrate.head_revision() == "0003_web"
    finally:
        engine.dispose()
    triggers = _triggers(db_url)
    if db_url.startswith("sqlite"):
        for table in ("board_entries", "board_nodes", "board_heads"):
            assert {f"{table}_no_update", f"{table}_no_delete", f"{table}_no_replace"} <= triggers
    else:
        assert {
            "board_entries_append_only",
            "board_nodes_append_only",
            "board_heads_append_only",
            "board_entries_no_gap",
        } <= triggers


def test_upgrade_is_idempotent(db_url: str) -> None:
    upgrade(db_url)
    before = _triggers(db_url)
    upgrade(db_url)
    upgrade(db_url)
    assert _triggers(db_url) == before
    engine = make_engine(db_url)
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def test_upgrade_accepts_an_engine(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_tables_module(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), _all_tables())
    finally:
        engine.dispose()
    assert diff == []


def test_upgrade_does_not_depend_on_the_working_directory(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert not (tmp_path / "alembic.ini").exists()
    upgrade(sqlite_url)
    assert os.listdir(tmp_path) == ["tandau.sqlite3"] or "tandau.sqlite3" in os.listdir(tmp_path)


def test_migrations_are_not_reversible(db_url: str) -> None:
    upgrade(db_url)
    from alembic import command

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            cfg = migrate.alembic_config()
            cfg.attributes["connection"] = conn
            with pytest.raises(NotImplementedError):
                command.downgrade(cfg, "base")
    finally:
        engine.dispose()
    assert "board_entries_no_gap" in _triggers(db_url)
