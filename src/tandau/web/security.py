"""Security headers, CSRF tokens, and rate limits.

The Content-Security-Policy allows scripts and styles from our own origin only:
no inline script, no inline style, no third-party origin.  CSRF uses a
synchronizer token kept in the signed session and echoed by every form
(``csrf_token`` field) or JSON call (``X-CSRF-Token`` header).  Rate limits are
token buckets per client address and action, kept in the worker's shared
state (:mod:`.shared_state`: Redis, the database, or one process's memory;
ADR 0018), so every worker grants from the same quota.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response

from .errors import CsrfFailed, RateLimited
from .shared_state import MemoryRates, RateStore

__all__ = [
    "CSP",
    "RateLimiter",
    "SecurityHeaders",
    "check_csrf",
    "csrf_token",
]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)

_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "geolocation=(), microphone=(), camera=(self)",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders(BaseHTTPMiddleware):
    def __init__(self, app: object, *, hsts: bool = False) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self._hsts = hsts

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
        if self._hsts:
            response.headers["Strict-Transport-Security"] = "max-age=63072000"
        if not request.url.path.startswith("/static/"):
            # Pages may show a voter's receipt or a commission's data: never cache them.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


_SESSION_KEY = "csrf"


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get(_SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[_SESSION_KEY] = token
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    """Raise CsrfFailed unless ``submitted`` is the session's token."""
    expected = request.session.get(_SESSION_KEY)
    if (
        not isinstance(expected, str)
        or not submitted
        or not hmac.compare_digest(expected.encode(), submitted.encode())
    ):
        raise CsrfFailed()


@dataclass
class RateLimiter:
    """At most ``burst`` actions at once, refilled at ``per_minute`` a minute, per key.

    ``scope`` names the action in the store's keys; ``clock`` gives Unix seconds,
    the one time every worker and host agrees on.
    """

    per_minute: float
    burst: int
    clock: Callable[[], float] = time.time
    store: RateStore = field(default_factory=MemoryRates)
    scope: str = ""

    def hit(self, key: str) -> None:
        if not self.store.take(
            f"{self.scope}:{key}", self.per_minute / 60, self.burst, self.clock()
        ):
            raise RateLimited()
