"""The community service: every state change, every refusal (nothing stored), on memory,
SQLite and PostgreSQL.

The district ruleset is the shipped example (10% / half of members, simple majority
of those present, all [U]); the national ruleset gives the meeting's size and term.
"""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from community_world import (
    EXAMPLE,
    PEOPLE,
    akim_answers,
    convening,
    dump,
    make,
    meeting,
    open_vote,
    refused,
    world,
)
from sqlalchemy import text

from tandau.community.errors import CommunityRefused
from tandau.community.rowstore import MemoryRowStore, RowStore
from tandau.community.service import (
    AttendIn,
    CommunityIn,
    ElectIn,
    ReplaceIn,
    ResidentIn,
    SecretResultIn,
    VoteIn,
)
from tandau.law import InvalidInput
from tandau.schema import SqlCommunityStore
from tandau.storage import make_engine, upgrade


def test_register_and_delegation(store: RowStore) -> None:
    svc = world(store)
    assert svc.register("akdala", "meeting", date(2026, 3, 1)) == sorted(PEOPLE[:9])
    assert svc.register("akdala", "meeting", date(2029, 1, 10)) == []  # four-year term ended
    assert svc.register("akdala", "gathering", date(2026, 3, 1)) == sorted(PEOPLE)
    assert svc.register("akdala", "gathering", date(2019, 12, 31)) == []
    new = svc.replace_member(
        make(ReplaceIn, community="akdala", person="r1", by="r10", on="2026-01-01")
    )
    assert (new.replaces, new.term_end) == ("r1", date(2029, 1, 10))
    on_day = svc.register("akdala", "meeting", date(2026, 3, 1))
    assert "r1" not in on_day and "r10" in on_day
    assert "r1" in svc.register("akdala", "meeting", date(2025, 12, 31))
    members = {m["person"]: m for m in svc.snapshot("akdala")["members"]}
    assert members["r1"]["replaced_by"] == "r10" and members["r1"]["ended_on"] == "2026-01-01"


