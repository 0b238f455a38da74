"""A meeting's secret vote cast by members from their own devices (SQLite and PostgreSQL).

The secretary puts an agenda item of the open session to a secret vote; the trustees
hold the key ceremony; each member registered present gets a code (a remote
participant none: consultative); members cast encrypted ballots through the web
booth's API from their phones; the tally is decrypted, published, and recorded as the
item's vote, where the district's rules decide; the record verifies with
``tandau-verify`` and no page shows a member's choice.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from community_world import PEOPLE, dump, make, sql_store, world
from engine_steps import key_ceremony, run_cli, tally_and_decrypt
from fastapi.testclient import TestClient

from tandau.cli.keys import load_key
from tandau.community.service import AttendIn, CommunityService, ConveneIn
from tandau.schema import SqlCommunityStore
from tandau.settings import Settings
from tandau.storage import SqlBoardStore
from tandau.web.app import create_app
from tandau.web.context import WebContext
from tandau_verify.__main__ import main as tandau_verify

ELECTION = "akdala-m2-item1"
QUESTION = {"kk": "Бюджетті бекіту", "ru": "Утвердить бюджет", "en": "Approve the budget"}


_run = run_cli


def _meeting(store: SqlCommunityStore) -> None:
    svc = world(store)
    session = {"community": "akdala", "id": "m2", "body": "meeting", "day": "2026-03-10"}
    session |= {"place": "Club", "agenda": ["Budget 2026"], "convened_on": "2026-03-01"}
    svc.convene(make(ConveneIn, **session))
    svc.attend(make(AttendIn, community="akdala", session="m2", present=PEOPLE[:6], remote=["r7"]))
    return store


@pytest.fixture
def store(db_url: str) -> Iterator[SqlCommunityStore]:
    yield from sql_store(db_url)


def test_members_vote_secretly_from_their_devices(
    tmp_path: Path, db_url: str, store: SqlCommunityStore
) -> None:
    db, key = db_url, tmp_path / "commission.key"
    _meeting(store)
    _run("admin", "keygen", "--out", key)
    question = {"community": "akdala", "session": "m2", "item": 1, "question": QUESTION}
    question |= {"trustees": ["T1", "T2", "T3"], "threshold": 2}
    before = dump(store)
    no_item = _run("community", "secret-create", "--db", db, "--key", key,
                   stdin={**question, "item": 2}, code=1)  # fmt: skip
    assert "community.refused.no_such_item" in no_item.stdout and dump(store) == before
    server = ["--server-data-dir", tmp_path / "web"]  # the web server's data directory
    created = json.loads(
        _run("community", "secret-create", "--db", db, "--key", key, *server, stdin=question).stdout
    )
    assert created["election"] == ELECTION and created["manifest"]["mode"] == "community"
    key_file = tmp_path / "web" / "keys" / f"{ELECTION}.ed25519"
    assert created["server_key"] is True and key_file.stat().st_mode & 0o077 == 0
    again = _run("community", "secret-create", "--db", db, "--key", key, *server,
                 stdin=question, code=1)  # fmt: skip
    assert "community.refused.server_key_exists" in again.stdout
    assert created["agenda"] == "Budget 2026"
    key_ceremony(_run, db, key, ELECTION, tmp_path)
    sheet = tmp_path / "members.secret.csv"
    where = ["--community", "akdala", "--session", "m2", "--item", "1", "--key", key]
    issued = json.loads(
        _run("community", "secret-codes", "--db", db, *where, "--sheet", sheet).stdout
    )
    assert issued["codes"] == 6 and issued["remote_consultative"] == ["r7"]
    rows = list(csv.DictReader(io.StringIO(sheet.read_text())))
    assert [r["member"] for r in rows] == PEOPLE[:6] and sheet.stat().st_mode & 0o077 == 0
    again = _run("community", "secret-codes", "--db", db, *where, "--sheet", tmp_path / "x.csv",
                 code=1)  # fmt: skip
    assert "codes_issued" in again.stdout and not (tmp_path / "x.csv").exists()
    admin = ["--db", db, "--key", key, "--election", ELECTION]
    _run("admin", "open", *admin)
    # Each member's phone encrypts a ballot and casts it through the web booth's API.
    settings = Settings.from_env({}, database_url=db, data_dir=tmp_path / "web")
    ctx = WebContext.build(settings)  # its key ring holds the key secret-create put there
    assert ctx.keys.load(ELECTION) == load_key(key)
    choices = ["for", "for", "against", "for", "abstained", "for"]
    with TestClient(create_app(settings, ctx)) as phone:
        for n, (row, choice) in enumerate(zip(rows, choices, strict=True)):
            ballot = tmp_path / f"b{n}.json"
            _run("voter", "encrypt", "--db", db, "--election", ELECTION, "--code", row["code"],
                 "--choice", choice, "--out", ballot)  # fmt: skip
            r = phone.post(
                f"/api/elections/{ELECTION}/ballots",
                content=ballot.read_bytes().strip(),
                headers={"content-type": "application/json"},
            )
            assert r.status_code == 200, r.text
        assert phone.get(f"/e/{ELECTION}/vote").status_code == 200  # the phone's booth page
        _run("admin", "close", *admin)
        tally_and_decrypt(_run, db, key, ELECTION, tmp_path)
        published = json.loads(_run("community", "secret-publish", "--db", db, *where).stdout)
        public = phone.get("/api/c/akdala").json()
        page = phone.get("/c/akdala").text
    ctx.close()
    counts = {o["id"]: o["total"] for o in published["results"]["options"]}
    assert counts == {"for": 4, "against": 1, "abstained": 1}
    vote = published["vote"]
    assert vote["ballots"] == {} and vote["result"]["figures"] == [4, 1, 1]
    assert vote["result"]["secret"] is True and vote["result"]["election"] == ELECTION
    assert vote["result"]["adopted"] is True  # 4 of 6 present: the example district's majority
    [stored] = next(s for s in public["sessions"] if s["id"] == "m2")["votes"]
    assert stored["ballots"] == {} and f"/e/{ELECTION}/results" in page
    again = _run("community", "secret-publish", "--db", db, *where, code=1)  # published once
    assert len(CommunityService(store).snapshot("akdala")["sessions"][0]["votes"]) == 1
    record = tmp_path / "record"
    _run("record", "export", "--db", db, "--election", ELECTION, "--out", record)
    assert tandau_verify([str(record)]) == 0
    with SqlBoardStore.from_url(db) as board:
        assert board.size(ELECTION) > 0
    assert CommunityService(store).snapshot("akdala")["sessions"][0]["status"] == "open"


def _board_size(db: str) -> int:
    with SqlBoardStore.from_url(db) as board:
        return board.size(ELECTION)


def _decrypted(tmp_path: Path, db: str, store: SqlCommunityStore) -> list[object]:
    """A secret question of item 1 whose (empty) tally is decrypted: publishing is next."""
    key = tmp_path / "commission.key"
    _meeting(store)
    _run("admin", "keygen", "--out", key)
    question = {"community": "akdala", "session": "m2", "item": 1, "question": QUESTION}
    question |= {"trustees": ["T1", "T2", "T3"], "threshold": 2}
    _run("community", "secret-create", "--db", db, "--key", key, stdin=question)
    key_ceremony(_run, db, key, ELECTION, tmp_path)
    where = ["--db", db, "--community", "akdala", "--session", "m2", "--item", "1", "--key", key]
    _run("community", "secret-codes", *where, "--sheet", tmp_path / "codes.csv")
    admin = ["--db", db, "--key", key, "--election", ELECTION]
    _run("admin", "open", *admin)
    _run("admin", "close", *admin)
    tally_and_decrypt(_run, db, key, ELECTION, tmp_path)
    return where


def test_publishing_into_a_closed_session_writes_nothing(
    tmp_path: Path, db_url: str, store: SqlCommunityStore
) -> None:
    where = _decrypted(tmp_path, db_url, store)
    CommunityService(store).close("akdala", "m2")
    before, board = dump(store), _board_size(db_url)
    refused = _run("community", "secret-publish", *where, code=1)
    assert "community.refused.wrong_status" in refused.stdout
    assert dump(store) == before and _board_size(db_url) == board


def test_a_vote_recorded_before_its_results_reached_the_board_is_completed(
    tmp_path: Path, db_url: str, store: SqlCommunityStore
) -> None:
    """The vote is recorded first; if the board's write failed, the next run posts the
    same results and records nothing twice."""
    where = _decrypted(tmp_path, db_url, store)
    recorded = {"community": "akdala", "session": "m2", "item": 1, "proposal": "Budget"}
    recorded |= {"election": ELECTION, "counts": {"for": 0, "against": 0, "abstained": 0}}
    _run("community", "secret-result", "--db", db_url, stdin=recorded)
    board = _board_size(db_url)
    published = json.loads(_run("community", "secret-publish", *where).stdout)
    assert published["vote"]["result"]["figures"] == [0, 0, 0]
    assert _board_size(db_url) > board
    [vote] = CommunityService(store).snapshot("akdala")["sessions"][0]["votes"]
    assert vote["proposal"] == "Budget"
    _run("community", "secret-publish", *where, code=1)  # the results are on the board once
