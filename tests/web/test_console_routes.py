"""Every route of the app, walked with every role, against the rule the route declares.

Roles: anonymous (no cookie), an observer (a session without an account), a voter
(a session from the voting pages, no account), and each commission role.  Each
route declares its rule as a dependency (web.access): the commission roles
admitted, ``PUBLIC`` (nobody is refused) or ``SIGN_IN`` (the sign-in steps, open
to anyone but refusing wrong credentials).  The expected answers are derived
from the app's route table; a route (any method, public or console) that
declares no rule fails the test, so a new route cannot ship without one.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from console_world import ELECTION, ROLES, World, make_world
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner
from route_table import PARAMS, app_routes, declared

from tandau.web.access import PUBLIC, PUBLIC_ROUTE, SIGN_IN
from tandau.web.accounts import Role
from tandau.web.auth import require
from tandau.web.security import RateLimiter
from tandau.web.throttle import SignInThrottle

NO_ACCOUNT = ("anonymous", "observer", "voter")
#: Routes that end a session are walked last.
LAST = {("POST", "/commission/logout"), ("DELETE", "/api/commission/session")}


def _session_cookie(world: World, session: dict[str, Any]) -> str:
    """A session cookie as the app's session middleware signs it."""
    data = base64.b64encode(json.dumps(session).encode())
    return TimestampSigner(world.settings.secret_key).sign(data).decode()


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    yield from make_world(db_url, tmp_path, called=True)


def _clients(world: World) -> dict[str, tuple[TestClient, str]]:
    """Each role's client and the CSRF token its session holds."""
    out: dict[str, tuple[TestClient, str]] = {}
    anonymous = world.client()
    out["anonymous"] = (anonymous, "")
    observer = world.client()
    token = observer.get("/api/commission/session").json()["csrf_token"]
    out["observer"] = (observer, token)
    voter = world.client()
    voter.cookies.set(
        "tandau_session", _session_cookie(world, {"csrf": "voter-token", "voter": ELECTION})
    )
    assert voter.get("/api/commission/session").json()["account"] is None
    out["voter"] = (voter, "voter-token")
    for role in ROLES:
        username = "trustee1" if role == "trustee" else role
        client = world.client(username)
        out[role] = (client, client.get("/api/commission/session").json()["csrf_token"])
    return out


def test_every_route_has_a_declared_policy(world: World) -> None:
    rules = declared(world.app)
    missing = sorted(route for route, rule in rules.items() if rule is None)
    assert not missing, f"routes without an access rule (web.access): {missing}"
    assert len(rules) > 90  # the whole route table was walked
    by_rule = {",".join(sorted(r)) if isinstance(r, frozenset) else r for r in rules.values()}
    assert {PUBLIC, SIGN_IN, "chair", "trustee", "chair,secretary"} <= by_rule


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
def test_a_route_without_a_rule_fails_the_check(world: World, method: str) -> None:
    """Adding a route, public or console, without a rule makes the check above fail."""
    app = world.app

    async def sneaky() -> dict[str, str]:
        return {}

    app.router.add_api_route("/api/sneaky", sneaky, methods=[method])
    app.router.add_api_route(
        "/api/not-sneaky", sneaky, methods=[method], dependencies=[PUBLIC_ROUTE]
    )
    rules = declared(app)
    assert rules[(method, "/api/sneaky")] is None
    assert rules[(method, "/api/not-sneaky")] == PUBLIC
    with pytest.raises(AssertionError, match="without an access rule"):
        test_every_route_has_a_declared_policy(world)


def test_contradicting_rules_count_as_none(world: World) -> None:
    async def both() -> dict[str, str]:
        return {}

    world.app.router.add_api_route(
        "/api/both", both, methods=["GET"], dependencies=[PUBLIC_ROUTE, require(Role.CHAIR)]
    )
    assert declared(world.app)[("GET", "/api/both")] is None


