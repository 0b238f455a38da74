"""400 is for what breaks the schema; a schema-valid console request is refused with 409.

Found by fuzzing the console signed in (tests/web/test_openapi_fuzz.py): fields whose
handler accepts a fixed set of values were plain strings in the schema (e-voting's
``mode``, a correction's ``action``, a ceremony file's ``kind``), and refusals of
well-formed requests were answered 400 (a common password, a ceremony file or a
decryption share that does not verify, the console board's reserved id).  Each
request here is one the schema allows or forbids, and the status says which
(ADR 0014); nothing is stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from console_world import ELECTION, World, csrf, make_world, set_up_evoting, to_campaign
from fastapi.testclient import TestClient

from tandau.web.console import ceremony, evoting

API = f"/api/commission/elections/{ELECTION}"


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    for w in make_world(db_url, tmp_path):
        to_campaign(w)
        yield w


def _post(client: TestClient, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json=body, headers={"X-CSRF-Token": csrf(client)})


def _board_sizes(world: World) -> tuple[int, ...]:
    return tuple(world.ctx.store.size(b) for b in ("administration", ELECTION))


def test_the_schema_enumerates_the_values_the_handlers_accept(world: World) -> None:
    models = world.client().get("/api/openapi.json").json()["components"]["schemas"]
    assert models["EvotingIn"]["properties"]["mode"]["enum"] == list(evoting.MODES)
    assert models["CeremonyFileIn"]["properties"]["kind"]["enum"] == list(ceremony.KINDS)
    assert models["CorrectionIn"]["properties"]["action"]["enum"] == ["remove", "move", "add"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/evoting", {"mode": "by-post", "threshold": 2, "trustees": [5, 6]}, "mode"),
        ("/voters/corrections", {"action": "erase", "iin": "1", "reason": "x"}, "action"),
    ],
)
def test_a_value_outside_the_schema_s_enum_is_400_naming_the_field(
    world: World, path: str, body: dict[str, Any], field: str
) -> None:
    before = _board_sizes(world)
    r = _post(world.client("chair"), API + path, body)
    assert r.status_code == 400 and r.json()["code"] == "web.bad_request", r.text
    assert field in r.json()["detail"]
    assert _board_sizes(world) == before


def test_a_ceremony_file_kind_outside_the_schema_is_400(world: World) -> None:
    set_up_evoting(world)
    r = _post(world.client("trustee1"), API + "/ceremony/files", {"kind": "share", "document": {}})
    assert r.status_code == 400 and "kind" in r.json()["detail"], r.text


@pytest.mark.parametrize(
    "document",
    [
        {},  # a bare object that is no setup
        {"format": "tandau-trustee-setup/v1", "fingerprint": "00" * 32, "setup": {}},
        {"format": "tandau-dealing/v1", "fingerprint": "00" * 32, "dealing": {}},
    ],
)
def test_a_well_formed_ceremony_file_that_is_not_valid_is_refused_409(
    world: World, document: dict[str, Any]
) -> None:
    set_up_evoting(world)
    before = _board_sizes(world)
    r = _post(
        world.client("trustee1"),
        API + "/ceremony/files",
        {"kind": "setup", "document": document},
    )
    assert r.status_code == 409 and r.json()["code"] == "web.console.bad_file", r.text
    assert r.json()["status"] == 409
    assert _board_sizes(world) == before


def test_the_console_board_s_id_is_refused_409_as_taken(world: World) -> None:
    body = {
        "election": "administration",
        "ruleset": "kz-rural-akim-2023",
        "unit": "991011000",
        "polling_day": "2027-12-19",
    }
    before = _board_sizes(world)
    r = _post(world.client("chair"), "/api/commission/elections", body)
    assert r.status_code == 409 and r.json()["code"] == "admin.already_exists", r.text
    assert _board_sizes(world) == before


def test_the_password_bounds_are_in_the_schema(world: World) -> None:
    schema = world.client().get("/api/openapi.json").json()
    password = schema["components"]["schemas"]["AccountIn"]["properties"]["password"]
    assert (password["minLength"], password["maxLength"]) == (12, 256)
    assert "409" in schema["paths"]["/api/commission/accounts"]["post"]["responses"]
