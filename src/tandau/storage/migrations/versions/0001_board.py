"""The board tables and their append-only triggers (board spec §B9; ADR 0002).

Revision ID: 0001_board
Revises:
Create Date: 2026-11-25

Creates ``board_entries``, ``board_nodes`` and ``board_heads``.  Triggers make
the tables append-only in the database itself: on PostgreSQL one function
raises on UPDATE, DELETE and TRUNCATE of any board table (statement-level, so
even a statement touching no row is refused); on SQLite ``RAISE(ABORT)``
triggers refuse UPDATE and DELETE.  Both also refuse an INSERT that would skip
a seq, and SQLite refuses an INSERT over an existing key (``INSERT OR
REPLACE`` would otherwise delete silently).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_board"
down_revision = None
branch_labels = None
depends_on = None

TABLES = ("board_entries", "board_nodes", "board_heads")
#: Each table's key columns, for SQLite's refusal of INSERT over an existing row.
KEYS = {
    "board_entries": ("election", "seq"),
    "board_nodes": ("election", "level", "idx"),
    "board_heads": ("election", "tree_size"),
}

PG_REFUSE = """
CREATE FUNCTION tandau_board_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'tandau: % on % is refused: the board is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$
"""

PG_NO_GAP = """
CREATE FUNCTION tandau_board_entries_no_gap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq > 0 AND NOT EXISTS (
        SELECT 1 FROM board_entries WHERE election = NEW.election AND seq = NEW.seq - 1
    ) THEN
        RAISE EXCEPTION 'tandau: entry % of % would leave a gap', NEW.seq, NEW.election
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$
"""


def _create_tables() -> None:
    op.create_table(
        "board_entries",
        sa.Column("election", sa.String(128), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False, autoincrement=False),
        sa.Column("leaf_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("election", "seq", name="pk_board_entries"),
        sa.CheckConstraint("seq >= 0", name="ck_board_entries_seq"),
    )
    op.create_index(
        "ix_board_entries_elections",
        "board_entries",
        ["election"],
        sqlite_where=sa.text("seq = 0"),
        postgresql_where=sa.text("seq = 0"),
    )
    op.create_table(
        "board_nodes",
        sa.Column("election", sa.String(128), nullable=False),
        sa.Column("level", sa.SmallInteger, nullable=False, autoincrement=False),
        sa.Column("idx", sa.BigInteger, nullable=False, autoincrement=False),
        sa.Column("hash", sa.LargeBinary(32), nullable=False),
        sa.PrimaryKeyConstraint("election", "level", "idx", name="pk_board_nodes"),
    )
    op.create_table(
        "board_heads",
        sa.Column("election", sa.String(128), nullable=False),
        sa.Column("tree_size", sa.BigInteger, nullable=False, autoincrement=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("signature", sa.LargeBinary(64), nullable=False),
        sa.PrimaryKeyConstraint("election", "tree_size", name="pk_board_heads"),
    )


def _postgresql_triggers() -> None:
    op.execute(PG_REFUSE)
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_append_only"
            f" BEFORE UPDATE OR DELETE OR TRUNCATE ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION tandau_board_refuse_change()"
        )
    op.execute(PG_NO_GAP)
    op.execute(
        "CREATE TRIGGER board_entries_no_gap BEFORE INSERT ON board_entries"
        " FOR EACH ROW EXECUTE FUNCTION tandau_board_entries_no_gap()"
    )


def _sqlite_triggers() -> None:
    for table in TABLES:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}"
                f" BEGIN SELECT RAISE(ABORT, 'tandau: {verb} on {table} is refused:"
                " the board is append-only'); END"
            )
        match = " AND ".join(f"{c} = NEW.{c}" for c in KEYS[table])
        op.execute(
            f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table}"  # noqa: S608 (constants)
            f" WHEN EXISTS (SELECT 1 FROM {table} WHERE {match})"
            f" BEGIN SELECT RAISE(ABORT, 'tandau: INSERT over a row of {table} is refused:"
            " the board is append-only'); END"
        )
    op.execute(
        "CREATE TRIGGER board_entries_no_gap BEFORE INSERT ON board_entries"
        " WHEN NEW.seq > 0 AND NOT EXISTS (SELECT 1 FROM board_entries"
        " WHERE election = NEW.election AND seq = NEW.seq - 1)"
        " BEGIN SELECT RAISE(ABORT, 'tandau: this entry would leave a gap'); END"
    )


def upgrade() -> None:
    _create_tables()
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        _postgresql_triggers()
    elif dialect == "sqlite":
        _sqlite_triggers()
    else:
        raise RuntimeError(f"the board supports SQLite and PostgreSQL, not {dialect}")


def downgrade() -> None:
    raise NotImplementedError("the board tables are never dropped by a migration")
