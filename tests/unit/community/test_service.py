"""The community service: every state change, every refusal (nothing stored), on memory,
SQLite and PostgreSQL.

The district ruleset is the shipped example (10% / half of members, simple majority
of those present, all [U]); the national ruleset gives the meeting's size and term.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import date
from importlib.resources import files
from typing import Any

import pytest
from sqlalchemy import text

from tandau.community.errors import CommunityRefused
from tandau.community.rowstore import MemoryRowStore, RowStore
from tandau.community.service import (
    AttendIn,
    CommunityIn,
    CommunityService,
    ConveneIn,
    ElectIn,
    ReplaceIn,
    ResidentIn,
    ResponseIn,
    VoteIn,
)
from tandau.law import InvalidInput, parse_input
from tandau.storage import make_engine, upgrade
from tandau.storage.community_repo import SqlCommunityStore

EXAMPLE = json.loads(
    files("tandau.community")
    .joinpath("rulesets", "districts", "example-district-u.json")
    .read_text(encoding="utf-8")
)
PEOPLE = [f"r{i}" for i in range(1, 13)]


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Iterator[RowStore]:
    if request.param == "memory":
        yield MemoryRowStore()
        return
    url: str = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    upgrade(url)
    engine = make_engine(url)
    try:
        yield SqlCommunityStore(engine)
    finally:
        engine.dispose()


def _in(model: Any, **data: Any) -> Any:
    return parse_input(model, json.dumps(data))


def _world(store: RowStore, ruleset: dict[str, Any] | None = EXAMPLE) -> CommunityService:
    svc = CommunityService(store)
    svc.create_community(
        _in(
            CommunityIn,
            id="akdala",
            name={"kk": "Ақдала", "ru": "Акдала", "en": "Akdala"},
            population=2490,
            settlements=["Akdala", "Kenes"],
            district_ruleset=ruleset,
        )
    )
    for i, p in enumerate(PEOPLE):
        svc.add_resident(
            _in(
                ResidentIn,
                community="akdala",
                id=p,
                name=f"Resident {p}",
                settlement="Akdala" if i % 3 else "Kenes",
                since="2020-01-01",
            )
        )
    svc.elect_members(
        _in(
            ElectIn,
            community="akdala",
            gathering="Akdala",
            persons=PEOPLE[:9],
            term_start="2025-01-10",
        )
    )
    return svc


def _meeting(svc: CommunityService, present: list[str]) -> None:
    svc.convene(
        _in(
            ConveneIn,
            community="akdala",
            id="m1",
            body="meeting",
            day="2026-03-01",
            place="School hall",
            agenda=["Budget 2026", "Street lights"],
            convened_on="2026-02-20",
        )
    )
    svc.attend(_in(AttendIn, community="akdala", session="m1", present=present))


def _refused(svc: CommunityService, store: RowStore, call: Any, reason: str) -> None:
    before = _dump(store)
    with pytest.raises(CommunityRefused) as err:
        call()
    assert err.value.reason == reason
    assert set(err.value.localized) == {"kk", "ru", "en"}
    assert _dump(store) == before, "a refused call stored something"


def _dump(store: RowStore) -> str:
    from tandau.community.rowstore import TABLE_KEYS

    with store.transaction() as rows:
        return json.dumps({t: rows.select(t, {}) for t in TABLE_KEYS}, default=str, sort_keys=True)


def test_register_and_delegation(store: RowStore) -> None:
    svc = _world(store)
    assert svc.register("akdala", "meeting", date(2026, 3, 1)) == sorted(PEOPLE[:9])
    assert svc.register("akdala", "meeting", date(2029, 1, 10)) == []  # four-year term ended
    assert svc.register("akdala", "gathering", date(2026, 3, 1)) == sorted(PEOPLE)
    assert svc.register("akdala", "gathering", date(2019, 12, 31)) == []
    new = svc.replace_member(
        _in(ReplaceIn, community="akdala", person="r1", by="r10", on="2026-01-01")
    )
    assert (new.replaces, new.term_end) == ("r1", date(2029, 1, 10))
    on_day = svc.register("akdala", "meeting", date(2026, 3, 1))
    assert "r1" not in on_day and "r10" in on_day
    assert "r1" in svc.register("akdala", "meeting", date(2025, 12, 31))
    members = {m["person"]: m for m in svc.snapshot("akdala")["members"]}
    assert members["r1"]["replaced_by"] == "r10" and members["r1"]["ended_on"] == "2026-01-01"


def test_delegation_refusals(store: RowStore) -> None:
    svc = _world(store)
    elect = lambda persons, start="2025-06-01": svc.elect_members(  # noqa: E731
        _in(ElectIn, community="akdala", gathering="Kenes", persons=persons, term_start=start)
    )
    _refused(svc, store, lambda: elect(["r1"]), "already_serving")
    _refused(svc, store, lambda: elect(["nobody"]), "not_on_register")
    _refused(svc, store, lambda: elect(["r10", "r11"]), "meeting_full")  # 9 + 2 > 10
    replace = lambda person, by: svc.replace_member(  # noqa: E731
        _in(ReplaceIn, community="akdala", person=person, by=by, on="2026-01-01")
    )
    _refused(svc, store, lambda: replace("r11", "r12"), "not_serving")
    _refused(svc, store, lambda: replace("r1", "r2"), "already_serving")
    resident = lambda **k: svc.add_resident(  # noqa: E731
        _in(
            ResidentIn,
            **{
                "community": "akdala",
                "id": "x",
                "name": "X",
                "settlement": "Akdala",
                "since": "2020-01-01",
                **k,
            },
        )
    )
    _refused(svc, store, lambda: resident(id="r1"), "exists")
    _refused(svc, store, lambda: resident(settlement="Elsewhere"), "unknown_settlement")
    _refused(svc, store, lambda: resident(community="nowhere"), "not_found")


def test_a_meeting_votes_openly_and_the_akim_answers(store: RowStore) -> None:
    svc = _world(store)
    _meeting(svc, PEOPLE[:7])
    ballots = {p: "for" for p in PEOPLE[:4]} | {"r5": "against", "r6": "against", "r7": "abstained"}
    vote = svc.vote(
        _in(VoteIn, community="akdala", session="m1", item=1, proposal="Approve", ballots=ballots)
    )
    assert vote.result["adopted"] is True and vote.result["quorum"] == {
        "quorate": True,
        "required": 5,
    }
    assert vote.figures() == {"for": 4, "against": 2, "abstained": 1}
    answer = svc.respond(
        _in(
            ResponseIn,
            community="akdala",
            session="m1",
            item=1,
            kind="refused",
            text="No funds in 2026.",
            on="2026-03-10",
        )
    )
    assert answer.kind.value == "refused"
    lost = svc.vote(
        _in(
            VoteIn,
            community="akdala",
            session="m1",
            item=2,
            proposal="Lights",
            ballots={"r1": "for"},
        )
    )
    assert lost.result["adopted"] is False
    svc.close("akdala", "m1")
    session = svc.snapshot("akdala")["sessions"][0]
    assert session["status"] == "closed" and session["votes"][0]["ballots"]["r5"] == "against"
    assert session["responses"][0]["text"] == "No funds in 2026."


def test_session_refusals(store: RowStore) -> None:
    svc = _world(store)
    _meeting(svc, PEOPLE[:4])  # 4 of 9: no quorum under the example rules
    vote = lambda item=1, ballots=None: svc.vote(  # noqa: E731
        _in(
            VoteIn,
            community="akdala",
            session="m1",
            item=item,
            proposal="P",
            ballots=ballots or {"r1": "for"},
        )
    )
    _refused(svc, store, lambda: vote(item=3), "no_such_item")
    _refused(svc, store, lambda: vote(ballots={"r9": "for"}), "not_present")
    result = vote().result
    assert result["adopted"] is False and result["reason"] == "no_quorum"
    _refused(svc, store, lambda: vote(), "already_voted")
    respond = lambda item: svc.respond(  # noqa: E731
        _in(
            ResponseIn,
            community="akdala",
            session="m1",
            item=item,
            kind="implemented",
            text="Done",
            on="2026-03-02",
        )
    )
    _refused(svc, store, lambda: respond(1), "not_adopted")
    _refused(
        svc,
        store,
        lambda: svc.attend(_in(AttendIn, community="akdala", session="m1", present=["r1"])),
        "wrong_status",
    )
    convene = lambda **k: svc.convene(  # noqa: E731
        _in(
            ConveneIn,
            **{
                "community": "akdala",
                "id": "g1",
                "body": "gathering",
                "day": "2026-04-01",
                "place": "Club",
                "agenda": ["Delegates"],
                "convened_on": "2026-03-20",
                **k,
            },
        )
    )
    _refused(svc, store, lambda: convene(id="m1"), "exists")
    _refused(svc, store, lambda: convene(convened_on="2026-04-02"), "convened_after")
    svc.convene(
        _in(
            ConveneIn,
            community="akdala",
            id="g1",
            body="gathering",
            day="2026-04-01",
            place="Club",
            agenda=["Delegates"],
            convened_on="2026-03-20",
        )
    )
    _refused(
        svc,
        store,
        lambda: svc.attend(_in(AttendIn, community="akdala", session="g1", present=["ghost"])),
        "not_on_register",
    )


def test_without_district_rules_the_maslikhat_decides(store: RowStore) -> None:
    svc = _world(store, ruleset=None)
    _meeting(svc, PEOPLE[:7])
    v = svc.vote(
        _in(VoteIn, community="akdala", session="m1", item=1, proposal="P", ballots={"r1": "for"})
    )
    assert v.result["status"] == "maslikhat_decision_required"


def test_the_district_notice_period_applies(store: RowStore) -> None:
    ruleset = copy.deepcopy(EXAMPLE)
    ruleset["parameters"]["meeting"]["notice_days"]["value"] = 10
    svc = _world(store, ruleset=ruleset)
    call = lambda: svc.convene(  # noqa: E731
        _in(
            ConveneIn,
            community="akdala",
            id="m9",
            body="meeting",
            day="2026-03-01",
            place="Hall",
            agenda=["A"],
            convened_on="2026-02-25",
        )
    )
    _refused(svc, store, call, "notice_too_short")


def test_invalid_input_is_refused_before_anything_is_stored() -> None:
    with pytest.raises(InvalidInput):
        _in(CommunityIn, id="x", name={"kk": "a", "ru": "b"}, population=1, settlements=["A"])
    with pytest.raises(InvalidInput):
        _in(VoteIn, community="a", session="m", item=1, proposal="P", ballots={"r1": "yes"})
    store = MemoryRowStore()
    bad = copy.deepcopy(EXAMPLE)
    bad["decision"]["link"] = "not a link"
    with pytest.raises(InvalidInput):
        _world(store, ruleset=bad)
    assert json.loads(_dump(store))["community_communities"] == []


def test_sql_rows_are_append_only(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        _world(SqlCommunityStore(engine))
        with engine.begin() as conn, pytest.raises(Exception, match="append-only"):
            conn.execute(text("UPDATE community_members SET rev = 9"))
    finally:
        engine.dispose()
