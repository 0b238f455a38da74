"""Paper precinct protocols: entry with arithmetic checks, annulment, and the district's returns.

A protocol is entered once per precinct of the district, while the election is
``counting``.  Its figures must agree (each failure is invalid input naming the
field, and nothing is stored):

- ballots received = ballots issued + unused ballots;
- ballots issued = ballots cast + spoiled ballots;
- ballots issued ≤ voters on the list;
- votes for the candidates + against all + invalid = ballots cast (more is the law's
  ``votes_exceed_ballots``, fewer ``ballots_unaccounted``);
- the votes name every candidate on the ballot, and only them.

The territorial commission may annul an entered protocol for proven violations
(``protocols.annulment``) by a decision with its reason; the law then excludes the
precinct from the result (``outcome.annulled_precincts``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Annotated

from pydantic import Field

from tandau.law import (
    AnnulledPrecinct,
    CandidateVotes,
    InconsistentInput,
    InvalidValue,
    Returns,
)
from tandau.law.inputs import Count, InputModel

from .decisions import record_decision
from .errors import AdminInvalidInput, AlreadyExists, Refused, admin_violation
from .messages import ADMIN_RULES
from .records import CandidateStatus, Election, PrecinctProtocol, Stage
from .repositories import AdminTx
from .service import (
    LongText,
    Service,
    emit,
    get_district,
    get_election,
    parse,
    record_from,
    require_stage,
)

__all__ = [
    "Annulment",
    "ElectronicTotals",
    "ProtocolEntry",
    "ProtocolService",
    "ballot_candidates",
    "check_figures",
    "district_returns",
]


class ProtocolEntry(InputModel):
    election: str
    precinct: str
    voters_on_list: Count
    ballots_received: Count
    ballots_issued: Count
    ballots_unused: Count
    ballots_spoiled: Count
    ballots_cast: Count
    invalid: Count
    against_all: Count
    votes: dict[str, Count]


class Annulment(InputModel):
    election: str
    precinct: str
    reason: LongText
    present: Annotated[list[str], Field(min_length=1)]


def ballot_candidates(tx: AdminTx, election: str) -> list[str]:
    """The candidates on the ballot: registered and not withdrawn, in registration order."""
    return [c.id for c in tx.candidates(election) if c.status is CandidateStatus.REGISTERED]


def check_figures(entry: ProtocolEntry, candidates: list[str]) -> None:
    """The arithmetic of a protocol (see the module docstring); raises InvalidInput."""
    if set(entry.votes) != set(candidates):
        raise AdminInvalidInput("votes", "candidates_mismatch")
    if entry.ballots_received != entry.ballots_issued + entry.ballots_unused:
        raise AdminInvalidInput("ballots_received", "received_mismatch")
    if entry.ballots_issued != entry.ballots_cast + entry.ballots_spoiled:
        raise AdminInvalidInput("ballots_issued", "issued_mismatch")
    if entry.ballots_issued > entry.voters_on_list:
        raise AdminInvalidInput("ballots_issued", "issued_exceed_voters")
    counted = sum(entry.votes.values()) + entry.against_all + entry.invalid
    if counted > entry.ballots_cast:
        raise InconsistentInput("ballots_cast", "votes_exceed_ballots")
    if counted < entry.ballots_cast:
        raise AdminInvalidInput("ballots_cast", "ballots_unaccounted")


@dataclass(frozen=True, slots=True)
class ElectronicTotals:
    """The decrypted e-votes of the election's board: per candidate, against all, ballots.

    Each counted e-ballot marks exactly one option, so the votes add up to ``counted``.
    """

    counted: int
    candidates: Mapping[str, int]
    against_all: int = 0

    def check(self, candidates: list[str]) -> None:
        """Raise InvalidInput unless these totals fit the ballot's candidates and add up."""
        if set(self.candidates) != set(candidates):
            raise AdminInvalidInput("electronic", "candidates_mismatch")
        figures = [self.counted, self.against_all, *self.candidates.values()]
        if any(not isinstance(n, int) or isinstance(n, bool) or n < 0 for n in figures):
            raise InvalidValue("electronic")
        if sum(self.candidates.values()) + self.against_all != self.counted:
            raise AdminInvalidInput("electronic", "ballots_unaccounted")


