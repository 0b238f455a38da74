"""The administration's records as table rows, for storage that knows no admin types.

``tandau.admin`` and ``tandau.storage`` are independent layers (import-linter):
storage may not import the admin's records.  So storage implements the small,
type-free :class:`RowStore` protocol — rows are plain mappings of column values
(``str``, ``int``, ``bool``, ``date``, JSON lists and objects) in the tables named by
:data:`TABLE_KEYS` — and :class:`RowRepository` turns rows into records and back,
implementing :class:`~tandau.admin.repositories.AdminRepository` on any row store.

- ``tandau.storage.admin_repo.SqlRowStore`` — SQLite and PostgreSQL
  (tables in ``tandau.storage.admin_tables``, migration ``0002_admin``);
- :class:`MemoryRowStore` — the same contract in memory, for unit tests.

Aware times are stored as ISO-8601 text with their offset; the calendar's local
moments (``nomination_extended_until``) as naive ISO text.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import Any, Protocol, cast

from .records import (
    PROTOCOL_FIGURES,
    Accreditation,
    Candidate,
    CandidateStatus,
    Commission,
    CommissionKind,
    Decision,
    Election,
    ElectoralDistrict,
    LocalName,
    Member,
    OutboxEvent,
    Precinct,
    PrecinctProtocol,
    Role,
    SignatureSheet,
    Stage,
    Unit,
    UnitLevel,
    Voter,
    VoterCorrection,
    violation_from_dict,
)
from .repositories import AdminTx

__all__ = [
    "OUTBOX",
    "TABLE_KEYS",
    "MemoryRowStore",
    "Row",
    "RowRepository",
    "RowStore",
    "RowTx",
]

Row = Mapping[str, Any]

#: The outbox table: ``id`` is assigned by the store on insert.
OUTBOX = "admin_outbox"

#: Every table and its primary key columns (``select`` returns rows in key order).
TABLE_KEYS: Mapping[str, tuple[str, ...]] = {
    "admin_units": ("code",),
    "admin_precincts": ("code",),
    "admin_commissions": ("id",),
    "admin_members": ("commission", "person"),
    "admin_elections": ("id",),
    "admin_districts": ("election",),
    "admin_accreditations": ("election", "id"),
    "admin_candidates": ("election", "id"),
    "admin_signature_sheets": ("election", "candidate", "number"),
    "admin_voters": ("election", "iin"),
    "admin_voter_corrections": ("election", "seq"),
    "admin_protocols": ("election", "precinct"),
    "admin_decisions": ("election", "number"),
    OUTBOX: ("id",),
}


class RowTx(Protocol):
    """Row operations inside one transaction; equality filters only."""

    def get(self, table: str, key: Row) -> dict[str, Any] | None: ...
    def insert(self, table: str, row: Row) -> None: ...
    def update(self, table: str, key: Row, values: Row) -> None: ...
    def select(self, table: str, where: Row) -> list[dict[str, Any]]: ...
    def count(self, table: str, where: Row) -> int: ...


class RowStore(Protocol):
    def transaction(self) -> AbstractContextManager[RowTx]:
        """One serialised write transaction: committed on success, rolled back on error."""
        ...


# -- a row store in memory -------------------------------------------------------------


class _MemoryRowTx:
    def __init__(self, tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]]) -> None:
        self.tables = tables

    def _key(self, table: str, row: Row) -> tuple[Any, ...]:
        return tuple(row[c] for c in TABLE_KEYS[table])

    def get(self, table: str, key: Row) -> dict[str, Any] | None:
        found = self.tables[table].get(self._key(table, key))
        return None if found is None else dict(found)

    def insert(self, table: str, row: Row) -> None:
        data = dict(row)
        if table == OUTBOX:
            rows = self.tables[table]
            data["id"] = 1 + max((k[0] for k in rows), default=0)
        key = self._key(table, data)
        if key in self.tables[table]:
            raise KeyError(f"duplicate key {key!r} in {table}")
        self.tables[table][key] = data

    def update(self, table: str, key: Row, values: Row) -> None:
        k = self._key(table, key)
        if k not in self.tables[table]:
            raise KeyError(f"no row {k!r} in {table}")
        self.tables[table][k] = {**self.tables[table][k], **values}

    def select(self, table: str, where: Row) -> list[dict[str, Any]]:
        return [
            dict(row)
            for _, row in sorted(self.tables[table].items())
            if all(row[c] == v for c, v in where.items())
        ]

    def count(self, table: str, where: Row) -> int:
        return len(self.select(table, where))


class MemoryRowStore:
    """The :class:`RowStore` contract in memory (copy on begin, swap on commit)."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {
            name: {} for name in TABLE_KEYS
        }
        self._lock = threading.RLock()

    @contextmanager
    def _transaction(self) -> Iterator[RowTx]:
        with self._lock:
            work = {name: dict(rows) for name, rows in self._tables.items()}
            yield _MemoryRowTx(work)
            self._tables = work

    def transaction(self) -> AbstractContextManager[RowTx]:
        return self._transaction()


