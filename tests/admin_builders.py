"""Builders for the administration tests: a settable clock and a demo district.

``setup_demo`` loads the demo units, creates the district's territorial commission
(five members), two precincts of the Birlik rural okrug with their commissions, and
calls the okrug's election under ``kz-rural-akim-2023`` for polling day 19 September
2027 (local time UTC+5).  Times are given as local wall-clock strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from law_examples import DOCUMENTS

from tandau.admin.administration import Administration
from tandau.admin.commissions import CommissionService
from tandau.admin.demo_data import DEMO_OKRUG, DEMO_TEC_UNIT, DEMO_UNITS_CSV, demo_voters_csv
from tandau.admin.records import Accreditation
from tandau.admin.repositories import AdminRepository, EventSink

KZ = timezone(timedelta(hours=5))
ELECTION = "birlik-2027"
RULESET = "kz-rural-akim-2023"
POLLING_DAY = "2027-09-19"
TEC = "tec-akzhar"
MEMBERS = ("m1", "m2", "m3", "m4", "m5")
PRECINCTS = ("P-101", "P-102")


@dataclass
class SettableClock:
    """A clock the test moves forward: ``clock.set("2027-08-24 18:00")`` (local time)."""

    at: datetime

    def now(self) -> datetime:
        return self.at

    def set(self, local: str) -> None:
        self.at = datetime.fromisoformat(local).replace(tzinfo=KZ)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=KZ)


def make_admin(
    repository: AdminRepository, sink: EventSink, at: str = "2027-07-01 09:00"
) -> tuple[Administration, SettableClock]:
    clock = SettableClock(local(at))
    return Administration(repository, clock, sink), clock


def setup_units_and_commissions(admin: Administration) -> None:
    """Demo units, the district TEC with five members, two precincts and their commissions."""
    admin.units.import_csv(DEMO_UNITS_CSV)
    admin.commissions.create(
        id=TEC, kind="territorial", unit=DEMO_TEC_UNIT, name="Akzhar district TEC"
    )
    roles = ("chair", "secretary", "member", "member", "member")
    for person, role in zip(MEMBERS, roles, strict=True):
        admin.commissions.appoint(
            commission=TEC,
            person=person,
            name=f"Member {person}",
            role=role,
            elected_on="2024-03-01",
        )
    for number, (code, village) in enumerate(
        zip(PRECINCTS, ("991011001", "991011002"), strict=True), 101
    ):
        admin.districts.create_precinct(
            code=code, number=number, unit=village, address=f"School No. {number}"
        )
        admin.commissions.create(id=f"pec-{number}", kind="precinct", precinct=code, name=code)


def call_demo_election(admin: Administration, clock: SettableClock) -> None:
    """Call the Birlik okrug election on 20 July 2027 and form its district."""
    clock.set("2027-07-20 10:00")
    admin.lifecycle.call(
        election=ELECTION,
        ruleset=RULESET,
        unit=DEMO_OKRUG,
        commission=TEC,
        polling_day=POLLING_DAY,
    )
    admin.districts.form_district(election=ELECTION, number=1, precincts=list(PRECINCTS))


def accredit(
    commissions: CommissionService,
    id: str,
    kind: str,
    sponsor_kind: str,
    *,
    name: str = "N",
    sponsor: str = "S",
    candidate: str | None = None,
) -> Accreditation:
    """Accredit an observer or a proxy for the demo election; the names matter to few tests."""
    who = {"id": id, "kind": kind, "name": name, "candidate": candidate}
    return commissions.accredit(
        election=ELECTION, sponsor_kind=sponsor_kind, sponsor=sponsor, **who
    )


def call_kainar_election(admin: Administration) -> None:
    """A second election on the same polling day, in the Kainar okrug, and its one precinct
    P-201 (not yet in a district)."""
    admin.districts.create_precinct(code="P-201", number=201, unit="991013001", address="Club")
    admin.lifecycle.call(
        election="kainar-2027",
        ruleset=RULESET,
        unit="991013000",
        commission=TEC,
        polling_day=POLLING_DAY,
    )


def paper_protocol(
    precinct: str,
    voters_on_list: int,
    votes: dict[str, int],
    *,
    received: int = 0,
    spoiled: int = 0,
    invalid: int = 0,
    against_all: int = 0,
) -> dict[str, object]:
    """The arguments of ``protocols.enter`` for a demo precinct's paper protocol whose figures
    add up: cast = votes + invalid + against all, issued = cast + spoiled, unused = the rest."""
    cast = sum(votes.values()) + invalid + against_all
    figures = dict(ballots_received=received, ballots_issued=cast + spoiled)
    figures |= dict(ballots_unused=received - cast - spoiled, ballots_spoiled=spoiled)
    figures |= dict(ballots_cast=cast, invalid=invalid, against_all=against_all, votes=votes)
    return {"election": ELECTION, "precinct": precinct, "voters_on_list": voters_on_list, **figures}


def import_demo_voters(admin: Administration, per_precinct: int = 300) -> list[str]:
    """Import ``per_precinct`` voters into each precinct; their IINs, in order."""
    iins: list[str] = []
    for i, (code, village) in enumerate(zip(PRECINCTS, ("991011001", "991011002"), strict=True)):
        text = demo_voters_csv(code, village, per_precinct, first_serial=1 + 5000 * i)
        admin.voters.import_csv(election=ELECTION, text=text)
        iins += [line.split(",")[0] for line in text.splitlines()[1:]]
    return iins


def nominee(**changes: object) -> dict[str, object]:
    """A complete, eligible party nominee's facts (override with ``changes``)."""
    facts: dict[str, object] = {
        "election": ELECTION,
        "id": "c-aliyev",
        "name": "Әлиев Серік",
        "birth_date": "1980-04-02",
        "nomination": "party",
        "party": "Amanat",
        "party_member": True,
        "citizen": True,
        "qualified": True,
        "documents": list(DOCUMENTS),
    }
    facts.update(changes)
    return facts


