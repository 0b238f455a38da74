"""The commission console's tables: accounts, trustee seats, ceremony uploads, credential batches.

Unlike the board and the administration, these tables are ordinary mutable
tables: an account's session version, its last used TOTP step and its password
hash change in place.  Nothing here is part of the public record: ceremony
uploads reach the board when the ceremony is finalised, credential batches
record only how many codes were issued (never a code).  Migration ``0003_web``
creates the same tables; a test keeps the two equal.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.schema import SchemaItem

__all__ = [
    "web_accounts",
    "web_ceremony_files",
    "web_credential_batches",
    "web_metadata",
    "web_trustee_seats",
]

web_metadata = MetaData()

_TIME = 40

web_accounts = Table(
    "web_accounts",
    web_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("commission", String(64), ForeignKey("admin_commissions.id"), nullable=False),
    Column("username", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", String(200), nullable=False),
    # The TOTP secret, sealed with a key derived from the server's secret key.
    Column("totp_secret", Text, nullable=False),
    Column("totp_last_step", BigInteger, nullable=True),
    Column("session_version", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", String(_TIME), nullable=False),
    UniqueConstraint("username", name="uq_web_accounts_username"),
)


def _of_election(name: str, key: tuple[str, ...], *columns: SchemaItem) -> Table:
    """A table of rows of one election each, keyed by the election and ``key``."""
    election = Column("election", String(100), nullable=False)
    primary = PrimaryKeyConstraint("election", *key, name=f"pk_{name}")
    return Table(name, web_metadata, election, *columns, primary)


web_trustee_seats = _of_election(
    "web_trustee_seats",
    ("trustee",),
    Column("trustee", Integer, nullable=False),
    Column("account", Integer, ForeignKey("web_accounts.id"), nullable=False),
    UniqueConstraint("election", "account", name="uq_web_trustee_seats_account"),
)

web_ceremony_files = _of_election(
    "web_ceremony_files",
    ("kind", "trustee", "recipient"),
    Column("kind", String(16), nullable=False),
    Column("trustee", Integer, nullable=False),
    # The trustee a reveal answers; 0 for the other kinds.
    Column("recipient", Integer, nullable=False),
    Column("body", JSON, nullable=False),
    Column("uploaded_by", Integer, ForeignKey("web_accounts.id"), nullable=False),
    Column("uploaded_at", String(_TIME), nullable=False),
)

web_credential_batches = _of_election(
    "web_credential_batches",
    ("precinct",),
    Column("precinct", String(64), nullable=False),
    Column("count", Integer, nullable=False),
    Column("issued_by", Integer, ForeignKey("web_accounts.id"), nullable=False),
    Column("issued_at", String(_TIME), nullable=False),
)
