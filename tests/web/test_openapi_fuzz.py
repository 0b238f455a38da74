"""schemathesis against ``/api/openapi.json``: zero failures, zero server errors (ADR 0014).

A real server on 127.0.0.1 (uvicorn in a thread) holds what ``tandau serve --demo``
holds: the live election, the finished one, the commission with one account per
role.  schemathesis runs as its command line does, with every check on, in the
coverage, fuzzing and stateful phases, and with a bounded number of examples:

- unauthenticated, every operation;
- signed in as each console role (the fixture signs in with a TOTP code), the
  console's read operations: 401/403 per role, bodies against their schemas.

The seed is printed (and in the failure message), so ``TANDAU_FUZZ_SEED=<seed>``
reproduces a run; ``TANDAU_FUZZ_EXAMPLES`` sets the number of examples.
"""

from __future__ import annotations

import os
import random
import secrets as randomness
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyotp
import pytest
import uvicorn

from tandau.crypto.rng import DeterministicRng
from tandau.settings import Settings
from tandau.storage import SqlBoardStore, upgrade
from tandau.web.accounts import create_account
from tandau.web.app import create_app
from tandau.web.context import WebContext
from tandau.web.demo import DEMO_TEC, seed_commission, seed_demo
from tandau.web.demo_finished import seed_finished

ST = Path(sys.executable).with_name("st")
AUTH_CONFIG = Path(__file__).with_name("schemathesis-auth.toml")
SEED = int(os.environ.get("TANDAU_FUZZ_SEED") or random.randrange(2**31))
EXAMPLES = int(os.environ.get("TANDAU_FUZZ_EXAMPLES") or 5)
ROLES = ("chair", "secretary", "registrar", "trustee")


@dataclass(frozen=True)
class Server:
    base: str
    passwords: dict[str, str]
    secrets: dict[str, str]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite:///{tmp / 'fuzz.sqlite3'}"
    settings = Settings.from_env({}, database_url=url, data_dir=tmp, environment="test")
    settings = settings.with_secrets()  # the accounts seal their TOTP secrets with its key
    upgrade(url)
    ctx = WebContext.build(settings)
    rng = DeterministicRng(b"fuzz")
    with SqlBoardStore.from_url(url) as store:
        seed_demo(store, ctx.keys, tmp, rng, voters=4)
        seed_finished(store, ctx.keys, rng)
    chair = seed_commission(ctx)
    passwords, secrets = {"chair": chair.password}, {"chair": chair.totp_secret}
    for role in ROLES[1:]:
        passwords[role] = randomness.token_urlsafe(18)
        made = create_account(
            ctx.engine, settings, ctx.clock, ctx.rng, commission=DEMO_TEC, username=role,
            name=role, role=role, password=passwords[role],
        )  # fmt: skip
        secrets[role] = made.totp_secret
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, ctx), host="127.0.0.1", port=port, lifespan="off", ws="none",
        log_level="warning",
    )  # fmt: skip
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "the test server did not start"
    yield Server(f"http://127.0.0.1:{port}", passwords, secrets)
    uv.should_exit = True
    thread.join(10)
    ctx.close()


def _sign_in(server: Server, role: str) -> tuple[str, str]:
    """The session cookie and CSRF token of ``role``, signed in with password and TOTP."""
    with httpx.Client(base_url=server.base) as client:
        token = client.get("/api/commission/session").json()["csrf_token"]
        body = {
            "username": role,
            "password": server.passwords[role],
            "code": pyotp.TOTP(server.secrets[role]).now(),
        }
        r = client.post("/api/commission/session", json=body, headers={"X-CSRF-Token": token})
        assert r.status_code == 200, r.text
        assert r.json()["account"]["role"] == role
        return str(client.cookies["tandau_session"]), str(r.json()["csrf_token"])


def _schemathesis(
    server: Server, workdir: Path, *args: str, env: dict[str, str] | None = None
) -> str:
    command = [
        str(ST),
        *(["--config-file", str(AUTH_CONFIG)] if env else []),
        "run",
        f"{server.base}/api/openapi.json",
        "--seed",
        str(SEED),
        "--max-examples",
        str(EXAMPLES),
        "--workers",
        "1",
        "--phases",
        "coverage,fuzzing,stateful",
        "--request-timeout",
        "30",
        *args,
    ]
    print(f"schemathesis seed {SEED}: {' '.join(command)}")
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        cwd=workdir,  # schemathesis keeps a cache in the working directory
        check=False,
    )
    summary = done.stdout[-3000:]
    assert done.returncode == 0, f"seed {SEED}: TANDAU_FUZZ_SEED={SEED} reproduces\n{summary}"
    assert " passed" in summary and "failures" not in summary.split("SUMMARY")[-1], summary
    return summary


def test_every_operation_conforms_unauthenticated(server: Server, tmp_path: Path) -> None:
    summary = _schemathesis(server, tmp_path)
    assert "Selected: 47/47" in summary or "Tested:" in summary, summary


@pytest.mark.parametrize("role", ROLES)
def test_console_reads_conform_signed_in_as_each_role(
    server: Server, role: str, tmp_path: Path
) -> None:
    session, csrf = _sign_in(server, role)
    summary = _schemathesis(
        server,
        tmp_path,
        "--include-path-regex",
        "^/api/commission/",
        "--exclude-method",
        "POST",
        "--exclude-method",
        "DELETE",  # signing out would end the session under test
        env={"FUZZ_SESSION": session, "FUZZ_CSRF": csrf},
    )
    assert "Tested:" in summary, summary
