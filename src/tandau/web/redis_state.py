"""Rate-limit buckets and sign-in failures in Redis (``TANDAU_REDIS_URL``, ADR 0018).

A bucket is refilled and taken by one Lua script, which Redis runs atomically,
so workers on any number of hosts share one quota.  A failure is counted by
``HINCRBY`` (atomic) and its wait set by a script that only ever moves the wait
later, so two workers failing the same pair at once both count.  Every key
expires once it no longer matters: a bucket when it would be full again, a
failure record a day after its last failure.  If Redis is unreachable the
request fails (500): limits are never silently dropped.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, cast

import redis

from tandau.settings import ConfigurationError

__all__ = ["FORGET_AFTER", "RedisFailures", "RedisRates", "check_reachable", "connect"]

#: A failure record expires a day after its last failure (and its wait).
FORGET_AFTER = 86_400

_TAKE = """
local rate, burst, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 't', 's')
local tokens = tonumber(b[1]) or burst
local stamp = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - stamp) * rate)
local granted = 0
if tokens >= 1 then
  tokens = tokens - 1
  granted = 1
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 's', tostring(now))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return granted
"""

_HOLD = """
local wait_until = tonumber(ARGV[1])
local old = tonumber(redis.call('HGET', KEYS[1], 'u') or '0')
if wait_until > old then
  redis.call('HSET', KEYS[1], 'u', tostring(wait_until))
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
"""


def connect(url: str) -> redis.Redis:
    """A client with a connection pool; connections are made on first use."""
    return redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)


def check_reachable(url: str) -> None:
    """ConfigurationError unless a Redis server answers at ``url`` (checked before serving)."""
    client = connect(url)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise ConfigurationError(f"TANDAU_REDIS_URL: no Redis server answers ({exc})") from exc
    finally:
        client.close()


class RedisRates:
    """Token buckets as Redis hashes ``<prefix>rate:<key>``."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self._client = client
        self._prefix = prefix + "rate:"
        self._take = client.register_script(_TAKE)

    def take(self, key: str, rate: float, burst: int, now: float) -> bool:
        # A bucket left alone this long is full: the same as no bucket at all.
        idle = max(1, math.ceil(burst / rate) + 1) if rate > 0 else FORGET_AFTER
        granted = self._take(keys=[self._prefix + key], args=[repr(rate), burst, repr(now), idle])
        return bool(granted)

    def close(self) -> None:
        self._client.close()


class RedisFailures:
    """Failed sign-ins as Redis hashes ``<prefix>fail:<key>`` (count ``n``, wait until ``u``)."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self._client = client
        self._prefix = prefix + "fail:"
        self._hold = client.register_script(_HOLD)

    def waiting(self, key: str, now: float) -> float:
        until = cast(Any, self._client.hget(self._prefix + key, "u"))
        return 0.0 if until is None else max(0.0, float(until) - now)

    def failed(self, key: str, now: float, delay_of: Callable[[int], float]) -> float:
        name = self._prefix + key
        pipe = self._client.pipeline()  # MULTI: the count never lives without its expiry
        pipe.hincrby(name, "n", 1)
        pipe.expire(name, FORGET_AFTER)
        count = int(cast(Any, pipe.execute()[0]))
        delay = delay_of(count)
        self._hold(keys=[name], args=[repr(now + delay), FORGET_AFTER + math.ceil(delay)])
        return delay

    def cleared(self, key: str) -> None:
        self._client.delete(self._prefix + key)

    def close(self) -> None:
        self._client.close()
