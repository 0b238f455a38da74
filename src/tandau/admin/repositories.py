"""The administration's storage seams: repository and event-sink protocols, in memory.

A service call runs in **one transaction** (:meth:`AdminRepository.transaction`):
it reads and writes records through the :class:`AdminTx` it is given, and records
the board events it causes in the same transaction (an *outbox*).  If anything
raises, the transaction is rolled back and nothing is stored — neither records nor
events.  After the commit the service publishes the pending events to the
:class:`EventSink` (``tandau.board.Board`` in production) and marks each one
published, so an event is never lost even if the board is unreachable for a while:
:meth:`~tandau.admin.service.Services.publish_pending` retries.

:class:`MemoryAdminRepository` is a real implementation for unit tests (copy on
begin, swap on commit), written directly over the records so that it is an
independent oracle for ``rowstore.RowRepository``, which implements the same
protocols on any row store (SQLite and PostgreSQL through ``tandau.schema``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from .records import (
    Accreditation,
    Candidate,
    Commission,
    Decision,
    Election,
    ElectoralDistrict,
    Member,
    OutboxEvent,
    Precinct,
    PrecinctProtocol,
    SignatureSheet,
    Unit,
    Voter,
    VoterCorrection,
)

__all__ = [
    "AdminRepository",
    "AdminTx",
    "EventSink",
    "MemoryAdminRepository",
    "MemoryEventSink",
]


class EventSink(Protocol):
    """Where public events go: ``tandau.board.Board.append(type, payload)``."""

    def append(self, type_: str, payload: Mapping[str, Any], /) -> object: ...


class AdminTx(Protocol):
    """Reads and writes of one transaction.  ``add_*`` of an existing key is a bug."""

    # -- units and precincts --
    def get_unit(self, code: str) -> Unit | None: ...
    def add_unit(self, unit: Unit) -> None: ...
    def units(self) -> list[Unit]: ...
    def get_precinct(self, code: str) -> Precinct | None: ...
    def add_precinct(self, precinct: Precinct) -> None: ...
    def precincts(self) -> list[Precinct]: ...

    # -- commissions, members, accreditations --
    def get_commission(self, id: str) -> Commission | None: ...
    def add_commission(self, commission: Commission) -> None: ...
    def commissions(self) -> list[Commission]: ...
    def add_member(self, member: Member) -> None: ...
    def members(self, commission: str) -> list[Member]: ...
    def add_accreditation(self, accreditation: Accreditation) -> None: ...
    def accreditations(self, election: str) -> list[Accreditation]: ...

    # -- elections and districts --
    def get_election(self, id: str) -> Election | None: ...
    def add_election(self, election: Election) -> None: ...
    def update_election(self, election: Election) -> None: ...
    def elections(self) -> list[Election]: ...
    def add_district(self, district: ElectoralDistrict) -> None: ...
    def get_district(self, election: str) -> ElectoralDistrict | None: ...

    # -- candidates and signature sheets --
    def get_candidate(self, election: str, id: str) -> Candidate | None: ...
    def add_candidate(self, candidate: Candidate) -> None: ...
    def update_candidate(self, candidate: Candidate) -> None: ...
    def candidates(self, election: str) -> list[Candidate]: ...
    def add_sheet(self, sheet: SignatureSheet) -> None: ...
    def sheets(self, election: str, candidate: str) -> list[SignatureSheet]: ...

    # -- voter lists --
    def get_voter(self, election: str, iin: str) -> Voter | None: ...
    def add_voter(self, voter: Voter) -> None: ...
    def update_voter(self, voter: Voter) -> None: ...
    def voters(self, election: str) -> list[Voter]: ...
    def voter_entries(self, iin: str) -> list[Voter]: ...
    def count_voters(self, election: str, precinct: str | None = None) -> int: ...
    def add_correction(self, correction: VoterCorrection) -> None: ...
    def corrections(self, election: str) -> list[VoterCorrection]: ...

    # -- protocols and decisions --
    def get_protocol(self, election: str, precinct: str) -> PrecinctProtocol | None: ...
    def add_protocol(self, protocol: PrecinctProtocol) -> None: ...
    def update_protocol(self, protocol: PrecinctProtocol) -> None: ...
    def protocols(self, election: str) -> list[PrecinctProtocol]: ...
    def add_decision(self, decision: Decision) -> None: ...
    def decisions(self, election: str) -> list[Decision]: ...

    # -- the outbox --
    def add_event(self, type_: str, payload: Mapping[str, Any]) -> None: ...


class AdminRepository(Protocol):
    """The administration's records and their outbox of board events."""

    def transaction(self) -> AbstractContextManager[AdminTx]:
        """One serialised write transaction: committed on success, rolled back on error."""
        ...

    def pending_events(self) -> list[OutboxEvent]:
        """Events committed but not yet published, oldest first."""
        ...

    def mark_published(self, event_id: int) -> None: ...