# -- records <-> rows ------------------------------------------------------------------


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _parse_time(value: Any) -> datetime:
    return datetime.fromisoformat(str(value))


def _opt_time(value: Any) -> datetime | None:
    return None if value is None else _parse_time(value)


def _unit(r: Row) -> Unit:
    name = LocalName(r["name_kk"], r["name_ru"], r["name_en"])
    return Unit(r["code"], UnitLevel(r["level"]), r["parent"], name)


def _election_row(e: Election) -> dict[str, Any]:
    return {
        "id": e.id,
        "ruleset": e.ruleset,
        "unit": e.unit,
        "commission": e.commission,
        "polling_day": e.polling_day,
        "called_at": _time(e.called_at),
        "utc_offset_minutes": e.utc_offset_minutes,
        "stage": e.stage.value,
        "stage_changed_at": _time(e.stage_changed_at),
        "term_ends": e.term_ends,
        "nomination_extended_until": _time(e.nomination_extended_until),
        "outcome": None if e.outcome is None else dict(e.outcome),
        "winner": e.winner,
    }


def _election(r: Row) -> Election:
    return Election(
        id=r["id"],
        ruleset=r["ruleset"],
        unit=r["unit"],
        commission=r["commission"],
        polling_day=r["polling_day"],
        called_at=_parse_time(r["called_at"]),
        utc_offset_minutes=int(r["utc_offset_minutes"]),
        stage=Stage(r["stage"]),
        stage_changed_at=_parse_time(r["stage_changed_at"]),
        term_ends=r["term_ends"],
        nomination_extended_until=_opt_time(r["nomination_extended_until"]),
        outcome=r["outcome"],
        winner=r["winner"],
    )


def _candidate_row(c: Candidate) -> dict[str, Any]:
    return {
        "election": c.election,
        "id": c.id,
        "name": c.name,
        "birth_date": c.birth_date,
        "nomination": c.nomination,
        "party": c.party,
        "party_member": c.party_member,
        "citizen": c.citizen,
        "qualified": c.qualified,
        "conviction": c.conviction,
        "incapacitated": c.incapacitated,
        "imprisoned": c.imprisoned,
        "corruption_offence": c.corruption_offence,
        "documents": list(c.documents),
        "status": c.status.value,
        "nominated_at": _time(c.nominated_at),
        "valid_signatures": c.valid_signatures,
        "invalid_signatures": c.invalid_signatures,
        "decided_at": _time(c.decided_at),
        "refusal": [v.to_dict() for v in c.refusal],
        "withdrawal": c.withdrawal,
    }


