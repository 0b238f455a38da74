"""Polling-station elections take ballots only from enrolled kiosks; audited ballots are never
cast (ADR 0009).  On SQLite and PostgreSQL; every refusal stores nothing."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_election import SeededElection, make_ballot, voter_client

from tandau.crypto.rng import DeterministicRng
from tandau.i18n import gettext
from tandau.protocol.ballot import create_ballot
from tandau.storage.booth_tables import booth_devices, booth_enrolments
from tandau.web.routes.kiosk_devices import device_cookie

NO_DEVICE = (
    "This election takes ballots only from the voting booths at its polling stations. "
    "Please vote at your polling station."
)


@pytest.fixture
def station(db_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, SeededElection]]:
    with voter_client(db_url, tmp_path, mode="polling-station") as pair:
        yield pair


def _size(client: TestClient, election: str) -> int:
    return int(client.get(f"/api/elections/{election}").json()["board_size"])


def _cast(client: TestClient, election: str, ballot: Any) -> Any:
    return client.post(
        f"/api/elections/{election}/ballots",
        content=ballot.canonical(),
        headers={"content-type": "application/json", "accept-language": "ru"},
    )


def _register(client: TestClient, election: str, label: str = "P-1 booth 1") -> tuple[int, str]:
    device, code = client.app.state.ctx.devices().register(  # type: ignore[attr-defined]
        election=election, label=label, actor="chair"
    )
    return device.id, code


def test_remote_casting_into_a_polling_station_election_is_refused(station) -> None:
    client, s = station
    before = _size(client, s.election)
    r = _cast(client, s.election, make_ballot(s, 0, 1))
    assert r.status_code == 403 and r.headers["content-type"].startswith("application/problem")
    body = r.json()
    assert (body["code"], body["reason"]) == ("admin.device_refused", "no_device")
    assert body["detail"] == gettext("ru", NO_DEVICE)
    assert _size(client, s.election) == before
    page = client.get(f"/e/{s.election}/kiosk?lang=kk", headers={"accept": "text/html"})
    assert page.status_code == 403 and gettext("kk", NO_DEVICE) in page.text
    assert 'id="booth"' not in page.text
    # A made-up token is no better than none.
    client.cookies.set(device_cookie(s.election), "ab" * 32)
    r = _cast(client, s.election, make_ballot(s, 0, 1))
    assert r.status_code == 403 and r.json()["reason"] == "unknown_device"


def test_enrol_cast_revoke_refused(station) -> None:
    client, s = station
    device, code = _register(client, s.election)
    assert len(code) == 19 and code.count("-") == 3
    r = client.post(f"/api/elections/{s.election}/devices/enrol", json={"code": code.lower()})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "active" and r.json()["id"] == device
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    token = client.cookies.get(device_cookie(s.election))
    assert token and token not in json.dumps(
        [t.to_dict() for t in client.app.state.ctx.devices().trail(s.election)]
    )

    with client.app.state.ctx.engine.connect() as conn:  # only the token's hash is kept
        stored = [
            tuple(row)
            for table in (booth_devices, booth_enrolments)
            for row in conn.execute(select(table))
        ]
    assert token not in repr(stored) and hashlib.sha256(token.encode()).hexdigest() in repr(stored)
    assert client.get(f"/e/{s.election}/kiosk").status_code == 200
    r = _cast(client, s.election, make_ballot(s, 0, 1))
    assert r.status_code == 200, r.text

    # The code worked once: a second browser cannot enrol with it.
    other = TestClient(client.app)
    r = other.post(f"/api/elections/{s.election}/devices/enrol", json={"code": code})
    assert r.status_code == 409 and r.json()["reason"] == "bad_code"

    client.app.state.ctx.devices().revoke(election=s.election, device=device, actor="chair")
    before = _size(client, s.election)
    r = _cast(client, s.election, make_ballot(s, 1, 2))
    assert r.status_code == 403 and r.json()["reason"] == "revoked_device"
    assert _size(client, s.election) == before
    assert client.get(f"/e/{s.election}/kiosk").status_code == 403
    trail = client.app.state.ctx.devices().trail(s.election)
    assert [(t.device, t.action) for t in trail] == [
        (device, "registered"),
        (device, "enrolled"),
        (device, "revoked"),
    ]


def test_the_enrolment_form_sets_the_cookie_and_opens_the_kiosk(station) -> None:
    client, s = station
    _, code = _register(client, s.election)
    page = client.get(f"/e/{s.election}/kiosk/enrol?lang=ru")
    assert page.status_code == 200 and gettext("ru", "Enrolment code") in page.text
    bad = client.post(f"/e/{s.election}/kiosk/enrol?lang=ru", data={"code": "AAAA-BBBB"})
    assert bad.status_code == 409
    assert (
        gettext("ru", "The enrolment code is not valid, was used already or has expired.")
        in bad.text
    )
    r = client.post(f"/e/{s.election}/kiosk/enrol", data={"code": code}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/e/{s.election}/kiosk"
    assert client.get(f"/e/{s.election}/kiosk").status_code == 200


def test_an_expired_enrolment_code_is_refused(station) -> None:
    client, s = station
    ctx = client.app.state.ctx
    _, code = _register(client, s.election)
    real = ctx.clock

    class Later:
        def now(self) -> Any:
            from datetime import timedelta

            return real.now() + timedelta(hours=13)

    ctx.clock = Later()
    try:
        r = client.post(f"/api/elections/{s.election}/devices/enrol", json={"code": code})
    finally:
        ctx.clock = real
    assert r.status_code == 409 and r.json()["reason"] == "bad_code"


def test_a_device_of_one_election_cannot_cast_into_another(db_url: str, tmp_path: Path) -> None:
    with voter_client(db_url, tmp_path, mode="polling-station") as (client, s):
        from web_election import seed_election

        other = seed_election(
            db_url, tmp_path, election="other-2026", mode="polling-station", seed=b"o"
        )
        _, code = _register(client, s.election)
        assert (
            client.post(
                f"/api/elections/{s.election}/devices/enrol", json={"code": code}
            ).status_code
            == 200
        )
        token = client.cookies.get(device_cookie(s.election))
        client.cookies.set(device_cookie(other.election), token or "")
        r = _cast(client, other.election, make_ballot(other, 0, 1))
        assert r.status_code == 403 and r.json()["reason"] == "unknown_device"


def test_remote_pilot_elections_need_no_device(db_url: str, tmp_path: Path) -> None:
    with voter_client(db_url, tmp_path) as (client, s):
        assert _cast(client, s.election, make_ballot(s, 0, 1)).status_code == 200
        assert client.get(f"/e/{s.election}/kiosk").status_code == 200


# -- audited ballots -------------------------------------------------------------------


def test_an_audited_ballot_is_refused_and_a_fresh_encryption_is_cast(
    db_url: str, tmp_path: Path
) -> None:
    with voter_client(db_url, tmp_path) as (client, s):
        ballot, opening = create_ballot(
            s.fingerprint, s.key, s.manifest.rule, [0, 1, 0, 0], s.credentials[2],
            DeterministicRng(b"spoiled"),
        )  # fmt: skip
        body = {"ballot": ballot.to_dict(), "opening": opening.to_dict()}
        r = client.post(f"/api/elections/{s.election}/audit", json=body)
        assert r.status_code == 200 and r.json()["verified"] is True
        before = _size(client, s.election)
        r = _cast(client, s.election, ballot)
        assert r.status_code == 409, r.text
        assert (r.json()["code"], r.json()["reason"]) == (
            "protocol.ballot_refused",
            "audited_ballot",
        )
        assert _size(client, s.election) == before
        # Auditing again is harmless; the refusal stands.
        assert client.post(f"/api/elections/{s.election}/audit", json=body).status_code == 200
        assert _cast(client, s.election, ballot).status_code == 409
        # The same choice, encrypted afresh, is cast.
        fresh, _ = create_ballot(
            s.fingerprint, s.key, s.manifest.rule, [0, 1, 0, 0], s.credentials[2],
            DeterministicRng(b"fresh"),
        )  # fmt: skip
        assert fresh.tracking_code != ballot.tracking_code
        assert _cast(client, s.election, fresh).status_code == 200


def test_a_failed_audit_records_nothing(db_url: str, tmp_path: Path) -> None:
    with voter_client(db_url, tmp_path) as (client, s):
        ballot, opening = create_ballot(
            s.fingerprint, s.key, s.manifest.rule, [0, 1, 0, 0], s.credentials[3],
            DeterministicRng(b"lie"),
        )  # fmt: skip
        lie = {**opening.to_dict(), "choices": [1, 0, 0, 0]}
        r = client.post(
            f"/api/elections/{s.election}/audit",
            json={"ballot": ballot.to_dict(), "opening": lie},
        )
        assert r.status_code == 409 and r.json()["code"] == "protocol.audit_failed"
        assert _cast(client, s.election, ballot).status_code == 200
