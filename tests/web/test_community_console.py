"""The akim's office's console for a community: pages and JSON, on SQLite and PostgreSQL.

Akdala's akim's office is the world's commission (``tec-akzhar``); Kenes is run by
another office.  The chair and the secretary may act for Akdala; other roles get
403, another office's community 403 with a message saying so, a bad input or a
refused step a localised problem — and nothing is stored.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from community_world import EXAMPLE, dump, make, world
from console_world import World, csrf, make_world
from fastapi.testclient import TestClient
from pypdf import PdfReader

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.community.secret_vote import YES_NO_ABSTAIN, question_manifest
from tandau.community.service import CommissionIn, CommunityIn, CommunityService
from tandau.crypto.signatures import HeadSigningKey
from tandau.schema import SqlCommunityStore
from tandau.storage import SqlBoardStore

BASE = "/commission/c/akdala"
API = "/api/commission/c/akdala"
CONVENE = {
    "id": "m2",
    "body": "meeting",
    "day": "2026-03-10",
    "place": "Akdala club",
    "agenda": "Budget 2026\nStreet lights",
    "convened_on": "2026-03-01",
}
PRESENT = ["r1", "r2", "r3", "r4", "r5", "r6"]
#: The example district's rules with a notice period of 7 days for the meeting.
RULES = copy.deepcopy(EXAMPLE)
RULES["parameters"]["meeting"]["notice_days"] |= {"value": 7, "confidence": "C"}


@pytest.fixture
def office(db_url: str, tmp_path: Path) -> Iterator[tuple[World, SqlCommunityStore]]:
    for w in make_world(db_url, tmp_path):
        store = SqlCommunityStore(w.ctx.engine)
        world(store, RULES, commission="tec-akzhar")
        CommunityService(store).create_community(
            make(
                CommunityIn,
                id="kenes",
                name={"kk": "Кеңес", "ru": "Кенес", "en": "Kenes"},
                population=900,
                settlements=["Kenes"],
                commission="another-office",
            )
        )
        yield w, store


def _post(client: TestClient, url: str, data: dict[str, Any] | list[tuple[str, str]]) -> Any:
    items = list(data.items()) if isinstance(data, dict) else list(data)
    body = urlencode([*items, ("csrf_token", csrf(client))])
    kind = {"Content-Type": "application/x-www-form-urlencoded"}
    return client.post(url, content=body, headers=kind, follow_redirects=False)


def _session(store: SqlCommunityStore, id: str = "m2") -> dict[str, Any]:
    snap = CommunityService(store).snapshot("akdala")
    return next(s for s in snap["sessions"] if s["id"] == id)


def _open_session(client: TestClient) -> None:
    assert _post(client, f"{BASE}/sessions", CONVENE).status_code == 303
    present = [("present", p) for p in PRESENT] + [("remote", "r7")]
    assert _post(client, f"{BASE}/s/m2/attendance", present).status_code == 303


def test_the_secretary_runs_a_meeting_from_the_pages(
    office: tuple[World, SqlCommunityStore],
) -> None:
    w, store = office
    client = w.client("secretary")
    listing = client.get("/commission/c")
    assert listing.status_code == 200 and f'href="{BASE}"' in listing.text
    assert "kenes" not in listing.text  # another office's community is not listed
    r = _post(client, f"{BASE}/sessions", CONVENE)
    assert r.status_code == 303 and r.headers["location"] == f"{BASE}/s/m2?done=convened"
    page = client.get(r.headers["location"])
    assert "The session was convened." in page.text and "Register attendance" in page.text
    assert _session(store)["agenda"] == ["Budget 2026", "Street lights"]
    present = [("present", p) for p in PRESENT] + [("remote", "r7")]
    assert _post(client, f"{BASE}/s/m2/attendance", present).status_code == 303
    s = _session(store)
    assert s["status"] == "open" and s["present"] == PRESENT and s["remote"] == ["r7"]
    ballots = {f"ballot.{p}": "for" for p in PRESENT[:4]} | {"ballot.r5": "against"}
    vote = {"item": "1", "proposal": "Approve the draft budget", **ballots, "ballot.r6": ""}
    assert _post(client, f"{BASE}/s/m2/votes", vote).status_code == 303
    [v] = _session(store)["votes"]
    assert v["ballots"] == {"r1": "for", "r2": "for", "r3": "for", "r4": "for", "r5": "against"}
    assert v["result"]["adopted"] is True and v["result"]["source"]
    answer = {"item": "1", "kind": "refused", "text": "No money this year.", "on": "2026-03-20"}
    assert _post(client, f"{BASE}/s/m2/responses", answer).status_code == 303
    [resp] = _session(store)["responses"]
    assert resp["kind"] == "refused" and resp["text"] == "No money this year."
    # Closing asks first; nothing changes until it is confirmed.
    asked = _post(client, f"{BASE}/s/m2/close", {})
    assert asked.status_code == 200 and "Close this session?" in asked.text
    assert 'name="confirmed" value="yes"' in asked.text and _session(store)["status"] == "open"
    assert _post(client, f"{BASE}/s/m2/close", {"confirmed": "yes"}).status_code == 303
    assert _session(store)["status"] == "closed"
    sign = {"chair": "Aigul Bekova", "secretary": "Daulet Nurov", "on": "2026-03-11"}
    asked = _post(client, f"{BASE}/s/m2/minutes", sign)
    assert asked.status_code == 200 and "Sign the minutes?" in asked.text
    assert 'value="Aigul Bekova"' in asked.text  # the form's fields are carried over
    assert CommunityService(store).snapshot("akdala")["minutes"] == []
    r = _post(client, f"{BASE}/s/m2/minutes", {**sign, "confirmed": "yes"})
    assert r.status_code == 303
    [m] = CommunityService(store).snapshot("akdala")["minutes"]
    assert m["id"] == "m2.1" and [s["name"] for s in m["signers"]] == list(sign.values())[:2]
    page = client.get(f"{BASE}/s/m2?done=signed")
    assert "The minutes are signed." in page.text and "/c/akdala/minutes/m2.1.pdf" in page.text


def test_the_chair_runs_a_meeting_through_the_json_api(
    office: tuple[World, SqlCommunityStore],
) -> None:
    w, store = office
    client = w.client("chair")
    h = {"X-CSRF-Token": csrf(client)}
    assert client.get("/api/commission/c").json() == [
        {"id": "akdala", "name": {"kk": "Ақдала", "ru": "Акдала", "en": "Akdala"}}
    ]
    convene = {**CONVENE, "agenda": ["Budget 2026", "Street lights"]}
    r = client.post(f"{API}/sessions", json=convene, headers=h)
    assert r.status_code == 201 and r.json()["status"] == "convened"
    r = client.post(f"{API}/sessions/m2/attendance", json={"present": PRESENT}, headers=h)
    assert r.status_code == 200 and r.json()["present"] == PRESENT
    ballots = dict.fromkeys(PRESENT[:2], "for") | dict.fromkeys(PRESENT[2:], "against")
    body = {"item": 2, "proposal": "Light the main street", "ballots": ballots}
    r = client.post(f"{API}/sessions/m2/votes", json=body, headers=h)
    assert r.status_code == 201 and r.json()["result"]["adopted"] is False
    # The akim answers adopted decisions only: a refusal, 409, nothing stored.
    before = dump(store)
    answer = {"item": 2, "kind": "implemented", "text": "Done.", "on": "2026-03-12"}
    r = client.post(f"{API}/sessions/m2/responses", json=answer, headers=h)
    assert r.status_code == 409 and r.json()["code"] == "community.refused.not_adopted"
    assert dump(store) == before
    assert client.post(f"{API}/sessions/m2/close", headers=h).json()["status"] == "closed"
    sign = {"signers": [{"role": "Chair", "name": "A"}], "on": "2026-03-11"}
    r = client.post(f"{API}/sessions/m2/minutes", json=sign, headers=h)
    assert r.status_code == 201 and r.json()["id"] == "m2.1" and len(r.json()["sha256"]) == 64
    again = client.post(f"{API}/sessions/m2/minutes", json=sign, headers=h)
    assert again.status_code == 409 and again.json()["code"] == "community.refused.already_signed"
    snap = client.get(API).json()
    assert [m["id"] for m in snap["minutes"]] == ["m2.1"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("kk", "Бұл қоғамдастықты басқа әкім аппараты жүргізеді"),
        ("ru", "Этим сообществом ведает другой аппарат акима"),
        ("en", "This community is run by another akim's office"),
    ],
)
def test_another_offices_community_is_forbidden(
    office: tuple[World, SqlCommunityStore], lang: str, text: str
) -> None:
    w, store = office
    client = w.client("secretary")
    page = client.get(f"/commission/c/kenes?lang={lang}", headers={"Accept": "text/html"})
    assert page.status_code == 403 and text in page.text.replace("&#39;", "'")
    api = client.get(f"/api/commission/c/kenes?lang={lang}")
    assert api.status_code == 403 and api.json()["code"] == "web.forbidden"
    assert text in api.json()["detail"]
    before = dump(store)
    convene = {**CONVENE, "agenda": ["Budget"]}
    h = {"X-CSRF-Token": csrf(client)}
    assert (
        client.post("/api/commission/c/kenes/sessions", json=convene, headers=h).status_code == 403
    )
    assert _post(client, "/commission/c/kenes/sessions", CONVENE).status_code == 403
    assert dump(store) == before


@pytest.mark.parametrize("role", ["member", "registrar", "trustee1"])
def test_other_roles_are_forbidden(office: tuple[World, SqlCommunityStore], role: str) -> None:
    w, store = office
    client = w.client(role)
    before = dump(store)
    for url in ("/commission/c", BASE, "/api/commission/c", API):
        assert client.get(url).status_code == 403, url
    h = {"X-CSRF-Token": csrf(client)}
    convene = {**CONVENE, "agenda": ["Budget"]}
    assert client.post(f"{API}/sessions", json=convene, headers=h).status_code == 403
    assert _post(client, f"{BASE}/sessions", CONVENE).status_code == 403
    assert dump(store) == before
    anonymous = w.client()
    assert anonymous.get(API).status_code == 401
    assert w.client("chair").get("/commission/c/nowhere").status_code == 404


#: (step, form, the problem's code, a phrase of its Russian message)
BAD_STEPS = [
    (
        "sessions",
        {**CONVENE, "id": "m3", "convened_on": "2026-03-08"},
        "community.refused.notice_too_short",
        "не менее чем за 7 дней",
    ),
    ("sessions", {**CONVENE, "id": "m3", "day": "2026-13-01"}, "law.invalid_input.date", "day"),
    ("sessions", CONVENE, "community.refused.exists", "m2"),
    ("sessions", {**CONVENE, "id": "m3", "agenda": ""}, "law.invalid_input", "agenda"),
    ("s/m2/attendance", [("present", "r1")], "wrong_status", "m2"),
    ("s/m2/votes", {"item": "1", "proposal": "P", "ballot.r9": "for"}, "not_present", "r9"),
    ("s/m2/votes", {"item": "7", "proposal": "P", "ballot.r1": "for"}, "no_such_item", "7"),
    ("s/m2/votes", {"item": "one", "proposal": "P"}, "law.invalid_input.type", "item"),
    ("s/m2/responses", {"item": "1", "kind": "implemented", "text": "x", "on": "2026-03-12"},
     "not_adopted", "1"),
    ("s/m2/minutes", {"chair": "A", "secretary": "B", "on": "2026-03-12", "confirmed": "yes"},
     "wrong_status", "m2"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "form", "code", "phrase"), BAD_STEPS)
def test_a_refused_or_bad_step_is_explained_in_russian_and_stores_nothing(
    office: tuple[World, SqlCommunityStore],
    path: str,
    form: dict[str, str] | list[tuple[str, str]],
    code: str,
    phrase: str,
) -> None:
    w, store = office
    client = w.client("secretary")
    _open_session(client)
    before = dump(store)
    r = _post(client, f"{BASE}/{path}?lang=ru", form)
    assert r.status_code in (400, 409), r.text
    assert "Ничего не изменено" in r.text, r.text  # the console's problem box, in Russian
    assert code in r.text and phrase in r.text
    assert re.search(r'role="alert"', r.text)
    assert dump(store) == before


SECRET = "akdala-m2-item1"


def _secret_question(w: World, server_key: bool = True) -> None:
    """Item 1 put to a secret vote, its key in the server's key ring or not."""
    key = w.ctx.keys.create(SECRET, w.ctx.rng) if server_key else HeadSigningKey.generate(w.ctx.rng)
    names = {"kk": "Ақдала", "ru": "Акдала", "en": "Akdala"}
    manifest = question_manifest(
        SECRET, "akdala", names, {"kk": "Иә?", "ru": "Да?", "en": "Yes?"},
        "meeting", date(2026, 3, 10), YES_NO_ABSTAIN, ["T1", "T2"], 2, key.verify_key.hex(),
    )  # fmt: skip
    board = Board(SqlBoardStore(w.ctx.engine), SECRET, key=key)
    ElectionService(board).create(manifest)


