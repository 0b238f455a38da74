"""The community records' one declaration: tables and row mapping (ADR 0023)."""

from __future__ import annotations

from datetime import date

from tandau.community.minutes import SignedMinutes
from tandau.community.records import (
    AkimResponse,
    Community,
    Member,
    OpenVote,
    ResponseKind,
    Session,
    SessionStatus,
)
from tandau.community.rowstore import TABLE_KEYS
from tandau.community.schema import mapping
from tandau.schema import COMMUNITY_TABLES

RECORDS = [
    Community("c1", {"en": "Aul"}, 1200, ("a", "b"), None),
    Member("c1", "p1", "g1", date(2026, 1, 1), date(2030, 1, 1), None, None, "p0"),
    Session(
        "c1",
        "s1",
        "meeting",
        date(2026, 5, 1),
        "Hall",
        ("Roads",),
        date(2026, 4, 20),
        SessionStatus.OPEN,
        ("p1",),
        (),
    ),
    OpenVote("c1", "s1", 1, "Fix the road", {"p1": "for"}, {"adopted": True}),
    AkimResponse("c1", "s1", 1, ResponseKind.REFUSED, "No funds", date(2026, 6, 1)),
    SignedMinutes(
        "c1", "m1", "s1", {"day": "2026-05-01"}, "ab" * 32, ({"name": "A"},), date(2026, 5, 2)
    ),
]


def test_each_record_round_trips_through_its_row() -> None:
    for record in RECORDS:
        table = mapping(type(record))
        assert table.from_row(table.to_row(record)) == record


def test_rows_written_before_the_declarations_still_read() -> None:
    # Rows as migration 0004's code wrote them: a member's person is the key ``id``,
    # a session's kind is ``body`` in the body, dates are ISO text.
    member = mapping(Member).from_row(
        {
            "community": "c1",
            "id": "p1",
            "body": {
                "gathering": "g1",
                "term_start": "2026-01-01",
                "term_end": "2030-01-01",
                "ended_on": None,
                "replaced_by": None,
                "replaces": "p0",
            },
        }
    )
    assert member == RECORDS[1]
    session_row = mapping(Session).to_row(RECORDS[2])
    assert session_row["body"]["body"] == "meeting"
    assert session_row["body"]["status"] == "open" and session_row["body"]["day"] == "2026-05-01"
    assert mapping(Community).to_row(RECORDS[0])["community"] == "c1"


def test_the_tables_and_the_row_keys_come_from_the_same_declarations() -> None:
    assert set(TABLE_KEYS) == set(COMMUNITY_TABLES)
    for name, keys in TABLE_KEYS.items():
        table = COMMUNITY_TABLES[name]
        assert [c.name for c in table.primary_key.columns] == [*keys, "rev"]
        assert [c.name for c in table.c] == [*keys, "body", "rev"]
    assert TABLE_KEYS["community_votes"] == ("community", "session", "item")


def test_a_field_added_with_a_default_reads_older_rows() -> None:
    # Communities stored before ADR 0017 have no ``commission`` in their body.
    old = {
        "name": {"en": "Aul"},
        "population": 1200,
        "settlements": ["a"],
        "district_ruleset": None,
    }
    community = mapping(Community).from_row({"community": "c1", "body": old})
    assert community.commission is None and community.settlements == ("a",)
