"""Body size and JSON nesting limits on every route, before sign-in and parsing (issue 10)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest
from console_world import ELECTION, World, make_world
from fastapi.testclient import TestClient
from route_table import app_routes, url_of

from tandau.settings import Settings
from tandau.web.app import create_app
from tandau.web.context import WebContext
from tandau.web.limits import json_depth

LIMIT = 4096
DEPTH = 8


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp("limits")
    url = f"sqlite:///{tmp / 'limits.sqlite3'}"
    for w in make_world(url, tmp, accounts=True):
        w.ctx.settings = replace(w.ctx.settings, max_body_bytes=LIMIT, max_json_depth=DEPTH)
        w.app = create_app(w.ctx.settings, context=w.ctx)
        yield w


@pytest.fixture(scope="module")
def chair(world: World) -> TestClient:
    return world.client("chair")


def _routes() -> list[tuple[str, str]]:
    # The route table alone (no database work): a throwaway app over an in-memory URL.
    s = Settings(
        environment="test", database_url="sqlite://", secret_key="s" * 40, totp_key="t" * 40
    )
    app = create_app(s, context=WebContext(settings=s, engine=None))  # type: ignore[arg-type]
    return sorted(set(app_routes(app)))


ROUTES = _routes()


def _check_problem(r, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert r.status_code == status, (r.status_code, r.text[:200])
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == status and body["code"] == code
    assert r.headers["Content-Security-Policy"]  # the security headers are on refusals too


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_refuses_an_oversized_body(chair: TestClient, method: str, path: str) -> None:
    client = chair  # signed in: refused before the route all the same
    url = url_of(path) + "?lang=ru"
    big = b"x" * (LIMIT + 1)
    declared = client.request(method, url, content=big, headers={"Accept": "application/json"})
    _check_problem(declared, 413, "web.too_large")
    assert declared.json()["title"] == "Запрос слишком велик."

    def chunks() -> Iterator[bytes]:
        for _ in range(LIMIT // 1000 + 2):
            yield b"y" * 1000

    chunked = client.request(method, url, content=chunks(), headers={"Accept": "application/json"})
    assert "content-length" not in chunked.request.headers
    _check_problem(chunked, 413, "web.too_large")


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_refuses_deep_json(world: World, method: str, path: str) -> None:
    client = world.client()
    deep = "[" * (DEPTH + 1) + "]" * (DEPTH + 1)
    r = client.request(
        method,
        url_of(path) + "?lang=kk",
        content=deep.encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    _check_problem(r, 400, "web.json_too_deep")
    assert str(DEPTH) in r.json()["detail"] and "деңгей" in r.json()["detail"]


#: Valid JSON nested past the limit (within the size limit), in UTF-16: the one "\u2241"
#: (bytes 41 22) puts an odd quote byte first, so a scan of the bytes took every bracket
#: after it for a string.
WIDE_DEEP = ('{"a": ["\u2241", ' + "[" * 900 + "]" * 900 + "]}").encode("utf-16-le")


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_refuses_json_that_is_not_utf8(world: World, method: str, path: str) -> None:
    """The depth scan reads bytes; JSON in UTF-16 or UTF-32 hid its nesting from it and the
    duplicate-key check's parser recursed until a RecursionError (500, on every route,
    signed in or not).  JSON must be UTF-8 (RFC 8259 §8.1): anything wider is refused."""
    client = TestClient(world.app, base_url="https://testserver", raise_server_exceptions=False)
    for body in (
        WIDE_DEEP,
        '{"a": 1, "a": 2}'.encode("utf-16"),
        "[1]".encode("utf-32-be"),
    ):
        r = client.request(
            method,
            url_of(path) + "?lang=ru",
            content=body,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        _check_problem(r, 400, "web.bad_request")
        assert "UTF-8" in r.json()["detail"] and "Запрос" in r.json()["detail"]


def test_limits_come_before_authentication_and_csrf(world: World) -> None:
    anonymous = world.client()
    url = f"/api/commission/elections/{ELECTION}/advance"
    assert anonymous.post(url, json={}).status_code == 401
    assert anonymous.post(url, content=b"{" * 500).status_code == 400
    assert anonymous.post(url, content=b"x" * (LIMIT + 1)).status_code == 413


def test_a_form_field_carrying_deep_json_is_refused(world: World) -> None:
    client = world.client()
    r = client.post(
        "/commission/login",
        data={"username": "[" * 50, "password": "x", "code": "1", "csrf_token": "t"},
        headers={"Accept": "text/html"},
    )
    assert r.status_code == 400 and "text/html" in r.headers["content-type"]


def test_bodies_within_the_limits_pass(world: World) -> None:
    client = world.client()
    ok = {"a": [[["deep enough"]]], "s": "[[[[[[[[[[[[[[[[[[[[ in a string ]"}
    r = client.post(
        "/api/commission/session",
        content=json.dumps({**ok, "username": "x", "password": "y", "code": "1"}),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code in (401, 403, 422)  # reached the route: no token, wrong user


@pytest.mark.parametrize(
    ("body", "depth"),
    [
        (b"", 0),
        (b"{}", 1),
        (b'{"a": [1, {"b": [2]}]}', 4),
        (b'["[[[[", "\\"[[["]', 1),
        (b"[" * 10_000, 10_000),
        (b"]]]][[", 2),
        (b'"unterminated [[[[', 0),
    ],
)
def test_json_depth(body: bytes, depth: int) -> None:
    assert min(json_depth(body, 100_000), 100_000) == depth


def test_json_depth_is_fast_on_hostile_bodies() -> None:
    import time

    start = time.perf_counter()
    for body in (b"[]" * 2_000_000, b'\\"' * 2_000_000, b'"' * 4_000_000, b"[" * 4_000_000):
        json_depth(body, 32)
    assert time.perf_counter() - start < 10


SIGN_OUT = {("POST", "/commission/logout"), ("DELETE", "/api/commission/session")}
HOSTILE = {
    "huge integer": (b'{"username": ' + b"9" * 5000 + b"}", "application/json"),
    "bad UTF-8": (b'{"username": "\xff\xfe"}', "application/json"),
    "lone surrogate": (
        b'{"username": "\\ud800", "password": "\\ud800", "code": "1"}',
        "application/json",
    ),
    "NaN": (b'{"username": NaN, "a": 1e999999}', "application/json"),
    "broken multipart": (
        b"--xyz\r\nContent-Disposition: form-data\r\n\r\nabc",
        "multipart/form-data; boundary=xyz",
    ),
    "form, bad escapes": (
        b"username=%ff%fe&csrf_token=%zz&" + b"&".join(b"f%d=1" % i for i in range(300)),
        "application/x-www-form-urlencoded",
    ),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_bodies_within_the_limits_never_cause_a_server_error(
    world: World, kind: str
) -> None:
    body, content_type = HOSTILE[kind]
    signed_in = world.client("chair")  # past sign-in and CSRF: the routes themselves parse
    client = TestClient(world.app, base_url="https://testserver", raise_server_exceptions=False)
    client.cookies = signed_in.cookies
    token = signed_in.get("/api/commission/session").json()["csrf_token"]
    errors = []
    for method, path in ROUTES:
        if method == "GET" or (method, path) in SIGN_OUT:
            continue
        r = client.request(
            method,
            url_of(path),
            content=body,
            headers={
                "X-CSRF-Token": token,
                "Content-Type": content_type,
                "Accept": "application/json",
            },
        )
        if r.status_code >= 500:
            errors.append((method, path, r.status_code))
    assert not errors
    assert client.get("/api/commission/session").json()["account"] is not None  # still signed in
