"""The workers' shared state: one contract for memory, database and Redis stores (ADR 0018).

Each store must refill and take tokens atomically and count every failure, so
two processes at once share one quota; the app picks Redis when configured,
the database on PostgreSQL and memory on SQLite.
"""

from __future__ import annotations

import multiprocessing
import secrets
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import redis
from shared_state_workers import hammer, open_stores

from tandau.settings import Settings
from tandau.storage import upgrade
from tandau.web.context import WebContext
from tandau.web.shared_state import MemoryFailures, MemoryRates, namespace

pytestmark = pytest.mark.redis


def _prefix() -> str:
    return f"tandau-test:{secrets.token_hex(6)}:"


def _drop_keys(url: str, prefix: str) -> None:
    client = redis.Redis.from_url(url)
    try:
        keys = list(client.scan_iter(match=prefix + "*"))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


@pytest.fixture(
    params=["memory", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres), "redis"]
)
def stores(request: pytest.FixtureRequest) -> Iterator[tuple[Any, Any]]:
    if request.param == "memory":
        yield MemoryRates(), MemoryFailures()
        return
    if request.param == "redis":
        url, prefix = request.getfixturevalue("redis_url"), _prefix()
        rates, failures, _ = open_stores("redis", url, prefix)
        yield rates, failures
        rates.close()
        _drop_keys(url, prefix)
        return
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    upgrade(url)
    rates, failures, engine = open_stores("database", url, "")
    yield rates, failures
    engine.dispose()


def test_a_bucket_grants_its_burst_then_refills_at_its_rate(stores: tuple[Any, Any]) -> None:
    rates, _ = stores
    rate = 0.1  # one token every 10 s
    assert [rates.take("cast:a", rate, 3, 100.0) for _ in range(4)] == [True] * 3 + [False]
    assert rates.take("cast:b", rate, 3, 100.0)  # another key: its own bucket
    assert not rates.take("cast:a", rate, 3, 105.0)  # half a token: still refused
    # A refusal takes nothing: at 110 s the bucket holds one token again.
    assert rates.take("cast:a", rate, 3, 110.0)
    assert not rates.take("cast:a", rate, 3, 110.0)
    # Never more than the burst, however long it rested.
    assert [rates.take("cast:a", rate, 3, 10_000.0) for _ in range(4)] == [True] * 3 + [False]


def test_failures_are_counted_and_set_a_wait_that_a_success_clears(
    stores: tuple[Any, Any],
) -> None:
    _, failures = stores
    seen: list[int] = []

    def delay_of(count: int) -> float:
        seen.append(count)
        return 0.0 if count < 3 else 30.0 * count

    assert failures.waiting("chair|a", 50.0) == 0.0
    assert [failures.failed("chair|a", 50.0, delay_of) for _ in range(3)] == [0.0, 0.0, 90.0]
    assert seen == [1, 2, 3]
    assert failures.waiting("chair|a", 60.0) == pytest.approx(80.0)
    assert failures.waiting("chair|b", 60.0) == 0.0  # another address: not affected
    assert failures.waiting("chair|a", 200.0) == 0.0  # the wait is over
    failures.cleared("chair|a")
    assert failures.failed("chair|a", 300.0, delay_of) == 0.0 and seen[-1] == 1


@pytest.mark.postgres
@pytest.mark.parametrize("kind", ["database", "redis"])
def test_two_processes_share_one_quota_and_count_every_failure(
    kind: str, request: pytest.FixtureRequest
) -> None:
    prefix = _prefix()
    if kind == "redis":
        url = request.getfixturevalue("redis_url")
    else:
        url = request.getfixturevalue("pg_url")
        upgrade(url)
    tries = 30
    ctx = multiprocessing.get_context("spawn")
    try:
        with ctx.Manager() as manager:
            start = manager.Event()
            with ProcessPoolExecutor(2, mp_context=ctx) as pool:
                futures = [pool.submit(hammer, kind, url, prefix, tries, start) for _ in range(2)]
                start.set()
                results = [f.result(timeout=120) for f in futures]
    finally:
        if kind == "redis":
            _drop_keys(url, prefix)
    # 60 takes from one bucket of 40 that never refills: exactly 40 granted between them.
    assert sum(granted for granted, _ in results) == 40
    # 60 failures of one key: the last one counted saw 60.
    assert max(top for _, top in results) == 2 * tries


def _context(url: str, tmp_path: Path, **settings: Any) -> WebContext:
    base = Settings.from_env({}, database_url=url, data_dir=tmp_path / "data")
    return WebContext.build(replace(base, **settings))


@pytest.mark.postgres
def test_the_app_picks_redis_when_configured_else_the_database_on_postgresql(
    sqlite_url: str, pg_url: str, redis_url: str, tmp_path: Path
) -> None:
    expected = [
        (sqlite_url, "", "memory"),
        (pg_url, "", "database"),
        (sqlite_url, redis_url, "redis"),
    ]
    for url, redis_at, kind in expected:
        ctx = _context(url, tmp_path, redis_url=redis_at)
        try:
            assert ctx.shared.kind == kind
        finally:
            ctx.close()


def test_installations_sharing_a_redis_server_use_their_own_keys() -> None:
    a = namespace("postgresql+psycopg://web1/tandau_a")
    assert a == namespace("postgresql+psycopg://web2.example:5432/tandau_a")  # same database
    assert a != namespace("postgresql+psycopg://web1/tandau_b")


def test_a_redis_url_must_be_a_redis_url() -> None:
    from tandau.settings import ConfigurationError

    with pytest.raises(ConfigurationError, match="TANDAU_REDIS_URL"):
        Settings.from_env({"TANDAU_REDIS_URL": "http://127.0.0.1:6379"})
    assert Settings.from_env({"TANDAU_REDIS_URL": "redis://127.0.0.1:6379/0"}).redis_url