def district_returns(
    tx: AdminTx, election: Election, electronic: ElectronicTotals | None = None
) -> Returns:
    """The law's input for the outcome: district totals and the annulled precincts.

    Paper protocols and, where the election voted electronically too, the board's
    decrypted totals (``electronic``), which belong to no annulled precinct.
    Refused (``results.all_protocols``) while a precinct of the district has no protocol.
    """
    district = get_district(tx, election.id)
    entered = {p.precinct: p for p in tx.protocols(election.id)}
    for code in district.precincts:
        if code not in entered:
            raise Refused([admin_violation("results.all_protocols", precinct=code)])
    protocols = [entered[code] for code in district.precincts]
    candidates = ballot_candidates(tx, election.id)
    e = electronic or ElectronicTotals(0, dict.fromkeys(candidates, 0))
    e.check(candidates)
    return Returns(
        voters_on_list=sum(p.voters_on_list for p in protocols),
        ballots_cast=sum(p.ballots_cast for p in protocols) + e.counted,
        invalid=sum(p.invalid for p in protocols),
        against_all=sum(p.against_all for p in protocols) + e.against_all,
        candidates=[
            CandidateVotes(id=c, votes=e.candidates[c] + sum(p.votes.get(c, 0) for p in protocols))
            for c in candidates
        ],
        annulled_precincts=[
            AnnulledPrecinct(
                id=p.precinct,
                candidates=dict(p.votes),
                against_all=p.against_all,
                invalid=p.invalid,
                ballots_cast=p.ballots_cast,
            )
            for p in protocols
            if p.annulled
        ],
    )


class ProtocolService(Service):
    """Enter and annul paper precinct protocols."""

    def enter(
        self,
        *,
        election: str,
        precinct: str,
        voters_on_list: int,
        ballots_received: int,
        ballots_issued: int,
        ballots_unused: int,
        ballots_spoiled: int,
        ballots_cast: int,
        invalid: int,
        against_all: int,
        votes: dict[str, int],
    ) -> PrecinctProtocol:
        """Enter a precinct's paper protocol (see the module docstring for the checks)."""
        entry = parse(
            ProtocolEntry,
            {
                "election": election,
                "precinct": precinct,
                "voters_on_list": voters_on_list,
                "ballots_received": ballots_received,
                "ballots_issued": ballots_issued,
                "ballots_unused": ballots_unused,
                "ballots_spoiled": ballots_spoiled,
                "ballots_cast": ballots_cast,
                "invalid": invalid,
                "against_all": against_all,
                "votes": votes,
            },
        )

        def work(tx: AdminTx, now: datetime) -> PrecinctProtocol:
            found = get_election(tx, entry.election)
            require_stage(found, Stage.COUNTING)
            if entry.precinct not in get_district(tx, found.id).precincts:
                raise AdminInvalidInput("precinct", "unknown_precinct")
            if tx.get_protocol(found.id, entry.precinct) is not None:
                raise AlreadyExists("protocol", entry.precinct)
            check_figures(entry, ballot_candidates(tx, found.id))
            protocol = record_from(PrecinctProtocol, entry, election=found.id, entered_at=now)
            tx.add_protocol(protocol)
            emit(
                tx,
                "admin.protocol.entered",
                {"election": found.id, "precinct": protocol.precinct, **protocol.figures()},
            )
            return protocol

        return self._run(work)

    def annul(
        self, *, election: str, precinct: str, reason: str, present: list[str]
    ) -> PrecinctProtocol:
        """The territorial commission annuls an entered protocol for proven violations."""
        data = parse(
            Annulment,
            {"election": election, "precinct": precinct, "reason": reason, "present": present},
        )

        def work(tx: AdminTx, now: datetime) -> PrecinctProtocol:
            found = get_election(tx, data.election)
            require_stage(found, Stage.COUNTING)
            protocol = tx.get_protocol(found.id, data.precinct)
            if protocol is None or protocol.annulled:
                raise Refused(
                    [
                        admin_violation(
                            "protocols.annulment",
                            details={
                                "precinct": data.precinct,
                                "entered": protocol is not None,
                            },
                        )
                    ]
                )
            rule = ADMIN_RULES["protocols.annulment"]
            decision = record_decision(
                tx,
                found,
                now,
                kind="annulment",
                resolution="annul",
                subject=data.precinct,
                reason=data.reason,
                rule="protocols.annulment",
                article=rule.article,
                present=data.present,
            )
            annulled = replace(protocol, annulled_by=decision.number)
            tx.update_protocol(annulled)
            emit(
                tx,
                "admin.protocol.annulled",
                {"election": found.id, "precinct": data.precinct, "decision": decision.number},
            )
            return annulled

        return self._run(work)

    def protocols(self, election: str) -> tuple[PrecinctProtocol, ...]:
        return self._read(lambda tx: tuple(tx.protocols(election)))
