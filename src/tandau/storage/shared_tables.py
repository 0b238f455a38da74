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

from typing import Any

from sqlalchemy import Boolean, Column, Float, Integer, MetaData, String, Table
from sqlalchemy.types import TypeEngine

__all__ = ["KEY_LENGTH", "shared_metadata", "web_rate_buckets", "web_sign_in_failures"]

shared_metadata = MetaData()

#: The longest counter key: an action or "user|address" prefix and an address.
KEY_LENGTH = 200


def _counters(name: str, **columns: type[TypeEngine[Any]]) -> Table:
    """A table of counters by ``key``, each column required."""
    required = (Column(n, kind, nullable=False) for n, kind in columns.items())
    return Table(
        name, shared_metadata, Column("key", String(KEY_LENGTH), primary_key=True), *required
    )


web_rate_buckets = _counters("web_rate_buckets", tokens=Float, stamp=Float, granted=Boolean)
web_sign_in_failures = _counters("web_sign_in_failures", count=Integer, until=Float, last=Float)