def test_delegation_refusals(store: RowStore) -> None:
    svc = world(store)
    elect = lambda persons, start="2025-06-01": svc.elect_members(  # noqa: E731
        make(ElectIn, community="akdala", gathering="Kenes", persons=persons, term_start=start)
    )
    refused(svc, store, lambda: elect(["r1"]), "already_serving")
    refused(svc, store, lambda: elect(["nobody"]), "not_on_register")
    refused(svc, store, lambda: elect(["r10", "r11"]), "meeting_full")  # 9 + 2 > 10
    replace = lambda person, by: svc.replace_member(  # noqa: E731
        make(ReplaceIn, community="akdala", person=person, by=by, on="2026-01-01")
    )
    refused(svc, store, lambda: replace("r11", "r12"), "not_serving")
    refused(svc, store, lambda: replace("r1", "r2"), "already_serving")
    resident = lambda **k: svc.add_resident(  # noqa: E731
        make(
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
    refused(svc, store, lambda: resident(id="r1"), "exists")
    refused(svc, store, lambda: resident(settlement="Elsewhere"), "unknown_settlement")
    refused(svc, store, lambda: resident(community="nowhere"), "not_found")


@pytest.mark.parametrize("rid", ["870412300123", "iin-870412300124", "123456789012345"])
def test_a_register_id_that_may_be_an_iin_is_refused(store: RowStore, rid: str) -> None:
    """Register ids are published on /c/…: an IIN (any 12 digits in a row) is refused."""
    svc = world(store)
    add = lambda: svc.add_resident(  # noqa: E731
        make(
            ResidentIn,
            community="akdala",
            id=rid,
            name="X",
            settlement="Akdala",
            since="2020-01-01",
        )
    )
    refused(svc, store, add, "register_id_is_a_number")
    with pytest.raises(CommunityRefused) as err:
        add()
    assert "ИИН" in err.value.localized["ru"] and "ЖСН" in err.value.localized["kk"]


def test_a_meeting_votes_openly_and_the_akim_answers(store: RowStore) -> None:
    svc = world(store)
    meeting(svc, PEOPLE[:7])
    ballots = {p: "for" for p in PEOPLE[:4]} | {"r5": "against", "r6": "against", "r7": "abstained"}
    vote = open_vote(svc, 1, "Approve", ballots)
    assert vote.result["adopted"] is True and vote.result["quorum"] == {
        "quorate": True,
        "required": 5,
    }
    assert vote.figures() == {"for": 4, "against": 2, "abstained": 1}
    answer = akim_answers(svc, 1, "refused", "No funds in 2026.", on="2026-03-10")
    assert answer.kind.value == "refused"
    lost = open_vote(svc, 2, "Lights", {"r1": "for"})
    assert lost.result["adopted"] is False
    svc.close("akdala", "m1")
    session = svc.snapshot("akdala")["sessions"][0]
    assert session["status"] == "closed" and session["votes"][0]["ballots"]["r5"] == "against"
    assert session["responses"][0]["text"] == "No funds in 2026."


def test_session_refusals(store: RowStore) -> None:
    svc = world(store)
    meeting(svc, PEOPLE[:4])  # 4 of 9: no quorum under the example rules
    vote = lambda item=1, ballots=None: open_vote(svc, item, "P", ballots or {"r1": "for"})  # noqa: E731
    refused(svc, store, lambda: vote(item=3), "no_such_item")
    refused(svc, store, lambda: vote(ballots={"r9": "for"}), "not_present")
    result = vote().result
    assert result["adopted"] is False and result["reason"] == "no_quorum"
    refused(svc, store, lambda: vote(), "already_voted")
    respond = lambda item: akim_answers(svc, item, "implemented", "Done", on="2026-03-02")  # noqa: E731
    refused(svc, store, lambda: respond(1), "not_adopted")
    refused(
        svc,
        store,
        lambda: svc.attend(make(AttendIn, community="akdala", session="m1", present=["r1"])),
        "wrong_status",
    )
    gathering = {"id": "g1", "body": "gathering", "day": "2026-04-01", "place": "Club"}
    gathering |= {"agenda": ["Delegates"], "convened_on": "2026-03-20"}
    convene = lambda **k: svc.convene(convening(**{**gathering, **k}))  # noqa: E731
    refused(svc, store, lambda: convene(id="m1"), "exists")
    refused(svc, store, lambda: convene(convened_on="2026-04-02"), "convened_after")
    svc.convene(convening(**gathering))
    refused(
        svc,
        store,
        lambda: svc.attend(make(AttendIn, community="akdala", session="g1", present=["ghost"])),
        "not_on_register",
    )


def test_without_district_rules_the_maslikhat_decides(store: RowStore) -> None:
    svc = world(store, ruleset=None)
    meeting(svc, PEOPLE[:7])
    v = open_vote(svc, 1, "P", {"r1": "for"})
    assert v.result["status"] == "maslikhat_decision_required"


def test_the_district_notice_period_applies(store: RowStore) -> None:
    ruleset = copy.deepcopy(EXAMPLE)
    ruleset["parameters"]["meeting"]["notice_days"]["value"] = 10
    svc = world(store, ruleset=ruleset)
    notice = convening(id="m9", place="Hall", agenda=["A"], convened_on="2026-02-25")
    call = lambda: svc.convene(notice)  # noqa: E731
    refused(svc, store, call, "notice_too_short")


def test_invalid_input_is_refused_before_anything_is_stored() -> None:
    with pytest.raises(InvalidInput):
        make(CommunityIn, id="x", name={"kk": "a", "ru": "b"}, population=1, settlements=["A"])
    with pytest.raises(InvalidInput):
        make(VoteIn, community="a", session="m", item=1, proposal="P", ballots={"r1": "yes"})
    store = MemoryRowStore()
    bad = copy.deepcopy(EXAMPLE)
    bad["decision"]["link"] = "not a link"
    with pytest.raises(InvalidInput):
        world(store, ruleset=bad)
    assert json.loads(dump(store))["community_communities"] == []


def test_sql_rows_are_append_only(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        world(SqlCommunityStore(engine))
        with engine.begin() as conn, pytest.raises(Exception, match="append-only"):
            conn.execute(text("UPDATE community_members SET rev = 9"))
    finally:
        engine.dispose()


def test_a_secret_votes_counts_are_recorded_without_any_choice(store: RowStore) -> None:
    svc = world(store)
    meeting(svc, PEOPLE[:7])
    secret = {"community": "akdala", "session": "m1", "item": 1, "proposal": "Budget"}
    secret |= {"election": "akdala-m1-item1", "counts": {"for": 4, "against": 2, "abstained": 1}}
    v = svc.record_secret_result(make(SecretResultIn, **secret))
    assert v.ballots == {} and v.result["adopted"] is True and v.result["secret"] is True
    assert v.result["figures"] == [4, 2, 1]
    too_many = {**secret, "item": 2, "counts": {"for": 8}}
    refused(
        svc,
        store,
        lambda: svc.record_secret_result(make(SecretResultIn, **too_many)),
        "votes_exceed_present",
    )
    refused(
        svc,
        store,
        lambda: svc.record_secret_result(make(SecretResultIn, **secret)),
        "already_voted",
    )
