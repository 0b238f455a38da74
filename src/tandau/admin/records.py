"""The administration's records: immutable values that the repositories store.

Services never change a record in place: they build a new one
(``dataclasses.replace``) and hand it to the repository inside the call's
transaction.  Times are timezone-aware; the calendar's deadlines are local
times of the election (see :meth:`Election.local`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Any, Literal

from tandau.law import Violation

__all__ = [
    "PROTOCOL_FIGURES",
    "Accreditation",
    "Candidate",
    "CandidateStatus",
    "Commission",
    "CommissionKind",
    "Decision",
    "Election",
    "ElectoralDistrict",
    "LocalName",
    "Member",
    "OutboxEvent",
    "Precinct",
    "PrecinctProtocol",
    "Role",
    "SignatureSheet",
    "Stage",
    "Unit",
    "UnitLevel",
    "Voter",
    "VoterCorrection",
    "violation_from_dict",
]


@dataclass(frozen=True, slots=True)
class LocalName:
    """A name in the three languages."""

    kk: str
    ru: str
    en: str

    def to_dict(self) -> dict[str, str]:
        return {"kk": self.kk, "ru": self.ru, "en": self.en}


class UnitLevel(StrEnum):
    """Levels of the KATO-style tree: region → district → rural okrug → settlement."""

    REGION = "region"
    DISTRICT = "district"
    RURAL_OKRUG = "rural_okrug"
    SETTLEMENT = "settlement"


@dataclass(frozen=True, slots=True)
class Unit:
    """An administrative-territorial unit, by its 9-digit KATO-style code."""

    code: str
    level: UnitLevel
    parent: str | None
    name: LocalName

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "level": self.level.value,
            "parent": self.parent,
            "name": self.name.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Precinct:
    """A standing polling precinct in a unit (a settlement or a rural okrug)."""

    code: str
    number: int
    unit: str
    address: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "number": self.number,
            "unit": self.unit,
            "address": self.address,
        }


class CommissionKind(StrEnum):
    TERRITORIAL = "territorial"
    PRECINCT = "precinct"


class Role(StrEnum):
    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"


@dataclass(frozen=True, slots=True)
class Commission:
    """A territorial commission (of a district or a city) or a precinct commission."""

    id: str
    kind: CommissionKind
    unit: str
    precinct: str | None
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "unit": self.unit,
            "precinct": self.precinct,
            "name": self.name,
        }


@dataclass(frozen=True, slots=True)
class Member:
    """A commission member, elected by the maslikhat on ``elected_on`` until ``term_until``."""

    commission: str
    person: str
    name: str
    role: Role
    elected_on: date
    term_until: date

    def to_dict(self) -> dict[str, Any]:
        return {
            "commission": self.commission,
            "person": self.person,
            "name": self.name,
            "role": self.role.value,
            "elected_on": self.elected_on.isoformat(),
            "term_until": self.term_until.isoformat(),
        }


AccreditationKind = Literal["observer", "foreign_observer", "proxy"]


@dataclass(frozen=True, slots=True)
class Accreditation:
    """An observer's or a candidate proxy's accreditation for one election."""

    election: str
    id: str
    kind: AccreditationKind
    name: str
    sponsor_kind: str
    sponsor: str
    candidate: str | None
    granted_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "election": self.election,
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "sponsor_kind": self.sponsor_kind,
            "sponsor": self.sponsor,
            "candidate": self.candidate,
            "granted_at": self.granted_at.isoformat(),
        }


class Stage(StrEnum):
    """The stages of an election, in order (``failed`` ends an election without a winner)."""

    CALLED = "called"
    NOMINATION = "nomination"
    REGISTRATION = "registration"
    CAMPAIGN = "campaign"
    SILENCE = "silence"
    POLLING = "polling"
    COUNTING = "counting"
    RESULTS = "results"
    WINNER_REGISTERED = "winner_registered"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Election:
    """One akim election in one unit, run by a territorial commission under a ruleset."""

    id: str
    ruleset: str
    unit: str
    commission: str
    polling_day: date
    called_at: datetime
    utc_offset_minutes: int
    stage: Stage
    stage_changed_at: datetime
    term_ends: date | None = None
    #: The extended close of nomination (local time) when too few were nominated.
    nomination_extended_until: datetime | None = None
    #: The outcome as the law decided it (``tandau.law.Outcome.to_dict`` shape).
    outcome: Mapping[str, Any] | None = None
    winner: str | None = None

    @property
    def tz(self) -> timezone:
        return timezone(timedelta(minutes=self.utc_offset_minutes))

    def local(self, moment: datetime) -> datetime:
        """``moment`` as the election's local wall-clock time (naive, like the calendar)."""
        return moment.astimezone(self.tz).replace(tzinfo=None)

    @property
    def called_on(self) -> date:
        return self.local(self.called_at).date()