def _candidate(r: Row) -> Candidate:
    return Candidate(
        election=r["election"],
        id=r["id"],
        name=r["name"],
        birth_date=r["birth_date"],
        nomination=r["nomination"],
        party=r["party"],
        party_member=bool(r["party_member"]),
        citizen=bool(r["citizen"]),
        qualified=bool(r["qualified"]),
        conviction=bool(r["conviction"]),
        incapacitated=bool(r["incapacitated"]),
        imprisoned=bool(r["imprisoned"]),
        corruption_offence=bool(r["corruption_offence"]),
        documents=tuple(r["documents"]),
        status=CandidateStatus(r["status"]),
        nominated_at=_parse_time(r["nominated_at"]),
        valid_signatures=int(r["valid_signatures"]),
        invalid_signatures=int(r["invalid_signatures"]),
        decided_at=_opt_time(r["decided_at"]),
        refusal=tuple(violation_from_dict(v) for v in r["refusal"]),
        withdrawal=r["withdrawal"],
    )


def _voter_row(v: Voter) -> dict[str, Any]:
    return {
        "election": v.election,
        "iin": v.iin,
        "name": v.name,
        "birth_date": v.birth_date,
        "precinct": v.precinct,
        "residence_unit": v.residence_unit,
        "active": v.active,
    }


def _voter(r: Row) -> Voter:
    return Voter(
        r["election"],
        r["iin"],
        r["name"],
        r["birth_date"],
        r["precinct"],
        r["residence_unit"],
        bool(r["active"]),
    )


def _protocol_row(p: PrecinctProtocol) -> dict[str, Any]:
    return {
        "election": p.election,
        "precinct": p.precinct,
        **{name: getattr(p, name) for name in PROTOCOL_FIGURES},
        "votes": dict(p.votes),
        "entered_at": _time(p.entered_at),
        "annulled_by": p.annulled_by,
    }


def _protocol(r: Row) -> PrecinctProtocol:
    return PrecinctProtocol(
        election=r["election"],
        precinct=r["precinct"],
        **{name: int(r[name]) for name in PROTOCOL_FIGURES},
        votes={str(k): int(v) for k, v in r["votes"].items()},
        entered_at=_parse_time(r["entered_at"]),
        annulled_by=r["annulled_by"],
    )


