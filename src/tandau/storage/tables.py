"""The board tables (board spec §B9; ADR 0002).

``board_entries.data`` holds an entry's exact bytes, the source of truth; the
other columns index them.  ``board_nodes`` holds the hashes of complete Merkle
subtrees (§B5); ``board_heads`` the signed heads, one per tree size.  The
migrations under ``migrations/versions`` create the same tables and the
triggers that refuse UPDATE, DELETE and TRUNCATE; a test keeps the two equal.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Index,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    text,
)

__all__ = ["board_entries", "board_heads", "board_nodes", "metadata"]

metadata = MetaData()

board_entries = Table(
    "board_entries",
    metadata,
    Column("election", String(128), nullable=False),
    Column("seq", BigInteger, nullable=False, autoincrement=False),
    Column("leaf_hash", LargeBinary(32), nullable=False),
    Column("type", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),
    PrimaryKeyConstraint("election", "seq", name="pk_board_entries"),
    CheckConstraint("seq >= 0", name="ck_board_entries_seq"),
)

# One row per election (its entry 0): lists elections without scanning ballots.
Index(
    "ix_board_entries_elections",
    board_entries.c.election,
    sqlite_where=text("seq = 0"),
    postgresql_where=text("seq = 0"),
)

board_nodes = Table(
    "board_nodes",
    metadata,
    Column("election", String(128), nullable=False),
    Column("level", SmallInteger, nullable=False, autoincrement=False),
    Column("idx", BigInteger, nullable=False, autoincrement=False),
    Column("hash", LargeBinary(32), nullable=False),
    PrimaryKeyConstraint("election", "level", "idx", name="pk_board_nodes"),
)

board_heads = Table(
    "board_heads",
    metadata,
    Column("election", String(128), nullable=False),
    Column("tree_size", BigInteger, nullable=False, autoincrement=False),
    Column("data", LargeBinary, nullable=False),
    Column("signature", LargeBinary(64), nullable=False),
    PrimaryKeyConstraint("election", "tree_size", name="pk_board_heads"),
)
