"""Shared by the booth and public routes: the election read models, bounded bodies, rate limits.

``Views`` gives a route the app's :class:`ElectionViews`; ``election_page``
renders a page of one election with its title, its navigation and the pilot
label when the election is a remote-voting pilot.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import Depends
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..errors import BadRequest
from ..limits import loads_utf8
from ..proxies import rate_key
from ..security import RateLimiter
from ..templating import render
from ..views import ElectionIndex, ElectionViews, views_of
from ..voter_errors import PayloadTooLarge

__all__ = [
    "Views",
    "client_address",
    "election_page",
    "limiter",
    "read_bounded",
    "read_json_bounded",
]

#: A route parameter ``views: Views`` receives the app's election read models.
Views = Annotated[ElectionViews, Depends(views_of)]

#: Limits per client address: (per minute, burst).  A polling-station kiosk sits
#: behind one address and serves one voter every minute or two, so casting allows
#: bursts; audits verify proofs, so they are limited too; so are residents' questions
#: about the akim's report (routes.community_questions) and members' open ballots
#: (routes.community_vote: a meeting's members may all vote from one hall's address
#: within a minute, and each attempt is a guess at a member's code).
LIMITS = {
    "cast": (30.0, 15),
    "audit": (20.0, 10),
    "enrol": (10.0, 5),
    "question": (10.0, 5),
    "member_vote": (60.0, 60),
}

_LOCK = threading.Lock()


def limiter(request: Request, action: str) -> RateLimiter:
    """The app's limiter for ``action``, made on first use."""
    state = request.app.state
    with _LOCK:
        limiters: dict[str, RateLimiter] | None = getattr(state, "voter_limiters", None)
        if limiters is None:
            limiters = {}
            state.voter_limiters = limiters
        if action not in limiters:
            if state.settings.rate_limits:
                per_minute, burst = LIMITS[action]
                store = state.ctx.shared.rates  # shared by every worker (ADR 0018)
                limiters[action] = RateLimiter(per_minute, burst, store=store, scope=action)
            else:  # a loopback benchmark only (Settings): nothing to share
                limiters[action] = RateLimiter(1e9, 1_000_000_000, scope=action)
        return limiters[action]


def client_address(request: Request) -> str:
    """The real client (web.proxies: forwarded headers only from TANDAU_TRUSTED_PROXIES)."""
    return rate_key(request.client.host) if request.client else "unknown"


async def read_bounded(request: Request, limit: int) -> bytes:
    """The request body, refused (PayloadTooLarge) as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise PayloadTooLarge()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


async def read_json_bounded(request: Request, limit: int) -> Any:
    """A JSON body of at most ``limit`` bytes; BadRequest unless it is a JSON object."""
    raw = await read_bounded(request, limit)
    try:
        obj = loads_utf8(raw)
    except ValueError as exc:
        raise BadRequest(detail="JSON") from exc
    if not isinstance(obj, dict):
        raise BadRequest(detail="JSON")
    return obj


def election_page(
    request: Request, template: str, index: ElectionIndex, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A page of one election: its index ``e``, its title in the page's language, the pilot
    label."""
    lang: str = getattr(request.state, "lang", "kk")
    manifest = index.require_manifest()
    return render(
        request,
        template,
        status_code=status_code,
        pilot=index.pilot,
        e=index,
        manifest=manifest,
        election_title=manifest.title.get(lang, manifest.election_id),
        unit_name=manifest.unit_name.get(lang, manifest.unit_code),
        **context,
    )
