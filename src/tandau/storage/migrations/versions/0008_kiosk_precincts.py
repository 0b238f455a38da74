"""Kiosks bound to a polling station (``tandau.storage.booth_tables``, ADR 0026).

Revision ID: 0008_kiosk_precincts
Revises: 0007_shared_state
Create Date: 2026-12-04

``booth_devices.precinct``: the station a kiosk stands at (NULL for a device
registered before: it casts under no credential bound to a station).
``booth_credential_precincts``: the station each public credential was issued
for, written when the console issues a precinct's credentials.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_kiosk_precincts"
down_revision = "0007_shared_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("booth_devices", sa.Column("precinct", sa.String(64), nullable=True))
    op.create_table(
        "booth_credential_precincts",
        sa.Column("election", sa.String(100), nullable=False),
        sa.Column("credential", sa.String(64), nullable=False),
        sa.Column("precinct", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("election", "credential", name="pk_booth_credential_precincts"),
    )


def downgrade() -> None:
    op.drop_table("booth_credential_precincts")
    with op.batch_alter_table("booth_devices") as batch:
        batch.drop_column("precinct")