#: When each time-driven stage may begin (local time), for ``advance_to``.
STAGE_TIMES = {
    "nomination": "2027-07-21 09:00",
    "registration": "2027-08-24 18:00",
    "campaign": "2027-08-29 18:00",
    "silence": "2027-09-18 00:00",
    "polling": "2027-09-19 07:00",
    "counting": "2027-09-19 20:00",
}


def advance_to(admin: Administration, clock: SettableClock, stage: str) -> None:
    """Advance the demo election stage by stage until it reaches ``stage``."""
    order = list(STAGE_TIMES)
    while (election := admin.lifecycle.election(ELECTION)).stage.value != stage:
        current = election.stage.value
        target = order[order.index(current) + 1] if current in order else order[0]
        clock.set(STAGE_TIMES[target])
        if target == "registration" and election.nomination_extended_until is not None:
            clock.at = election.nomination_extended_until.replace(tzinfo=KZ)  # too few nominees
        admin.lifecycle.advance(ELECTION)


def state_of(repository: AdminRepository) -> tuple[object, ...]:
    """Everything the repository holds, read through its protocol (to compare before/after)."""
    with repository.transaction() as tx:
        elections = tx.elections()
        per_election = [
            (
                e,
                tx.get_district(e.id),
                tx.candidates(e.id),
                tx.voters(e.id),
                tx.corrections(e.id),
                tx.protocols(e.id),
                tx.decisions(e.id),
                tx.accreditations(e.id),
                [tx.sheets(e.id, c.id) for c in tx.candidates(e.id)],
            )
            for e in elections
        ]
        members = [tx.members(c.id) for c in tx.commissions()]
        held = (tx.units(), tx.precincts(), tx.commissions(), members, per_election)
    # Outside the transaction: a SQLite write transaction may not nest another.
    return (*held, repository.pending_events())
