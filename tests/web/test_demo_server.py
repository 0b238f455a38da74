"""`tandau serve --demo`: a ready election whose codes vote and whose trustee files decrypt."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyotp
import pytest
from console_world import csrf
from fastapi.testclient import TestClient
from web_election import production_settings

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.ceremony import CeremonyResult, TrusteeShare
from tandau.crypto.decryption import combine, decrypt_totals, tally_share
from tandau.crypto.dlog import DlogTable
from tandau.crypto.rng import DeterministicRng
from tandau.protocol import events as ev
from tandau.protocol.ballot import create_ballot
from tandau.protocol.credentials import derive
from tandau.settings import ConfigurationError, Settings
from tandau.storage import SqlBoardStore, upgrade
from tandau.storage.keyring import KeyRing
from tandau.web.app import create_app
from tandau.web.context import WebContext
from tandau.web.demo import DEMO_ELECTION, DemoCommission, seed_commission, seed_demo
from tandau.web.demo_finished import FINISHED_ELECTION
from tandau.web.routes.demo import KZ


def test_the_demo_election_is_open_and_its_files_work(db_url: str, tmp_path: Path) -> None:
    upgrade(db_url)
    rng = DeterministicRng(b"demo-seed")
    with SqlBoardStore.from_url(db_url) as store:
        keys = KeyRing(tmp_path / "keys")
        demo = seed_demo(store, keys, tmp_path, rng, voters=6)
        svc = ElectionService(Board(store, DEMO_ELECTION, key=keys.load(DEMO_ELECTION)))
        st = svc.sync()
        manifest, key = st.require_manifest(), st.require_key()
        assert st.opened and not st.closed
        assert manifest.mode == "remote-pilot"
        fp = manifest.fingerprint
        # Every printed code is on the public list, and the list holds nothing else.
        assert {derive(fp, c).public.data for c in demo.codes} == st.credentials
        assert demo.credentials_file.read_text().split() == list(demo.codes)
        assert stat.S_IMODE(demo.credentials_file.stat().st_mode) == 0o600
        # Two voters vote; any three trustees' files decrypt the tally.
        k = len(manifest.options)
        for i, code in enumerate(demo.codes[:2]):
            one_hot = [int(j == i) for j in range(k)]
            ballot, _ = create_ballot(fp, key, manifest.rule, one_hot, derive(fp, code), rng)
            svc.cast(ballot.to_dict())
        svc.close()
        tally = svc.sync().box.tally()  # type: ignore[union-attr]
        entry = next(e for e in svc._board.entries() if e.type == ev.ELECTION_KEY)
        result = CeremonyResult.from_dict(entry.payload)
        shares = []
        for j in (1, 4, 5):
            path = demo.trustee_dir / f"trustee-{j}.share.json"
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            share = TrusteeShare.from_dict(json.loads(path.read_text()))
            shares.append(tally_share(share, tally.ciphertexts, fp, rng))
        comb = combine(tally.ciphertexts, shares, result.verification_key_map(), 3, fp)
        totals = decrypt_totals(tally.ciphertexts, comb, DlogTable.for_bound(2))
        assert totals == (1, 1, 0, 0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_demo_serves_on_loopback_and_says_how_to_vote(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "TANDAU_DATA_DIR": str(tmp_path)}
    env.pop("TANDAU_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tandau.entry", "serve", "--demo", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        body = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    body = r.read().decode()
                break
            except OSError:
                time.sleep(0.3)
        assert DEMO_ELECTION in body and FINISHED_ELECTION in body
        url = f"http://127.0.0.1:{port}/api/elections/{FINISHED_ELECTION}/results"
        with urllib.request.urlopen(url, timeout=10) as r:
            assert json.loads(r.read())["published"] is True
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/e/{DEMO_ELECTION}/vote" in out
    codes = (tmp_path / "demo-server" / "demo" / "credentials.txt").read_text().split()
    assert len(codes) == 20 and codes[0] in out
    assert "/commission/login" in out and "user chair, password demo-" in out
    # make run prints the finished election too: its results and its record.
    assert f"http://127.0.0.1:{port}/e/{FINISHED_ELECTION}/results" in out
    assert f"http://127.0.0.1:{port}/e/{FINISHED_ELECTION}/record" in out


def _demo_app(tmp_path: Path, demo: bool = True) -> tuple[WebContext, Any, DemoCommission]:
    """The console of a demo server (``demo``) or of an ordinary one, and its chair."""
    settings = Settings.from_env(
        {},
        database_url=f"sqlite:///{tmp_path / 'console.sqlite3'}",
        data_dir=tmp_path,
        environment="test",
        demo=demo,
    )
    ctx = WebContext.build(settings)
    return ctx, create_app(settings, ctx), seed_commission(ctx)


def _demo_console(tmp_path: Path, demo: bool = True) -> tuple[WebContext, TestClient, str]:
    ctx, app, chair = _demo_app(tmp_path, demo)
    client = TestClient(app, base_url="https://testserver")
    token = csrf(client)
    code = pyotp.TOTP(chair.totp_secret).at(int(ctx.clock.now().timestamp()))
    signed_in = client.post(
        "/commission/login?lang=en",
        data={"username": chair.username, "password": chair.password, "code": code,
              "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    assert signed_in.status_code == 303, signed_in.text
    return ctx, client, csrf(client)  # signing in starts a new session and token


def test_the_demo_chair_signs_in_and_moves_the_calendar_forward(tmp_path: Path) -> None:
    ctx, client, token = _demo_console(tmp_path)
    try:
        page = client.get("/commission?lang=en")
        assert "Demo clock" in page.text and 'name="moment"' in page.text
        assert ctx.administration().commissions.members  # the TEC exists
        moved = client.post(
            "/commission/demo/clock",
            data={"moment": "2031-03-01T10:00", "csrf_token": token},
            follow_redirects=False,
        )
        assert moved.status_code == 303
        assert ctx.clock.now().astimezone(KZ).strftime("%Y-%m-%d %H") == "2031-03-01 10"
        back = client.post(
            "/commission/demo/clock?lang=en",
            data={"moment": "2030-01-01T10:00", "csrf_token": token},
        )
        assert back.status_code == 400
        assert ctx.clock.now().year == 2031  # unchanged
        forged = client.post("/commission/demo/clock", data={"moment": "2032-01-01T10:00"})
        assert forged.status_code == 403 and ctx.clock.now().year == 2031
    finally:
        ctx.close()


def test_moving_the_demo_clock_locks_no_one_out(tmp_path: Path) -> None:
    """One-time codes follow real time, not the demo's calendar: after the chair moves the
    calendar forward, codes from an authenticator app still sign in (they were all refused)."""
    ctx, app, chair = _demo_app(tmp_path)
    totp = pyotp.TOTP(chair.totp_secret)

    def sign_in(code: str) -> tuple[TestClient, int]:
        client = TestClient(app, base_url="https://testserver")
        form = {"username": chair.username, "password": chair.password, "code": code}
        r = client.post(
            "/commission/login", data={**form, "csrf_token": csrf(client)}, follow_redirects=False
        )
        return client, r.status_code

    try:
        client, status = sign_in(totp.at(time.time()))
        assert status == 303
        moved = client.post(
            "/commission/demo/clock",
            data={"moment": "2031-03-01T10:00", "csrf_token": csrf(client)},
            follow_redirects=False,
        )
        assert moved.status_code == 303 and ctx.clock.now().year == 2031
        assert sign_in(totp.at(time.time() + 30))[1] == 303
        # The calendar's time is no code's time either way.
        assert sign_in(totp.at(ctx.clock.now().timestamp()))[1] == 401
    finally:
        ctx.close()


def test_outside_the_demo_the_clock_cannot_be_moved(tmp_path: Path) -> None:
    ctx, client, token = _demo_console(tmp_path, demo=False)
    try:
        assert "Demo clock" not in client.get("/commission?lang=en").text
        refused = client.post(
            "/commission/demo/clock", data={"moment": "2031-03-01T10:00", "csrf_token": token}
        )
        assert refused.status_code == 404
        assert abs(ctx.clock.now() - datetime.now(UTC)) < timedelta(minutes=1)
    finally:
        ctx.close()


def test_production_is_never_a_demo() -> None:
    with pytest.raises(ConfigurationError):
        production_settings({"TANDAU_DEMO": "on", "TANDAU_DATABASE_URL": "sqlite:///p.sqlite3"})
