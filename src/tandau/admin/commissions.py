"""Commissions, their members, and the accreditation of observers and proxies.

- A **territorial** commission (of a district or a city) runs the elections of the
  akims in its territory; a **precinct** commission runs one polling station [S].
- Members are elected by the maslikhat for five years [S/U]; a commission has one
  chair and one secretary (``commission.roles``); a member whose term has ended
  takes no part in decisions (``commission.term``).
- Observers are sent by parties, other public associations and non-commercial
  organisations (``observers.domestic``, CLE Art. 20-1), foreign observers by
  foreign states and international organisations (``observers.foreign``, CLE Art.
  20-2); a candidate's proxy represents a nominee or registered candidate
  (``proxies.candidate``).  Accreditations are public (board events).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from tandau.law.inputs import InputModel, IsoDate

from .errors import AdminInvalidInput, AlreadyExists, NotFound, Refused, admin_violation
from .names import check_name
from .records import (
    Accreditation,
    CandidateStatus,
    Commission,
    CommissionKind,
    Member,
    Role,
    Stage,
    UnitLevel,
)
from .repositories import AdminTx
from .service import Ident, Service, Text, emit, get_election, get_unit, parse, require_stage

__all__ = [
    "DOMESTIC_SPONSORS",
    "FOREIGN_SPONSORS",
    "MEMBER_TERM_YEARS",
    "Accredit",
    "CommissionService",
    "NewCommission",
    "NewMember",
    "add_commission",
    "term_until",
]

#: Members serve five years (law.md §1 Commissions [S/U]).
MEMBER_TERM_YEARS = 5
DOMESTIC_SPONSORS = ("party", "public_association", "non_commercial_organisation")
FOREIGN_SPONSORS = ("foreign_state", "international_organisation")


class NewCommission(InputModel):
    id: Ident
    kind: CommissionKind
    unit: str | None = None
    precinct: str | None = None
    name: Text


class NewMember(InputModel):
    commission: str
    person: Ident
    name: Text
    role: Role
    elected_on: IsoDate


class Accredit(InputModel):
    election: str
    id: Ident
    kind: Literal["observer", "foreign_observer", "proxy"]
    name: Text
    sponsor_kind: Literal[
        "party",
        "public_association",
        "non_commercial_organisation",
        "foreign_state",
        "international_organisation",
        "candidate",
    ]
    sponsor: Text
    candidate: str | None = None


def term_until(elected_on: date, years: int = MEMBER_TERM_YEARS) -> date:
    """The last day of a term of ``years`` years (29 February ends on 28 February)."""
    try:
        return elected_on.replace(year=elected_on.year + years)
    except ValueError:
        return elected_on.replace(year=elected_on.year + years, day=28)


def add_commission(tx: AdminTx, data: NewCommission) -> Commission:
    """Add ``data``'s commission inside ``tx``: the step of :meth:`CommissionService.create`,
    and of :meth:`~tandau.admin.districts.DistrictService.create_precinct` with its commission."""
    if tx.get_commission(data.id) is not None:
        raise AlreadyExists("commission", data.id)
    if data.kind is CommissionKind.TERRITORIAL:
        place = get_unit(tx, data.unit, UnitLevel.REGION, UnitLevel.DISTRICT)
        commission = Commission(data.id, data.kind, place.code, None, data.name)
    else:
        if data.precinct is None:
            raise AdminInvalidInput("precinct", "unknown_precinct")
        station = tx.get_precinct(data.precinct)
        if station is None:
            raise AdminInvalidInput("precinct", "unknown_precinct")
        commission = Commission(data.id, data.kind, station.unit, station.code, data.name)
    tx.add_commission(commission)
    emit(tx, "admin.commission.created", commission.to_dict())
    return commission


class CommissionService(Service):
    """Commissions and members; observers' and proxies' accreditation."""

    def create(
        self,
        *,
        id: str,
        kind: str,
        name: str,
        unit: str | None = None,
        precinct: str | None = None,
    ) -> Commission:
        """A territorial commission of a district or region (``unit``), or a precinct's."""
        data = parse(
            NewCommission,
            {"id": id, "kind": kind, "unit": unit, "precinct": precinct, "name": name},
        )

        return self._run(lambda tx, now: add_commission(tx, data))

    def appoint(
        self, *, commission: str, person: str, name: str, role: str, elected_on: str | date
    ) -> Member:
        """Record a member elected by the maslikhat; one chair and one secretary."""
        data = parse(
            NewMember,
            {
                "commission": commission,
                "person": person,
                "name": name,
                "role": role,
                "elected_on": elected_on,
            },
        )
        check_name(data.name, "name")

        def work(tx: AdminTx, now: datetime) -> Member:
            if tx.get_commission(data.commission) is None:
                raise NotFound("commission", data.commission)
            members = tx.members(data.commission)
            if any(m.person == data.person for m in members):
                raise AlreadyExists("member", data.person)
            if data.role is not Role.MEMBER and any(m.role is data.role for m in members):
                raise Refused(
                    [
                        admin_violation(
                            "commission.roles", role=data.role.value, details={"role": data.role}
                        )
                    ]
                )
            member = Member(
                data.commission,
                data.person,
                data.name,
                data.role,
                data.elected_on,
                term_until(data.elected_on),
            )
            tx.add_member(member)
            emit(tx, "admin.commission.member", member.to_dict())
            return member

        return self._run(work)

    def accredit(
        self,
        *,
        election: str,
        id: str,
        kind: str,
        name: str,
        sponsor_kind: str,
        sponsor: str,
        candidate: str | None = None,
    ) -> Accreditation:
        """Accredit an observer, a foreign observer or a candidate's proxy for an election."""
        data = parse(
            Accredit,
            {
                "election": election,
                "id": id,
                "kind": kind,
                "name": name,
                "sponsor_kind": sponsor_kind,
                "sponsor": sponsor,
                "candidate": candidate,
            },
        )

        def work(tx: AdminTx, now: datetime) -> Accreditation:
            found = get_election(tx, data.election)
            require_stage(found, *Stage.until(Stage.COUNTING))
            if any(a.id == data.id for a in tx.accreditations(found.id)):
                raise AlreadyExists("accreditation", data.id)
            _check_sponsor(tx, data)
            accreditation = Accreditation(
                found.id,
                data.id,
                data.kind,
                data.name,
                data.sponsor_kind,
                data.sponsor,
                data.candidate if data.kind == "proxy" else None,
                now,
            )
            tx.add_accreditation(accreditation)
            emit(tx, "admin.accreditation.granted", accreditation.to_dict())
            return accreditation

        return self._run(work)

    def members(self, commission: str) -> tuple[Member, ...]:
        return self._read(lambda tx: tuple(tx.members(commission)))

    def accreditations(self, election: str) -> tuple[Accreditation, ...]:
        return self._read(lambda tx: tuple(tx.accreditations(election)))


def _check_sponsor(tx: AdminTx, data: Accredit) -> None:
    if data.kind == "observer" and data.sponsor_kind not in DOMESTIC_SPONSORS:
        raise Refused(
            [admin_violation("observers.domestic", details={"sponsor": data.sponsor_kind})]
        )
    if data.kind == "foreign_observer" and data.sponsor_kind not in FOREIGN_SPONSORS:
        raise Refused(
            [admin_violation("observers.foreign", details={"sponsor": data.sponsor_kind})]
        )
    if data.kind == "proxy":
        standing = (CandidateStatus.NOMINATED, CandidateStatus.REGISTERED)
        nominee = (
            tx.get_candidate(data.election, data.candidate) if data.candidate is not None else None
        )
        if data.sponsor_kind != "candidate" or nominee is None or nominee.status not in standing:
            raise Refused(
                [admin_violation("proxies.candidate", details={"candidate": data.candidate})]
            )