@dataclass(frozen=True, slots=True)
class ElectoralDistrict:
    """The electoral district of an election: its number and its precincts."""

    election: str
    number: int
    unit: str
    precincts: tuple[str, ...]
    formed_at: datetime


class CandidateStatus(StrEnum):
    NOMINATED = "nominated"
    REGISTERED = "registered"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A nominee and the facts of the registration file (see ``tandau.law.CandidateFile``)."""

    election: str
    id: str
    name: str
    birth_date: date
    nomination: Literal["party", "self"]
    party: str | None
    party_member: bool
    citizen: bool
    qualified: bool
    conviction: bool
    incapacitated: bool
    imprisoned: bool
    corruption_offence: bool
    documents: tuple[str, ...]
    status: CandidateStatus
    nominated_at: datetime
    valid_signatures: int = 0
    invalid_signatures: int = 0
    decided_at: datetime | None = None
    refusal: tuple[Violation, ...] = ()
    withdrawal: str | None = None

    def public(self) -> dict[str, Any]:
        """What the board shows of a candidate (no personal file)."""
        return {
            "id": self.id,
            "name": self.name,
            "nomination": self.nomination,
            "party": self.party,
            "status": self.status.value,
        }


@dataclass(frozen=True, slots=True)
class SignatureSheet:
    """One signature sheet as the commission checked it (signers by IIN)."""

    election: str
    candidate: str
    number: int
    signers: tuple[str, ...]
    valid: int
    invalid: int
    submitted_at: datetime


@dataclass(frozen=True, slots=True)
class Voter:
    """One voter on an election's list (``active`` is false once removed)."""

    election: str
    iin: str
    name: str
    birth_date: date
    precinct: str
    residence_unit: str
    active: bool = True


CorrectionAction = Literal["add", "remove", "move"]


@dataclass(frozen=True, slots=True)
class VoterCorrection:
    """One correction of a voter list: the audit trail keeps every one, in order."""

    election: str
    seq: int
    iin: str
    action: CorrectionAction
    precinct_from: str | None
    precinct_to: str | None
    reason: str
    at: datetime


#: The counted figures of a precinct protocol, in the order of the protocol form.
PROTOCOL_FIGURES = (
    "voters_on_list",
    "ballots_received",
    "ballots_issued",
    "ballots_unused",
    "ballots_spoiled",
    "ballots_cast",
    "invalid",
    "against_all",
)


@dataclass(frozen=True, slots=True)
class PrecinctProtocol:
    """A paper precinct protocol as entered; ``annulled_by`` names the annulling decision."""

    election: str
    precinct: str
    voters_on_list: int
    ballots_received: int
    ballots_issued: int
    ballots_unused: int
    ballots_spoiled: int
    ballots_cast: int
    invalid: int
    against_all: int
    votes: Mapping[str, int]
    entered_at: datetime
    annulled_by: int | None = None

    @property
    def annulled(self) -> bool:
        return self.annulled_by is not None

    def figures(self) -> dict[str, Any]:
        return {
            "voters_on_list": self.voters_on_list,
            "ballots_received": self.ballots_received,
            "ballots_issued": self.ballots_issued,
            "ballots_unused": self.ballots_unused,
            "ballots_spoiled": self.ballots_spoiled,
            "ballots_cast": self.ballots_cast,
            "invalid": self.invalid,
            "against_all": self.against_all,
            "votes": dict(sorted(self.votes.items())),
        }


DecisionKind = Literal["outcome", "annulment"]


@dataclass(frozen=True, slots=True)
class Decision:
    """A recorded decision of a commission, with its reason and the rule that required it."""

    election: str
    number: int
    commission: str
    kind: DecisionKind
    resolution: str
    subject: str | None
    reason: str
    rule: str
    article: str
    present: tuple[str, ...]
    decided_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "election": self.election,
            "number": self.number,
            "commission": self.commission,
            "kind": self.kind,
            "resolution": self.resolution,
            "subject": self.subject,
            "reason": self.reason,
            "rule": self.rule,
            "article": self.article,
            "present": list(self.present),
            "decided_at": self.decided_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class OutboxEvent:
    """A board event recorded in the call's transaction, published after it commits."""

    id: int
    type: str
    payload: Mapping[str, Any] = field(default_factory=dict)


def violation_from_dict(data: Mapping[str, Any]) -> Violation:
    """The inverse of ``Violation.to_dict`` (for stored refusals)."""
    return Violation(
        rule=str(data["rule"]),
        article=str(data["article"]),
        confidence=str(data["confidence"]),
        message=dict(data["message"]),
        details=dict(data.get("details", {})),
    )