def _secret_session(w: World, role: str = "secretary", server_key: bool = True) -> TestClient:
    """Session m2 open, item 1 put to a secret vote; the signed-in client of ``role``."""
    client = w.client(role)
    _open_session(client)
    _secret_question(w, server_key)
    return client


def test_the_session_page_links_the_secret_vote_members_cast_from_their_phones(
    office: tuple[World, SqlCommunityStore],
) -> None:
    w, _ = office
    client = w.client("secretary")
    _open_session(client)
    assert "/e/akdala-m2-item1/vote" not in client.get(f"{BASE}/s/m2").text
    _secret_question(w)
    page = client.get(f"{BASE}/s/m2").text
    assert 'id="codes-1"' in page  # the server holds the key: the console prints the codes
    assert '<a href="/e/akdala-m2-item1/vote" id="secret-1">' in page
    assert "secret-2" not in page


def test_a_community_stored_without_an_office_is_run_once_it_is_given_one(
    db_url: str, tmp_path: Path
) -> None:
    """``tandau community set-commission``: no console account runs Akdala before it."""
    for w in make_world(db_url, tmp_path):
        store = SqlCommunityStore(w.ctx.engine)
        svc = world(store, RULES)  # no commission, as stored before ADR 0017
        client = w.client("secretary")
        assert client.get(BASE).status_code == 403
        assert 'href="/commission/c/akdala"' not in client.get("/commission/c").text
        svc.set_commission(make(CommissionIn, community="akdala", commission="tec-akzhar"))
        assert client.get(BASE).status_code == 200
        assert 'href="/commission/c/akdala"' in client.get("/commission/c").text


