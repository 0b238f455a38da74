"""The web tier's shared counters (``tandau.storage.shared_tables``, ADR 0018).

Revision ID: 0007_shared_state
Revises: 0006_booth
Create Date: 2026-12-04

Token buckets of the rate limits and the sign-in failures per (user, address),
so that every worker and every host of one installation counts together.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_shared_state"
down_revision = "0006_booth"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_rate_buckets",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("tokens", sa.Float, nullable=False),
        sa.Column("stamp", sa.Float, nullable=False),
        sa.Column("granted", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "web_sign_in_failures",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("until", sa.Float, nullable=False),
        sa.Column("last", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("web_sign_in_failures")
    op.drop_table("web_rate_buckets")
