"""Rate-limit buckets and sign-in failures in the database (ADR 0018).

Every operation is one atomic statement or one short transaction, so any
number of workers on any number of hosts count together: a token is taken
by an upsert that refills and takes in the same row update (PostgreSQL locks
the row; SQLite holds its write lock), and a failure is counted by an upsert
that returns the new count.  Times are Unix seconds from the caller's clock.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable

from sqlalchemy import Engine, TextClause, delete, select, text, update

from .database import backend
from .shared_tables import KEY_LENGTH, web_rate_buckets, web_sign_in_failures

__all__ = ["FORGET_AFTER", "SqlFailures", "SqlRates"]

#: A failure record is dropped a day after its last failure and its wait.
FORGET_AFTER = 86_400.0
#: A bucket unused this long is full again, whatever its limit: it can go.
_BUCKET_IDLE = 3_600.0
_PRUNE_EVERY = 1_000


def _key(key: str) -> str:
    # Keys are an action and an address, or a user name (cut to 64) and an address.
    return key[:KEY_LENGTH]


@functools.lru_cache(maxsize=2)
def _take_statement(dialect: str) -> TextClause:
    """Refill and take one token in one upsert; ``granted`` says whether it was taken."""
    least, greatest = ("LEAST", "GREATEST") if dialect == "postgresql" else ("MIN", "MAX")
    refill = (
        f"{least}(:burst, web_rate_buckets.tokens"
        f" + {greatest}(0, :now - web_rate_buckets.stamp) * :rate)"
    )
    # Only the two function names vary, from the fixed pair above: no input reaches the text.
    return text(
        "INSERT INTO web_rate_buckets (key, tokens, stamp, granted)"  # noqa: S608
        " VALUES (:key, :burst - 1, :now, true)"
        " ON CONFLICT (key) DO UPDATE SET"
        f" tokens = CASE WHEN {refill} >= 1 THEN {refill} - 1 ELSE {refill} END,"
        f" granted = {refill} >= 1,"
        " stamp = :now"
        " RETURNING granted"
    )


class _Counters:
    """Counters in one table of the caller's engine, each counted by one upsert."""

    def __init__(self, engine: Engine, upsert: Callable[[str], TextClause]) -> None:
        self._engine = engine
        self._upsert = upsert(backend(engine))

    def close(self) -> None:
        """The engine is the caller's."""


class SqlRates(_Counters):
    """Token buckets in ``web_rate_buckets``."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, _take_statement)
        self._takes = 0
        self._lock = threading.Lock()

    def take(self, key: str, rate: float, burst: int, now: float) -> bool:
        params = {"key": _key(key), "rate": float(rate), "burst": float(burst), "now": now}
        with self._engine.begin() as conn:
            granted = conn.execute(self._upsert, params).scalar_one()
        with self._lock:
            self._takes += 1
            prune = self._takes % _PRUNE_EVERY == 0
        if prune:
            with self._engine.begin() as conn:
                conn.execute(
                    delete(web_rate_buckets).where(web_rate_buckets.c.stamp < now - _BUCKET_IDLE)
                )
        return bool(granted)


@functools.lru_cache(maxsize=2)
def _count_statement(dialect: str) -> TextClause:
    del dialect  # the same upsert on both backends
    return text(
        "INSERT INTO web_sign_in_failures (key, count, until, last)"
        " VALUES (:key, 1, 0, :now)"
        " ON CONFLICT (key) DO UPDATE SET"
        " count = web_sign_in_failures.count + 1, last = :now"
        " RETURNING count"
    )


class SqlFailures(_Counters):
    """Failed sign-ins per key in ``web_sign_in_failures``."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, _count_statement)

    def waiting(self, key: str, now: float) -> float:
        with self._engine.connect() as conn:
            until = conn.execute(
                select(web_sign_in_failures.c.until).where(web_sign_in_failures.c.key == _key(key))
            ).scalar()
        return 0.0 if until is None else max(0.0, float(until) - now)

    def failed(self, key: str, now: float, delay_of: Callable[[int], float]) -> float:
        table = web_sign_in_failures
        # One transaction: the upsert's row lock (PostgreSQL) or the write lock (SQLite)
        # holds until the wait is set, so two workers' failures both count.
        with self._engine.begin() as conn:
            count = int(conn.execute(self._upsert, {"key": _key(key), "now": now}).scalar_one())
            if count == 1:  # a new pair: forget the pairs nobody has tried for a day
                conn.execute(
                    delete(table).where(table.c.last < now - FORGET_AFTER, table.c.until < now)
                )
            delay = delay_of(count)
            conn.execute(
                update(table)
                .where(table.c.key == _key(key), table.c.until < now + delay)
                .values(until=now + delay)
            )
        return delay

    def cleared(self, key: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                delete(web_sign_in_failures).where(web_sign_in_failures.c.key == _key(key))
            )
