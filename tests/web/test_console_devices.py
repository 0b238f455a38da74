"""The console's kiosk devices on SQLite and PostgreSQL: the chair or secretary registers a
device (code shown once), lists and revokes; a member only reads; the trail records who did what."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from console_world import ELECTION, World, csrf, make_world, to_campaign
from fastapi.testclient import TestClient

from tandau.i18n import gettext


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    yield from make_world(db_url, tmp_path)


def _api(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": csrf(client)}


def test_register_list_revoke_and_trail_through_the_json_api(world: World) -> None:
    to_campaign(world)
    chair = world.client("chair")
    base = f"/api/commission/elections/{ELECTION}/devices"
    device = {"label": "P-101 · кабина 1", "precinct": "P-101"}
    r = chair.post(base, json=device, headers=_api(chair))
    assert r.status_code == 200, r.text
    made = r.json()
    code = made["enrolment_code"]
    assert made["device"]["precinct"] == "P-101"
    assert made["device"]["status"] == "pending" and made["enrol_url"].endswith(
        f"/e/{ELECTION}/kiosk/enrol"
    )
    listed = chair.get(base).json()
    assert [d["label"] for d in listed] == ["P-101 · кабина 1"]
    assert code not in chair.get(base).text  # shown once, never again

    member = world.client("member")
    assert member.get(base).status_code == 200
    r = member.post(base, json={"label": "x"}, headers=_api(member))
    assert r.status_code == 403

    r = chair.post(f"{base}/{made['device']['id']}/revoke", headers=_api(chair))
    assert r.status_code == 200 and r.json()["status"] == "revoked"
    r = chair.post(f"{base}/999/revoke", headers=_api(chair))
    assert r.status_code == 404
    trail = chair.get(f"{base}/trail").json()
    assert [(t["action"], t["actor"]) for t in trail] == [
        ("registered", "chair"),
        ("revoked", "chair"),
    ]


def test_a_bidi_label_is_refused_and_nothing_is_stored(world: World) -> None:
    to_campaign(world)
    chair = world.client("chair")
    base = f"/api/commission/elections/{ELECTION}/devices"
    r = chair.post(base, json={"label": "booth\u202e1"}, headers=_api(chair))
    assert r.status_code == 409 and r.json()["code"] == "admin.invalid_input.name"
    assert chair.get(base).json() == []


def test_the_devices_page_shows_the_code_once(world: World) -> None:
    to_campaign(world)
    chair = world.client("chair")
    page = f"/commission/e/{ELECTION}/devices"
    html = chair.get(f"{page}?lang=ru").text
    assert gettext("ru", "Enrol a kiosk device") in html
    assert '<option value="P-102">' in html  # the district's precincts to choose from
    form = {"csrf_token": csrf(chair), "label": "P-102 booth", "precinct": "P-102"}
    r = chair.post(page, data=form)
    assert r.status_code == 200
    assert 'class="mono enrol-code"' in r.text and "data:image/svg+xml" in r.text
    again = chair.get(page).text
    assert "P-102 booth" in again and 'class="mono enrol-code"' not in again
    device = world.ctx.devices().devices(ELECTION)[0]
    assert device.precinct == "P-102"
    r = chair.post(
        f"{page}/{device.id}/revoke", data={"csrf_token": csrf(chair)}, follow_redirects=False
    )
    assert r.status_code == 303
    assert world.ctx.devices().devices(ELECTION)[0].status == "revoked"


def test_a_commission_cannot_act_in_another_commissions_territory(world: World) -> None:
    """The console's account belongs to the Akzhar district commission: a precinct in the
    Kokozek district is refused with 403 (``admin.outside_territory``), nothing stored."""
    chair = world.client("chair")
    body = {"code": "P-900", "number": 900, "unit": "992015001", "address": "Sarybulak"}
    r = chair.post("/api/commission/precincts", json=body, headers=_api(chair))
    assert r.status_code == 403, r.text
    assert r.json()["code"] == "admin.outside_territory"
    assert world.ctx.administration().districts.precinct("P-900") is None
    own = {**body, "code": "P-901", "unit": "991011003"}
    assert chair.post("/api/commission/precincts", json=own, headers=_api(chair)).status_code == 200
