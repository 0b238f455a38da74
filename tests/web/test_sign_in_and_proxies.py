"""Sign-in back-off per (user, address), the password policy, and trusted proxies (issue 10)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from console_world import PASSWORD, World, make_world
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from starlette.requests import Request
from starlette.responses import JSONResponse
from typer.testing import CliRunner

from tandau.storage.web_tables import web_accounts
from tandau.web.app import create_app
from tandau.web.passwords import check_password, common_passwords
from tandau.web.proxies import ProxyHeaders, rate_key, real_client
from tandau.web.throttle import SignInThrottle, SignInWait

PROXY = "10.0.0.1"
TRUSTED = (ipaddress.ip_network("10.0.0.0/8"),)


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    for w in make_world(db_url, tmp_path):
        w.ctx.settings = replace(w.ctx.settings, trusted_proxies=TRUSTED)
        w.app = create_app(w.ctx.settings, context=w.ctx)
        yield w


def _client(world: World, peer: str) -> tuple[TestClient, str]:
    client = TestClient(world.app, base_url="https://testserver", client=(peer, 40000))
    return client, client.get("/api/commission/session").json()["csrf_token"]


def _attempt(world: World, client: TestClient, token: str, password: str, **headers: str) -> int:
    r = client.post(
        "/api/commission/session?lang=en",
        # A fresh code moves the clock 30 s: only the right password gets one.
        json={
            "username": "chair",
            "password": password,
            "code": world.code("chair") if password == PASSWORD else "000000",
        },
        headers={"X-CSRF-Token": token, **headers},
    )
    return r.status_code


def test_an_attacker_cannot_lock_a_member_out_from_another_address(world: World) -> None:
    attacker, a_token = _client(world, "198.51.100.66")
    statuses = [_attempt(world, attacker, a_token, "wrong guess number x") for _ in range(6)]
    assert statuses[:5] == [401] * 5 and statuses[5] == 429
    # Even the right password is not tried while the attacker's address waits.
    world.clock.at -= timedelta(seconds=30)  # (the code below moves the clock on again)
    assert _attempt(world, attacker, a_token, PASSWORD) == 429
    member, m_token = _client(world, "203.0.113.10")
    assert _attempt(world, member, m_token, PASSWORD) == 200


def test_the_wait_is_localised_and_says_how_long(world: World) -> None:
    client, token = _client(world, "198.51.100.67")
    for _ in range(5):
        _attempt(world, client, token, "wrong guess number y")
    r = client.post(
        "/api/commission/session?lang=ru",
        json={"username": "chair", "password": "x" * 12, "code": "000000"},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 429 and r.json()["code"] == "web.sign_in_wait"
    assert "Подождите" in r.json()["detail"]
    assert r.headers["Retry-After"] == "30"


def test_the_back_off_grows_and_a_success_clears_it() -> None:
    now = [0.0]
    throttle = SignInThrottle(clock=lambda: now[0])
    waits = [throttle.failed("chair", "a") for _ in range(12)]
    assert waits[:4] == [0.0] * 4
    assert waits[4:9] == [30.0, 60.0, 120.0, 240.0, 480.0]
    assert waits[-1] == 3600.0  # capped
    with pytest.raises(SignInWait):
        throttle.check("chair", "a")
    throttle.check("chair", "b")  # another address: not affected
    throttle.check("CHAIR ", "b")
    now[0] += 3600.0
    throttle.check("chair", "a")
    throttle.succeeded("chair", "a")
    assert throttle.failed("chair", "a") == 0.0  # counting starts again


def test_a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored(world: World) -> None:
    client, token = _client(world, "198.51.100.70")  # not a trusted proxy
    statuses = [
        _attempt(
            world, client, token, "wrong guess number z", **{"X-Forwarded-For": f"192.0.2.{i}"}
        )
        for i in range(6)
    ]
    assert statuses == [401] * 5 + [429]  # one key: the peer's


def test_a_trusted_proxy_forwards_the_real_client(world: World) -> None:
    proxy, token = _client(world, PROXY)
    victim = {"X-Forwarded-For": "203.0.113.50"}
    statuses = [
        _attempt(world, proxy, token, "wrong guess", **{"X-Forwarded-For": f"192.0.2.9, {PROXY}"})
        for _ in range(6)
    ]
    assert statuses == [401] * 5 + [429]  # the client behind the proxy is throttled...
    spoof = {"X-Forwarded-For": "203.0.113.50, 192.0.2.9"}  # the client prepends a fake
    assert _attempt(world, proxy, token, "wrong guess", **spoof) == 429
    assert _attempt(world, proxy, token, PASSWORD, **victim) == 200  # ...not the proxy


def _echo_app(trusted: tuple[Any, ...]) -> TestClient:
    async def echo(scope: Any, receive: Any, send: Any) -> None:
        request = Request(scope)
        body = {
            "client": request.client.host if request.client else None,
            "scheme": request.url.scheme,
            "headers": sorted(k for k in request.headers if "forward" in k or "real" in k),
        }
        await JSONResponse(body)(scope, receive, send)

    return TestClient(ProxyHeaders(echo, trusted=trusted), client=(PROXY, 1))


def test_proxy_headers_are_removed_unless_the_peer_is_trusted() -> None:
    headers = {
        "X-Forwarded-For": "192.0.2.1",
        "X-Forwarded-Proto": "https",
        "Forwarded": "for=192.0.2.2",
        "X-Real-IP": "192.0.2.3",
    }
    untrusted = _echo_app(()).get("/", headers=headers).json()
    assert untrusted == {"client": PROXY, "scheme": "http", "headers": []}
    trusted = _echo_app(TRUSTED).get("/", headers=headers).json()
    assert trusted == {"client": "192.0.2.2", "scheme": "https", "headers": []}  # Forwarded wins
    del headers["Forwarded"]
    assert _echo_app(TRUSTED).get("/", headers=headers).json()["client"] == "192.0.2.1"
    assert _echo_app(TRUSTED).get("/", headers=headers).json()["scheme"] == "https"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"x-forwarded-for": ["1.1.1.1, 2.2.2.2, 10.0.0.7"]}, ("2.2.2.2", None)),
        ({"x-forwarded-for": ["1.1.1.1", "10.0.0.7"]}, ("1.1.1.1", None)),
        ({"x-forwarded-for": ["10.0.0.8"]}, ("10.0.0.8", None)),
        ({"x-forwarded-for": ["unknown, 10.0.0.8"]}, ("10.0.0.8", None)),
        ({"forwarded": ['for="[2001:db8::1]:4711";proto=https']}, ("2001:db8::1", "https")),
        ({"forwarded": ["for=192.0.2.9:80, for=10.0.0.3"]}, ("192.0.2.9", None)),
        ({"x-real-ip": ["192.0.2.4"], "x-forwarded-proto": ["https"]}, ("192.0.2.4", "https")),
        ({"x-forwarded-proto": ["javascript"]}, (PROXY, None)),
    ],
)
def test_the_real_client_is_the_rightmost_untrusted_address(
    headers: dict[str, list[str]], expected: tuple[str, str | None]
) -> None:
    assert real_client(PROXY, headers, TRUSTED) == expected
    assert real_client("192.0.2.200", headers, TRUSTED) == ("192.0.2.200", None)


@pytest.mark.parametrize(
    ("client", "key"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:1:2:3", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.9", "192.0.2.9"),
        ("testclient", "testclient"),
    ],
)
def test_rate_limits_count_an_ipv6_client_by_its_64(client: str, key: str) -> None:
    assert rate_key(client) == key


def test_hopping_addresses_inside_one_ipv6_64_does_not_escape_the_back_off(world: World) -> None:
    statuses = []
    for i in range(6):
        client, token = _client(world, f"2001:db8:5:6::{i + 1:x}")
        statuses.append(_attempt(world, client, token, "wrong guess six"))
    assert statuses == [401] * 5 + [429]


def test_tandau_serve_switches_uvicorns_proxy_trust_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    from tandau.entry import app as cli

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: seen.update(kw))
    for name in ("TANDAU_ENV", "TANDAU_SECRET_KEY", "TANDAU_TOTP_KEY", "TANDAU_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TANDAU_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(cli, ["serve", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert seen["proxy_headers"] is False


@pytest.mark.parametrize(
    ("password", "status", "code"),
    [
        ("short pass", 400, "web.weak_password"),  # under the schema's minLength
        ("password1234", 409, "web.common_password"),  # schema-valid, refused (ADR 0014)
        ("Dragon123456!", 409, "web.common_password"),
        ("iloveyou12345678", 409, "web.common_password"),
        ("qwertyqwerty", 409, "web.common_password"),
        ("aaaaaaaaaaaaaaaa", 409, "web.common_password"),
        ("121212121212", 409, "web.common_password"),
        ("newbie-is-my-name", 409, "web.common_password"),
    ],
)
def test_weak_passwords_are_refused_localised_and_nothing_stored(
    world: World, password: str, status: int, code: str
) -> None:
    chair = world.client("chair")
    token = chair.get("/api/commission/session").json()["csrf_token"]
    with world.ctx.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(web_accounts)).scalar_one()
    r = chair.post(
        "/api/commission/accounts?lang=kk",
        json={"username": "newbie", "name": "New", "role": "member", "password": password},
        headers={"X-CSRF-Token": token},
    )
    assert (r.status_code, r.json()["code"], r.json()["status"]) == (status, code, status)
    assert r.json()["detail"] and "password" not in r.json()["detail"].lower()  # Kazakh text
    with world.ctx.engine.connect() as conn:
        after = conn.execute(select(func.count()).select_from(web_accounts)).scalar_one()
    assert after == before


def test_good_passwords_pass_and_the_list_is_loaded() -> None:
    assert len(common_passwords()) > 25_000 and "password" in common_passwords()
    for password in (PASSWORD, "tr0ub4dor&3-xyz", "demo-Xy3kd9_aQ2"):
        check_password(password, "chair")


def test_sign_in_starts_a_new_session_and_sign_out_ends_it_server_side(world: World) -> None:
    client, before_token = _client(world, "203.0.113.20")
    planted = client.cookies["tandau_session"]  # a session fixed before sign-in
    r = client.post(
        "/api/commission/session",
        json={"username": "chair", "password": PASSWORD, "code": world.code("chair")},
        headers={"X-CSRF-Token": before_token},
    )
    assert r.status_code == 200 and r.json()["csrf_token"] != before_token
    signed_in = client.cookies["tandau_session"]
    assert signed_in != planted
    stale = TestClient(world.app, base_url="https://testserver")
    stale.cookies.set("tandau_session", planted)
    assert stale.get("/api/commission/session").json()["account"] is None
    out = client.delete("/api/commission/session", headers={"X-CSRF-Token": r.json()["csrf_token"]})
    assert out.status_code == 200
    replay = TestClient(world.app, base_url="https://testserver")
    replay.cookies.set("tandau_session", signed_in)  # the cookie copied before sign-out
    assert replay.get("/api/commission/session").json()["account"] is None


def _cli_create(world: World, password: str, lang: str = "en") -> Any:
    from tandau.entry import app as cli

    args = ["accounts", "create", "--commission", "tec-akzhar", "--username", "first"]
    args += ["--name", "First Chair", "--role", "chair", "--lang", lang]
    args += ["--database-url", world.settings.database_url]
    args += ["--data-dir", str(world.settings.data_dir)]
    return CliRunner().invoke(cli, args, input=f"{password}\n{password}\n")


def _count(world: World) -> int:
    with world.ctx.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(web_accounts)).scalar_one())


@pytest.mark.parametrize("password", ["short", "password1234", "first-chair-pass"])
def test_the_cli_refuses_weak_passwords_localised(world: World, password: str) -> None:
    before = _count(world)
    result = _cli_create(world, password, lang="ru")
    assert result.exit_code == 1
    assert "парол" in result.output.lower()
    assert _count(world) == before


def test_the_cli_creates_an_account_that_can_sign_in(world: World) -> None:
    result = _cli_create(world, "a long and unusual phrase")
    assert result.exit_code == 0, result.output
    assert "otpauth://totp/" in result.output and "only this once" in result.output
    secret = result.output.split("authenticator app:")[1].split()[0]
    import pyotp

    client, token = _client(world, "203.0.113.30")
    world.clock.at += timedelta(seconds=30)
    code = pyotp.TOTP(secret).at(int(world.clock.now().timestamp()))
    r = client.post(
        "/api/commission/session",
        json={"username": "first", "password": "a long and unusual phrase", "code": code},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200 and r.json()["account"]["role"] == "chair"
