"""Request body limits on every route, enforced before sessions, sign-in and parsing.

An ASGI middleware reads the body as it streams in and counts its bytes: a
declared ``Content-Length`` over the limit is refused unread, and a chunked
body without one is refused as soon as it passes the limit (413).  The whole
body is then scanned for JSON nesting deeper than the limit (400) before any
route can hand it to ``json.loads``: Python's parser recurses, and a few
thousand brackets would otherwise end in a RecursionError.  The scan skips
string literals, so brackets inside strings do not count, and decodes a form
(``application/x-www-form-urlencoded``) first, since a field may carry JSON.
A body that is JSON must also say one thing only: an object naming a key twice
(parsers disagree on which value wins: the server could check one value while a
verifier, a proxy or the voter's own tools read the other) or the non-JSON
constants ``NaN`` and ``Infinity`` are refused (400) whatever the Content-Type;
record spec §R8.1 refuses both in a record.  Both checks read bytes, so a body that
``json.loads`` would read as UTF-16 or UTF-32 is refused first (400): JSON is UTF-8
(RFC 8259 §8.1), and a wide body hid its nesting from the scan (ADR 0025).  Refusals
go through the app's one error mapping (localised problem JSON or page); the route is
never called.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tandau.crypto.errors import TandauError
from tandau.i18n import N_

from . import locale
from .errors import BadRequest
from .voter_errors import PayloadTooLarge

__all__ = [
    "AmbiguousJson",
    "BodyLimits",
    "JsonTooDeep",
    "ambiguity",
    "json_depth",
    "loads_utf8",
]

ErrorResponder = Callable[[Request, TandauError], Response]

# A string literal, or an unterminated one to the end: linear, no backtracking blow-up.
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
_PAIR = re.compile(rb"[\[{][\]}]")


class JsonTooDeep(BadRequest, title=BadRequest.title):
    code = "web.json_too_deep"
    default = N_("The request nests data too deeply (at most {limit} levels).")


class AmbiguousJson(BadRequest, title=BadRequest.title):
    code = "web.json_ambiguous"
    default = N_("The request's JSON names the key \u201c{key}\u201d twice in one object.")


#: The message when the body holds NaN or Infinity, which JSON does not have.
NOT_A_NUMBER = N_("The request's JSON holds {constant}, which is not a JSON number.")


class _Twice(Exception):
    def __init__(self, error: AmbiguousJson) -> None:
        self.error = error


def _unique(pairs: list[tuple[str, object]]) -> None:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise _Twice(AmbiguousJson(key=key[:40]))
        seen.add(key)


def _constant(text: str) -> None:
    raise _Twice(AmbiguousJson(NOT_A_NUMBER, constant=text))


def ambiguity(body: bytes) -> AmbiguousJson | None:
    """Why ``body``, read as JSON, could mean two things; None when it cannot (or is no JSON).

    Only duplicate keys and ``NaN``/``Infinity`` are looked for; anything else
    malformed is left to the route, which names the field.  Call it after the
    depth check: the parser recurses.
    """
    if body.lstrip()[:1] not in (b"{", b"["):
        return None
    try:
        json.loads(body, object_pairs_hook=_unique, parse_constant=_constant)
    except _Twice as found:
        return found.error
    except (ValueError, RecursionError):  # not JSON: the route says so
        return None
    return None


def _wide(body: bytes) -> bool:
    """Whether ``json.loads`` would read ``body`` as UTF-16 or UTF-32 (RFC 8259 §8.1 wants
    UTF-8).  Their quotes and brackets are not the bytes :func:`json_depth` counts, so a
    nesting the scan cannot see would reach a parser (a RecursionError, 500): refused."""
    return bool(body) and json.detect_encoding(body) not in ("utf-8", "utf-8-sig")


def json_depth(body: bytes, stop_at: int) -> int:
    """The bracket nesting of ``body`` outside strings (counting stops past ``stop_at``).

    Innermost pairs are removed one level per pass, each pass a linear regex in C,
    so a hostile 8 MiB body costs at most ``stop_at`` passes, never a Python loop
    per byte.  What no pass can remove is closers then openers: the openers count.
    """
    if b"[" not in body and b"{" not in body:
        return 0
    s = _NOT_BRACKET.sub(b"", _STRING.sub(b"", body))
    passes = 0
    while passes <= stop_at:
        t = _PAIR.sub(b"", s)
        if len(t) == len(s):
            break
        s, passes = t, passes + 1
    return passes + len(s.lstrip(b"]}"))


def loads_utf8(raw: bytes) -> Any:
    """An uploaded or posted JSON document, read as UTF-8 only (RFC 8259 §8.1).

    ``json.loads`` on bytes would also take UTF-16 and UTF-32, whose brackets and quotes
    the body scan (:func:`json_depth`, on the bytes) does not read as such: a UTF-16 file
    could nest past the limit unseen and end in a RecursionError.  In UTF-8 those bytes
    are only ever those characters, so the scan holds for what is parsed here.  Anything
    that is not UTF-8 JSON within Python's depth raises ValueError.
    """
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError as exc:  # outside the middleware (or a lower limit): still refused
        raise ValueError("JSON nested too deeply") from exc


class BodyLimits:
    """At most ``max_bytes`` of body and ``max_depth`` levels of nesting, on every route."""

    def __init__(
        self, app: ASGIApp, *, max_bytes: int, max_depth: int, on_error: ErrorResponder
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_depth = max_depth
        self.on_error = on_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            error = PayloadTooLarge() if declared.isdigit() else BadRequest(detail="Content-Length")
            await self._refuse(scope, error, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client has gone; nothing to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, PayloadTooLarge(), send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        scanned = body
        if headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            scanned = unquote_to_bytes(body.replace(b"+", b" "))
        if _wide(body):
            # JSON in UTF-16 or UTF-32: the depth scan (on bytes) cannot read it (ADR 0025).
            await self._refuse(scope, BadRequest(detail="JSON (UTF-8)"), send)
            return
        if json_depth(scanned, self.max_depth) > self.max_depth:
            await self._refuse(scope, JsonTooDeep(limit=self.max_depth), send)
            return
        twice = None if scanned is not body else ambiguity(body)
        if twice is not None:
            await self._refuse(scope, twice, send)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _refuse(self, scope: Scope, error: TandauError, send: Send) -> None:
        request = Request(scope)
        request.state.lang, _ = locale.negotiate(request)
        response = self.on_error(request, error)
        # Unread body left behind: the connection cannot be reused for another request.
        response.headers["Connection"] = "close"
        await response(scope, _nothing, send)


def _replay(body: bytes, receive: Receive) -> Callable[[], Awaitable[Message]]:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: wait for the disconnect

    return replay


async def _nothing() -> Message:
    return {"type": "http.disconnect"}
