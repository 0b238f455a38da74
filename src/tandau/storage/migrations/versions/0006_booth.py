"""The polling-station booth's tables (``tandau.storage.booth_tables``, ADR 0009).

Revision ID: 0006_booth
Revises: 0005_community_reports
Create Date: 2026-12-04

Kiosk devices (hashes of the enrolment code and device token only) with their
enrolments and revocations, insert-only; their audit trail, and the ballots
opened for a Benaloh audit (never to be cast).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_booth"
down_revision = "0005_community_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "booth_devices",
        sa.Column("id", sa.Integer, nullable=False, autoincrement=True),
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("label", sa.String(256), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("code_expires", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash", name="uq_booth_devices_code"),
    )
    op.create_table(
        "booth_enrolments",
        sa.Column("device", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("enrolled_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("device"),
        sa.UniqueConstraint("token_hash", name="uq_booth_enrolments_token"),
    )
    op.create_table(
        "booth_revocations",
        sa.Column("device", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("revoked_by", sa.String(64), nullable=False),
        sa.Column("revoked_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("device"),
    )
    op.create_table(
        "booth_device_trail",
        sa.Column("id", sa.Integer, nullable=False, autoincrement=True),
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("device", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "booth_audited",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("ciphertexts", sa.String(64), nullable=False),
        sa.Column("tracking_code", sa.String(32), nullable=False),
        sa.Column("audited_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("election", "ciphertexts", name="pk_booth_audited"),
    )


def downgrade() -> None:
    op.drop_table("booth_audited")
    op.drop_table("booth_device_trail")
    op.drop_table("booth_revocations")
    op.drop_table("booth_enrolments")
    op.drop_table("booth_devices")
