"""Work run in child processes by the shared-state tests (importable by a spawned interpreter)."""

from __future__ import annotations

from typing import Any

from tandau.storage import make_engine
from tandau.storage.shared_state import SqlFailures, SqlRates
from tandau.web.redis_state import RedisFailures, RedisRates, connect


def open_stores(kind: str, url: str, prefix: str) -> tuple[Any, Any, Any]:
    """(rates, failures, engine or None) of ``kind`` ("database" or "redis")."""
    if kind == "database":
        engine = make_engine(url)
        return SqlRates(engine), SqlFailures(engine), engine
    client = connect(url)
    return RedisRates(client, prefix), RedisFailures(client, prefix), None


def hammer(kind: str, url: str, prefix: str, tries: int, start: Any) -> tuple[int, int]:
    """After ``start``: ``tries`` takes from bucket "b" (burst 40, no refill) and ``tries``
    failures of key "f"; returns (tokens granted, highest failure count seen)."""
    rates, failures, engine = open_stores(kind, url, prefix)
    counts: list[int] = []

    def delay_of(count: int) -> float:
        counts.append(count)
        return float(count)

    start.wait(60)
    granted = 0
    for _ in range(tries):
        granted += rates.take("b", 0.0, 40, 1000.0)
        failures.failed("f", 1000.0, delay_of)
    rates.close()
    if engine is not None:
        engine.dispose()
    return granted, max(counts)
