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
begin, swap on commit).  It keeps the records themselves in dictionaries under its
own list of keys, so that it is an independent oracle for ``rowstore.RowRepository``,
which implements the same protocols on any row store (SQLite and PostgreSQL through
``tandau.schema``).  The two share only :class:`RecordTx`: each typed method of
:class:`AdminTx` is one line naming its record and the fields its arguments fill,
over five generic operations that each store implements its own way.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

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
    "RecordTx",
]

R = TypeVar("R")


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


# -- the typed methods over generic ones ------------------------------------------------


def _find(record: type[R], *key: str) -> Callable[..., R | None]:
    """A method finding ``record`` by its key, whose fields its arguments give in order."""

    def find(tx: RecordTx, *values: Any) -> R | None:
        return tx._get(record, **dict(zip(key, values, strict=True)))

    return find


def _where(record: type[R], *fields: str) -> Callable[..., list[R]]:
    """A method listing the ``record``s whose ``fields`` equal its arguments, in key order."""

    def where(tx: RecordTx, *values: Any) -> list[R]:
        return tx._all(record, **dict(zip(fields, values, strict=True)))

    return where


class RecordTx(ABC):
    """:class:`AdminTx` over five generic operations that a store implements its own way.

    ``_all`` and ``_count`` keep the records whose fields equal the given values;
    ``_all`` returns them in key order.  ``_put`` of a new record whose key is taken,
    or of a changed one whose key is missing, raises ``KeyError``.
    """

    @abstractmethod
    def _get(self, record: type[R], **key: Any) -> R | None: ...

    @abstractmethod
    def _all(self, record: type[R], **where: Any) -> list[R]: ...

    @abstractmethod
    def _count(self, record: type[object], **where: Any) -> int: ...

    @abstractmethod
    def _put(self, record: object, *, new: bool) -> None: ...

    @abstractmethod
    def add_event(self, type_: str, payload: Mapping[str, Any]) -> None: ...

    def _add(self, record: object) -> None:
        self._put(record, new=True)

    def _update(self, record: object) -> None:
        self._put(record, new=False)

    add_unit = add_precinct = add_commission = add_member = add_accreditation = _add
    add_election = add_district = add_candidate = add_sheet = add_voter = _add
    add_correction = add_protocol = add_decision = _add
    update_election = update_candidate = update_voter = update_protocol = _update

    # -- units and precincts --
    get_unit = _find(Unit, "code")
    units = _where(Unit)
    get_precinct = _find(Precinct, "code")
    precincts = _where(Precinct)

    # -- commissions, members, accreditations --
    get_commission = _find(Commission, "id")
    commissions = _where(Commission)
    members = _where(Member, "commission")
    accreditations = _where(Accreditation, "election")

    # -- elections and districts --
    get_election = _find(Election, "id")
    elections = _where(Election)
    get_district = _find(ElectoralDistrict, "election")

    # -- candidates and signature sheets --
    get_candidate = _find(Candidate, "election", "id")
    sheets = _where(SignatureSheet, "election", "candidate")

    def candidates(self, election: str) -> list[Candidate]:
        found = self._all(Candidate, election=election)
        return sorted(found, key=lambda c: (c.nominated_at, c.id))

    # -- voter lists --
    get_voter = _find(Voter, "election", "iin")
    voters = _where(Voter, "election")
    voter_entries = _where(Voter, "iin")
    corrections = _where(VoterCorrection, "election")

    def count_voters(self, election: str, precinct: str | None = None) -> int:
        where: dict[str, Any] = {"election": election, "active": True}
        if precinct is not None:
            where["precinct"] = precinct
        return self._count(Voter, **where)

    # -- protocols and decisions --
    get_protocol = _find(PrecinctProtocol, "election", "precinct")
    protocols = _where(PrecinctProtocol, "election")
    decisions = _where(Decision, "election")


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


#: Each record's table in memory and its key fields: written here, apart from the
#: records' table declarations, so that this repository stays an independent oracle.
_TABLES: Mapping[type, tuple[str, tuple[str, ...]]] = {
    Unit: ("units", ("code",)),
    Precinct: ("precincts", ("code",)),
    Commission: ("commissions", ("id",)),
    Member: ("members", ("commission", "person")),
    Accreditation: ("accreditations", ("election", "id")),
    Election: ("elections", ("id",)),
    ElectoralDistrict: ("districts", ("election",)),
    Candidate: ("candidates", ("election", "id")),
    SignatureSheet: ("sheets", ("election", "candidate", "number")),
    Voter: ("voters", ("election", "iin")),
    VoterCorrection: ("corrections", ("election", "seq")),
    PrecinctProtocol: ("protocols", ("election", "precinct")),
    Decision: ("decisions", ("election", "number")),
}


@dataclass
class _Tables:
    records: dict[type, dict[tuple[Any, ...], Any]] = field(
        default_factory=lambda: {record: {} for record in _TABLES}
    )
    outbox: dict[int, OutboxEvent] = field(default_factory=dict)
    next_event: int = 1

    def copy(self) -> _Tables:
        records = {record: dict(rows) for record, rows in self.records.items()}
        return _Tables(records, dict(self.outbox), self.next_event)


class _MemoryTx(RecordTx):
    """An :class:`AdminTx` over a private copy of the tables."""

    def __init__(self, tables: _Tables) -> None:
        self.t = tables

    def _get(self, record: type[R], **key: Any) -> R | None:
        found: R | None = self.t.records[record].get(tuple(key[k] for k in _TABLES[record][1]))
        return found

    def _all(self, record: type[R], **where: Any) -> list[R]:
        return [
            r
            for _, r in sorted(self.t.records[record].items())
            if all(getattr(r, f) == v for f, v in where.items())
        ]

    def _count(self, record: type[object], **where: Any) -> int:
        return len(self._all(record, **where))

    def _put(self, record: object, *, new: bool) -> None:
        table = self.t.records[type(record)]
        key = tuple(getattr(record, k) for k in _TABLES[type(record)][1])
        if new and key in table:
            raise KeyError(f"duplicate key {key!r}")
        if not new and key not in table:
            raise KeyError(f"no row {key!r}")
        table[key] = record

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
            counts = {name: len(t.records[record]) for record, (name, _) in _TABLES.items()}
            return {**counts, "outbox": len(t.outbox)}
