"""Every route of the app, walked with every role, against the declared access policy.

Roles: anonymous (no cookie), an observer (a session without an account), a voter
(a session from the voting pages, no account), and each commission role.  The
policy table below names, for every (method, path) of the app, the commission
roles admitted — or ``PUBLIC`` (nobody is refused) or ``SIGN_IN`` (the sign-in
steps, open to anyone but refusing wrong credentials).  A route missing from the
table fails the test: a new route cannot ship without a declared policy.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from console_world import ELECTION, ROLES, World, make_world
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner
from starlette.routing import Route

from tandau.web.security import RateLimiter
from tandau.web.throttle import SignInThrottle

PUBLIC = "public"
SIGN_IN = "sign-in"
ALL = frozenset(ROLES)
CHAIR = frozenset({"chair"})
CLERK = frozenset({"chair", "secretary"})
LISTS = frozenset({"chair", "secretary", "registrar"})
REGISTRAR = frozenset({"registrar"})
TRUSTEE = frozenset({"trustee"})

POLICY: dict[tuple[str, str], Any] = {
    # the app and the public pages (other areas own them; nobody may be refused)
    ("GET", "/api/openapi.json"): PUBLIC,
    ("GET", "/"): PUBLIC,
    ("GET", "/api/health"): PUBLIC,
    ("GET", "/api/elections"): PUBLIC,
    ("GET", "/api/elections/{election}"): PUBLIC,
    ("GET", "/api/elections/{election}/track/{code}"): PUBLIC,
    ("GET", "/api/elections/{election}/board"): PUBLIC,
    ("GET", "/api/elections/{election}/heads"): PUBLIC,
    ("GET", "/api/elections/{election}/consistency"): PUBLIC,
    ("GET", "/api/elections/{election}/results"): PUBLIC,
    ("GET", "/e/{election}/record"): PUBLIC,
    ("GET", "/e/{election}/results.csv"): PUBLIC,
    ("GET", "/e/{election}"): PUBLIC,
    ("GET", "/e/{election}/track"): PUBLIC,
    ("GET", "/e/{election}/board"): PUBLIC,
    ("GET", "/e/{election}/results"): PUBLIC,
    ("GET", "/verify"): PUBLIC,
    ("GET", "/api/elections/{election}/credentials/{public_hex}"): PUBLIC,
    ("POST", "/api/elections/{election}/ballots"): PUBLIC,
    ("POST", "/api/elections/{election}/audit"): PUBLIC,
    ("GET", "/e/{election}/vote"): PUBLIC,
    ("GET", "/e/{election}/kiosk"): PUBLIC,
    ("GET", "/e/{election}/check"): PUBLIC,
    # the commission console
    ("GET", "/commission/login"): PUBLIC,
    ("POST", "/commission/login"): SIGN_IN,
    ("GET", "/api/commission/session"): PUBLIC,
    ("POST", "/api/commission/session"): SIGN_IN,
    ("GET", "/commission/e/{election}/protocol-{lang}.pdf"): PUBLIC,
    ("POST", "/commission/logout"): ALL,
    ("DELETE", "/api/commission/session"): ALL,
    ("GET", "/commission"): ALL,
    ("GET", "/api/commission/elections"): ALL,
    ("GET", "/commission/accounts"): CHAIR,
    ("POST", "/commission/accounts"): CHAIR,
    ("GET", "/api/commission/accounts"): CHAIR,
    ("POST", "/api/commission/accounts"): CHAIR,
    ("POST", "/commission/members"): CHAIR,
    ("POST", "/api/commission/members"): CHAIR,
    ("GET", "/commission/territory"): CLERK,
    ("POST", "/commission/territory/units"): CLERK,
    ("POST", "/api/commission/units"): CLERK,
    ("POST", "/commission/territory/precincts"): CLERK,
    ("POST", "/api/commission/precincts"): CLERK,
    ("GET", "/commission/elections/new"): CLERK,
    ("POST", "/commission/elections"): CLERK,
    ("POST", "/api/commission/elections"): CLERK,
    ("GET", "/commission/e/{election}"): ALL,
    ("GET", "/api/commission/elections/{election}"): ALL,
    ("POST", "/commission/e/{election}/advance"): CLERK,
    ("POST", "/api/commission/elections/{election}/advance"): CLERK,
    ("POST", "/commission/e/{election}/district"): CLERK,
    ("POST", "/api/commission/elections/{election}/district"): CLERK,
    ("POST", "/commission/e/{election}/winner"): CLERK,
    ("POST", "/api/commission/elections/{election}/winner"): CLERK,
    ("GET", "/commission/e/{election}/candidates"): ALL,
    ("GET", "/api/commission/elections/{election}/candidates"): ALL,
    ("POST", "/commission/e/{election}/candidates"): CLERK,
    ("POST", "/api/commission/elections/{election}/candidates"): CLERK,
    ("POST", "/commission/e/{election}/candidates/{candidate}/signatures"): CLERK,
    ("POST", "/api/commission/elections/{election}/candidates/{candidate}/signatures"): CLERK,
    ("POST", "/commission/e/{election}/candidates/{candidate}/decide"): CLERK,
    ("POST", "/api/commission/elections/{election}/candidates/{candidate}/decide"): CLERK,
    ("POST", "/commission/e/{election}/candidates/{candidate}/withdraw"): CLERK,
    ("POST", "/api/commission/elections/{election}/candidates/{candidate}/withdraw"): CLERK,
    ("GET", "/commission/e/{election}/voters"): LISTS,
    ("GET", "/api/commission/elections/{election}/voters"): LISTS,
    ("POST", "/commission/e/{election}/voters/import"): LISTS,
    ("POST", "/api/commission/elections/{election}/voters/import"): LISTS,
    ("POST", "/commission/e/{election}/voters/corrections"): LISTS,
    ("POST", "/api/commission/elections/{election}/voters/corrections"): LISTS,
    ("GET", "/commission/e/{election}/evoting"): ALL,
    ("POST", "/commission/e/{election}/evoting"): CHAIR,
    ("POST", "/api/commission/elections/{election}/evoting"): CHAIR,
    ("POST", "/commission/e/{election}/voting/open"): CHAIR,
    ("POST", "/api/commission/elections/{election}/voting/open"): CHAIR,
    ("POST", "/commission/e/{election}/voting/close"): CHAIR,
    ("POST", "/api/commission/elections/{election}/voting/close"): CHAIR,
    ("GET", "/commission/e/{election}/ceremony"): ALL,
    ("GET", "/api/commission/elections/{election}/ceremony"): ALL,
    ("POST", "/commission/e/{election}/ceremony/upload"): TRUSTEE,
    ("POST", "/api/commission/elections/{election}/ceremony/files"): TRUSTEE,
    ("POST", "/commission/e/{election}/ceremony/finalize"): CLERK,
    ("POST", "/api/commission/elections/{election}/ceremony/finalize"): CLERK,
    ("GET", "/commission/e/{election}/ceremony/files.zip"): ALL,
    ("GET", "/commission/e/{election}/credentials"): LISTS,
    ("POST", "/commission/e/{election}/credentials/{precinct}"): REGISTRAR,
    ("POST", "/api/commission/elections/{election}/credentials/{precinct}"): REGISTRAR,
    ("GET", "/commission/e/{election}/protocols"): ALL,
    ("POST", "/commission/e/{election}/protocols"): CLERK,
    ("POST", "/api/commission/elections/{election}/protocols"): CLERK,
    ("POST", "/commission/e/{election}/protocols/{precinct}/annul"): CLERK,
    ("POST", "/api/commission/elections/{election}/protocols/{precinct}/annul"): CLERK,
    ("GET", "/commission/e/{election}/tally"): ALL,
    ("POST", "/commission/e/{election}/tally"): CLERK,
    ("POST", "/api/commission/elections/{election}/tally"): CLERK,
    ("POST", "/commission/e/{election}/tally/share"): TRUSTEE,
    ("POST", "/api/commission/elections/{election}/tally/shares"): TRUSTEE,
    ("POST", "/commission/e/{election}/results"): CHAIR,
    ("POST", "/api/commission/elections/{election}/results"): CHAIR,
    ("POST", "/commission/e/{election}/decision"): CLERK,
    ("POST", "/api/commission/elections/{election}/decision"): CLERK,
    ("POST", "/commission/demo/clock"): CHAIR,
}

PARAMS = {
    "election": ELECTION,
    "candidate": "c-aliyev",
    "precinct": "P-101",
    "lang": "kk",
    "code": "AAAA-BBBB-CCCC-DDDD",
    "public_hex": "00" * 32,
}
NO_ACCOUNT = ("anonymous", "observer", "voter")
#: Routes that end a session are walked last.
LAST = {("POST", "/commission/logout"), ("DELETE", "/api/commission/session")}


def app_routes(app: Any) -> Iterator[tuple[str, str]]:
    """Every (method, path) the app serves, included routers flattened."""

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
                yield method, prefix + route.path


def _session_cookie(world: World, session: dict[str, Any]) -> str:
    """A session cookie as the app's session middleware signs it."""
    data = base64.b64encode(json.dumps(session).encode())
    return TimestampSigner(world.settings.secret_key).sign(data).decode()


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    for w in make_world(db_url, tmp_path):
        w.clock.set("2027-07-20 10:00")
        w.ctx.administration().lifecycle.call(
            election=ELECTION,
            ruleset="kz-rural-akim-2023",
            unit="991011000",
            commission="tec-akzhar",
            polling_day="2027-09-19",
        )
        yield w


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
    served = set(app_routes(world.app))
    missing = sorted(served - set(POLICY))
    assert not missing, f"routes without an access policy: {missing}"
    stale = sorted(set(POLICY) - served)
    assert not stale, f"policy entries for routes that do not exist: {stale}"


