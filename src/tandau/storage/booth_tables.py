"""The polling-station booth's server-side tables (ADR 0009; migration ``0006_booth``).

- ``booth_devices``: the kiosk devices of each election, as registered; then
  ``booth_enrolments`` and ``booth_revocations``, one row per device at most.  Only
  SHA-256 hashes of the one-time enrolment code and of the device token are kept.
  Every table is insert-only.
- ``booth_device_trail``: who registered, enrolled or revoked which device, when.
  Rows are only ever inserted.
- ``booth_credential_precincts``: the polling station each public credential was
  issued for (migration ``0008_kiosk_precincts``, ADR 0026): a kiosk casts only
  under credentials of its own station.
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
from sqlalchemy.schema import SchemaItem

__all__ = [
    "booth_audited",
    "booth_credential_precincts",
    "booth_device_trail",
    "booth_devices",
    "booth_enrolments",
    "booth_metadata",
    "booth_revocations",
]

booth_metadata = MetaData()

_TIME = 40
_HASH = 64


def _per_device(name: str, *columns: SchemaItem) -> Table:
    """A table of one row per device at most: its key is the device."""
    key = Column("device", Integer, primary_key=True, autoincrement=False)
    return Table(name, booth_metadata, key, *columns)


booth_devices = Table(
    "booth_devices",
    booth_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("election", String(100), nullable=False),
    Column("label", String(256), nullable=False),
    Column("code_hash", String(_HASH), nullable=False),
    Column("code_expires", String(_TIME), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", String(_TIME), nullable=False),
    UniqueConstraint("code_hash", name="uq_booth_devices_code"),
    # The polling station the kiosk stands at (``0008_kiosk_precincts``); NULL for a
    # device registered before, which casts under no credential bound to a station.
    Column("precinct", String(64), nullable=True),
)

# A device's state is derived from the rows below, never updated in place (the
# storage layer has no UPDATE path): its primary key makes enrolment a one-time
# compare-and-set even when two browsers race with the same code.
booth_enrolments = _per_device(
    "booth_enrolments",
    Column("token_hash", String(_HASH), nullable=False),
    Column("enrolled_at", String(_TIME), nullable=False),
    UniqueConstraint("token_hash", name="uq_booth_enrolments_token"),
)

booth_revocations = _per_device(
    "booth_revocations",
    Column("revoked_by", String(64), nullable=False),
    Column("revoked_at", String(_TIME), nullable=False),
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

booth_credential_precincts = Table(
    "booth_credential_precincts",
    booth_metadata,
    Column("election", String(100), nullable=False),
    Column("credential", String(_HASH), nullable=False),
    Column("precinct", String(64), nullable=False),
    PrimaryKeyConstraint("election", "credential", name="pk_booth_credential_precincts"),
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
