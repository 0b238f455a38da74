"""A commission acts only inside its own territory — on SQLite and PostgreSQL.

Two district commissions: Akzhar (991000000, which calls the Birlik election) and
Kokozek (992000000).  Every kind of step the Kokozek commission tries in Akzhar's
area is refused with ``admin.outside_territory`` and stores and publishes nothing;
the same steps in its own area succeed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from admin_builders import (
    ELECTION,
    RULESET,
    TEC,
    SettableClock,
    call_demo_election,
    import_demo_voters,
    make_admin,
    nominee,
    paper_protocol,
    setup_units_and_commissions,
    state_of,
)

from tandau.admin.administration import Administration
from tandau.admin.demo_data import demo_voters_csv
from tandau.admin.repositories import AdminRepository, MemoryEventSink
from tandau.admin.rowstore import RowRepository
from tandau.admin.territory import OutsideTerritory
from tandau.schema import admin_row_store
from tandau.storage import make_engine, upgrade

OTHER = "tec-kokozek"
OTHER_UNIT = "992000000"


@dataclass
class Territories:
    root: Administration
    akzhar: Administration
    kokozek: Administration
    repository: AdminRepository
    sink: MemoryEventSink
    clock: SettableClock

    def refused(self, step: Callable[[], Any]) -> OutsideTerritory:
        before, events = state_of(self.repository), len(self.sink.events)
        with pytest.raises(OutsideTerritory) as err:
            step()
        assert state_of(self.repository) == before
        assert len(self.sink.events) == events
        return err.value


@pytest.fixture
def two(db_url: str) -> Iterator[Territories]:
    upgrade(db_url)
    engine = make_engine(db_url)
    repository = RowRepository(admin_row_store(engine))
    sink = MemoryEventSink()
    root, clock = make_admin(repository, sink)
    setup_units_and_commissions(root)
    root.commissions.create(id=OTHER, kind="territorial", unit=OTHER_UNIT, name="Kokozek TEC")
    call_demo_election(root, clock)
    import_demo_voters(root, per_precinct=5)
    seams = (repository, clock, sink)
    try:
        yield Territories(
            root,
            Administration(*seams, acting=TEC),
            Administration(*seams, acting=OTHER),
            repository,
            sink,
            clock,
        )
    finally:
        engine.dispose()


def test_precincts_and_their_commissions(two: Territories) -> None:
    err = two.refused(
        lambda: two.kokozek.districts.create_precinct(
            code="P-201", number=201, unit="991011003", address="Koktal school"
        )
    )
    assert err.code == "admin.outside_territory" and err.what == "precinct"
    assert "tec-kokozek" in err.localized["ru"] and err.localized["kk"] != err.localized["en"]
    two.refused(
        lambda: two.kokozek.commissions.create(
            id="pec-x", kind="precinct", precinct="P-101", name="P-101 bis"
        )
    )
    # In its own area, and the other commission in its own.
    two.kokozek.districts.create_precinct(code="P-301", number=301, unit="992015001", address="S")
    two.kokozek.commissions.create(id="pec-301", kind="precinct", precinct="P-301", name="P-301")
    two.akzhar.districts.create_precinct(code="P-103", number=103, unit="991011003", address="K")
    two.refused(
        lambda: two.akzhar.districts.create_precinct(
            code="P-302", number=302, unit="992017001", address="A"
        )
    )


def test_members(two: Territories) -> None:
    appoint = two.kokozek.commissions.appoint
    two.refused(
        lambda: appoint(
            commission=TEC, person="intruder", name="X", role="member", elected_on="2024-03-01"
        )
    )
    two.refused(
        lambda: appoint(
            commission="pec-101",
            person="intruder",
            name="X",
            role="member",
            elected_on="2024-03-01",
        )
    )
    appoint(commission=OTHER, person="k1", name="K One", role="chair", elected_on="2024-03-01")
    two.akzhar.commissions.appoint(
        commission="pec-101", person="p1", name="P One", role="chair", elected_on="2024-03-01"
    )


def test_elections(two: Territories) -> None:
    two.clock.set("2027-07-21 10:00")
    call = two.kokozek.lifecycle.call
    # Calling Akzhar's okrug in Akzhar's name is refused; so is advancing its election.
    two.refused(
        lambda: call(
            election="kainar-2027", ruleset=RULESET, unit="991013000", commission=TEC,
            polling_day="2027-09-26",
        )
    )  # fmt: skip
    two.refused(lambda: two.kokozek.lifecycle.advance(ELECTION))
    # Its own okrug, in its own name.
    call(
        election="sarybulak-2027", ruleset=RULESET, unit="992015000", commission=OTHER,
        polling_day="2027-09-26",
    )  # fmt: skip


def test_voter_lists_nominations_and_districts(two: Territories) -> None:
    text = demo_voters_csv("P-101", "991011001", 2, first_serial=9000)
    two.refused(lambda: two.kokozek.voters.import_csv(election=ELECTION, text=text))
    two.refused(
        lambda: two.kokozek.districts.form_district(
            election=ELECTION, number=2, precincts=["P-101"]
        )
    )
    two.clock.set("2027-07-22 10:00")
    two.root.lifecycle.advance(ELECTION)  # nomination opens
    two.refused(lambda: two.kokozek.nominations.nominate(**nominee()))
    assert two.akzhar.nominations.nominate(**nominee()).election == ELECTION


def test_protocols_and_decisions(two: Territories) -> None:
    figures = paper_protocol("P-101", 5, {}, received=5)
    err = two.refused(lambda: two.kokozek.protocols.enter(**figures))
    assert err.what == "election"
    two.refused(
        lambda: two.kokozek.protocols.annul(
            election=ELECTION, precinct="P-101", reason="x", present=["m1", "m2", "m3"]
        )
    )
    two.refused(
        lambda: two.kokozek.decisions.decide_outcome(
            election=ELECTION, resolution="failed", reason="x", present=["m1"]
        )
    )
    two.refused(
        lambda: two.kokozek.commissions.accredit(
            election=ELECTION, id="o1", kind="observer", name="O", sponsor_kind="party",
            sponsor="P",
        )
    )  # fmt: skip
