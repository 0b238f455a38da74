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
from typing import Annotated, Any, Literal

from tandau.law import Violation

from .schema import ColumnSpec, Plain, column, plain, table

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


#: The outbox's column that the record does not carry: published to the board yet?
PUBLISHED = ColumnSpec("published", "boolean", nullable=False)


@dataclass(frozen=True, slots=True)
class LocalName(Plain):
    """A name in the three languages."""

    kk: str
    ru: str
    en: str


class UnitLevel(StrEnum):
    """Levels of the KATO-style tree: region → district → rural okrug → settlement."""

    REGION = "region"
    DISTRICT = "district"
    RURAL_OKRUG = "rural_okrug"
    SETTLEMENT = "settlement"


@table("admin_units")
@dataclass(frozen=True, slots=True)
class Unit(Plain):
    """An administrative-territorial unit, by its 9-digit KATO-style code."""

    code: Annotated[str, column(9, key=True)]
    level: Annotated[UnitLevel, column(16)]
    parent: Annotated[str | None, column(9, references="admin_units.code")]
    name: Annotated[LocalName, column(200)]


@table("admin_precincts")
@dataclass(frozen=True, slots=True)
class Precinct(Plain):
    """A standing polling precinct in a unit (a settlement or a rural okrug)."""

    code: Annotated[str, column(64, key=True)]
    number: int
    unit: Annotated[str, column(9, references="admin_units.code")]
    address: Annotated[str, column(300)]


class CommissionKind(StrEnum):
    TERRITORIAL = "territorial"
    PRECINCT = "precinct"


class Role(StrEnum):
    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"


@table("admin_commissions")
@dataclass(frozen=True, slots=True)
class Commission(Plain):
    """A territorial commission (of a district or a city) or a precinct commission."""

    id: Annotated[str, column(64, key=True)]
    kind: Annotated[CommissionKind, column(16)]
    unit: Annotated[str, column(9, references="admin_units.code")]
    precinct: Annotated[str | None, column(64, references="admin_precincts.code")]
    name: Annotated[str, column(300)]


@table("admin_members")
@dataclass(frozen=True, slots=True)
class Member(Plain):
    """A commission member, elected by the maslikhat on ``elected_on`` until ``term_until``."""

    commission: Annotated[str, column(64, key=True, references="admin_commissions.id")]
    person: Annotated[str, column(64, key=True)]
    name: Annotated[str, column(300)]
    role: Annotated[Role, column(16)]
    elected_on: date
    term_until: date


AccreditationKind = Literal["observer", "foreign_observer", "proxy"]


@table("admin_accreditations")
@dataclass(frozen=True, slots=True)
class Accreditation(Plain):
    """An observer's or a candidate proxy's accreditation for one election."""

    election: Annotated[str, column(100, key=True)]
    id: Annotated[str, column(64, key=True)]
    kind: Annotated[AccreditationKind, column(32)]
    name: Annotated[str, column(300)]
    sponsor_kind: Annotated[str, column(64)]
    sponsor: Annotated[str, column(300)]
    candidate: Annotated[str | None, column(64)]
    granted_at: datetime


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

    @classmethod
    def until(cls, last: Stage) -> tuple[Stage, ...]:
        """The stages from calling up to and including ``last``, in order."""
        order = list(cls)
        return tuple(order[: order.index(last) + 1])


@table("admin_elections", versioned=True)
@dataclass(frozen=True, slots=True)
class Election:
    """One akim election in one unit, run by a territorial commission under a ruleset."""

    id: Annotated[str, column(100, key=True)]
    ruleset: Annotated[str, column(64)]
    unit: Annotated[str, column(9, references="admin_units.code")]
    commission: Annotated[str, column(64, references="admin_commissions.id")]
    polling_day: date
    called_at: datetime
    utc_offset_minutes: int
    stage: Annotated[Stage, column(32)]
    stage_changed_at: datetime
    term_ends: date | None = None
    #: The extended close of nomination (local time) when too few were nominated.
    nomination_extended_until: datetime | None = None
    #: The outcome as the law decided it (``tandau.law.Outcome.to_dict`` shape).
    outcome: Mapping[str, Any] | None = None
    winner: Annotated[str | None, column(64)] = None

    @property
    def tz(self) -> timezone:
        return timezone(timedelta(minutes=self.utc_offset_minutes))

    def local(self, moment: datetime) -> datetime:
        """``moment`` as the election's local wall-clock time (naive, like the calendar)."""
        return moment.astimezone(self.tz).replace(tzinfo=None)

    @property
    def called_on(self) -> date:
        return self.local(self.called_at).date()