# -- in memory ---------------------------------------------------------------------------


@dataclass
class MemoryEventSink:
    """An event sink that keeps ``(type, payload)`` pairs in a list."""

    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def append(self, type_: str, payload: Mapping[str, Any], /) -> int:
        self.events.append((type_, dict(payload)))
        return len(self.events) - 1

    def types(self) -> list[str]:
        return [t for t, _ in self.events]


@dataclass
class _Tables:
    units: dict[str, Unit] = field(default_factory=dict)
    precincts: dict[str, Precinct] = field(default_factory=dict)
    commissions: dict[str, Commission] = field(default_factory=dict)
    members: dict[tuple[str, str], Member] = field(default_factory=dict)
    accreditations: dict[tuple[str, str], Accreditation] = field(default_factory=dict)
    elections: dict[str, Election] = field(default_factory=dict)
    districts: dict[str, ElectoralDistrict] = field(default_factory=dict)
    candidates: dict[tuple[str, str], Candidate] = field(default_factory=dict)
    sheets: dict[tuple[str, str, int], SignatureSheet] = field(default_factory=dict)
    voters: dict[tuple[str, str], Voter] = field(default_factory=dict)
    corrections: dict[tuple[str, int], VoterCorrection] = field(default_factory=dict)
    protocols: dict[tuple[str, str], PrecinctProtocol] = field(default_factory=dict)
    decisions: dict[tuple[str, int], Decision] = field(default_factory=dict)
    outbox: dict[int, OutboxEvent] = field(default_factory=dict)
    next_event: int = 1

    def copy(self) -> _Tables:
        copies = {
            name: dict(getattr(self, name))
            for name in self.__dataclass_fields__
            if name != "next_event"
        }
        return _Tables(**copies, next_event=self.next_event)


def _put(table: dict[Any, Any], key: object, value: object, *, new: bool) -> None:
    if new and key in table:
        raise KeyError(f"duplicate key {key!r}")
    if not new and key not in table:
        raise KeyError(f"no row {key!r}")
    table[key] = value


