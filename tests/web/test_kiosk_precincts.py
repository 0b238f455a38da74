"""A kiosk stands at one polling station: it is registered for a precinct (the only one by
default, named when there are several) and refuses a credential issued for another
precinct with a localised 409 that stores nothing (ADR 0026).  On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from admin_builders import advance_to
from console_world import (
    ELECTION,
    World,
    csrf,
    issue_codes,
    make_world,
    run_ceremony,
    set_up_evoting,
)
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tandau.admin.devices import choose_precinct
from tandau.i18n import gettext
from tandau.law import InvalidInput
from tandau.protocol.ballot import create_ballot
from tandau.protocol.credentials import derive
from tandau.storage.booth_tables import booth_devices

OTHER_PRECINCT = (
    "This credential was issued for polling station {credential_precinct}, and this voting "
    "booth stands at polling station {device_precinct}. Vote at a booth of your own polling "
    "station."
)
DEVICES = f"/api/commission/elections/{ELECTION}/devices"
BALLOTS = f"/api/elections/{ELECTION}/ballots"


@pytest.fixture
def polling(db_url: str, tmp_path: Path) -> Iterator[tuple[World, dict[str, list[str]]]]:
    """Voting open at both precincts, each precinct's codes issued in the console."""
    for world in make_world(db_url, tmp_path, campaign=(3, 2)):
        run_ceremony(world, set_up_evoting(world))
        codes = {p: issue_codes(world, p) for p in ("P-101", "P-102")}
        from tandau.web.console import counting

        admin = world.ctx.administration()
        advance_to(admin, world.clock, "polling")
        counting.open_voting(world.ctx, admin.lifecycle.election(ELECTION))
        yield world, codes


def _ballot(world: World, code: str) -> bytes:
    def make(svc: Any) -> bytes:
        st = svc.sync()
        m = st.require_manifest()
        ballot, _ = create_ballot(
            m.fingerprint, st.key, m.rule, [1, 0, 0], derive(m.fingerprint, code), world.ctx.rng
        )
        return bytes(ballot.canonical())

    made: bytes = world.ctx.with_election(ELECTION, make)
    return made


def _size(kiosk: TestClient) -> int:
    return int(kiosk.get(f"/api/elections/{ELECTION}").json()["board_size"])


def _devices(world: World) -> int:
    with world.ctx.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(booth_devices)).scalar_one())


def _kiosk(world: World, code: str) -> TestClient:
    kiosk = world.client()
    r = kiosk.post(f"/api/elections/{ELECTION}/devices/enrol", json={"code": code})
    assert r.status_code == 200, r.text
    return kiosk


def test_a_kiosk_refuses_a_credential_of_another_precinct(polling) -> None:
    world, codes = polling
    chair = world.client("chair")
    # Two precincts: a device must name its own; refused, nothing stored.
    r = chair.post(DEVICES, json={"label": "booth 1"}, headers={"X-CSRF-Token": csrf(chair)})
    assert r.status_code == 409, r.text
    assert r.json()["code"] == "admin.invalid_input.precinct_required"
    r = chair.post(
        DEVICES,
        json={"label": "booth 1", "precinct": "P-999"},
        headers={"X-CSRF-Token": csrf(chair)},
    )
    assert r.status_code == 409 and r.json()["code"] == "admin.invalid_input.unknown_precinct"
    assert _devices(world) == 0
    r = chair.post(
        DEVICES,
        json={"label": "P-101 booth 1", "precinct": "P-101"},
        headers={"X-CSRF-Token": csrf(chair)},
    )
    assert r.status_code == 200, r.text
    assert r.json()["device"]["precinct"] == "P-101"
    kiosk = _kiosk(world, r.json()["enrolment_code"])

    before = _size(kiosk)
    r = kiosk.post(
        BALLOTS,
        content=_ballot(world, codes["P-102"][0]),
        headers={"content-type": "application/json", "accept-language": "kk"},
    )
    assert r.status_code == 409 and r.headers["content-type"].startswith("application/problem")
    body = r.json()
    assert (body["code"], body["reason"]) == ("admin.wrong_precinct", "other_precinct")
    expected = gettext("kk", OTHER_PRECINCT).format(
        credential_precinct="P-102", device_precinct="P-101"
    )
    assert body["detail"] == expected
    assert _size(kiosk) == before

    ok = kiosk.post(
        BALLOTS,
        content=_ballot(world, codes["P-101"][0]),
        headers={"content-type": "application/json"},
    )
    assert ok.status_code == 200, ok.text
    assert _size(kiosk) > before


def test_a_device_registered_without_a_precinct_casts_no_bound_credential(polling) -> None:
    world, codes = polling
    # As a device registered before migration 0008: no precinct.
    _, code = world.ctx.devices().register(election=ELECTION, label="old booth", actor="chair")
    kiosk = _kiosk(world, code)
    before = _size(kiosk)
    r = kiosk.post(
        BALLOTS,
        content=_ballot(world, codes["P-101"][0]),
        headers={"content-type": "application/json", "accept-language": "ru"},
    )
    assert r.status_code == 409 and r.json()["reason"] == "unbound_device"
    assert "P-101" in r.json()["detail"] and _size(kiosk) == before


def test_the_only_precinct_is_the_default() -> None:
    assert choose_precinct(None, ("P-1",)) == "P-1"
    assert choose_precinct(" P-2 ", ("P-1", "P-2")) == "P-2"
    assert choose_precinct(None, ()) is None  # the administration keeps no district
    with pytest.raises(InvalidInput) as refused:
        choose_precinct("", ("P-1", "P-2"))
    assert refused.value.field == "precinct"
