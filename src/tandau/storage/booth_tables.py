"""The polling-station booth's server-side tables (ADR 0009; migration ``0006_booth``).

- ``booth_devices``: the kiosk devices of each election.  Only SHA-256 hashes of
  the one-time enrolment code and of the device token are kept.
- ``booth_device_trail``: who registered, enrolled or revoked which device, when.
  Rows are only ever inserted.
- ``booth_audited``: the ballots opened for a Benaloh audit, by the hash of their
  ciphertexts; such a ballot is never cast.

None of this is public record: the devices are the commission's equipment.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
)

__all__ = ["booth_audited", "booth_device_trail", "booth_devices", "booth_metadata"]

booth_metadata = MetaData()

_TIME = 40
_HASH = 64

booth_devices = Table(
    "booth_devices",
    booth_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("election", String(100), nullable=False),
    Column("label", String(256), nullable=False),
    Column("status", String(16), nullable=False),
    Column("code_hash", String(_HASH), nullable=True),
    Column("code_expires", String(_TIME), nullable=True),
    Column("token_hash", String(_HASH), nullable=True),
    Column("created_by", String(64), nullable=False),
    Column("created_at", String(_TIME), nullable=False),
    Column("enrolled_at", String(_TIME), nullable=True),
    Column("revoked_at", String(_TIME), nullable=True),
    UniqueConstraint("code_hash", name="uq_booth_devices_code"),
    UniqueConstraint("token_hash", name="uq_booth_devices_token"),
)

booth_device_trail = Table(
    "booth_device_trail",
    booth_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("election", String(100), nullable=False),
    Column("device", Integer, nullable=False),
    Column("action", String(16), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("at", String(_TIME), nullable=False),
)

booth_audited = Table(
    "booth_audited",
    booth_metadata,
    Column("election", String(100), nullable=False),
    Column("ciphertexts", String(_HASH), nullable=False),
    Column("tracking_code", String(32), nullable=False),
    Column("audited_at", String(_TIME), nullable=False),
    PrimaryKeyConstraint("election", "ciphertexts", name="pk_booth_audited"),
)
