"""The commission console's tables (``tandau.storage.web_tables``).

Revision ID: 0003_web
Revises: 0002_admin
Create Date: 2026-11-26

Commission accounts (argon2id password hash, sealed TOTP secret, session
version), the trustee seats of each election, the ceremony files trustees
upload before the ceremony is published, and the credential batches issued
(counts only).  These tables are mutable: nothing in them is public record.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_web"
down_revision = "0002_admin"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_accounts",
        sa.Column("id", sa.Integer, nullable=False, autoincrement=True),
        sa.Column(
            "commission", sa.String(64), sa.ForeignKey("admin_commissions.id"), nullable=False
        ),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("totp_secret", sa.Text, nullable=False),
        sa.Column("totp_last_step", sa.BigInteger, nullable=True),
        sa.Column("session_version", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username", name="uq_web_accounts_username"),
    )
    op.create_table(
        "web_trustee_seats",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("trustee", sa.Integer, nullable=False),
        sa.Column("account", sa.Integer, sa.ForeignKey("web_accounts.id"), nullable=False),
        sa.PrimaryKeyConstraint("election", "trustee", name="pk_web_trustee_seats"),
        sa.UniqueConstraint("election", "account", name="uq_web_trustee_seats_account"),
    )
    op.create_table(
        "web_ceremony_files",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("trustee", sa.Integer, nullable=False),
        sa.Column("recipient", sa.Integer, nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("uploaded_by", sa.Integer, sa.ForeignKey("web_accounts.id"), nullable=False),
        sa.Column("uploaded_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint(
            "election", "kind", "trustee", "recipient", name="pk_web_ceremony_files"
        ),
    )
    op.create_table(
        "web_credential_batches",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("precinct", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("issued_by", sa.Integer, sa.ForeignKey("web_accounts.id"), nullable=False),
        sa.Column("issued_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("election", "precinct", name="pk_web_credential_batches"),
    )


def downgrade() -> None:
    raise NotImplementedError("the console's tables are never dropped by a migration")
