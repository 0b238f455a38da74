"""Who may call a route, declared on the route itself and read back from the route table.

Every route of the app carries exactly one access rule, as a dependency:

* ``require(*roles)`` (web.auth) — the commission roles admitted;
* ``SignInCsrf`` — the sign-in steps, open to anyone with a CSRF token;
* ``PUBLIC_ROUTE`` — anyone, signed in or not (voters, observers, the public).

:func:`policy_of` finds the rule of a route; the authorisation test walks every
(method, path, role) of the app against it and fails for a route that declares
none, so a new route cannot ship without saying who may call it.  Routes that
FastAPI itself adds (the OpenAPI document) are marked with :func:`declare`.
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends

__all__ = ["PUBLIC", "PUBLIC_ROUTE", "SIGN_IN", "Policy", "declare", "policy_of"]

PUBLIC = "public"
SIGN_IN = "sign-in"
#: A rule: PUBLIC, SIGN_IN, or the frozenset of commission roles admitted.
Policy = str | frozenset[str]


async def _public() -> None:
    """Nothing to check: the route is open to everyone (this marks it so)."""


_public.access = PUBLIC  # type: ignore[attr-defined]

#: ``dependencies=[PUBLIC_ROUTE]`` on a router or route: open to everyone.
PUBLIC_ROUTE: Any = Depends(_public)


def declare(route: Any, policy: Policy) -> None:
    """Mark a route that takes no dependencies (FastAPI's own) with its rule."""
    route.access = policy


def _rules(dependant: Any) -> list[Policy]:
    found: list[Policy] = []
    for dep in getattr(dependant, "dependencies", ()):
        rule = getattr(dep.call, "access", None)
        if rule is not None:
            found.append(rule)
        found.extend(_rules(dep))
    return found


def policy_of(route: Any) -> Policy | None:
    """The route's one declared rule; None when it has none or several that disagree."""
    rules = _rules(getattr(route, "dependant", None))
    declared = getattr(route, "access", None)
    if declared is not None:
        rules.append(declared)
    distinct = set(rules)
    return distinct.pop() if len(distinct) == 1 else None