def test_every_route_with_every_role(world: World) -> None:
    # The walk signs in many times from one address; the limits have their own test.
    world.app.state.sign_in_throttle = SignInThrottle(
        clock=lambda: 0.0, per_address=RateLimiter(1000, 1000), free=1000
    )
    clients = _clients(world)
    routes = sorted(set(app_routes(world.app)), key=lambda r: (r in LAST, r))
    failures = []
    for method, path in routes:
        policy = POLICY.get((method, path))
        if policy is None:
            continue  # reported by the test above
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
    for method, path in app_routes(world.app):
        if method == "GET" or POLICY[(method, path)] in (PUBLIC, SIGN_IN):
            continue
        url = path.format(**{k: v for k, v in PARAMS.items() if "{" + k + "}" in path})
        r = observer.request(method, url, headers={"X-CSRF-Token": token}, json={})
        assert r.status_code == 401, (method, path, r.status_code)
    assert world.ctx.store.size("administration") == board_before


def test_a_voter_cannot_reach_commission_pages(world: World) -> None:
    voter = world.client()
    voter.cookies.set("tandau_session", _session_cookie(world, {"csrf": "t", "voter": ELECTION}))
    for method, path in app_routes(world.app):
        policy = POLICY[(method, path)]
        if method != "GET" or policy in (PUBLIC, SIGN_IN):
            continue
        url = path.format(**{k: v for k, v in PARAMS.items() if "{" + k + "}" in path})
        r = voter.get(url, headers={"Accept": "text/html"}, follow_redirects=False)
        assert r.status_code == 401, (path, r.status_code)
        if not path.startswith("/api/"):
            assert "text/html" in r.headers["content-type"]
            assert 'action="/commission/login"' not in r.text or "csrf_token" in r.text
