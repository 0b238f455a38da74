"""Bad input on every console form: the page comes back with a localised problem; nothing is stored.

Each case posts one form as the role that may use it, in Russian, and checks the
status, that the page shows the problem in Russian (with the rule and article when
the law refuses), and that neither the administration's records, its board, the
election's board nor the console's tables changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from admin_builders import state_of
from console_world import ELECTION, PASSWORD, World, csrf, make_world
from sqlalchemy import func, select

from tandau.admin.rowstore import RowRepository
from tandau.schema import admin_row_store
from tandau.storage.web_tables import (
    web_accounts,
    web_ceremony_files,
    web_credential_batches,
    web_trustee_seats,
)

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
E = f"/commission/e/{ELECTION}"

#: (role, path, form fields, files, expected status, text the page must show)
CASES: list[tuple[str, str, dict[str, Any], dict[str, Any] | None, int, str]] = [
    (
        "chair",
        "/commission/accounts",
        {"username": "x", "name": "X", "role": "member", "password": PASSWORD},
        None,
        400,
        "username",
    ),
    (
        "chair",
        "/commission/accounts",
        {"username": "newbie", "name": "New", "role": "member", "password": "short"},
        None,
        400,
        "Пароль должен содержать не менее 12 символов.",
    ),
    (
        "chair",
        "/commission/accounts",
        {"username": "newbie", "name": "New", "role": "president", "password": PASSWORD},
        None,
        400,
        "role",
    ),
    (
        "chair",
        "/commission/accounts",
        {"username": "chair", "name": "Dup", "role": "member", "password": PASSWORD},
        None,
        409,
        "chair",
    ),
    (
        "chair",
        "/commission/members",
        {"person": "m9", "name": "M", "role": "member", "elected_on": "01/03/2024"},
        None,
        409,
        "elected_on",
    ),
    (
        "chair",
        "/commission/members",
        {"person": "m9", "name": "M", "role": "chair", "elected_on": "2024-03-01"},
        None,
        409,
        "commission.roles",
    ),
    (
        "secretary",
        "/commission/territory/units",
        {"text": "code,level\n1,region\n"},
        None,
        409,
        "csv",
    ),
    (
        "secretary",
        "/commission/territory/precincts",
        {"code": "P-9", "number": "nine", "unit": "991011001", "address": "A"},
        None,
        400,
        "number",
    ),
    (
        "secretary",
        "/commission/territory/precincts",
        {"code": "P-9", "number": "9", "unit": "991000000", "address": "A"},
        None,
        409,
        "unit",
    ),
    (
        "chair",
        "/commission/elections",
        {
            "election": "other-2027",
            "ruleset": "kz-rural-akim-2023",
            "unit": "991013000",
            "polling_day": "19/09/2027",
            "district_number": "1",
        },
        None,
        409,
        "polling_day",
    ),
    (
        "chair",
        "/commission/elections",
        {
            "election": "other-2027",
            "ruleset": "kz-rural-akim-1999",
            "unit": "991013000",
            "polling_day": "2027-09-19",
            "district_number": "1",
        },
        None,
        409,
        "kz-rural-akim-1999",
    ),
    (
        "chair",
        "/commission/elections",
        {
            "election": "Bad Id",
            "ruleset": "kz-rural-akim-2023",
            "unit": "991013000",
            "polling_day": "2027-09-19",
            "district_number": "1",
        },
        None,
        409,
        "election",
    ),
    (
        "chair",
        "/commission/elections",
        {
            "election": "again-2027",
            "ruleset": "kz-rural-akim-2023",
            "unit": "991011000",
            "polling_day": "2027-09-19",
            "district_number": "1",
        },
        None,
        409,
        "lifecycle.one_district",
    ),
    ("chair", f"{E}/advance", {}, None, 409, "calendar.nomination_opens"),
    (
        "chair",
        f"{E}/district",
        {"district_number": "2", "precincts": ["P-101"]},
        None,
        409,
        "P-101",
    ),
    ("chair", f"{E}/winner", {}, None, 409, "lifecycle.order"),
    (
        "chair",
        f"{E}/candidates",
        {
            "id": "c-x",
            "name": "X",
            "birth_date": "1980-04-02",
            "nomination": "party",
            "party": "Amanat",
            "citizen": "on",
            "qualified": "on",
        },
        None,
        409,
        "lifecycle.order",
    ),
    (
        "chair",
        f"{E}/candidates",
        {
            "id": "c-x",
            "name": "X",
            "birth_date": "2 April 1980",
            "nomination": "party",
            "party": "Amanat",
        },
        None,
        409,
        "birth_date",
    ),
    ("chair", f"{E}/candidates/c-none/signatures", {"sheets": "123 456"}, None, 409, "sheets"),
    ("chair", f"{E}/candidates/c-none/decide", {}, None, 409, "lifecycle.order"),
    ("chair", f"{E}/candidates/c-none/withdraw", {"application": ""}, None, 409, "application"),
    ("registrar", f"{E}/voters/import", {"text": "iin,name\n1,A\n"}, None, 409, "csv"),
    (
        "registrar",
        f"{E}/voters/import",
        {},
        {"file": ("list.csv", b"\xff\xfe\x00bad", "text/csv")},
        400,
        "CSV",
    ),
    (
        "registrar",
        f"{E}/voters/corrections",
        {"action": "explode", "iin": "1", "reason": "r"},
        None,
        400,
        "action",
    ),
    (
        "registrar",
        f"{E}/voters/corrections",
        {"action": "remove", "iin": "800402300001", "reason": "moved"},
        None,
        404,
        "800402300001",
    ),
    (
        "chair",
        f"{E}/evoting",
        {"mode": "remote-pilot", "threshold": "1"},
        None,
        409,
        "этапе агитации",
    ),
    ("chair", f"{E}/evoting", {"mode": "by-post", "threshold": "2"}, None, 400, "mode"),
    ("chair", f"{E}/voting/open", {"confirmed": "yes"}, None, 409, "Электронное голосование"),
    ("chair", f"{E}/voting/close", {"confirmed": "yes"}, None, 409, "Электронное голосование"),
    (
        "trustee1",
        f"{E}/ceremony/upload",
        {"kind": "setup"},
        {"file": ("setup-1.json", b"{}", "application/json")},
        409,
        "доверенное лицо",
    ),
    ("trustee1", f"{E}/ceremony/upload", {"kind": "setup"}, None, 400, "настройка"),
    ("secretary", f"{E}/ceremony/finalize", {}, None, 409, "Электронное голосование"),
    ("registrar", f"{E}/credentials/P-101", {}, None, 409, "Электронное голосование"),
    (
        "chair",
        f"{E}/protocols",
        {"precinct": "P-101", "voters_on_list": "many"},
        None,
        400,
        "voters_on_list",
    ),
    (
        "chair",
        f"{E}/protocols/P-101/annul",
        {"reason": "r", "present": ["m1"], "confirmed": "yes"},
        None,
        409,
        "lifecycle.order",
    ),
    ("chair", f"{E}/tally", {}, None, 409, "Электронное голосование"),
    (
        "trustee1",
        f"{E}/tally/share",
        {},
        {"file": ("decryption-1.json", b"{}", "application/json")},
        409,
        "Электронное голосование",
    ),
    ("chair", f"{E}/results", {"confirmed": "yes"}, None, 409, "Электронное голосование"),
    (
        "chair",
        f"{E}/decision",
        {"resolution": "elect", "reason": "r"},
        None,
        409,
        "Электронное голосование",
    ),
]


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    yield from make_world(db_url, tmp_path, called=True)


def _stored(world: World) -> tuple[Any, ...]:
    engine = world.ctx.engine
    with engine.connect() as conn:
        web = tuple(
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (web_accounts, web_trustee_seats, web_ceremony_files, web_credential_batches)
        )
    admin = state_of(RowRepository(admin_row_store(engine)))
    boards = tuple(world.ctx.store.size(b) for b in ("administration", ELECTION))
    return web, admin, boards


def test_bad_input_on_every_form_is_refused_in_the_users_language(world: World) -> None:
    clients = {role: world.client(role) for role in {c[0] for c in CASES}}
    before = _stored(world)
    for role, path, fields, files, status, shown in CASES:
        client = clients[role]
        data = {**fields, "csrf_token": csrf(client)}
        r = client.post(f"{path}?lang=ru", data=data, files=files, follow_redirects=False)
        assert r.status_code == status, (path, fields, r.status_code, r.text[-2000:])
        assert "text/html" in r.headers["content-type"]
        problem = r.text[r.text.index('role="alert"') :]
        assert CYRILLIC.search(problem[:400]), (path, problem[:400])
        assert shown in problem, (path, shown, problem[:1500])
        assert "Ничего не изменено." in problem or "web.csrf" in problem
        assert _stored(world) == before, (path, fields)


def test_refusals_quote_the_rule_and_article(world: World) -> None:
    chair = world.client("chair")
    r = chair.post(f"{E}/advance?lang=kk", data={"csrf_token": csrf(chair)})
    assert r.status_code == 409
    assert "calendar.nomination_opens" in r.text and "CLE" in r.text
    api = chair.post(
        f"/api/commission/elections/{ELECTION}/advance?lang=ru",
        headers={"X-CSRF-Token": csrf(chair)},
    )
    problem = api.json()
    assert api.headers["content-type"] == "application/problem+json"
    assert problem["violations"][0]["rule"] == "calendar.nomination_opens"
    assert problem["violations"][0]["article"] and CYRILLIC.search(
        problem["violations"][0]["message"]
    )


def test_malformed_json_bodies_are_refused(world: World) -> None:
    chair = world.client("chair")
    headers = {"X-CSRF-Token": csrf(chair)}
    before = _stored(world)
    for path, body in (
        ("/api/commission/elections", {"election": 5}),
        (f"/api/commission/elections/{ELECTION}/candidates", {"id": "c"}),
        (f"/api/commission/elections/{ELECTION}/evoting", {"mode": "x", "threshold": "two"}),
        (f"/api/commission/elections/{ELECTION}/protocols", {"precinct": "P-101"}),
    ):
        r = chair.post(path, json=body, headers=headers)
        assert r.status_code == 400 and r.json()["code"] == "web.bad_request", (path, r.text)
    assert _stored(world) == before


@pytest.mark.parametrize(
    ("role", "path", "fields", "heading"),
    [
        ("chair", f"{E}/voting/open", {}, "Открыть голосование?"),
        ("chair", f"{E}/voting/close", {}, "Закрыть голосование?"),
        ("chair", f"{E}/results", {}, "Опубликовать итоги?"),
        (
            "secretary",
            f"{E}/protocols/P-101/annul",
            {"reason": "нарушения при подсчёте", "present": ["m1", "m2"]},
            "Признать протокол этого участка недействительным?",
        ),
    ],
)
def test_irreversible_steps_ask_for_confirmation_first(
    world: World, role: str, path: str, fields: dict[str, Any], heading: str
) -> None:
    """One click changes nothing: the page says what cannot be undone and repeats the form."""
    client = world.client(role)
    before = _stored(world)
    r = client.post(f"{path}?lang=ru", data={**fields, "csrf_token": csrf(client)})
    assert r.status_code == 200, r.text[-1500:]
    page = r.text
    assert f"<h1>{heading}</h1>" in page and "Это нельзя отменить" in page
    assert f'action="{path}"' in page and 'name="confirmed" value="yes"' in page
    for name, value in fields.items():
        for v in value if isinstance(value, list) else [value]:
            assert f'name="{name}" value="{v}"' in page  # the decision's fields go along
    assert _stored(world) == before
