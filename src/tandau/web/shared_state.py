"""Where the web tier keeps what its workers must share (ADR 0018).

Two kinds of mutable state outlive a request and must be the same for every
worker behind a load balancer, or each worker would grant its own quota:

- ``RateStore``: token buckets of the rate limits (casting, audits, device
  enrolment, sign-ins per address);
- ``FailureStore``: failed sign-ins per (user, address) and the wait they set.

Each has an in-memory implementation for one process (the SQLite demo), a
Redis one (``TANDAU_REDIS_URL``, :mod:`.redis_state`) and a SQL one
(:mod:`tandau.storage.shared_state`, used on PostgreSQL without Redis).
Everything else a worker holds is either in the database already (sessions'
server side: the account's session version; signed heads: ``board_heads``;
the board's sequencing: its writer lock) or a cache derived from the database
and re-synced by board size before each use (election services, read models).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from tandau.settings import Settings
from tandau.storage.database import backend
from tandau.storage.shared_state import SqlFailures, SqlRates

__all__ = [
    "FailureStore",
    "MemoryFailures",
    "MemoryRates",
    "RateStore",
    "SharedState",
    "namespace",
    "open_shared_state",
]

#: In-memory stores forget everything past this many keys (bounds what a spraying client takes).
_MAX_KEYS = 100_000


class RateStore(Protocol):
    def take(self, key: str, rate: float, burst: int, now: float) -> bool:
        """Take one token from bucket ``key`` (``burst`` at most, ``rate`` a second back)."""

    def close(self) -> None: ...


class FailureStore(Protocol):
    def waiting(self, key: str, now: float) -> float:
        """Seconds ``key`` must still wait (0: it may try)."""

    def failed(self, key: str, now: float, delay_of: Callable[[int], float]) -> float:
        """Count a failure; ``delay_of(count)`` is the wait it sets from ``now``."""

    def cleared(self, key: str) -> None: ...

    def close(self) -> None: ...


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass
class MemoryRates:
    """Token buckets in this process's memory."""

    _buckets: dict[str, _Bucket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, key: str, rate: float, burst: int, now: float) -> bool:
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= _MAX_KEYS:
                    self._buckets.clear()
                bucket = self._buckets[key] = _Bucket(float(burst), now)
            bucket.tokens = min(float(burst), bucket.tokens + max(0.0, now - bucket.stamp) * rate)
            bucket.stamp = now
            if bucket.tokens < 1:
                return False
            bucket.tokens -= 1
            return True

    def close(self) -> None:
        self._buckets.clear()


@dataclass
class _Failures:
    count: int = 0
    until: float = 0.0


@dataclass
class MemoryFailures:
    """Failed sign-ins in this process's memory."""

    _pairs: dict[str, _Failures] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def waiting(self, key: str, now: float) -> float:
        with self._lock:
            entry = self._pairs.get(key)
            return 0.0 if entry is None else max(0.0, entry.until - now)

    def failed(self, key: str, now: float, delay_of: Callable[[int], float]) -> float:
        with self._lock:
            if len(self._pairs) >= _MAX_KEYS:
                self._pairs = {k: v for k, v in self._pairs.items() if v.until > now}
            entry = self._pairs.setdefault(key, _Failures())
            entry.count += 1
            delay = delay_of(entry.count)
            entry.until = max(entry.until, now + delay)
            return delay

    def cleared(self, key: str) -> None:
        with self._lock:
            self._pairs.pop(key, None)

    def close(self) -> None:
        self._pairs.clear()


@dataclass(frozen=True)
class SharedState:
    """The stores of one worker; ``kind`` is memory, database or redis."""

    rates: RateStore
    failures: FailureStore
    kind: str

    def close(self) -> None:
        self.rates.close()
        self.failures.close()


def namespace(database_url: str) -> str:
    """The Redis key prefix of one installation: its database's name, hashed.

    Two installations sharing a Redis server (or two test databases) never share
    counters; every worker of one installation names the same database.
    """
    name = make_url(database_url).database or ""
    return f"tandau:{hashlib.sha256(name.encode()).hexdigest()[:16]}:"


def open_shared_state(settings: Settings, engine: Engine) -> SharedState:
    """Redis when configured; else the database on PostgreSQL; else this process's memory.

    SQLite is the single-process demo: its one write lock is the board's, and
    counters there would queue behind every cast.
    """
    if settings.redis_url:
        from .redis_state import RedisFailures, RedisRates, connect

        client = connect(settings.redis_url)
        prefix = namespace(settings.database_url)
        return SharedState(RedisRates(client, prefix), RedisFailures(client, prefix), "redis")
    if backend(engine) == "postgresql":
        return SharedState(SqlRates(engine), SqlFailures(engine), "database")
    return SharedState(MemoryRates(), MemoryFailures(), "memory")
