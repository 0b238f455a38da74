"""Nothing secret and no ballot content reaches the logs (issue 5, security).

Every logger is captured at DEBUG while a voter casts, a bad ballot is refused,
an audit is checked and a commission member fails and then succeeds to sign in.
The logs may name routes and error codes; they must not hold a ballot's
ciphertexts, proofs, credential or tracking code, nor a password, TOTP code or
secret, nor a session cookie.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pyotp
import pytest
from console_world import csrf
from web_election import make_ballot, voter_client

from tandau.crypto.rng import DeterministicRng
from tandau.web.accounts import create_account
from tandau.web.context import WebContext


def test_casting_and_signing_in_leave_no_secret_in_the_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"sqlite:///{tmp_path / 'logs.sqlite3'}"
    with voter_client(url, tmp_path) as (client, election):
        ballot = make_ballot(election, 0, 1).to_dict()
        cast = client.post(
            f"/api/elections/{election.election}/ballots",
            content=json.dumps(ballot).encode(),
            headers={"content-type": "application/json"},
        )
        assert cast.status_code == 200
        forged = dict(ballot, signature={"c": "00" * 32, "s": "00" * 32})
        refused = client.post(
            f"/api/elections/{election.election}/ballots",
            content=json.dumps(forged).encode(),
            headers={"content-type": "application/json"},
        )
        assert refused.status_code >= 400
        ctx: WebContext = client.app.state.ctx  # type: ignore[attr-defined]
        ctx.administration().units.import_csv(
            "code,level,parent,name_kk,name_ru,name_en\n"
            "990000000,region,,Облыс,Область,Region\n"
            "991000000,district,990000000,Аудан,Район,District\n"
        )
        ctx.administration().commissions.create(
            id="tec-logs", kind="territorial", unit="991000000", name="TEC"
        )
        password = "correct horse battery staple 42"
        enrollment = create_account(
            ctx.engine, ctx.settings, ctx.clock, DeterministicRng(b"logs"),
            commission="tec-logs", username="chair", name="Chair", role="chair",
            password=password,
        )  # fmt: skip
        token = csrf(client)
        wrong = client.post(
            "/commission/login",
            data={"username": "chair", "password": password + "x", "code": "000000",
                  "csrf_token": token},
        )  # fmt: skip
        assert wrong.status_code in (401, 403)
        code = pyotp.TOTP(enrollment.totp_secret).now()
        right = client.post(
            "/commission/login",
            data={"username": "chair", "password": password, "code": code, "csrf_token": token},
            follow_redirects=False,
        )
        assert right.status_code == 303
        session = client.cookies.get("tandau_session")
    logged = caplog.text
    secrets = [
        ballot["credential"],
        ballot["signature"]["s"],
        json.dumps(ballot["selection"])[:80],
        cast.json()["tracking_code"],
        password,
        enrollment.totp_secret,
        code,
        session or "no-session",
    ]
    for ciphertext in ballot["selection"]["ciphertexts"]:
        secrets += [ciphertext["alpha"], ciphertext["beta"]]
    for secret in secrets:
        assert secret not in logged, f"a secret reached the logs: {secret[:16]}…"
