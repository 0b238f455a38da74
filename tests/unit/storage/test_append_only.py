"""The database refuses to change the board (board spec §B9; ADR 0002).

Raw SQL, as an intruder with the application's credentials would send it:
the triggers refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL), and the keys
and triggers refuse a second entry at an existing height or a gap.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from board_contract import KEY, make_board
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from tandau.board import ChainError
from tandau.storage import SqlBoardStore

CHANGES = {
    "board_entries": [
        "UPDATE board_entries SET data = data WHERE seq = 1",
        "UPDATE board_entries SET type = 'x'",
        "DELETE FROM board_entries WHERE seq = 2",
        "DELETE FROM board_entries",
    ],
    "board_nodes": [
        "UPDATE board_nodes SET hash = hash",
        "DELETE FROM board_nodes WHERE level = 0",
    ],
    "board_heads": [
        "UPDATE board_heads SET signature = signature",
        "DELETE FROM board_heads",
    ],
}


def _snapshot(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        return [conn.execute(text(f"SELECT * FROM {t} ORDER BY 1, 2, 3")).all() for t in CHANGES]


def _refused(
    engine: Engine,
    statement: str,
    params: dict[str, object] | None = None,
    error: type = DBAPIError,
) -> None:
    """The database refuses the statement (by default as append-only) and nothing changes."""
    before = _snapshot(engine)
    match = "append-only" if error is DBAPIError else None
    with pytest.raises(error, match=match), engine.begin() as conn:
        conn.execute(text(statement), params or {})
    assert _snapshot(engine) == before


@pytest.mark.parametrize(
    "statement", [s for stmts in CHANGES.values() for s in stmts], ids=lambda s: s[:40]
)
def test_update_and_delete_are_refused(
    engine: Engine, store: SqlBoardStore, statement: str
) -> None:
    board = make_board(store, n=3)
    board.head()
    _refused(engine, statement)
    board.verify_chain(KEY.verify_key)


@pytest.mark.parametrize("table", list(CHANGES))
def test_truncate_is_refused_on_postgresql(
    engine: Engine, store: SqlBoardStore, table: str
) -> None:
    make_board(store, n=2).head()
    # SQLite has no TRUNCATE: its unqualified DELETE is one, and triggers disable the shortcut.
    statement = f"DELETE FROM {table}" if engine.dialect.name == "sqlite" else f"TRUNCATE {table}"
    _refused(engine, statement)


def test_a_second_row_at_a_height_is_refused(engine: Engine, store: SqlBoardStore) -> None:
    """A fork written past the store, straight into the table, is refused by the database."""
    board = make_board(store, n=3)
    evil = board.entry(1).data.replace(b'"i":1', b'"i":7')
    insert = "INSERT INTO board_entries (election, seq, leaf_hash, type, data)"
    values = " VALUES ('demo-1', 1, :h, 'ballot', :d)"
    _refused(engine, insert + values, {"h": bytes(32), "d": evil}, IntegrityError)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_insert_or_replace_is_refused_on_sqlite(engine: Engine, store: SqlBoardStore) -> None:
    """REPLACE deletes without firing DELETE triggers; the BEFORE INSERT trigger stops it."""
    board = make_board(store, n=3)
    replace = "INSERT OR REPLACE INTO board_entries (election, seq, leaf_hash, type, data)"
    values = " VALUES ('demo-1', 1, :h, 'ballot', :d)"
    _refused(engine, replace + values, {"h": bytes(32), "d": board.entry(1).data})


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_upsert_is_refused_on_postgresql(engine: Engine, store: SqlBoardStore) -> None:
    make_board(store, n=3)
    insert = "INSERT INTO board_entries (election, seq, leaf_hash, type, data)"
    values = " VALUES ('demo-1', 1, :h, 'ballot', 'x')"
    upsert = " ON CONFLICT (election, seq) DO UPDATE SET data = excluded.data"
    _refused(engine, insert + values + upsert, {"h": bytes(32)})


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_statement_triggers_refuse_even_when_no_row_matches(
    engine: Engine, store: SqlBoardStore
) -> None:
    make_board(store, n=1)
    for statement in (
        "DELETE FROM board_entries WHERE seq = 12345",
        "UPDATE board_heads SET data = data WHERE tree_size = 12345",
    ):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))


def test_a_gap_is_refused_by_the_database(engine: Engine, store: SqlBoardStore) -> None:
    make_board(store, n=2)
    with pytest.raises(DBAPIError, match="gap"), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO board_entries (election, seq, leaf_hash, type, data)"
                " VALUES ('demo-1', 5, :h, 'ballot', 'x')"
            ),
            {"h": bytes(32)},
        )


def test_tampering_past_the_triggers_is_detected(engine: Engine, store: SqlBoardStore) -> None:
    """An administrator who drops a trigger and edits a row is caught by verify_chain."""
    board = make_board(store, n=4)
    board.head()
    forged = board.entry(2).data.replace(b'"i":2', b'"i":3')
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER board_entries_no_update"))
        else:
            conn.execute(text("DROP TRIGGER board_entries_append_only ON board_entries"))
        conn.execute(
            text("UPDATE board_entries SET data = :d WHERE seq = 2"),
            {"d": forged},
        )
    with pytest.raises(ChainError):
        board.verify_chain(KEY.verify_key)


SOURCES = Path(__file__).resolve().parents[3] / "src" / "tandau"
#: The one storage module that changes rows by design: the web tier's rate-limit and
#: sign-in back-off counters (ADR 0018), in their own metadata, never part of a record.
MUTABLE_COUNTERS = "shared_state.py"
SQL_CHANGE = re.compile(r"\b(UPDATE\s+\w+\s+SET|DELETE\s+FROM|TRUNCATE\s+\w+|DROP\s+\w+)\b", re.I)


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def test_no_update_or_delete_path_in_code() -> None:
    """Board and storage code neither calls update/delete nor holds SQL that changes rows.

    The migration that creates the refusing triggers is one exception; the web tier's
    counters are the other (checked by the next test to touch only their own tables).
    """
    offenders = []
    for path in [*(SOURCES / "board").rglob("*.py"), *(SOURCES / "storage").rglob("*.py")]:
        if "migrations" in path.parts or path.name == MUTABLE_COUNTERS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in {"update", "delete", "truncate", "drop", "drop_all"}:
                    offenders.append(f"{path.name}:{node.lineno}: {name}()")
            elif isinstance(node, ast.alias) and node.name in {"update", "delete"}:
                offenders.append(f"{path.name}: import {node.name}")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and SQL_CHANGE.search(node.value)
            ):
                offenders.append(f"{path.name}:{node.lineno}: {node.value[:40]!r}")
    assert offenders == []


def test_mutable_counters_touch_only_their_own_tables() -> None:
    """The counters' module imports no table but the counters' own, which no record uses."""
    from tandau.schema import all_tables
    from tandau.storage.shared_tables import shared_metadata

    tree = ast.parse((SOURCES / "storage" / MUTABLE_COUNTERS).read_text(encoding="utf-8"))
    local = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level}
    assert local == {"database", "shared_tables"}
    counters = set(shared_metadata.tables)
    assert counters == {"web_rate_buckets", "web_sign_in_failures"}
    others = {name for name in all_tables().tables if name not in counters}
    assert others and not any(
        fk.column.table.name in others
        for name in counters
        for fk in shared_metadata.tables[name].foreign_keys
    )