@table("admin_districts")
@dataclass(frozen=True, slots=True)
class ElectoralDistrict:
    """The electoral district of an election: its number and its precincts."""

    election: Annotated[str, column(100, key=True)]
    number: int
    unit: Annotated[str, column(9, references="admin_units.code")]
    precincts: tuple[str, ...]
    formed_at: datetime


#: The fields of a candidate that the board shows, in order.
_PUBLIC_CANDIDATE = ("id", "name", "nomination", "party", "status")


class CandidateStatus(StrEnum):
    NOMINATED = "nominated"
    REGISTERED = "registered"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


@table("admin_candidates", versioned=True)
@dataclass(frozen=True, slots=True)
class Candidate:
    """A nominee and the facts of the registration file (see ``tandau.law.CandidateFile``)."""

    election: Annotated[str, column(100, key=True)]
    id: Annotated[str, column(64, key=True)]
    name: Annotated[str, column(300)]
    birth_date: date
    nomination: Annotated[Literal["party", "self"], column(16)]
    party: Annotated[str | None, column(300)]
    party_member: bool
    citizen: bool
    qualified: bool
    conviction: bool
    incapacitated: bool
    imprisoned: bool
    corruption_offence: bool
    documents: tuple[str, ...]
    status: Annotated[CandidateStatus, column(16)]
    nominated_at: datetime
    valid_signatures: int = 0
    invalid_signatures: int = 0
    decided_at: datetime | None = None
    refusal: tuple[Violation, ...] = ()
    withdrawal: str | None = None

    def public(self) -> dict[str, Any]:
        """What the board shows of a candidate (no personal file)."""
        return {name: plain(getattr(self, name)) for name in _PUBLIC_CANDIDATE}


@table("admin_signature_sheets")
@dataclass(frozen=True, slots=True)
class SignatureSheet:
    """One signature sheet as the commission checked it (signers by IIN)."""

    election: Annotated[str, column(100, key=True)]
    candidate: Annotated[str, column(64, key=True)]
    number: Annotated[int, column(key=True)]
    signers: tuple[str, ...]
    valid: int
    invalid: int
    submitted_at: datetime


@table("admin_voters", versioned=True, indexes=("iin",))
@dataclass(frozen=True, slots=True)
class Voter:
    """One voter on an election's list (``active`` is false once removed)."""

    election: Annotated[str, column(100, key=True)]
    iin: Annotated[str, column(12, key=True)]
    name: Annotated[str, column(300)]
    birth_date: date
    precinct: Annotated[str, column(64, references="admin_precincts.code")]
    residence_unit: Annotated[str, column(9, references="admin_units.code")]
    active: bool = True


CorrectionAction = Literal["add", "remove", "move"]


@table("admin_voter_corrections")
@dataclass(frozen=True, slots=True)
class VoterCorrection:
    """One correction of a voter list: the audit trail keeps every one, in order."""

    election: Annotated[str, column(100, key=True)]
    seq: Annotated[int, column(key=True)]
    iin: Annotated[str, column(12)]
    action: Annotated[CorrectionAction, column(16)]
    precinct_from: Annotated[str | None, column(64)]
    precinct_to: Annotated[str | None, column(64)]
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


@table("admin_protocols", versioned=True)
@dataclass(frozen=True, slots=True)
class PrecinctProtocol:
    """A paper precinct protocol as entered; ``annulled_by`` names the annulling decision."""

    election: Annotated[str, column(100, key=True)]
    precinct: Annotated[str, column(64, key=True, references="admin_precincts.code")]
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
        """The counted figures in the order of the form, then the votes by option."""
        counted = {name: getattr(self, name) for name in PROTOCOL_FIGURES}
        return {**counted, "votes": dict(sorted(self.votes.items()))}


DecisionKind = Literal["outcome", "annulment"]


@table("admin_decisions")
@dataclass(frozen=True, slots=True)
class Decision(Plain):
    """A recorded decision of a commission, with its reason and the rule that required it."""

    election: Annotated[str, column(100, key=True)]
    number: Annotated[int, column(key=True)]
    commission: Annotated[str, column(64, references="admin_commissions.id")]
    kind: Annotated[DecisionKind, column(16)]
    resolution: Annotated[str, column(16)]
    subject: Annotated[str | None, column(64)]
    reason: str
    rule: Annotated[str, column(64)]
    article: Annotated[str, column(64)]
    present: tuple[str, ...]
    decided_at: datetime


@table("admin_outbox", versioned=True, indexes=("published",), extra=(PUBLISHED,))
@dataclass(frozen=True, slots=True)
class OutboxEvent:
    """A board event recorded in the call's transaction, published after it commits."""

    id: Annotated[int, column(key=True)]
    type: Annotated[str, column(64)]
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
