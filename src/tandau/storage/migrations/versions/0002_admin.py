"""The administration's tables (``tandau.storage.admin_tables``), append-only.

Revision ID: 0002_admin
Revises: 0001_board
Create Date: 2026-11-25

Units, precincts, commissions and members, elections and their districts,
accreditations, candidates and signature sheets, voter lists and their
corrections, precinct protocols, commission decisions, and the outbox of board
events.  As on the board, triggers refuse UPDATE and DELETE (and TRUNCATE on
PostgreSQL): a changed record is a new row with the next ``rev``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_admin"
down_revision = "0001_board"
branch_labels = None
depends_on = None

TABLES = (
    "admin_outbox",
    "admin_units",
    "admin_precincts",
    "admin_commissions",
    "admin_members",
    "admin_elections",
    "admin_districts",
    "admin_accreditations",
    "admin_candidates",
    "admin_signature_sheets",
    "admin_voters",
    "admin_voter_corrections",
    "admin_protocols",
    "admin_decisions",
)

PG_REFUSE = """
CREATE FUNCTION tandau_admin_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'tandau: % on % is refused: administration records are append-only',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$
"""


def _create_tables() -> None:
    op.create_table(
        "admin_accreditations",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("sponsor_kind", sa.String(64), nullable=False),
        sa.Column("sponsor", sa.String(300), nullable=False),
        sa.Column("candidate", sa.String(64), nullable=True),
        sa.Column("granted_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("election", "id", name="pk_admin_accreditations"),
    )
    op.create_table(
        "admin_candidates",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("birth_date", sa.Date, nullable=False),
        sa.Column("nomination", sa.String(16), nullable=False),
        sa.Column("party", sa.String(300), nullable=True),
        sa.Column("party_member", sa.Boolean, nullable=False),
        sa.Column("citizen", sa.Boolean, nullable=False),
        sa.Column("qualified", sa.Boolean, nullable=False),
        sa.Column("conviction", sa.Boolean, nullable=False),
        sa.Column("incapacitated", sa.Boolean, nullable=False),
        sa.Column("imprisoned", sa.Boolean, nullable=False),
        sa.Column("corruption_offence", sa.Boolean, nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("nominated_at", sa.String(40), nullable=False),
        sa.Column("valid_signatures", sa.Integer, nullable=False),
        sa.Column("invalid_signatures", sa.Integer, nullable=False),
        sa.Column("decided_at", sa.String(40), nullable=True),
        sa.Column("refusal", sa.JSON(), nullable=False),
        sa.Column("withdrawal", sa.Text, nullable=True),
        sa.Column("rev", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("election", "id", "rev", name="pk_admin_candidates"),
    )
    op.create_table(
        "admin_outbox",
        sa.Column("id", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("published", sa.Boolean, nullable=False),
        sa.Column("rev", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", "rev", name="pk_admin_outbox"),
    )
    op.create_index("ix_admin_outbox_published", "admin_outbox", ["published"])
    op.create_table(
        "admin_signature_sheets",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("candidate", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("signers", sa.JSON(), nullable=False),
        sa.Column("valid", sa.Integer, nullable=False),
        sa.Column("invalid", sa.Integer, nullable=False),
        sa.Column("submitted_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint(
            "election", "candidate", "number", name="pk_admin_signature_sheets"
        ),
    )
    op.create_table(
        "admin_units",
        sa.Column("code", sa.String(9), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("parent", sa.String(9), sa.ForeignKey("admin_units.code"), nullable=True),
        sa.Column("name_kk", sa.String(200), nullable=False),
        sa.Column("name_ru", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_admin_units"),
    )
    op.create_table(
        "admin_voter_corrections",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("iin", sa.String(12), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("precinct_from", sa.String(64), nullable=True),
        sa.Column("precinct_to", sa.String(64), nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("election", "seq", name="pk_admin_voter_corrections"),
    )
    op.create_table(
        "admin_districts",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("unit", sa.String(9), sa.ForeignKey("admin_units.code"), nullable=False),
        sa.Column("precincts", sa.JSON(), nullable=False),
        sa.Column("formed_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("election", name="pk_admin_districts"),
    )
    op.create_table(
        "admin_precincts",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("unit", sa.String(9), sa.ForeignKey("admin_units.code"), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_admin_precincts"),
    )
    op.create_table(
        "admin_commissions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("unit", sa.String(9), sa.ForeignKey("admin_units.code"), nullable=False),
        sa.Column("precinct", sa.String(64), sa.ForeignKey("admin_precincts.code"), nullable=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_admin_commissions"),
    )
    op.create_table(
        "admin_protocols",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("precinct", sa.String(64), sa.ForeignKey("admin_precincts.code"), nullable=False),
        sa.Column("voters_on_list", sa.Integer, nullable=False),
        sa.Column("ballots_received", sa.Integer, nullable=False),
        sa.Column("ballots_issued", sa.Integer, nullable=False),
        sa.Column("ballots_unused", sa.Integer, nullable=False),
        sa.Column("ballots_spoiled", sa.Integer, nullable=False),
        sa.Column("ballots_cast", sa.Integer, nullable=False),
        sa.Column("invalid", sa.Integer, nullable=False),
        sa.Column("against_all", sa.Integer, nullable=False),
        sa.Column("votes", sa.JSON(), nullable=False),
        sa.Column("entered_at", sa.String(40), nullable=False),
        sa.Column("annulled_by", sa.Integer, nullable=True),
        sa.Column("rev", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("election", "precinct", "rev", name="pk_admin_protocols"),
    )
    op.create_table(
        "admin_voters",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("iin", sa.String(12), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("birth_date", sa.Date, nullable=False),
        sa.Column("precinct", sa.String(64), sa.ForeignKey("admin_precincts.code"), nullable=False),
        sa.Column(
            "residence_unit", sa.String(9), sa.ForeignKey("admin_units.code"), nullable=False
        ),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("rev", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("election", "iin", "rev", name="pk_admin_voters"),
    )
    op.create_index("ix_admin_voters_iin", "admin_voters", ["iin"])
    op.create_table(
        "admin_decisions",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column(
            "commission", sa.String(64), sa.ForeignKey("admin_commissions.id"), nullable=False
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("resolution", sa.String(16), nullable=False),
        sa.Column("subject", sa.String(64), nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("rule", sa.String(64), nullable=False),
        sa.Column("article", sa.String(64), nullable=False),
        sa.Column("present", sa.JSON(), nullable=False),
        sa.Column("decided_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("election", "number", name="pk_admin_decisions"),
    )
    op.create_table(
        "admin_elections",
        sa.Column("id", sa.String(100), nullable=False),
        sa.Column("ruleset", sa.String(64), nullable=False),
        sa.Column("unit", sa.String(9), sa.ForeignKey("admin_units.code"), nullable=False),
        sa.Column(
            "commission", sa.String(64), sa.ForeignKey("admin_commissions.id"), nullable=False
        ),
        sa.Column("polling_day", sa.Date, nullable=False),
        sa.Column("called_at", sa.String(40), nullable=False),
        sa.Column("utc_offset_minutes", sa.Integer, nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("stage_changed_at", sa.String(40), nullable=False),
        sa.Column("term_ends", sa.Date, nullable=True),
        sa.Column("nomination_extended_until", sa.String(40), nullable=True),
        sa.Column("outcome", sa.JSON(), nullable=True),
        sa.Column("winner", sa.String(64), nullable=True),
        sa.Column("rev", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", "rev", name="pk_admin_elections"),
    )
    op.create_table(
        "admin_members",
        sa.Column(
            "commission", sa.String(64), sa.ForeignKey("admin_commissions.id"), nullable=False
        ),
        sa.Column("person", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("elected_on", sa.Date, nullable=False),
        sa.Column("term_until", sa.Date, nullable=False),
        sa.PrimaryKeyConstraint("commission", "person", name="pk_admin_members"),
    )


def _triggers(dialect: str) -> None:
    if dialect == "postgresql":
        op.execute(PG_REFUSE)
    for table in TABLES:
        if dialect == "postgresql":
            op.execute(
                f"CREATE TRIGGER {table}_append_only"
                f" BEFORE UPDATE OR DELETE OR TRUNCATE ON {table}"
                " FOR EACH STATEMENT EXECUTE FUNCTION tandau_admin_refuse_change()"
            )
        else:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}"
                    f" BEGIN SELECT RAISE(ABORT, 'tandau: {verb} on {table} is refused:"
                    " administration records are append-only'); END"
                )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise RuntimeError(f"the administration supports SQLite and PostgreSQL, not {dialect}")
    _create_tables()
    _triggers(dialect)


def downgrade() -> None:
    raise NotImplementedError("the administration's tables are never dropped by a migration")
