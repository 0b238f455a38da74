"""The outcome of an election from the district's figures.

Figures are checked first (invalid input, exit 2): candidate IDs are unique; votes
for candidates + against all + invalid ≤ ballots cast ≤ voters on the list; each
annulled precinct is consistent in itself, names only known candidates and
subtracts no more than the totals hold.

Then (ruleset group ``outcome``):

1. ``outcome.annulled_precincts`` — annulled precincts are subtracted first;
2. ``outcome.min_turnout_percent`` — none in force (0); a researcher's minimum
   not reached → commission decision;
3. ``outcome.no_candidates`` — no candidate → commission decision (no rule found; a
   researcher's ruleset may name the status ``no_candidates``);
4. ``outcome.single_candidate`` — one candidate → commission decision (no rule found);
5. ``outcome.tie`` — a tie for first place → commission decision (no rule found);
6. ``outcome.against_all`` — "against all" counts toward turnout only, even when it leads;
7. ``outcome.method`` — plurality: the candidate with the most votes is elected.

Turnout is ballots cast / voters on the list, on the reported totals (an annulled
precinct's voters on the list are not part of the input).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from .decisions import Reason, cite
from .errors import InconsistentInput
from .inputs import Count, InputModel
from .messages import RULE_MESSAGES
from .ruleset import Ruleset

__all__ = [
    "AnnulledPrecinct",
    "CandidateVotes",
    "Outcome",
    "Returns",
    "Status",
    "decide_outcome",
]

Status = Literal["elected", "commission_decision_required", "no_candidates"]


class CandidateVotes(InputModel):
    id: str = Field(min_length=1)
    votes: Count


class AnnulledPrecinct(InputModel):
    id: str = Field(min_length=1)
    candidates: dict[str, Count]
    against_all: Count
    invalid: Count
    ballots_cast: Count


class Returns(InputModel):
    """What ``tandau law outcome`` reads: the district's totals and any annulled precincts."""

    voters_on_list: Count
    ballots_cast: Count
    invalid: Count
    against_all: Count
    candidates: list[CandidateVotes]
    annulled_precincts: list[AnnulledPrecinct]


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Status
    winner: str | None
    turnout: float
    reasons: tuple[Reason, ...]
    votes: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "winner": self.winner,
            "turnout": self.turnout,
            "reasons": [r.to_dict() for r in self.reasons],
            "votes": dict(self.votes),
        }


def _check(returns: Returns) -> None:
    seen: set[str] = set()
    for i, c in enumerate(returns.candidates):
        if c.id in seen:
            raise InconsistentInput(f"candidates[{i}].id", "duplicate")
        seen.add(c.id)
    total = sum(c.votes for c in returns.candidates) + returns.against_all + returns.invalid
    if total > returns.ballots_cast:
        raise InconsistentInput("ballots_cast", "votes_exceed_ballots")
    if returns.ballots_cast > returns.voters_on_list:
        raise InconsistentInput("ballots_cast", "ballots_exceed_voters")
    precincts: set[str] = set()
    for i, p in enumerate(returns.annulled_precincts):
        where = f"annulled_precincts[{i}]"
        if p.id in precincts:
            raise InconsistentInput(f"{where}.id", "duplicate")
        precincts.add(p.id)
        for cid in p.candidates:
            if cid not in seen:
                raise InconsistentInput(f"{where}.candidates.{cid}", "unknown_candidate")
        if sum(p.candidates.values()) + p.against_all + p.invalid > p.ballots_cast:
            raise InconsistentInput(f"{where}.ballots_cast", "votes_exceed_ballots")
    _check_subtraction(returns)


def _check_subtraction(returns: Returns) -> None:
    def over(name: str, total: int, parts: list[tuple[int, int]]) -> None:
        if sum(v for _, v in parts) > total:
            i = parts[-1][0]
            raise InconsistentInput(f"annulled_precincts[{i}].{name}", "annulled_exceeds_total")

    annulled = list(enumerate(returns.annulled_precincts))
    if not annulled:
        return
    over("ballots_cast", returns.ballots_cast, [(i, p.ballots_cast) for i, p in annulled])
    over("against_all", returns.against_all, [(i, p.against_all) for i, p in annulled])
    over("invalid", returns.invalid, [(i, p.invalid) for i, p in annulled])
    for c in returns.candidates:
        parts = [(i, p.candidates[c.id]) for i, p in annulled if c.id in p.candidates]
        if parts and sum(v for _, v in parts) > c.votes:
            i = parts[-1][0]
            raise InconsistentInput(
                f"annulled_precincts[{i}].candidates.{c.id}", "annulled_exceeds_total"
            )


def decide_outcome(ruleset: Ruleset, returns: Returns) -> Outcome:
    """The outcome under ``ruleset``; :class:`InvalidInput` when the figures contradict."""
    _check(returns)
    rules = ruleset.parameters.outcome
    reasons: list[Reason] = []
    votes = {c.id: c.votes for c in returns.candidates}
    against_all = returns.against_all
    turnout = returns.ballots_cast / returns.voters_on_list if returns.voters_on_list else 0.0

    def result(status: Status, winner: str | None = None) -> Outcome:
        return Outcome(status, winner, turnout, tuple(reasons), votes)

    if returns.annulled_precincts:
        before = _leaders(votes)
        for p in returns.annulled_precincts:
            for cid, n in p.candidates.items():
                votes[cid] -= n
            against_all -= p.against_all
        after = _leaders(votes)
        reasons.append(
            cite(
                ruleset,
                "outcome.annulled_precincts",
                details={
                    "precincts": [p.id for p in returns.annulled_precincts],
                    "leader_changed": before != after,
                },
            )
        )
    minimum = rules.min_turnout_percent.value
    if minimum > 0 and turnout * 100 < minimum:
        reasons.append(cite(ruleset, "outcome.min_turnout_percent", min_turnout=minimum))
        return result("commission_decision_required")
    if not votes:
        if rules.no_candidates.value == "no_candidates":
            reasons.append(cite(ruleset, "outcome.no_candidates"))
            return result("no_candidates")
        reasons.append(
            cite(
                ruleset,
                "outcome.no_candidates",
                message=RULE_MESSAGES["outcome.no_candidates.decision"],
            )
        )
        return result("commission_decision_required")
    leaders = _leaders(votes)
    top = votes[leaders[0]]
    if len(votes) == 1 and rules.single_candidate.value == "commission_decision":
        reasons.append(cite(ruleset, "outcome.single_candidate"))
        return result("commission_decision_required")
    if len(leaders) > 1:
        reasons.append(cite(ruleset, "outcome.tie", details={"tied": leaders, "votes": top}))
        return result("commission_decision_required")
    if against_all > top:
        details = {"against_all": against_all, "leader_votes": top}
        if rules.against_all.value == "blocks_if_leading":
            reasons.append(
                cite(
                    ruleset,
                    "outcome.against_all",
                    message=RULE_MESSAGES["outcome.against_all.blocks"],
                    details=details,
                )
            )
            return result("commission_decision_required")
        reasons.append(cite(ruleset, "outcome.against_all", details=details))
    reasons.append(cite(ruleset, "outcome.method", details={"votes": top}))
    return result("elected", leaders[0])


def _leaders(votes: dict[str, int]) -> list[str]:
    if not votes:
        return []
    top = max(votes.values())
    return sorted(cid for cid, n in votes.items() if n == top)
