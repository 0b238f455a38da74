"""Two server processes share sign-in back-off and rate limits (issue 13 item 2; ADR 0018).

Two ``tandau serve`` processes on two ports, one installation: through Redis
(``TANDAU_REDIS_URL``) and, without it, through PostgreSQL.  A guesser who
spreads attempts over both still gets five failures in all, not five each,
and one address's twenty sign-ins a minute are twenty over both processes.
Requests come through a trusted proxy (127.0.0.1) so each test is its own client.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tandau.storage import upgrade


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(
            [sys.executable, "-m", "tandau.entry", "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return proc, f"http://127.0.0.1:{port}"


def _wait_ready(base: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/api/commission/session", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not start: {log.read_text()[-2000:]}")


@pytest.fixture(params=["redis", pytest.param("database", marks=pytest.mark.postgres)])
def bases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[list[str]]:
    tmp = tmp_path
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TANDAU_")}
    env = {
        **clean,
        "TANDAU_ENV": "test",
        "TANDAU_DATA_DIR": str(tmp / "data"),
        "TANDAU_TRUSTED_PROXIES": "127.0.0.1",
    }
    if request.param == "redis":
        env["TANDAU_REDIS_URL"] = request.getfixturevalue("redis_url")
        env["TANDAU_DATABASE_URL"] = f"sqlite:///{tmp / 'share.sqlite3'}"
    else:
        env["TANDAU_DATABASE_URL"] = request.getfixturevalue("pg_url")
    upgrade(env["TANDAU_DATABASE_URL"])  # before both start: no race between two migrations
    started = [_start(env, tmp / f"server{i}.log") for i in range(2)]
    try:
        for i, (proc, base) in enumerate(started):
            _wait_ready(base, proc, tmp / f"server{i}.log")
        yield [base for _, base in started]
    finally:
        for proc, _ in started:
            os.killpg(proc.pid, signal.SIGTERM)
        for proc, _ in started:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)


class Client:
    """One client address (behind the trusted proxy) with a session on each server."""

    def __init__(self, bases: list[str], address: str) -> None:
        self.forwarded = {"X-Forwarded-For": address}
        self.clients = [httpx.Client(base_url=b, timeout=30) for b in bases]
        self.tokens = [
            c.get("/api/commission/session", headers=self.forwarded).json()["csrf_token"]
            for c in self.clients
        ]

    def sign_in(self, server: int, username: str) -> tuple[int, str]:
        r = self.clients[server].post(
            "/api/commission/session?lang=en",
            json={"username": username, "password": "wrong guess number 7", "code": "000000"},
            headers={"X-CSRF-Token": self.tokens[server], **self.forwarded},
        )
        return r.status_code, r.json().get("code", "")

    def close(self) -> None:
        for c in self.clients:
            c.close()


def test_the_back_off_counts_failures_on_both_servers(bases: list[str]) -> None:
    client = Client(bases, "198.51.100.21")
    try:
        answers = [client.sign_in(i % 2, "chair") for i in range(5)]  # 3 on one, 2 on the other
        assert answers == [(401, "web.sign_in_failed")] * 5
        # Each server alone has seen fewer than five: only shared counters refuse now.
        assert client.sign_in(1, "chair") == (429, "web.sign_in_wait")
        assert client.sign_in(0, "chair") == (429, "web.sign_in_wait")
        assert client.sign_in(1, "secretary")[0] == 401  # another user: not waiting
    finally:
        client.close()


def test_one_address_has_twenty_sign_ins_a_minute_over_both_servers(bases: list[str]) -> None:
    client = Client(bases, "198.51.100.22")
    try:
        answers = [client.sign_in(i % 2, f"name{i}") for i in range(20)]
        assert {a[0] for a in answers} == {401}
        assert client.sign_in(0, "name20") == (429, "web.rate_limited")
        assert client.sign_in(1, "name21") == (429, "web.rate_limited")
    finally:
        client.close()


def _serve_refuses(env: dict[str, str], tmp_path: Path, *args: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TANDAU_")}
    done = subprocess.run(
        [sys.executable, "-m", "tandau.entry", "serve", "--data-dir", str(tmp_path), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    return done.stderr


def test_serve_refuses_a_redis_that_does_not_answer(tmp_path: Path) -> None:
    env = {"TANDAU_ENV": "test", "TANDAU_REDIS_URL": "redis://127.0.0.1:1/0"}
    assert "TANDAU_REDIS_URL: no Redis server answers" in _serve_refuses(env, tmp_path)


def test_production_refuses_several_workers_on_sqlite_without_redis(tmp_path: Path) -> None:
    env = {
        "TANDAU_ENV": "production",
        "TANDAU_SECRET_KEY": "s" * 40,
        "TANDAU_TOTP_KEY": "t" * 40,
        "TANDAU_DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    }
    err = _serve_refuses(env, tmp_path, "--workers", "2")
    assert "every worker keeps its own rate limits" in err
