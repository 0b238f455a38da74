"""The community's records: residents, meeting members, sessions, open votes, responses.

Plain frozen dataclasses; each turns into a storage row (its key columns plus a JSON
``body``) and back, so storage needs no community types (see :mod:`.rowstore`).
Dates are ``date``; a record that changes (a member replaced, a session's
attendance) is stored again as its next revision, so the history stays readable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import Enum, StrEnum
from typing import Any, Literal

__all__ = [
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


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _day(s: Any) -> date | None:
    return None if s is None else date.fromisoformat(str(s))


@dataclass(frozen=True, slots=True)
class Community:
    """A rural district (or village, town) whose community governs itself."""

    id: str
    name: dict[str, str]
    population: int
    settlements: tuple[str, ...]
    district_ruleset: dict[str, Any] | None = None
    #: The commission of the akim's office whose accounts run the community (ADR 0017).
    commission: str | None = None

    def body(self) -> dict[str, Any]:
        return {
            "name": dict(self.name),
            "population": self.population,
            "settlements": list(self.settlements),
            "district_ruleset": self.district_ruleset,
            "commission": self.commission,
        }

    @classmethod
    def from_row(cls, key: dict[str, Any], body: dict[str, Any]) -> Community:
        return cls(
            key["community"],
            dict(body["name"]),
            int(body["population"]),
            tuple(body["settlements"]),
            body["district_ruleset"],
            body.get("commission"),  # communities stored before ADR 0017 have none
        )


@dataclass(frozen=True, slots=True)
class Resident:
    """A resident of a settlement (and street), on the register from ``since`` until ``until``."""

    community: str
    id: str
    name: str
    settlement: str
    street: str | None
    since: date
    until: date | None = None

    def on_register(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)

    def body(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "settlement": self.settlement,
            "street": self.street,
            "since": _iso(self.since),
            "until": _iso(self.until),
        }

    @classmethod
    def from_row(cls, key: dict[str, Any], b: dict[str, Any]) -> Resident:
        since = _day(b["since"])
        assert since is not None
        return cls(
            key["community"],
            key["id"],
            b["name"],
            b["settlement"],
            b["street"],
            since,
            _day(b["until"]),
        )


@dataclass(frozen=True, slots=True)
class Member:
    """A member of the meeting, delegated by a (separate) gathering for a term."""

    community: str
    person: str
    gathering: str
    term_start: date
    term_end: date
    ended_on: date | None = None
    replaced_by: str | None = None
    replaces: str | None = None

    def serving(self, day: date) -> bool:
        end = self.term_end if self.ended_on is None else min(self.term_end, self.ended_on)
        return self.term_start <= day < end

    def body(self) -> dict[str, Any]:
        return {
            "gathering": self.gathering,
            "term_start": _iso(self.term_start),
            "term_end": _iso(self.term_end),
            "ended_on": _iso(self.ended_on),
            "replaced_by": self.replaced_by,
            "replaces": self.replaces,
        }

    @classmethod
    def from_row(cls, key: dict[str, Any], b: dict[str, Any]) -> Member:
        start, end = _day(b["term_start"]), _day(b["term_end"])
        assert start is not None and end is not None
        return cls(
            key["community"],
            key["id"],
            b["gathering"],
            start,
            end,
            _day(b["ended_on"]),
            b["replaced_by"],
            b["replaces"],
        )


@dataclass(frozen=True, slots=True)
class Session:
    """A gathering or a meeting: convened with an agenda, then attendance and votes."""

    community: str
    id: str
    body_kind: Body
    day: date
    place: str
    agenda: tuple[str, ...]
    convened_on: date
    status: SessionStatus = SessionStatus.CONVENED
    present: tuple[str, ...] = ()
    remote: tuple[str, ...] = ()

    def body(self) -> dict[str, Any]:
        return {
            "body": self.body_kind,
            "day": _iso(self.day),
            "place": self.place,
            "agenda": list(self.agenda),
            "convened_on": _iso(self.convened_on),
            "status": self.status.value,
            "present": list(self.present),
            "remote": list(self.remote),
        }

    @classmethod
    def from_row(cls, key: dict[str, Any], b: dict[str, Any]) -> Session:
        day, convened = _day(b["day"]), _day(b["convened_on"])
        assert day is not None and convened is not None
        return cls(
            key["community"],
            key["id"],
            b["body"],
            day,
            b["place"],
            tuple(b["agenda"]),
            convened,
            SessionStatus(b["status"]),
            tuple(b["present"]),
            tuple(b["remote"]),
        )


@dataclass(frozen=True, slots=True)
class OpenVote:
    """An open vote on one agenda item, by name, and the answer of the rules."""

    community: str
    session: str
    item: int
    proposal: str
    ballots: dict[str, Choice]
    result: dict[str, Any] = field(default_factory=dict)

    def figures(self) -> dict[str, int]:
        choices = list(self.ballots.values())
        return {c: choices.count(c) for c in ("for", "against", "abstained")}

    def body(self) -> dict[str, Any]:
        return {"proposal": self.proposal, "ballots": dict(self.ballots), "result": self.result}

    @classmethod
    def from_row(cls, key: dict[str, Any], b: dict[str, Any]) -> OpenVote:
        return cls(
            key["community"],
            key["session"],
            int(key["item"]),
            b["proposal"],
            dict(b["ballots"]),
            dict(b["result"]),
        )


@dataclass(frozen=True, slots=True)
class AkimResponse:
    """The akim's answer to a decision: implemented, refused with reasons, or escalated."""

    community: str
    session: str
    item: int
    kind: ResponseKind
    text: str
    on: date

    def body(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "text": self.text, "on": _iso(self.on)}

    @classmethod
    def from_row(cls, key: dict[str, Any], b: dict[str, Any]) -> AkimResponse:
        on = _day(b["on"])
        assert on is not None
        return cls(
            key["community"],
            key["session"],
            int(key["item"]),
            ResponseKind(b["kind"]),
            b["text"],
            on,
        )


def as_dict(record: Any) -> dict[str, Any]:
    """A record as JSON-ready data (dates as text), for the CLI and open data."""
    out: dict[str, Any] = asdict(record)
    for k, v in out.items():
        if isinstance(v, date):
            out[k] = v.isoformat()
        elif isinstance(v, Enum):
            out[k] = v.value
        elif isinstance(v, tuple):
            out[k] = list(v)
    return out
