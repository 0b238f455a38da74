"""The repository seams: one transaction per call, the outbox, publication and retry."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest
from admin_builders import make_admin

from tandau.admin.demo_data import DEMO_UNITS_CSV
from tandau.admin.errors import AdminInvalidInput
from tandau.admin.records import LocalName, Unit, UnitLevel
from tandau.admin.repositories import AdminRepository, MemoryAdminRepository, MemoryEventSink
from tandau.admin.service import check_iin, jsonable, parse
from tandau.law.inputs import InputModel

UNIT = Unit("990000000", UnitLevel.REGION, None, LocalName("а", "б", "c"))


def test_a_failed_transaction_stores_nothing(repository: AdminRepository) -> None:
    with pytest.raises(RuntimeError), repository.transaction() as tx:
        tx.add_unit(UNIT)
        tx.add_event("admin.units.imported", {"count": 1})
        raise RuntimeError("boom")
    with repository.transaction() as tx:
        assert tx.units() == []
    assert repository.pending_events() == []


def test_a_key_is_added_once(repository: AdminRepository) -> None:
    with repository.transaction() as tx:
        tx.add_unit(UNIT)
    with pytest.raises(KeyError), repository.transaction() as tx:
        tx.add_unit(UNIT)


def test_the_outbox_keeps_order_until_published(repository: AdminRepository) -> None:
    with repository.transaction() as tx:
        tx.add_event("admin.units.imported", {"count": 1})
        tx.add_event("admin.units.imported", {"count": 2})
    pending = repository.pending_events()
    assert [e.payload["count"] for e in pending] == [1, 2]
    repository.mark_published(pending[0].id)
    assert [e.id for e in repository.pending_events()] == [pending[1].id]


class FlakyBoard:
    """A board that is down until ``up`` is set."""

    def __init__(self) -> None:
        self.up = False
        self.events: list[tuple[str, dict[str, Any]]] = []

    def append(self, type_: str, payload: Mapping[str, Any], /) -> None:
        if not self.up:
            raise ConnectionError("board unreachable")
        self.events.append((type_, dict(payload)))


def test_events_survive_an_unreachable_board(repository: AdminRepository) -> None:
    """The records are committed with their events; publication is retried later."""
    board = FlakyBoard()
    admin, _ = make_admin(repository, board)
    with pytest.raises(ConnectionError):
        admin.units.import_csv(DEMO_UNITS_CSV)
    assert len(admin.units.all()) == 16
    assert [e.type for e in repository.pending_events()] == ["admin.units.imported"]
    board.up = True
    assert admin.publish_pending() == 1
    assert [t for t, _ in board.events] == ["admin.units.imported"]
    assert repository.pending_events() == []


def test_the_memory_sink_and_snapshot() -> None:
    repo, sink = MemoryAdminRepository(), MemoryEventSink()
    admin, _ = make_admin(repo, sink)
    admin.units.import_csv(DEMO_UNITS_CSV)
    assert repo.snapshot()["units"] == 16
    assert sink.types() == ["admin.units.imported"]


def test_payloads_are_canonical_json_values() -> None:
    assert jsonable({"d": date(2027, 9, 19), "t": (1, 2), "s": UnitLevel.REGION}) == {
        "d": "2027-09-19",
        "t": [1, 2],
        "s": "region",
    }


@pytest.mark.parametrize(
    ("iin", "ok"),
    [
        ("900505370004", True),
        ("900505370005", False),
        ("90050537000", False),
        ("9005053700a4", False),
    ],
)
def test_iin_check_digit(iin: str, ok: bool) -> None:
    if ok:
        assert check_iin("iin", iin) == iin
    else:
        with pytest.raises(AdminInvalidInput):
            check_iin("iin", iin)


def test_parse_reports_blank_text() -> None:
    from tandau.admin.service import Text

    class Model(InputModel):
        name: Text

    assert parse(Model, {"name": "  Aigul  "}).name == "Aigul"
    with pytest.raises(AdminInvalidInput) as err:
        parse(Model, {"name": "   "})
    assert err.value.code == "admin.invalid_input.blank"