def test_every_route_with_every_role(world: World) -> None:
    # The walk signs in many times from one address; the limits have their own test.
    world.app.state.sign_in_throttle = SignInThrottle(
        clock=lambda: 0.0, per_address=RateLimiter(1000, 1000), free=1000
    )
    clients = _clients(world)
    rules = declared(world.app)
    routes = sorted(rules, key=lambda r: (r in LAST, r))
    failures = []
    for method, path in routes:
        policy = rules[(method, path)]
        if policy is None:
            failures.append((method, path, "no rule", 0))
            continue
        if (method, path) in LAST:
            clients = _clients(world)  # the previous one signed everyone out
        url = path.format(**{k: v for k, v in PARAMS.items() if "{" + k + "}" in path})
        for role, (client, token) in clients.items():
            headers = {"X-CSRF-Token": token} if token else {}
            status = client.request(
                method, url, headers=headers, follow_redirects=False
            ).status_code
            if policy == PUBLIC:
                ok = status not in (401, 403)
            elif policy == SIGN_IN:
                # Wrong credentials; a client without a session has no CSRF token to send.
                ok = status in (400, 401, 422, 429) or (role == "anonymous" and status == 403)
            elif role in NO_ACCOUNT:
                ok = status == 401
            elif role in policy:
                ok = status not in (401, 403) and status < 500
            else:
                ok = status == 403
            if not ok:
                failures.append((method, path, role, status))
    assert not failures, "\n".join(map(str, failures))


def test_an_observer_cannot_change_anything(world: World) -> None:
    """Every unsafe console route refuses a session without an account, token or not."""
    observer = world.client()
    token = observer.get("/api/commission/session").json()["csrf_token"]
    board_before = world.ctx.store.size("administration")
    rules = declared(world.app)
    for method, path in app_routes(world.app):
        if method == "GET" or rules[(method, path)] in (PUBLIC, SIGN_IN):
            continue
        url = path.format(**{k: v for k, v in PARAMS.items() if "{" + k + "}" in path})
        r = observer.request(method, url, headers={"X-CSRF-Token": token}, json={})
        assert r.status_code == 401, (method, path, r.status_code)
    assert world.ctx.store.size("administration") == board_before


def test_a_voter_cannot_reach_commission_pages(world: World) -> None:
    voter = world.client()
    voter.cookies.set("tandau_session", _session_cookie(world, {"csrf": "t", "voter": ELECTION}))
    rules = declared(world.app)
    for method, path in app_routes(world.app):
        policy = rules[(method, path)]
        if method != "GET" or policy in (PUBLIC, SIGN_IN):
            continue
        url = path.format(**{k: v for k, v in PARAMS.items() if "{" + k + "}" in path})
        r = voter.get(url, headers={"Accept": "text/html"}, follow_redirects=False)
        assert r.status_code == 401, (path, r.status_code)
        if not path.startswith("/api/"):
            assert "text/html" in r.headers["content-type"]
            assert 'action="/commission/login"' not in r.text or "csrf_token" in r.text


def test_every_state_changing_console_route_needs_the_csrf_token(world: World) -> None:
    """A signed-in member whose role the route admits is still refused without the token."""
    clients: dict[str, Any] = {}
    board_before = world.ctx.store.size("administration")
    checked = 0
    for (method, path), rule in declared(world.app).items():
        if method in ("GET", "HEAD", "OPTIONS") or not isinstance(rule, frozenset):
            continue
        if (method, path) in LAST:
            continue  # signing out without a token is refused like the rest, checked below
        role = sorted(rule)[0]
        username = "trustee1" if role == "trustee" else role
        client = clients.get(username) or clients.setdefault(username, world.client(username))
        url = path.format(**{k: v for k, v in PARAMS.items() if "{" + k + "}" in path})
        r = client.request(method, url, json={}, headers={"Accept": "application/json"})
        assert r.status_code == 403 and r.json()["code"] == "web.csrf", (method, path, r.text)
        checked += 1
    for method, path in LAST:
        r = clients["chair"].request(method, path, headers={"Accept": "application/json"})
        assert r.status_code == 403 and r.json()["code"] == "web.csrf"
    assert checked > 40
    assert world.ctx.store.size("administration") == board_before