class _RowAdminTx:
    """:class:`AdminTx` over a :class:`RowTx`."""

    def __init__(self, rows: RowTx) -> None:
        self.rows = rows

    # -- units and precincts --
    def get_unit(self, code: str) -> Unit | None:
        r = self.rows.get("admin_units", {"code": code})
        return None if r is None else _unit(r)

    def add_unit(self, unit: Unit) -> None:
        self.rows.insert(
            "admin_units",
            {
                "code": unit.code,
                "level": unit.level.value,
                "parent": unit.parent,
                "name_kk": unit.name.kk,
                "name_ru": unit.name.ru,
                "name_en": unit.name.en,
            },
        )

    def units(self) -> list[Unit]:
        return [_unit(r) for r in self.rows.select("admin_units", {})]

    def get_precinct(self, code: str) -> Precinct | None:
        r = self.rows.get("admin_precincts", {"code": code})
        return None if r is None else Precinct(r["code"], int(r["number"]), r["unit"], r["address"])

    def add_precinct(self, precinct: Precinct) -> None:
        self.rows.insert("admin_precincts", precinct.to_dict())

    def precincts(self) -> list[Precinct]:
        return [
            Precinct(r["code"], int(r["number"]), r["unit"], r["address"])
            for r in self.rows.select("admin_precincts", {})
        ]

    # -- commissions, members, accreditations --
    def get_commission(self, id: str) -> Commission | None:
        r = self.rows.get("admin_commissions", {"id": id})
        return None if r is None else _commission(r)

    def add_commission(self, commission: Commission) -> None:
        self.rows.insert("admin_commissions", commission.to_dict())

    def commissions(self) -> list[Commission]:
        return [_commission(r) for r in self.rows.select("admin_commissions", {})]

    def add_member(self, member: Member) -> None:
        self.rows.insert("admin_members", {**member.to_dict(), **_member_dates(member)})

    def members(self, commission: str) -> list[Member]:
        return [
            Member(
                r["commission"],
                r["person"],
                r["name"],
                Role(r["role"]),
                r["elected_on"],
                r["term_until"],
            )
            for r in self.rows.select("admin_members", {"commission": commission})
        ]

    def add_accreditation(self, accreditation: Accreditation) -> None:
        self.rows.insert("admin_accreditations", accreditation.to_dict())

    def accreditations(self, election: str) -> list[Accreditation]:
        return [
            Accreditation(
                r["election"],
                r["id"],
                r["kind"],
                r["name"],
                r["sponsor_kind"],
                r["sponsor"],
                r["candidate"],
                _parse_time(r["granted_at"]),
            )
            for r in self.rows.select("admin_accreditations", {"election": election})
        ]

    # -- elections and districts --
    def get_election(self, id: str) -> Election | None:
        r = self.rows.get("admin_elections", {"id": id})
        return None if r is None else _election(r)

    def add_election(self, election: Election) -> None:
        self.rows.insert("admin_elections", _election_row(election))

    def update_election(self, election: Election) -> None:
        self.rows.update("admin_elections", {"id": election.id}, _election_row(election))

    def elections(self) -> list[Election]:
        return [_election(r) for r in self.rows.select("admin_elections", {})]

    def add_district(self, district: ElectoralDistrict) -> None:
        self.rows.insert(
            "admin_districts",
            {
                "election": district.election,
                "number": district.number,
                "unit": district.unit,
                "precincts": list(district.precincts),
                "formed_at": _time(district.formed_at),
            },
        )

    def get_district(self, election: str) -> ElectoralDistrict | None:
        r = self.rows.get("admin_districts", {"election": election})
        if r is None:
            return None
        return ElectoralDistrict(
            r["election"],
            int(r["number"]),
            r["unit"],
            tuple(r["precincts"]),
            _parse_time(r["formed_at"]),
        )

    # -- candidates and signature sheets --
    def get_candidate(self, election: str, id: str) -> Candidate | None:
        r = self.rows.get("admin_candidates", {"election": election, "id": id})
        return None if r is None else _candidate(r)

    def add_candidate(self, candidate: Candidate) -> None:
        self.rows.insert("admin_candidates", _candidate_row(candidate))

    def update_candidate(self, candidate: Candidate) -> None:
        key = {"election": candidate.election, "id": candidate.id}
        self.rows.update("admin_candidates", key, _candidate_row(candidate))

    def candidates(self, election: str) -> list[Candidate]:
        found = [
            _candidate(r) for r in self.rows.select("admin_candidates", {"election": election})
        ]
        return sorted(found, key=lambda c: (c.nominated_at, c.id))

    def add_sheet(self, sheet: SignatureSheet) -> None:
        self.rows.insert(
            "admin_signature_sheets",
            {
                "election": sheet.election,
                "candidate": sheet.candidate,
                "number": sheet.number,
                "signers": list(sheet.signers),
                "valid": sheet.valid,
                "invalid": sheet.invalid,
                "submitted_at": _time(sheet.submitted_at),
            },
        )

    def sheets(self, election: str, candidate: str) -> list[SignatureSheet]:
        where = {"election": election, "candidate": candidate}
        return [
            SignatureSheet(
                r["election"],
                r["candidate"],
                int(r["number"]),
                tuple(r["signers"]),
                int(r["valid"]),
                int(r["invalid"]),
                _parse_time(r["submitted_at"]),
            )
            for r in self.rows.select("admin_signature_sheets", where)
        ]

    # -- voter lists --
    def get_voter(self, election: str, iin: str) -> Voter | None:
        r = self.rows.get("admin_voters", {"election": election, "iin": iin})
        return None if r is None else _voter(r)

    def add_voter(self, voter: Voter) -> None:
        self.rows.insert("admin_voters", _voter_row(voter))

    def update_voter(self, voter: Voter) -> None:
        key = {"election": voter.election, "iin": voter.iin}
        self.rows.update("admin_voters", key, _voter_row(voter))

    def voters(self, election: str) -> list[Voter]:
        return [_voter(r) for r in self.rows.select("admin_voters", {"election": election})]

    def voter_entries(self, iin: str) -> list[Voter]:
        return [_voter(r) for r in self.rows.select("admin_voters", {"iin": iin})]

    def count_voters(self, election: str, precinct: str | None = None) -> int:
        where: dict[str, Any] = {"election": election, "active": True}
        if precinct is not None:
            where["precinct"] = precinct
        return self.rows.count("admin_voters", where)

    def add_correction(self, correction: VoterCorrection) -> None:
        self.rows.insert(
            "admin_voter_corrections",
            {
                "election": correction.election,
                "seq": correction.seq,
                "iin": correction.iin,
                "action": correction.action,
                "precinct_from": correction.precinct_from,
                "precinct_to": correction.precinct_to,
                "reason": correction.reason,
                "at": _time(correction.at),
            },
        )

    def corrections(self, election: str) -> list[VoterCorrection]:
        return [
            VoterCorrection(
                r["election"],
                int(r["seq"]),
                r["iin"],
                r["action"],
                r["precinct_from"],
                r["precinct_to"],
                r["reason"],
                _parse_time(r["at"]),
            )
            for r in self.rows.select("admin_voter_corrections", {"election": election})
        ]

    # -- protocols and decisions --
    def get_protocol(self, election: str, precinct: str) -> PrecinctProtocol | None:
        r = self.rows.get("admin_protocols", {"election": election, "precinct": precinct})
        return None if r is None else _protocol(r)

    def add_protocol(self, protocol: PrecinctProtocol) -> None:
        self.rows.insert("admin_protocols", _protocol_row(protocol))

    def update_protocol(self, protocol: PrecinctProtocol) -> None:
        key = {"election": protocol.election, "precinct": protocol.precinct}
        self.rows.update("admin_protocols", key, _protocol_row(protocol))

    def protocols(self, election: str) -> list[PrecinctProtocol]:
        return [_protocol(r) for r in self.rows.select("admin_protocols", {"election": election})]

    def add_decision(self, decision: Decision) -> None:
        row = decision.to_dict()
        self.rows.insert("admin_decisions", {**row, "present": list(decision.present)})

    def decisions(self, election: str) -> list[Decision]:
        return [
            Decision(
                election=r["election"],
                number=int(r["number"]),
                commission=r["commission"],
                kind=r["kind"],
                resolution=r["resolution"],
                subject=r["subject"],
                reason=r["reason"],
                rule=r["rule"],
                article=r["article"],
                present=tuple(r["present"]),
                decided_at=_parse_time(r["decided_at"]),
            )
            for r in self.rows.select("admin_decisions", {"election": election})
        ]

    # -- the outbox --
    def add_event(self, type_: str, payload: Mapping[str, Any]) -> None:
        self.rows.insert(OUTBOX, {"type": type_, "payload": dict(payload), "published": False})


def _commission(r: Row) -> Commission:
    return Commission(r["id"], CommissionKind(r["kind"]), r["unit"], r["precinct"], r["name"])


def _member_dates(member: Member) -> dict[str, Any]:
    return {"elected_on": member.elected_on, "term_until": member.term_until}


class RowRepository:
    """:class:`~tandau.admin.repositories.AdminRepository` over any :class:`RowStore`."""

    def __init__(self, store: RowStore) -> None:
        self._store = store

    @contextmanager
    def _transaction(self) -> Iterator[AdminTx]:
        with self._store.transaction() as rows:
            yield _RowAdminTx(rows)

    def transaction(self) -> AbstractContextManager[AdminTx]:
        return self._transaction()

    def pending_events(self) -> list[OutboxEvent]:
        with self._store.transaction() as rows:
            found = rows.select(OUTBOX, {"published": False})
        return [
            OutboxEvent(int(r["id"]), str(r["type"]), cast(dict[str, Any], r["payload"]))
            for r in sorted(found, key=lambda r: int(r["id"]))
        ]

    def mark_published(self, event_id: int) -> None:
        with self._store.transaction() as rows:
            rows.update(OUTBOX, {"id": event_id}, {"published": True})
