"""The app's route table for tests: every (method, path) with its declared access rule."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from console_world import ELECTION
from fastapi.routing import APIRoute
from starlette.routing import Route

from tandau.web.access import Policy, policy_of

PARAMS = {
    "election": ELECTION,
    "candidate": "c-aliyev",
    "precinct": "P-101",
    "lang": "kk",
    "code": "AAAA-BBBB-CCCC-DDDD",
    "public_hex": "00" * 32,
    "question": "q1",
    "community": "aksu",
    "session": "m1",
    "minutes_id": "m1.1",
    "report": "2025",
    "device": 1,
    "item": 1,
}


def routes_with_rules(app: Any) -> Iterator[tuple[str, str, Policy | None]]:
    """Every (method, path) the app serves, included routers flattened, with its rule."""

    def walk(routes: list[Any], prefix: str = "") -> Iterator[Any]:
        for r in routes:
            inner = getattr(r, "original_router", None)
            if inner is not None:
                context = getattr(r, "include_context", None)
                yield from walk(inner.routes, prefix + (getattr(context, "prefix", "") or ""))
            elif isinstance(r, APIRoute | Route):
                yield prefix, r

    for prefix, route in walk(list(app.routes)):
        for method in sorted(route.methods or ()):
            if method != "HEAD":
                yield method, prefix + route.path, policy_of(route)


def declared(app: Any) -> dict[tuple[str, str], Policy | None]:
    return {(m, p): rule for m, p, rule in routes_with_rules(app)}


def app_routes(app: Any) -> Iterator[tuple[str, str]]:
    for method, path, _rule in routes_with_rules(app):
        yield method, path


def url_of(path: str) -> str:
    """The path with its parameters filled in from ``PARAMS``."""
    return path.format(**{k: v for k, v in PARAMS.items() if "{" + k + "}" in path})