class _MemoryTx:
    """An :class:`AdminTx` over a private copy of the tables."""

    def __init__(self, tables: _Tables) -> None:
        self.t = tables

    def get_unit(self, code: str) -> Unit | None:
        return self.t.units.get(code)

    def add_unit(self, unit: Unit) -> None:
        _put(self.t.units, unit.code, unit, new=True)

    def units(self) -> list[Unit]:
        return [self.t.units[k] for k in sorted(self.t.units)]

    def get_precinct(self, code: str) -> Precinct | None:
        return self.t.precincts.get(code)

    def add_precinct(self, precinct: Precinct) -> None:
        _put(self.t.precincts, precinct.code, precinct, new=True)

    def precincts(self) -> list[Precinct]:
        return [self.t.precincts[k] for k in sorted(self.t.precincts)]

    def get_commission(self, id: str) -> Commission | None:
        return self.t.commissions.get(id)

    def add_commission(self, commission: Commission) -> None:
        _put(self.t.commissions, commission.id, commission, new=True)

    def commissions(self) -> list[Commission]:
        return [self.t.commissions[k] for k in sorted(self.t.commissions)]

    def add_member(self, member: Member) -> None:
        _put(self.t.members, (member.commission, member.person), member, new=True)

    def members(self, commission: str) -> list[Member]:
        return [m for k, m in sorted(self.t.members.items()) if k[0] == commission]

    def add_accreditation(self, accreditation: Accreditation) -> None:
        key = (accreditation.election, accreditation.id)
        _put(self.t.accreditations, key, accreditation, new=True)

    def accreditations(self, election: str) -> list[Accreditation]:
        return [a for k, a in sorted(self.t.accreditations.items()) if k[0] == election]

    def get_election(self, id: str) -> Election | None:
        return self.t.elections.get(id)

    def add_election(self, election: Election) -> None:
        _put(self.t.elections, election.id, election, new=True)

    def update_election(self, election: Election) -> None:
        _put(self.t.elections, election.id, election, new=False)

    def elections(self) -> list[Election]:
        return [self.t.elections[k] for k in sorted(self.t.elections)]

    def add_district(self, district: ElectoralDistrict) -> None:
        _put(self.t.districts, district.election, district, new=True)

    def get_district(self, election: str) -> ElectoralDistrict | None:
        return self.t.districts.get(election)

    def get_candidate(self, election: str, id: str) -> Candidate | None:
        return self.t.candidates.get((election, id))

    def add_candidate(self, candidate: Candidate) -> None:
        _put(self.t.candidates, (candidate.election, candidate.id), candidate, new=True)

    def update_candidate(self, candidate: Candidate) -> None:
        _put(self.t.candidates, (candidate.election, candidate.id), candidate, new=False)

    def candidates(self, election: str) -> list[Candidate]:
        found = [c for k, c in self.t.candidates.items() if k[0] == election]
        return sorted(found, key=lambda c: (c.nominated_at, c.id))

    def add_sheet(self, sheet: SignatureSheet) -> None:
        key = (sheet.election, sheet.candidate, sheet.number)
        _put(self.t.sheets, key, sheet, new=True)

    def sheets(self, election: str, candidate: str) -> list[SignatureSheet]:
        return [
            s for k, s in sorted(self.t.sheets.items()) if k[0] == election and k[1] == candidate
        ]

    def get_voter(self, election: str, iin: str) -> Voter | None:
        return self.t.voters.get((election, iin))

    def add_voter(self, voter: Voter) -> None:
        _put(self.t.voters, (voter.election, voter.iin), voter, new=True)

    def update_voter(self, voter: Voter) -> None:
        _put(self.t.voters, (voter.election, voter.iin), voter, new=False)

    def voters(self, election: str) -> list[Voter]:
        return [v for k, v in sorted(self.t.voters.items()) if k[0] == election]

    def voter_entries(self, iin: str) -> list[Voter]:
        return [v for k, v in sorted(self.t.voters.items()) if k[1] == iin]

    def count_voters(self, election: str, precinct: str | None = None) -> int:
        return sum(
            1
            for (e, _), v in self.t.voters.items()
            if e == election and v.active and (precinct is None or v.precinct == precinct)
        )

    def add_correction(self, correction: VoterCorrection) -> None:
        key = (correction.election, correction.seq)
        _put(self.t.corrections, key, correction, new=True)

    def corrections(self, election: str) -> list[VoterCorrection]:
        return [c for k, c in sorted(self.t.corrections.items()) if k[0] == election]

    def get_protocol(self, election: str, precinct: str) -> PrecinctProtocol | None:
        return self.t.protocols.get((election, precinct))

    def add_protocol(self, protocol: PrecinctProtocol) -> None:
        _put(self.t.protocols, (protocol.election, protocol.precinct), protocol, new=True)

    def update_protocol(self, protocol: PrecinctProtocol) -> None:
        _put(self.t.protocols, (protocol.election, protocol.precinct), protocol, new=False)

    def protocols(self, election: str) -> list[PrecinctProtocol]:
        return [p for k, p in sorted(self.t.protocols.items()) if k[0] == election]

    def add_decision(self, decision: Decision) -> None:
        _put(self.t.decisions, (decision.election, decision.number), decision, new=True)

    def decisions(self, election: str) -> list[Decision]:
        return [d for k, d in sorted(self.t.decisions.items()) if k[0] == election]

    def add_event(self, type_: str, payload: Mapping[str, Any]) -> None:
        event_id = self.t.next_event
        self.t.outbox[event_id] = OutboxEvent(event_id, type_, dict(payload))
        self.t.next_event += 1


class MemoryAdminRepository:
    """All records in memory; a transaction works on a copy that replaces them on commit."""

    def __init__(self) -> None:
        self._tables = _Tables()
        self._lock = threading.RLock()
        self._published: set[int] = set()

    @contextmanager
    def _transaction(self) -> Iterator[AdminTx]:
        with self._lock:
            work = self._tables.copy()
            yield _MemoryTx(work)
            self._tables = work

    def transaction(self) -> AbstractContextManager[AdminTx]:
        return self._transaction()

    def pending_events(self) -> list[OutboxEvent]:
        with self._lock:
            outbox = self._tables.outbox
            return [outbox[k] for k in sorted(outbox) if k not in self._published]

    def mark_published(self, event_id: int) -> None:
        with self._lock:
            if event_id not in self._tables.outbox:
                raise KeyError(event_id)
            self._published.add(event_id)

    def snapshot(self) -> dict[str, int]:
        """How many rows each table holds (tests compare before and after a refused call)."""
        with self._lock:
            t = self._tables
            return {
                name: len(getattr(t, name))
                for name in t.__dataclass_fields__
                if name != "next_event"
            }
