"""A session's token and lifetime: another session's CSRF token, a token out of place, and
what an old cookie can do after sign-out, deactivation or a role change.

The CSRF token is the session's own (web.security): a token read from another session,
another user's or the same user's earlier one, is refused on every state-changing
console route, as is a token sent anywhere but the ``X-CSRF-Token`` header or the
``csrf_token`` form field.  The account is read again on every request, so a session
ends with its account and always acts with the account's current role.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from console_world import ELECTION, World, csrf, make_world, stored
from route_table import declared, url_of
from sqlalchemy import update

from tandau.storage.web_tables import web_accounts
from tandau.web.auth import accounts_of

LAST = {("POST", "/commission/logout"), ("DELETE", "/api/commission/session")}


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    yield from make_world(db_url, tmp_path, called=True)


def _unsafe_console_routes(w: World) -> list[tuple[str, str, str]]:
    """(method, path, a role it admits) of every state-changing console route."""
    return [
        (method, path, sorted(rule)[0])
        for (method, path), rule in sorted(declared(w.app).items())
        if method not in ("GET", "HEAD", "OPTIONS") and isinstance(rule, frozenset)
    ]


def _user(role: str) -> str:
    return "trustee1" if role == "trustee" else role


def test_a_token_of_another_session_or_out_of_place_is_refused_everywhere(w: World) -> None:
    clients = {u: w.client(u) for u in ("chair", "secretary", "registrar", "trustee1")}
    foreign = csrf(w.client("member"))  # another user's session
    before = stored(w)
    failures = []
    routes = _unsafe_console_routes(w)
    assert len(routes) > 40
    for method, path, role in routes:
        client = clients[_user(role)]
        own = csrf(client)
        url = url_of(path)
        attempts = {
            "another user's token": client.request(
                method, url, headers={"X-CSRF-Token": foreign}, data={"csrf_token": foreign}
            ),
            "token in the query": client.request(method, f"{url}?csrf_token={own}", json={}),
            "empty header, token in the form": client.request(
                method, url, headers={"X-CSRF-Token": ""}, data={"csrf_token": own}
            ),
        }
        for what, r in attempts.items():
            ok = r.status_code == 403 and "web.csrf" in r.text
            if not ok:
                failures.append((method, path, what, r.status_code))
    assert not failures, "\n".join(map(str, failures))
    assert stored(w) == before


@pytest.fixture
def w(world: World) -> World:
    return world


def test_after_sign_out_the_old_token_and_cookie_are_useless(w: World) -> None:
    chair = w.client("chair")
    old_token, old_cookies = csrf(chair), dict(chair.cookies)
    r = chair.post("/commission/logout", data={"csrf_token": old_token}, follow_redirects=False)
    assert r.status_code == 303
    # Signed in again in the same browser: a new session, a new token.
    again = w.client("chair")
    before = stored(w)
    advance = f"/api/commission/elections/{ELECTION}/advance"
    r = again.post(advance, headers={"X-CSRF-Token": old_token})
    assert r.status_code == 403 and r.json()["code"] == "web.csrf"
    replay = w.client()
    replay.cookies.update(old_cookies)
    r = replay.post(advance, headers={"X-CSRF-Token": old_token})
    assert r.status_code == 401
    assert stored(w) == before


def test_signing_out_ends_every_concurrent_session(w: World) -> None:
    laptop, phone = w.client("secretary"), w.client("secretary")
    assert phone.get("/commission").status_code == 200
    laptop.post("/commission/logout", data={"csrf_token": csrf(laptop)})
    before = stored(w)
    assert phone.get("/commission", follow_redirects=False).status_code == 401
    r = phone.post(
        f"/api/commission/elections/{ELECTION}/advance", headers={"X-CSRF-Token": csrf(phone)}
    )
    assert r.status_code == 401
    assert stored(w) == before


def test_a_deactivated_accounts_session_and_token_change_nothing(w: World) -> None:
    chair = w.client("chair")
    token = csrf(chair)
    accounts_of(w.ctx).deactivate(w.enrollments["chair"].account.id)
    before = stored(w)
    for method, path, role in _unsafe_console_routes(w):
        if role != "chair" or (method, path) in LAST:
            continue
        r = chair.request(method, url_of(path), headers={"X-CSRF-Token": token}, json={})
        assert r.status_code == 401, (method, path, r.status_code)
    assert stored(w) == before


def test_a_role_changed_while_signed_in_takes_effect_at_the_next_request(w: World) -> None:
    chair = w.client("chair")
    token = csrf(chair)
    assert chair.get("/api/commission/accounts").status_code == 200
    with w.ctx.engine.begin() as conn:
        conn.execute(
            update(web_accounts).where(web_accounts.c.username == "chair").values(role="member")
        )
    before = stored(w)
    assert chair.get("/api/commission/accounts").status_code == 403
    r = chair.post(
        f"/api/commission/elections/{ELECTION}/voting/open", headers={"X-CSRF-Token": token}
    )
    assert r.status_code == 403
    assert stored(w) == before
