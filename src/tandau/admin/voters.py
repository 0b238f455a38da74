"""Voter lists: import with the eligibility check, one voter on one list, corrections.

Lists are kept per precinct of the electoral district, by place of registration.
A person is listed when the law finds them eligible (:func:`tandau.law.check_voter`:
citizen, 18 on polling day, resident in the unit, not barred — CLE Art. 4) and
they are on no other list (``voter_list.one_list``: neither in this election nor in
another election held the same day).

An **import** (CSV, header ``iin,name,birth_date,citizen,residence_unit,precinct,
incapacitated,imprisoned``; booleans ``true``/``false``) is one transaction: a
malformed row stops it with an error naming the row and column and nothing is
stored; an ineligible person is left off and reported with the violated rules.
**Corrections** (add, remove, move) are single steps with a stated reason; each
is kept in the list's audit trail, numbered, and published as a count (no
personal data reaches the board).  The list is frozen when polling ends
(``voter_list.frozen``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from tandau.law import InvalidInput, Violation, VoterRecord, WrongType, check_voter
from tandau.law.inputs import InputModel, IsoDate

from .csv_rows import read_csv_rows
from .errors import AdminInvalidInput, NotFound, Refused, admin_violation
from .lifecycle import calendar_of
from .records import Election, Stage, Voter, VoterCorrection
from .repositories import AdminTx
from .service import (
    LongText,
    Service,
    Text,
    check_iin,
    emit,
    get_district,
    get_election,
    load_ruleset,
    parse,
    prefixed,
    record_from,
)
from .units import subtree_codes

__all__ = [
    "VOTER_COLUMNS",
    "RefusedVoter",
    "VoterImport",
    "VoterListService",
    "VoterRow",
]

VOTER_COLUMNS = (
    "iin",
    "name",
    "birth_date",
    "citizen",
    "residence_unit",
    "precinct",
    "incapacitated",
    "imprisoned",
)


class VoterRow(InputModel):
    iin: str
    name: Text
    birth_date: IsoDate
    citizen: bool
    residence_unit: str
    precinct: str
    incapacitated: bool = False
    imprisoned: bool = False


class NewVoter(VoterRow):
    election: str
    reason: LongText


class Removal(InputModel):
    election: str
    iin: str
    reason: LongText


class Move(InputModel):
    election: str
    iin: str
    precinct: str
    reason: LongText


@dataclass(frozen=True, slots=True)
class RefusedVoter:
    """A person the import left off the list, and why."""

    line: int
    iin: str
    violations: tuple[Violation, ...]


@dataclass(frozen=True, slots=True)
class VoterImport:
    """What an import did: how many were listed, who was refused."""

    added: int
    refused: tuple[RefusedVoter, ...]


def _bool(field: str, text: str) -> bool:
    if text == "true":
        return True
    if text == "false":
        return False
    raise WrongType(field, "boolean")


def _read_voter_rows(text: str) -> list[tuple[int, VoterRow]]:
    rows: list[tuple[int, VoterRow]] = []
    for line, record in read_csv_rows(text, VOTER_COLUMNS):
        where = f"csv[{line}]"
        values: dict[str, Any] = dict(record)
        for name in ("citizen", "incapacitated", "imprisoned"):
            values[name] = _bool(f"{where}.{name}", values[name])
        try:
            row = parse(VoterRow, values)
            check_iin("iin", row.iin)
        except InvalidInput as exc:
            raise prefixed(exc, where) from None
        rows.append((line, row))
    return rows


def _check_open(tx: AdminTx, election: Election, now: datetime) -> None:
    """The list is corrected from calling until polling closes (``voter_list.frozen``)."""
    rules = load_ruleset(election.ruleset)
    closes = calendar_of(rules, election).polling_closes
    if election.stage not in _OPEN or election.local(now) >= closes:
        raise Refused([admin_violation("voter_list.frozen")])


_OPEN = Stage.until(Stage.POLLING)


def _eligibility(
    tx: AdminTx, election: Election, row: VoterRow, inside: set[str], entries: list[Voter]
) -> list[Violation]:
    """The law's check (residence anywhere ``inside`` the unit counts) and the one-list rule.

    ``entries`` are the person's entries on every list (``AdminTx.voter_entries``).
    """
    rules = load_ruleset(election.ruleset)
    record = VoterRecord(
        birth_date=row.birth_date,
        polling_day=election.polling_day,
        citizen=row.citizen,
        residence_unit=election.unit if row.residence_unit in inside else row.residence_unit,
        district_unit=election.unit,
        incapacitated=row.incapacitated,
        imprisoned=row.imprisoned,
    )
    out = list(check_voter(rules, record).violations)
    listed = _listed_elsewhere(tx, election, entries)
    if listed is not None:
        out.append(
            admin_violation(
                "voter_list.one_list",
                precinct=listed.precinct,
                details={"election": listed.election, "precinct": listed.precinct},
            )
        )
    return out


def _listed_elsewhere(tx: AdminTx, election: Election, entries: list[Voter]) -> Voter | None:
    for entry in entries:
        if not entry.active:
            continue
        if entry.election == election.id:
            return entry
        other = tx.get_election(entry.election)
        if other is not None and other.polling_day == election.polling_day:
            return entry
    return None


def _sizes(tx: AdminTx, election: Election) -> dict[str, int]:
    district = get_district(tx, election.id)
    return {code: tx.count_voters(election.id, code) for code in district.precincts}


class VoterListService(Service):
    """Import voter lists, correct them with an audit trail, read them."""

    def import_csv(self, *, election: str, text: str) -> VoterImport:
        """Import a list (see the module docstring); malformed input stores nothing."""
        rows = _read_voter_rows(text)

        def work(tx: AdminTx, now: datetime) -> VoterImport:
            found = get_election(tx, election)
            district = get_district(tx, found.id)
            _check_open(tx, found, now)
            refused: list[RefusedVoter] = []
            added = 0
            known = {u.code for u in tx.units()}
            inside = subtree_codes(tx, found.unit)
            for line, row in rows:
                if row.precinct not in district.precincts:
                    raise AdminInvalidInput(f"csv[{line}].precinct", "unknown_precinct")
                if row.residence_unit not in known:
                    raise AdminInvalidInput(f"csv[{line}].residence_unit", "unknown_unit")
                entries = tx.voter_entries(row.iin)
                violations = _eligibility(tx, found, row, inside, entries)
                existing = next((v for v in entries if v.election == found.id), None)
                if existing is not None and not violations:
                    violations.append(
                        admin_violation(
                            "voter_list.one_list",
                            precinct=existing.precinct,
                            details={"election": found.id, "precinct": existing.precinct},
                        )
                    )
                if violations:
                    refused.append(RefusedVoter(line, row.iin, tuple(violations)))
                    continue
                tx.add_voter(_voter(found, row))
                added += 1
            by_rule = Counter(v.rule for r in refused for v in r.violations)
            emit(
                tx,
                "admin.voters.imported",
                {
                    "election": found.id,
                    "added": added,
                    "refused": len(refused),
                    "refused_by_rule": dict(sorted(by_rule.items())),
                    "list_sizes": _sizes(tx, found),
                },
            )
            return VoterImport(added, tuple(refused))

        return self._run(work)

    def add(
        self,
        *,
        election: str,
        iin: str,
        name: str,
        birth_date: str | date,
        citizen: bool,
        residence_unit: str,
        precinct: str,
        reason: str,
        incapacitated: bool = False,
        imprisoned: bool = False,
    ) -> Voter:
        """Add one person to the list (a correction); refused with the law's reasons."""
        data = parse(
            NewVoter,
            {
                "election": election,
                "iin": iin,
                "name": name,
                "birth_date": birth_date,
                "citizen": citizen,
                "residence_unit": residence_unit,
                "precinct": precinct,
                "incapacitated": incapacitated,
                "imprisoned": imprisoned,
                "reason": reason,
            },
        )
        check_iin("iin", data.iin)

        def work(tx: AdminTx, now: datetime) -> Voter:
            found = get_election(tx, data.election)
            if data.precinct not in get_district(tx, found.id).precincts:
                raise AdminInvalidInput("precinct", "unknown_precinct")
            if tx.get_unit(data.residence_unit) is None:
                raise AdminInvalidInput("residence_unit", "unknown_unit")
            _check_open(tx, found, now)
            entries = tx.voter_entries(data.iin)
            inside = subtree_codes(tx, found.unit)
            violations = _eligibility(tx, found, data, inside, entries)
            if violations:
                raise Refused(violations)
            voter = _voter(found, data)
            if tx.get_voter(found.id, data.iin) is None:
                tx.add_voter(voter)
            else:
                tx.update_voter(voter)  # a removed entry comes back
            _correct(tx, found, now, data.iin, "add", None, data.precinct, data.reason)
            return voter

        return self._run(work)

    def remove(self, *, election: str, iin: str, reason: str) -> Voter:
        """Take a voter off the list (the entry stays in the audit trail)."""
        data = parse(Removal, {"election": election, "iin": iin, "reason": reason})

        def work(tx: AdminTx, now: datetime) -> Voter:
            found = get_election(tx, data.election)
            _check_open(tx, found, now)
            voter = _active(tx, found, data.iin)
            removed = replace(voter, active=False)
            tx.update_voter(removed)
            _correct(tx, found, now, data.iin, "remove", voter.precinct, None, data.reason)
            return removed

        return self._run(work)

    def move(self, *, election: str, iin: str, precinct: str, reason: str) -> Voter:
        """Move a voter to another precinct of the district."""
        data = parse(
            Move, {"election": election, "iin": iin, "precinct": precinct, "reason": reason}
        )

        def work(tx: AdminTx, now: datetime) -> Voter:
            found = get_election(tx, data.election)
            if data.precinct not in get_district(tx, found.id).precincts:
                raise AdminInvalidInput("precinct", "unknown_precinct")
            _check_open(tx, found, now)
            voter = _active(tx, found, data.iin)
            moved = replace(voter, precinct=data.precinct)
            tx.update_voter(moved)
            _correct(tx, found, now, data.iin, "move", voter.precinct, data.precinct, data.reason)
            return moved

        return self._run(work)

    def voters(self, election: str, precinct: str | None = None) -> tuple[Voter, ...]:
        """The active voters of the list (of one precinct if given), by IIN."""

        def read(tx: AdminTx) -> tuple[Voter, ...]:
            get_election(tx, election)
            return tuple(
                v
                for v in tx.voters(election)
                if v.active and (precinct is None or v.precinct == precinct)
            )

        return self._read(read)

    def corrections(self, election: str) -> tuple[VoterCorrection, ...]:
        """The audit trail of the list, in order."""
        return self._read(lambda tx: tuple(tx.corrections(election)))

    def count(self, election: str, precinct: str | None = None) -> int:
        return self._read(lambda tx: tx.count_voters(election, precinct))


def _voter(election: Election, row: VoterRow) -> Voter:
    return record_from(Voter, row, election=election.id)


def _active(tx: AdminTx, election: Election, iin: str) -> Voter:
    voter = tx.get_voter(election.id, iin)
    if voter is None or not voter.active:
        raise NotFound("voter", iin)
    return voter


def _correct(
    tx: AdminTx,
    election: Election,
    now: datetime,
    iin: str,
    action: Any,
    precinct_from: str | None,
    precinct_to: str | None,
    reason: str,
) -> VoterCorrection:
    correction = VoterCorrection(
        election=election.id,
        seq=len(tx.corrections(election.id)) + 1,
        iin=iin,
        action=action,
        precinct_from=precinct_from,
        precinct_to=precinct_to,
        reason=reason,
        at=now,
    )
    tx.add_correction(correction)
    payload: Mapping[str, Any] = {
        "election": election.id,
        "seq": correction.seq,
        "action": action,
        "precinct_from": precinct_from,
        "precinct_to": precinct_to,
        "list_sizes": _sizes(tx, election),
    }
    emit(tx, "admin.voters.corrected", payload)
    return correction
