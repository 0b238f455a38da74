"""The web skeleton: language choice, security headers, the one error handler, CSRF, limits."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request
from web_election import production_settings

from tandau.admin.errors import NotFound, Refused
from tandau.board.errors import InvalidEntry
from tandau.crypto.errors import ProofError
from tandau.crypto.rng import DeterministicRng
from tandau.i18n import gettext, part_paths
from tandau.law import Violation
from tandau.protocol.errors import BallotRefused
from tandau.settings import ConfigurationError, Settings
from tandau.storage.keyring import KeyRing
from tandau.web.app import create_app
from tandau.web.errors import CsrfFailed, RateLimited
from tandau.web.locale import from_accept_language
from tandau.web.security import RateLimiter, check_csrf, csrf_token


def _violation() -> Violation:
    return Violation(
        rule="calendar.nomination_closes",
        article="CLE art. 113-6 p. 2",
        confidence="C",
        message={"kk": "Ұсыну жабылды", "ru": "Выдвижение закрыто", "en": "Nomination is closed"},
    )


def _app(tmp_path: Path) -> FastAPI:
    settings = Settings.from_env(
        {}, database_url=f"sqlite:///{tmp_path / 'web.sqlite3'}", data_dir=tmp_path
    )
    app = create_app(settings)

    def refused() -> None:
        raise Refused([_violation()])

    def missing() -> None:
        raise NotFound("election", "e-404")

    def bad_proof() -> None:
        raise ProofError("range proof fails")

    def wrong_election() -> None:
        raise BallotRefused("another election", reason="wrong_election")

    def crash() -> None:
        raise RuntimeError("not a domain error")

    async def form(request: Request) -> dict[str, str]:
        data = await request.form()
        check_csrf(request, str(data.get("csrf_token", "")) or None)
        return {"ok": "yes"}

    def token(request: Request) -> dict[str, str]:
        return {"token": csrf_token(request)}

    for path, fn in [
        ("/api/test/refused", refused),
        ("/api/test/missing", missing),
        ("/api/test/proof", bad_proof),
        ("/api/test/wrong", wrong_election),
        ("/api/test/crash", crash),
        ("/test/refused", refused),
        ("/api/test/token", token),
    ]:
        app.add_api_route(path, fn, methods=["GET"])
    app.add_api_route("/api/test/form", form, methods=["POST"])
    return app


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(_app(tmp_path), raise_server_exceptions=False) as c:
        yield c


# -- language -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ru-RU,ru;q=0.9,en;q=0.8", "ru"),
        ("en-US,en;q=0.9", "en"),
        ("de-DE,de;q=0.9", None),
        ("de,en;q=0.5,ru;q=0.7", "ru"),
        ("kk;q=0.2,ru;q=0", "kk"),
        ("en;q=oops,ru;q=0.1", "ru"),
        ("", None),
    ],
)
def test_accept_language_picks_the_preferred_supported_language(
    header: str, expected: str | None
) -> None:
    assert from_accept_language(header) == expected


def test_kazakh_is_the_default_language(client: TestClient) -> None:
    page = client.get("/")
    assert page.headers["content-language"] == "kk"
    assert '<html lang="kk">' in page.text
    assert gettext("kk", "Elections") in page.text


def test_query_choice_is_remembered_in_a_cookie(client: TestClient) -> None:
    page = client.get("/?lang=ru", headers={"accept-language": "en"})
    assert page.headers["content-language"] == "ru"
    assert page.cookies.get("lang") == "ru"
    # The cookie now wins over the browser's header.
    again = client.get("/", headers={"accept-language": "en"})
    assert again.headers["content-language"] == "ru"
    assert "Выборы" in again.text


def test_accept_language_is_used_without_query_or_cookie(client: TestClient) -> None:
    page = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert page.headers["content-language"] == "en"
    assert "There are no elections on this server yet." in page.text


def test_an_unsupported_language_in_the_query_is_ignored(client: TestClient) -> None:
    page = client.get("/?lang=fr", headers={"accept-language": "en"})
    assert page.headers["content-language"] == "en"
    assert "lang" not in page.cookies


def test_language_links_keep_the_other_query_parameters(client: TestClient) -> None:
    page = client.get("/?page=2&lang=en")
    assert 'href="/?page=2&amp;lang=kk"' in page.text


# -- security headers -------------------------------------------------------------


def test_pages_carry_security_headers_and_a_strict_csp(client: TestClient) -> None:
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    assert "<script>" not in page.text and " style=" not in page.text


def test_static_files_may_be_cached(client: TestClient) -> None:
    css = client.get("/static/css/tandau.css")
    assert css.status_code == 200
    assert "cache-control" not in css.headers
    assert "content-security-policy" in css.headers


def test_session_cookie_is_http_only_and_same_site_strict(client: TestClient) -> None:
    response = client.get("/api/test/token")
    cookie = response.headers["set-cookie"]
    assert "tandau_session=" in cookie
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()


def test_production_sets_secure_cookies_and_hsts(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"TANDAU_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"},
        environment="production",
        secret_key="x" * 40,
        totp_key="t" * 40,
        data_dir=tmp_path,
    )
    with TestClient(create_app(settings), base_url="https://testserver") as c:
        response = c.get("/api/test/none?lang=en")
        assert "max-age" in response.headers["strict-transport-security"]
        assert "secure" in response.headers["set-cookie"].lower()


# -- the one error handler --------------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_an_unknown_api_path_is_localised_problem_json(client: TestClient, lang: str) -> None:
    response = client.get(f"/api/nowhere?lang={lang}")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 404 and body["code"] == "web.not_found"
    assert body["title"] == gettext(lang, "Nothing was found at this address.")
    assert body["instance"] == "/api/nowhere"


def test_a_refusal_names_its_rule_and_article_in_the_language(client: TestClient) -> None:
    body = client.get("/api/test/refused?lang=ru").json()
    assert body["status"] == 409 and body["code"] == "admin.refused"
    assert body["detail"] == "Выдвижение закрыто"
    assert body["violations"] == [
        {
            "rule": "calendar.nomination_closes",
            "article": "CLE art. 113-6 p. 2",
            "message": "Выдвижение закрыто",
        }
    ]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/test/missing", 404, "admin.not_found"),
        ("/api/test/proof", 409, "crypto.proof.invalid"),
        ("/api/test/wrong", 409, "protocol.ballot_refused"),
    ],
)
def test_domain_errors_map_to_their_status(
    client: TestClient, path: str, status: int, code: str
) -> None:
    response = client.get(path + "?lang=en")
    assert response.status_code == status
    assert response.json()["code"] == code


def test_a_ballot_refusal_says_why(client: TestClient) -> None:
    body = client.get("/api/test/wrong?lang=kk").json()
    assert body["reason"] == "wrong_election"
    assert body["title"] == gettext("kk", "The ballot cannot be accepted.")


def test_an_unexpected_error_is_a_bare_500_without_details(client: TestClient) -> None:
    response = client.get("/api/test/crash")
    assert response.status_code == 500
    assert "not a domain error" not in response.text


def test_browsers_get_a_localised_error_page(client: TestClient) -> None:
    page = client.get("/test/refused?lang=kk", headers={"accept": "text/html"})
    assert page.status_code == 409
    assert page.headers["content-type"].startswith("text/html")
    assert gettext("kk", "The law does not allow this step now.") in page.text
    assert "Ұсыну жабылды" in page.text and "CLE art. 113-6 p. 2" in page.text


def test_a_missing_page_is_a_localised_404_page(client: TestClient) -> None:
    page = client.get("/no/such/page?lang=ru", headers={"accept": "text/html"})
    assert page.status_code == 404
    assert "По этому адресу ничего не найдено." in page.text


def test_validation_errors_are_problem_json(client: TestClient) -> None:
    response = client.post("/api/test/form?lang=en", content=b"\xff", headers={"x": "y"})
    assert response.status_code == 403  # no CSRF token in a bare body
    assert response.json()["code"] == "web.csrf"


# -- CSRF ---------------------------------------------------------------------------


def test_a_form_with_the_session_token_passes(client: TestClient) -> None:
    token = client.get("/api/test/token").json()["token"]
    response = client.post("/api/test/form", data={"csrf_token": token})
    assert response.status_code == 200 and response.json() == {"ok": "yes"}


@pytest.mark.parametrize("submitted", [None, "", "forged-token"])
def test_a_form_without_the_session_token_is_refused(
    client: TestClient, submitted: str | None
) -> None:
    client.get("/api/test/token")
    data = {} if submitted is None else {"csrf_token": submitted}
    response = client.post("/api/test/form?lang=en", data=data)
    assert response.status_code == 403
    assert response.json()["code"] == "web.csrf"


def test_a_token_from_another_session_is_refused(tmp_path: Path) -> None:
    app = _app(tmp_path)
    with TestClient(app) as alice, TestClient(app) as mallory:
        stolen = alice.get("/api/test/token").json()["token"]
        mallory.get("/api/test/token")
        response = mallory.post("/api/test/form", data={"csrf_token": stolen})
        assert response.status_code == 403


def test_check_csrf_raises_without_a_session_token() -> None:
    scope = {"type": "http", "session": {}, "headers": [], "method": "POST", "path": "/"}
    with pytest.raises(CsrfFailed):
        check_csrf(Request(scope), "anything")


# -- rate limits --------------------------------------------------------------------


def test_the_rate_limiter_allows_a_burst_then_refuses_then_refills() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=6, burst=3, clock=lambda: now[0])
    for _ in range(3):
        limiter.hit("10.0.0.1")
    with pytest.raises(RateLimited):
        limiter.hit("10.0.0.1")
    limiter.hit("10.0.0.2")  # another address has its own bucket
    now[0] += 10.0  # six a minute: one token back after ten seconds
    limiter.hit("10.0.0.1")
    with pytest.raises(RateLimited):
        limiter.hit("10.0.0.1")


# -- catalogue parts, keys, settings -----------------------------------------------------


def test_the_web_part_joins_the_catalogue() -> None:
    names = [p.name for p in part_paths("ru")]
    assert names[0] == "tandau.po" and "tandau-web.po" in names
    assert gettext("ru", "Skip to content") == "Перейти к содержанию"
    assert gettext("kk", "Vote") == "Дауыс беру"


def test_a_key_file_is_private_and_never_overwritten(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "keys")
    assert ring.load("e-1") is None and not ring.has("e-1")
    key = ring.create("e-1", DeterministicRng(b"k"))
    path = tmp_path / "keys" / "e-1.ed25519"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = ring.load("e-1")
    assert loaded is not None and loaded.verify_key.hex() == key.verify_key.hex()
    with pytest.raises(FileExistsError):
        ring.create("e-1", DeterministicRng(b"other"))
    assert ring.load("e-1").verify_key.hex() == key.verify_key.hex()  # type: ignore[union-attr]


def test_settings_defaults_build_from_an_empty_environment() -> None:
    settings = Settings.from_env({})
    assert settings.port == 8000 and settings.host == "127.0.0.1"
    assert settings.database_url.startswith("sqlite:///")


@pytest.mark.parametrize(("text", "expected"), [("on", True), ("off", False), ("0", False)])
def test_rate_limits_switch(text: str, expected: bool) -> None:
    assert Settings.from_env({"TANDAU_RATE_LIMITS": text}).rate_limits is expected


def test_rate_limits_switch_refuses_nonsense_and_production_off() -> None:
    with pytest.raises(ConfigurationError):
        Settings.from_env({"TANDAU_RATE_LIMITS": "maybe"})
    with pytest.raises(ConfigurationError):
        production_settings(
            {"TANDAU_RATE_LIMITS": "off", "TANDAU_DATABASE_URL": "sqlite:///x.sqlite3"}
        )


@pytest.mark.parametrize("election", ["../keys/e-1", "a/b", "..", ".hidden", "a..b", "x" * 129])
def test_a_key_name_cannot_leave_the_key_folder(tmp_path: Path, election: str) -> None:
    ring = KeyRing(tmp_path / "keys")
    assert ring.load(election) is None and not ring.has(election)
    with pytest.raises(InvalidEntry):
        ring.create(election, DeterministicRng(b"k"))
    assert not any(tmp_path.rglob("*.ed25519"))


def test_a_service_made_before_the_key_exists_signs_once_it_does(tmp_path: Path) -> None:
    from tandau.web.context import WebContext
    from tandau.web.demo import demo_manifest

    settings = Settings.from_env(
        {}, database_url=f"sqlite:///{tmp_path / 'k.sqlite3'}", data_dir=tmp_path
    )
    ctx = WebContext.build(settings)
    try:
        with pytest.raises(Exception):  # noqa: B017 - no board yet, no key yet
            ctx.with_election("e-late", lambda svc: svc.receipt(0, "x"))
        key = ctx.keys.create("e-late", DeterministicRng(b"late"))
        ctx.with_election("e-late", lambda svc: svc.create(demo_manifest(key.verify_key.hex())))
        head = ctx.with_election("e-late", lambda svc: svc._board.head())
        assert head.tree_size == 1 and head.signature
    finally:
        ctx.close()
