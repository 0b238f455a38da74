"""Each record's one declaration gives its table and its row mapping (ADR 0012)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Annotated

import pytest

from tandau.admin.records import (
    Candidate,
    CandidateStatus,
    Election,
    LocalName,
    OutboxEvent,
    Stage,
    Unit,
    UnitLevel,
)
from tandau.admin.schema import ColumnSpec, RecordTable, column, declared, mapping
from tandau.law import Violation


def test_a_record_declares_its_columns_key_and_references() -> None:
    spec = mapping(Unit).spec
    assert spec.name == "admin_units" and spec.key == ("code",) and not spec.versioned
    assert spec.columns == (
        ColumnSpec("code", "text", False, 9),
        ColumnSpec("level", "text", False, 16),
        ColumnSpec("parent", "text", True, 9, "admin_units.code"),
        ColumnSpec("name_kk", "text", False, 200),
        ColumnSpec("name_ru", "text", False, 200),
        ColumnSpec("name_en", "text", False, 200),
    )
    outbox = mapping(OutboxEvent).spec
    assert outbox.versioned and outbox.indexes == ("published",)
    assert [c.name for c in outbox.columns] == ["id", "type", "payload", "published", "rev"]
    assert len({t.name for t in declared()}) == len(declared()) == 14


def test_rows_round_trip_every_kind_of_field() -> None:
    unit = Unit("990000000", UnitLevel.REGION, None, LocalName("Облыс", "Область", "Region"))
    row = mapping(Unit).to_row(unit)
    assert row["name_ru"] == "Область" and row["level"] == "region"
    assert mapping(Unit).from_row(row) == unit
    at = datetime(2026, 9, 1, 10, 0, tzinfo=timezone(timedelta(hours=5)))
    refusal = Violation("nomination.age", "CLE 101", "high", {"en": "too young"}, {"age": 20})
    candidate = Candidate(
        "e-1", "c-1", "Name", date(1990, 1, 2), "self", None, False, True, True, False,
        False, False, False, ("passport",), CandidateStatus.REFUSED, at,
        decided_at=at, refusal=(refusal,),
    )  # fmt: skip
    row = mapping(Candidate).to_row(candidate)
    assert row["nominated_at"] == at.isoformat() and row["documents"] == ["passport"]
    assert row["refusal"] == [refusal.to_dict()] and row["party"] is None
    assert mapping(Candidate).from_row(row) == candidate
    election = Election(
        "e-1", "kz-rural-akim-2023", "990000000", "tec", date(2026, 12, 20),
        datetime(2026, 9, 1, tzinfo=UTC), 300, Stage.CALLED, datetime(2026, 9, 1, tzinfo=UTC),
        nomination_extended_until=datetime(2026, 10, 1, 18, 0), outcome={"status": "elected"},
    )  # fmt: skip
    row = mapping(Election).to_row(election)
    assert row["nomination_extended_until"] == "2026-10-01T18:00:00" and row["term_ends"] is None
    assert mapping(Election).from_row(row) == election
    assert mapping(Election).key(election) == {"id": "e-1"}


def test_a_field_of_a_type_with_no_column_is_refused() -> None:
    @dataclass(frozen=True)
    class Odd:
        key: Annotated[str, column(9, key=True)]
        value: float

    with pytest.raises(TypeError, match="no column type"):
        RecordTable(Odd, "odd")
