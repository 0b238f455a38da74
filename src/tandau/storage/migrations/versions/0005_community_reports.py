"""The akim's reports to the population (``community_reports``), append-only.

Revision ID: 0005_community_reports
Revises: 0004_community
Create Date: 2026-12-04

One report per key with its questions and answers in the JSON body; like the other
community tables a change is a new row with the next ``rev`` and triggers refuse
UPDATE and DELETE (and TRUNCATE on PostgreSQL; the refusing function comes from
``0004_community``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_community_reports"
down_revision = "0004_community"
branch_labels = None
depends_on = None

NAME = "community_reports"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        NAME,
        sa.Column("community", sa.String(64), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("rev", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("community", "id", "rev", name=f"pk_{NAME}"),
    )
    if dialect == "postgresql":
        op.execute(
            f"CREATE TRIGGER {NAME}_append_only"
            f" BEFORE UPDATE OR DELETE OR TRUNCATE ON {NAME}"
            " FOR EACH STATEMENT EXECUTE FUNCTION tandau_community_refuse_change()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {NAME}_no_{verb.lower()} BEFORE {verb} ON {NAME}"
                f" BEGIN SELECT RAISE(ABORT, 'tandau: {verb} on {NAME} is refused:"
                " community records are append-only'); END"
            )


def downgrade() -> None:
    raise NotImplementedError("the community's tables are never dropped by a migration")
