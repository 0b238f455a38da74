"""Decisions of commissions: on the outcome where the ruleset requires one, and annulments.

Where the law is unknown the outcome is ``commission_decision_required``
(``outcome.tie``, ``outcome.single_candidate``…).  The territorial commission then
decides — elect one of the candidates the deciding rule names, or declare that no
akim was elected — and its decision, with its reason and the rule that required
it, becomes a board event (``admin.decision.recorded``).  The same record is kept
for the annulment of a precinct protocol (see :mod:`tandau.admin.protocols`).

A decision is taken by members of the commission (``decisions.members``) whose
term runs (``commission.term``), more than half of the commission's serving
members taking part (``decisions.quorum`` [U]).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from tandau.law import InconsistentInput
from tandau.law.inputs import InputModel

from .errors import AdminInvalidInput, NotFound, Refused, admin_violation
from .records import CandidateStatus, Decision, DecisionKind, Election, Stage
from .repositories import AdminTx
from .service import LongText, Service, emit, get_election, parse, require_stage

__all__ = [
    "DecisionService",
    "OutcomeDecision",
    "check_quorum",
    "record_decision",
    "require_electable",
]


class OutcomeDecision(InputModel):
    election: str
    resolution: Literal["elect", "failed"]
    candidate: str | None = None
    reason: LongText
    present: Annotated[list[str], Field(min_length=1)]


def check_quorum(tx: AdminTx, commission: str, present: Sequence[str], on: date) -> None:
    """Refuse unless serving members of ``commission``, more than half of them, take part."""
    members = {m.person: m for m in tx.members(commission)}
    seen: set[str] = set()
    for i, person in enumerate(present):
        if person in seen:
            raise InconsistentInput(f"present[{i}]", "duplicate")
        seen.add(person)
        member = members.get(person)
        if member is None:
            raise Refused([admin_violation("decisions.members", person=person)])
        if member.term_until < on:
            raise Refused(
                [admin_violation("commission.term", person=person, until=member.term_until)]
            )
    serving = sum(1 for m in members.values() if m.term_until >= on)
    if 2 * len(seen) <= serving:
        raise Refused(
            [
                admin_violation(
                    "decisions.quorum",
                    present=len(seen),
                    members=serving,
                    details={"present": len(seen), "members": serving},
                )
            ]
        )


def record_decision(
    tx: AdminTx,
    election: Election,
    now: datetime,
    *,
    kind: DecisionKind,
    resolution: str,
    subject: str | None,
    reason: str,
    rule: str,
    article: str,
    present: Sequence[str],
) -> Decision:
    """Check the quorum and record a decision of the election's territorial commission."""
    check_quorum(tx, election.commission, present, election.local(now).date())
    decision = Decision(
        election=election.id,
        number=len(tx.decisions(election.id)) + 1,
        commission=election.commission,
        kind=kind,
        resolution=resolution,
        subject=subject,
        reason=reason,
        rule=rule,
        article=article,
        present=tuple(present),
        decided_at=now,
    )
    tx.add_decision(decision)
    emit(tx, "admin.decision.recorded", decision.to_dict())
    return decision


def _deciding_reason(outcome: Any) -> dict[str, Any] | None:
    """The last reason of an outcome that needs a decision: the rule that found no answer."""
    if not outcome or outcome.get("status") != "commission_decision_required":
        return None
    reasons = outcome.get("reasons") or []
    return dict(reasons[-1]) if reasons else None


class DecisionService(Service):
    """Record the commission's decision on an outcome that needs one."""

    def decide_outcome(
        self,
        *,
        election: str,
        resolution: str,
        reason: str,
        present: list[str],
        candidate: str | None = None,
    ) -> Decision:
        """Elect one of the candidates the deciding rule names, or record that none was elected.

        Refused (``decisions.required``) when the result needs no decision or has one.
        """
        data = parse(
            OutcomeDecision,
            {
                "election": election,
                "resolution": resolution,
                "candidate": candidate,
                "reason": reason,
                "present": present,
            },
        )

        def work(tx: AdminTx, now: datetime) -> Decision:
            found = get_election(tx, data.election)
            require_stage(found, Stage.RESULTS)
            deciding = _deciding_reason(found.outcome)
            if deciding is None or found.winner is not None:
                raise Refused([admin_violation("decisions.required")])
            subject = None
            if data.resolution == "elect":
                subject = require_electable(data.candidate, _electable(tx, found, deciding))
            decision = record_decision(
                tx,
                found,
                now,
                kind="outcome",
                resolution=data.resolution,
                subject=subject,
                reason=data.reason,
                rule=str(deciding["rule"]),
                article=str(deciding["article"]),
                present=data.present,
            )
            if data.resolution == "elect":
                tx.update_election(replace(found, winner=subject))
            else:
                tx.update_election(replace(found, stage=Stage.FAILED, stage_changed_at=now))
                emit(
                    tx,
                    "admin.election.stage",
                    {"election": found.id, "from": found.stage.value, "to": Stage.FAILED.value},
                )
            return decision

        return self._run(work)

    def decisions(self, election: str) -> tuple[Decision, ...]:
        def read(tx: AdminTx) -> tuple[Decision, ...]:
            if tx.get_election(election) is None:
                raise NotFound("election", election)
            return tuple(tx.decisions(election))

        return self._read(read)


def _electable(tx: AdminTx, election: Election, deciding: dict[str, Any]) -> list[str]:
    details = deciding.get("details") or {}
    tied = details.get("tied")
    if isinstance(tied, list) and tied:
        return sorted(str(c) for c in tied)
    return sorted(
        c.id for c in tx.candidates(election.id) if c.status is CandidateStatus.REGISTERED
    )


def require_electable(candidate: str | None, allowed: Sequence[str]) -> str:
    """``candidate`` when given (else ``blank``) and one the deciding rule allows electing
    (else ``decisions.candidate``, naming the candidates it allows)."""
    if candidate is None:
        raise AdminInvalidInput("candidate", "blank")
    if candidate not in allowed:
        raise Refused(
            [
                admin_violation(
                    "decisions.candidate",
                    candidates=", ".join(allowed),
                    details={"allowed": allowed},
                )
            ]
        )
    return candidate
