"""The community's tables (declared by the records of ``tandau.community``), append-only.

Revision ID: 0004_community
Revises: 0003_web
Create Date: 2026-12-04

Communities, residents, meeting members, sessions, open votes and the akim's
responses: key columns, a JSON body and a revision.  Triggers refuse UPDATE and
DELETE (and TRUNCATE on PostgreSQL): a changed record is a new row with the next
``rev``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_community"
down_revision = "0003_web"
branch_labels = None
depends_on = None

KEYS: dict[str, tuple[str, ...]] = {
    "community_communities": ("community",),
    "community_residents": ("community", "id"),
    "community_members": ("community", "id"),
    "community_sessions": ("community", "id"),
    "community_votes": ("community", "session", "item"),
    "community_responses": ("community", "session", "item"),
    "community_minutes": ("community", "id"),
    "community_budget_lines": ("community", "id"),
    "community_petitions": ("community", "id"),
    "community_member_codes": ("community", "id"),
    "community_ballots": ("community", "id"),
}

PG_REFUSE = """
CREATE FUNCTION tandau_community_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'tandau: % on % is refused: community records are append-only',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$
"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise RuntimeError(f"the community supports SQLite and PostgreSQL, not {dialect}")
    for name, keys in KEYS.items():
        op.create_table(
            name,
            *(
                sa.Column(k, sa.Integer if k == "item" else sa.String(64), nullable=False)
                for k in keys
            ),
            sa.Column("body", sa.JSON(), nullable=False),
            sa.Column("rev", sa.Integer, nullable=False),
            sa.PrimaryKeyConstraint(*keys, "rev", name=f"pk_{name}"),
        )
    if dialect == "postgresql":
        op.execute(PG_REFUSE)
    for name in KEYS:
        if dialect == "postgresql":
            op.execute(
                f"CREATE TRIGGER {name}_append_only"
                f" BEFORE UPDATE OR DELETE OR TRUNCATE ON {name}"
                " FOR EACH STATEMENT EXECUTE FUNCTION tandau_community_refuse_change()"
            )
        else:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {name}_no_{verb.lower()} BEFORE {verb} ON {name}"
                    f" BEGIN SELECT RAISE(ABORT, 'tandau: {verb} on {name} is refused:"
                    " community records are append-only'); END"
                )


def downgrade() -> None:
    raise NotImplementedError("the community's tables are never dropped by a migration")
