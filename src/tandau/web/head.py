"""HEAD is GET without the body (RFC 9110 §9.3.2), on every route that serves GET.

FastAPI's routes answer only the methods they declare, so ``HEAD /`` was a 405
whose ``Allow`` said ``GET``: link checkers, monitors and caches that ask HEAD
first were refused.  This middleware runs the request as a GET and sends the
GET's status and headers (``Content-Length`` included) with an empty body, so
the two can never disagree.  ``Allow`` lists HEAD wherever it lists GET.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeadAsGet", "with_head"]


def with_head(methods: set[str]) -> set[str]:
    """The methods served at a path: HEAD wherever GET is."""
    return methods | {"HEAD"} if "GET" in methods else methods


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
