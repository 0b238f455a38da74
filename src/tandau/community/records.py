"""The community's records: residents, meeting members, sessions, open votes, responses.

Plain frozen dataclasses, each its table's one declaration (:mod:`.schema`, ADR 0023):
the key fields are marked in their annotations, the other fields make the row's JSON
``body``, so storage needs no community types (see :mod:`.rowstore`).  Dates are
``date``; a record that changes (a member replaced, a session's attendance) is stored
again as its next revision, so the history stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from tandau.admin.schema import plain

from .schema import Key, column, documents, table

__all__ = [
    "BALLOTS",
    "BUDGET_LINES",
    "MEMBER_CODES",
    "PETITIONS",
    "REPORTS",
    "AgendaItem",
    "AkimResponse",
    "Choice",
    "Community",
    "Member",
    "OpenVote",
    "Resident",
    "ResponseKind",
    "Session",
    "SessionStatus",
]

Body = Literal["gathering", "meeting"]
Choice = Literal["for", "against", "abstained"]


class SessionStatus(StrEnum):
    CONVENED = "convened"
    OPEN = "open"
    CLOSED = "closed"


class ResponseKind(StrEnum):
    IMPLEMENTED = "implemented"
    REFUSED = "refused"
    ESCALATED = "escalated"


@table("community_communities")
@dataclass(frozen=True, slots=True)
class Community:
    """A rural district (or village, town) whose community governs itself."""

    id: Annotated[str, column("community", key=True)]
    name: dict[str, str]
    population: int
    settlements: tuple[str, ...]
    district_ruleset: dict[str, Any] | None = None
    #: The commission of the akim's office whose accounts run the community (ADR 0017).
    commission: str | None = None


@table("community_residents")
@dataclass(frozen=True, slots=True)
class Resident:
    """A resident of a settlement (and street), on the register from ``since`` until ``until``."""

    community: Key
    id: Key
    name: str
    settlement: str
    street: str | None
    since: date
    until: date | None = None

    def on_register(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)


@table("community_members")
@dataclass(frozen=True, slots=True)
class Member:
    """A member of the meeting, delegated by a (separate) gathering for a term."""

    community: Key
    person: Annotated[str, column("id", key=True)]
    gathering: str
    term_start: date
    term_end: date
    ended_on: date | None = None
    replaced_by: str | None = None
    replaces: str | None = None

    def serving(self, day: date) -> bool:
        end = self.term_end if self.ended_on is None else min(self.term_end, self.ended_on)
        return self.term_start <= day < end


@table("community_sessions")
@dataclass(frozen=True, slots=True)
class Session:
    """A gathering or a meeting: convened with an agenda, then attendance and votes."""

    community: Key
    id: Key
    body_kind: Annotated[Body, column("body")]
    day: date
    place: str
    agenda: tuple[str, ...]
    convened_on: date
    status: SessionStatus = SessionStatus.CONVENED
    present: tuple[str, ...] = ()
    remote: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One item of a session's agenda: what its vote and the akim's answer are keyed by."""

    community: Key
    session: Key
    item: Annotated[int, column(key=True)]


@table("community_votes")
@dataclass(frozen=True, slots=True)
class OpenVote(AgendaItem):
    """An open vote on one agenda item, by name, and the answer of the rules."""

    proposal: str
    ballots: dict[str, Choice]
    result: dict[str, Any] = field(default_factory=dict)

    def figures(self) -> dict[str, int]:
        choices = list(self.ballots.values())
        return {c: choices.count(c) for c in ("for", "against", "abstained")}


@table("community_responses")
@dataclass(frozen=True, slots=True)
class AkimResponse(AgendaItem):
    """The akim's answer to a decision: implemented, refused with reasons, or escalated."""

    kind: ResponseKind
    text: str
    on: date


# Tables whose rows their modules shape as plain JSON bodies, keyed by (community, id).
BUDGET_LINES = documents("community_budget_lines")
PETITIONS = documents("community_petitions")
MEMBER_CODES = documents("community_member_codes")
BALLOTS = documents("community_ballots")
REPORTS = documents("community_reports")


def as_dict(record: Any) -> dict[str, Any]:
    """A record as JSON-ready data (dates as text), for the CLI and open data."""
    return {f.name: plain(getattr(record, f.name)) for f in fields(record)}
