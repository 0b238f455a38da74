"""The administration's row store on SQLite and PostgreSQL: schema, revisions, append-only."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from tandau.admin.rowstore import OUTBOX, TABLE_KEYS, MemoryRowStore, RowRepository, RowStore
from tandau.schema import ADMIN_TABLES as TABLES
from tandau.schema import admin_metadata
from tandau.storage.admin_repo import SqlRowStore
from tandau.storage.admin_tables import versioned

VERSIONED = frozenset(name for name, t in TABLES.items() if versioned(t))
admin_units = TABLES["admin_units"]

UNIT = {
    "code": "990000000",
    "level": "region",
    "parent": None,
    "name_kk": "Облыс",
    "name_ru": "Область",
    "name_en": "Region",
}


def test_the_migration_creates_the_admin_tables(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), admin_metadata)
    # Only the admin tables' own differences: other tables (the board's, the web
    # accounts', which refer to admin_commissions) are missing from this metadata.
    ours = [d for d in diff if _table_name(d).startswith("admin_")]
    assert ours == []
    assert {d[1].name for d in diff if d[0] == "remove_table"}.isdisjoint(TABLES)


def _table_name(d: object) -> str:
    """The table an Alembic autogenerate difference is about."""
    first = d[0] if isinstance(d, list) else d
    assert isinstance(first, tuple)
    for part in first[1:]:
        name = getattr(part, "name", None) if hasattr(part, "columns") else None
        if isinstance(name, str):
            return name
        table = getattr(part, "table", None)
        if table is not None:
            return str(table.name)
        if isinstance(part, str) and part in TABLES:
            return part
    return str(first)


def test_table_keys_agree_with_the_admin_layer() -> None:
    assert set(TABLE_KEYS) == set(TABLES)
    for name, keys in TABLE_KEYS.items():
        columns = [c.name for c in TABLES[name].primary_key.columns if c.name != "rev"]
        assert tuple(columns) == keys, name
    assert {
        "admin_elections",
        "admin_candidates",
        "admin_voters",
        "admin_protocols",
        OUTBOX,
    } == VERSIONED


@pytest.fixture(params=["sql", "memory"])
def store(request: pytest.FixtureRequest, engine: Engine) -> RowStore:
    return SqlRowStore(engine, TABLES) if request.param == "sql" else MemoryRowStore()


def _voter(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "election": "e1",
        "iin": "900505370004",
        "name": "V",
        "birth_date": date(1990, 5, 5),
        "precinct": "P-1",
        "residence_unit": "990000000",
        "active": True,
    }
    row.update(changes)
    return row


def _seed(store: RowStore) -> None:
    with store.transaction() as rows:
        rows.insert("admin_units", UNIT)
        rows.insert(
            "admin_precincts", {"code": "P-1", "number": 1, "unit": "990000000", "address": "A"}
        )
        rows.insert(
            "admin_precincts", {"code": "P-2", "number": 2, "unit": "990000000", "address": "B"}
        )


def test_the_row_contract(store: RowStore) -> None:
    """get, insert, update (a new revision), select and count see the current record."""
    _seed(store)
    with store.transaction() as rows:
        rows.insert("admin_voters", _voter())
        rows.insert("admin_voters", _voter(iin="900505370005"))
        rows.update("admin_voters", {"election": "e1", "iin": "900505370004"}, {"precinct": "P-2"})
        rows.update("admin_voters", {"election": "e1", "iin": "900505370005"}, {"active": False})
    with store.transaction() as rows:
        assert rows.get("admin_voters", {"election": "e1", "iin": "900505370004"}) == _voter(
            precinct="P-2"
        )
        assert rows.count("admin_voters", {"election": "e1", "active": True}) == 1
        assert rows.count("admin_voters", {"precinct": "P-1"}) == 1
        assert [r["iin"] for r in rows.select("admin_voters", {"election": "e1"})] == [
            "900505370004",
            "900505370005",
        ]
        assert rows.select("admin_voters", {"precinct": "P-1", "active": True}) == []
        assert rows.get("admin_voters", {"election": "e2", "iin": "900505370004"}) is None


def test_a_failed_transaction_leaves_nothing(store: RowStore) -> None:
    _seed(store)
    with pytest.raises(RuntimeError), store.transaction() as rows:
        rows.insert("admin_voters", _voter())
        raise RuntimeError("boom")
    with store.transaction() as rows:
        assert rows.select("admin_voters", {}) == []


def test_the_outbox_numbers_events_in_order(store: RowStore) -> None:
    repo = RowRepository(store)
    with repo.transaction() as tx:
        tx.add_event("admin.units.imported", {"count": 1})
        tx.add_event("admin.units.imported", {"count": 2})
    first, second = repo.pending_events()
    assert (first.id, second.id) == (1, 2)
    repo.mark_published(first.id)
    assert [e.id for e in repo.pending_events()] == [2]


def test_keys_hold(engine: Engine) -> None:
    store = SqlRowStore(engine, TABLES)
    _seed(store)
    with pytest.raises(IntegrityError), store.transaction() as rows:
        rows.insert("admin_units", UNIT)
    with store.transaction() as rows:
        rows.insert("admin_voters", _voter())
    with pytest.raises(IntegrityError), store.transaction() as rows:
        rows.insert("admin_voters", _voter())
    with pytest.raises(KeyError), store.transaction() as rows:
        rows.update("admin_units", {"code": "990000000"}, {"name_en": "R"})


def test_revisions_keep_history(engine: Engine) -> None:
    """A correction adds a row: every earlier state stays in the database."""
    store = SqlRowStore(engine, TABLES)
    _seed(store)
    with store.transaction() as rows:
        rows.insert("admin_voters", _voter())
    for precinct in ("P-2", "P-1"):
        with store.transaction() as rows:
            rows.update(
                "admin_voters", {"election": "e1", "iin": "900505370004"}, {"precinct": precinct}
            )
    table = TABLES["admin_voters"]
    with engine.connect() as conn:
        history = conn.execute(select(table.c.rev, table.c.precinct).order_by(table.c.rev)).all()
    assert [tuple(r) for r in history] == [(0, "P-1"), (1, "P-2"), (2, "P-1")]


@pytest.mark.parametrize(
    "statement", ["UPDATE admin_units SET name_en = 'x'", "DELETE FROM admin_units"]
)
def test_the_database_refuses_changes(engine: Engine, statement: str) -> None:
    """Triggers make the admin tables append-only, like the board's."""
    _seed(SqlRowStore(engine, TABLES))
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(admin_units)).scalar_one() == 1
