"""Commission sign-in: argon2id passwords, TOTP codes, rate limits, CSRF and sessions."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from admin_builders import call_demo_election
from console_world import ELECTION, PASSWORD, World, csrf, make_world, totp_now
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from tandau.settings import Settings
from tandau.storage.web_tables import web_accounts
from tandau.web.accounts import password_hasher


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    yield from make_world(db_url, tmp_path, accounts=False)


def _login(client: TestClient, username: str, password: str, code: str, lang: str = "en") -> int:
    r = client.post(
        f"/commission/login?lang={lang}",
        data={"username": username, "password": password, "code": code, "csrf_token": csrf(client)},
        follow_redirects=False,
    )
    return r.status_code


def _session(client: TestClient, world: World) -> dict[str, object]:
    raw = client.cookies["tandau_session"]
    data = TimestampSigner(world.settings.secret_key).unsign(raw.encode())
    session: dict[str, object] = json.loads(base64.b64decode(data))
    return session


def _accounts(world: World) -> int:
    with world.ctx.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(web_accounts)).scalar_one())


def test_password_and_totp_sign_in(world: World) -> None:
    e = world.account("chair", "chair")
    client = world.client()
    assert client.get("/commission", follow_redirects=False).status_code == 401
    world.clock.at += timedelta(seconds=30)
    code = totp_now(e.totp_secret, world.clock)
    assert _login(client, "chair", PASSWORD, code) == 303
    page = client.get("/commission")
    assert page.status_code == 200 and "Chair" in page.text
    # The session holds the account id and its version (and the CSRF token), nothing else.
    session = _session(client, world)
    assert set(session) == {"account", "sv", "csrf"}
    assert session["account"] == e.account.id and session["sv"] == 1
    # The code was used: the same code cannot sign in again, even with the password.
    other = world.client()
    assert _login(other, "chair", PASSWORD, code) == 401
    # The next time step's code works.
    world.clock.at += timedelta(seconds=30)
    assert _login(other, "chair", PASSWORD, totp_now(e.totp_secret, world.clock)) == 303


def test_wrong_password_or_code_is_refused_in_the_users_language(world: World) -> None:
    e = world.account("chair", "chair")
    client = world.client()
    code = totp_now(e.totp_secret, world.clock)
    r = client.post(
        "/commission/login?lang=ru",
        data={
            "username": "chair",
            "password": "wrong password!",
            "code": code,
            "csrf_token": csrf(client),
        },
        follow_redirects=False,
    )
    assert r.status_code == 401
    assert "Имя пользователя, пароль или одноразовый код неверны." in r.text
    assert _login(client, "chair", PASSWORD, "000000") == 401
    assert _login(client, "chair", PASSWORD, "12345") == 401
    assert _login(client, "nobody", PASSWORD, code) == 401
    # A code of a minute ago is out of the window.
    old = totp_now(e.totp_secret, world.clock, offset_steps=-2)
    assert _login(client, "chair", PASSWORD, old) == 401
    assert client.get("/commission", follow_redirects=False).status_code == 401


def test_sign_in_is_rate_limited(world: World) -> None:
    world.account("chair", "chair")
    client = world.client()
    statuses = [_login(client, "chair", "wrong password!", "000000") for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    r = client.post(
        "/commission/login?lang=kk",
        data={
            "username": "chair",
            "password": PASSWORD,
            "code": "000000",
            "csrf_token": csrf(client),
        },
    )
    assert r.status_code == 429 and "Әрекеттер тым көп" in r.text
    api = client.post(
        "/api/commission/session",
        json={"username": "chair", "password": PASSWORD, "code": "000000"},
        headers={"X-CSRF-Token": csrf(client)},
    )
    assert api.status_code == 429
    assert api.headers["content-type"] == "application/problem+json"


def test_forms_and_json_writes_need_the_csrf_token(world: World) -> None:
    world.account("chair", "chair")
    chair = world.client("chair")
    before = _accounts(world)
    body = {"username": "newmember", "name": "New", "role": "member", "password": PASSWORD}
    r = chair.post("/api/commission/accounts", json=body)
    assert r.status_code == 403 and r.json()["code"] == "web.csrf"
    r = chair.post("/api/commission/accounts", json=body, headers={"X-CSRF-Token": "forged"})
    assert r.status_code == 403
    r = chair.post("/commission/accounts", data=body)
    assert r.status_code == 403 and "text/html" in r.headers["content-type"]
    r = chair.post("/commission/accounts", data={**body, "csrf_token": "forged"})
    assert r.status_code == 403
    anonymous = world.client()
    r = anonymous.post("/commission/login", data={"username": "chair", "password": PASSWORD})
    assert r.status_code == 403
    assert _accounts(world) == before
    r = chair.post("/api/commission/accounts", json=body, headers={"X-CSRF-Token": csrf(chair)})
    assert r.status_code == 201 and _accounts(world) == before + 1


def test_accounts_store_argon2id_hashes_and_sealed_totp_secrets(world: World) -> None:
    e = world.account("chair", "chair")
    with world.ctx.engine.connect() as conn:
        row = conn.execute(select(web_accounts)).one()
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash
    assert e.totp_secret not in row.totp_secret
    production = password_hasher(Settings(environment="production", secret_key="x" * 40))
    assert (production.time_cost, production.memory_cost) == (3, 65536)
    assert "otpauth://totp/Tandau:chair" in e.provisioning_uri
    assert repr(e) == "Enrollment(account='chair')"


def test_sign_out_ends_the_session_everywhere(world: World) -> None:
    world.account("chair", "chair")
    chair = world.client("chair")
    stolen = dict(chair.cookies)
    r = chair.post("/commission/logout", data={"csrf_token": csrf(chair)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/commission/login"
    assert chair.get("/commission", follow_redirects=False).status_code == 401
    replay = world.client()
    replay.cookies.update(stolen)
    assert replay.get("/commission", follow_redirects=False).status_code == 401


def test_a_deactivated_account_is_signed_out(world: World) -> None:
    e = world.account("chair", "chair")
    chair = world.client("chair")
    assert chair.get("/commission").status_code == 200
    from tandau.web.auth import accounts_of

    accounts_of(world.ctx).deactivate(e.account.id)
    assert chair.get("/commission", follow_redirects=False).status_code == 401
    world.clock.at += timedelta(seconds=30)
    assert _login(world.client(), "chair", PASSWORD, totp_now(e.totp_secret, world.clock)) == 401


def test_accounts_are_scoped_to_their_commission(world: World) -> None:
    admin = world.ctx.administration()
    admin.commissions.create(id="tec-kokozek", kind="territorial", unit="992000000", name="Көкөзек")
    call_demo_election(admin, world.clock)
    world.account("chair", "chair")
    e = world.ctx.engine
    from tandau.web.accounts import create_account

    other = create_account(
        e,
        world.settings,
        world.clock,
        world.ctx.rng,
        commission="tec-kokozek",
        username="otherchair",
        name="Other",
        role="chair",
        password=PASSWORD,
    )
    world.enrollments["otherchair"] = other
    assert world.client("chair").get(f"/commission/e/{ELECTION}").status_code == 200
    stranger = world.client("otherchair")
    assert stranger.get(f"/commission/e/{ELECTION}").status_code == 403
    r = stranger.post(
        f"/api/commission/elections/{ELECTION}/advance", headers={"X-CSRF-Token": csrf(stranger)}
    )
    assert r.status_code == 403
    assert stranger.get("/api/commission/elections").json() == []


def test_json_sign_in(world: World) -> None:
    e = world.account("secretary", "secretary")
    client = world.client()
    token = csrf(client)
    world.clock.at += timedelta(seconds=30)
    r = client.post(
        "/api/commission/session",
        json={
            "username": "secretary",
            "password": PASSWORD,
            "code": totp_now(e.totp_secret, world.clock),
        },
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["account"]["role"] == "secretary" and body["csrf_token"] != token
    r = client.delete("/api/commission/session", headers={"X-CSRF-Token": body["csrf_token"]})
    assert r.status_code == 200
    assert client.get("/api/commission/session").json()["account"] is None