@pytest.mark.parametrize(
    ("role", "lang", "label"),
    [("secretary", "kk", "Жергілікті қоғамдастықтар"), ("chair", "ru", "Местные сообщества")],
)
def test_the_commission_dashboard_links_the_offices_communities(
    office: tuple[World, SqlCommunityStore], role: str, lang: str, label: str
) -> None:
    w, _ = office
    page = w.client(role).get(f"/commission?lang={lang}").text
    link = page.split('id="communities-link"')[0].rsplit("<a ", 1)[1]
    assert 'href="/commission/c"' in link and label in page.split('id="communities-link"')[1][:80]


def test_the_console_prints_the_present_members_code_slips_once(
    office: tuple[World, SqlCommunityStore],
) -> None:
    """The server holds the question's key: one slip per member present, kk and ru; the
    public credentials reach the board; a second press is refused, nothing written."""
    w, store = office
    client = _secret_session(w)
    r = _post(client, f"{BASE}/s/m2/secret/1/codes", {})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(r.content))
    assert len(pdf.pages) == len(PRESENT)  # r7 took part remotely: no slip
    text = pdf.pages[0].extract_text()
    assert "Иә?" in text and "Да?" in text and "Ақдала / Акдала, m2 · 1" in text
    creds = w.ctx.with_election(SECRET, lambda svc: list(svc.sync().credentials))
    assert len(creds) == len(PRESENT)
    before, size = dump(store), SqlBoardStore(w.ctx.engine).size(SECRET)
    again = _post(client, f"{BASE}/s/m2/secret/1/codes?lang=ru", {})
    assert again.status_code == 409 and "community.refused.codes_issued" in again.text
    assert "уже выданы" in again.text
    assert dump(store) == before and SqlBoardStore(w.ctx.engine).size(SECRET) == size


def test_no_slips_without_the_servers_key_or_an_open_session(
    office: tuple[World, SqlCommunityStore],
) -> None:
    w, store = office
    client = _secret_session(w, "chair", server_key=False)
    assert 'id="codes-1"' not in client.get(f"{BASE}/s/m2").text
    size = SqlBoardStore(w.ctx.engine).size(SECRET)
    r = _post(client, f"{BASE}/s/m2/secret/1/codes?lang=kk", {})
    assert r.status_code == 409 and "community.refused.no_server_key" in r.text
    assert "secret-create --server-data-dir" in r.text
    assert _post(client, f"{BASE}/s/m2/secret/2/codes", {}).status_code == 409  # no question
    CommunityService(store).close("akdala", "m2")
    closed = _post(client, f"{BASE}/s/m2/secret/1/codes?lang=en", {})
    assert closed.status_code == 409 and "community.refused.wrong_status" in closed.text
    assert SqlBoardStore(w.ctx.engine).size(SECRET) == size
    assert w.client("member").post(f"{BASE}/s/m2/secret/1/codes").status_code == 403
