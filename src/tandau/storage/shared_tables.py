"""The web tier's shared counters in the database (ADR 0018; migration ``0007_shared_state``).

- ``web_rate_buckets``: one token bucket per (action, client address) — the
  tokens left, when they were counted (Unix seconds), and whether the last
  take was granted (what the upsert that takes a token returns).
- ``web_sign_in_failures``: failed sign-ins per (user name, client address):
  how many, until when the pair waits, and the last failure (for pruning).

Ordinary mutable tables, nothing of the public record.  They are used on
PostgreSQL when no Redis is configured, so that every worker of every host
sees the same counters.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Integer, MetaData, String, Table

__all__ = ["KEY_LENGTH", "shared_metadata", "web_rate_buckets", "web_sign_in_failures"]

shared_metadata = MetaData()

#: The longest counter key: an action or "user|address" prefix and an address.
KEY_LENGTH = 200

web_rate_buckets = Table(
    "web_rate_buckets",
    shared_metadata,
    Column("key", String(KEY_LENGTH), primary_key=True),
    Column("tokens", Float, nullable=False),
    Column("stamp", Float, nullable=False),
    Column("granted", Boolean, nullable=False),
)

web_sign_in_failures = Table(
    "web_sign_in_failures",
    shared_metadata,
    Column("key", String(KEY_LENGTH), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("until", Float, nullable=False),
    Column("last", Float, nullable=False),
)
