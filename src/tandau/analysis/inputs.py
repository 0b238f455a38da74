"""Reading the analysis commands' JSON: election figures and ballot profiles.

Types are checked by the law layer's strict pydantic reader (a missing key, a
string or a float for a count, a negative count → a named, localised error);
the checks between figures (Σvᵢ + A + I = B, B ≤ L, unique ids, well-formed
ballots) are made here, each with its own error.  Nothing is ever fixed up.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from tandau.law import InconsistentInput, parse_input
from tandau.law.inputs import Count, InputModel

from .errors import AnalysisInputError, FiguresDoNotAdd
from .profile import Profile

__all__ = [
    "ApprovalBallot",
    "ApprovalProfileInput",
    "CandidateFigures",
    "ElectionFigures",
    "RankedBallot",
    "RankedProfileInput",
    "parse_figures",
    "parse_profile",
]

CandidateId = Annotated[str, Field(min_length=1)]


class _Input(InputModel):
    """Strict types; keys the contract does not name are ignored (a dataset row may carry more)."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class CandidateFigures(_Input):
    id: CandidateId
    votes: Count
    nominated_by: str | None
    gender: Literal["f", "m"] | None


class ElectionFigures(_Input):
    """One election's protocol figures: L, B, I, A and each candidate's vᵢ."""

    voters_on_list: Count
    ballots_cast: Count
    invalid: Count
    against_all: Count
    candidates: tuple[CandidateFigures, ...]


class RankedBallot(_Input):
    ranking: tuple[CandidateId, ...]
    count: Count


class ApprovalBallot(_Input):
    approve: tuple[CandidateId, ...]
    count: Count


class RankedProfileInput(_Input):
    ballots: tuple[RankedBallot, ...]


class ApprovalProfileInput(_Input):
    ballots: tuple[ApprovalBallot, ...]


def parse_figures(text: str | bytes) -> ElectionFigures:
    """Election figures from JSON, every consistency check of the brief (a) applied."""
    f = parse_input(ElectionFigures, text)
    if not f.candidates:
        raise AnalysisInputError("candidates", "no_candidates")
    seen: set[str] = set()
    for i, c in enumerate(f.candidates):
        if c.id in seen:
            raise InconsistentInput(f"candidates[{i}].id", "duplicate")
        seen.add(c.id)
    if f.ballots_cast > f.voters_on_list:
        raise InconsistentInput("ballots_cast", "ballots_exceed_voters")
    total = sum(c.votes for c in f.candidates)
    if total + f.against_all + f.invalid != f.ballots_cast:
        raise FiguresDoNotAdd(total, f.against_all, f.invalid, f.ballots_cast)
    return f


def parse_profile(text: str | bytes, *, approval: bool) -> Profile:
    """A profile of ranked (or, for ``approval``, approval) ballots with counts.

    Refused: no ballots or a total count of 0, more ballots than the rules count
    exactly (:func:`exact_ballot_limit`), a ballot naming nobody or someone twice, a
    ballot without the key its rule counts (``ranking`` / ``approve``), a count that
    is not a non-negative integer.
    """
    ballots: list[tuple[tuple[str, ...], int]] = []
    if approval:
        for b in parse_input(ApprovalProfileInput, text).ballots:
            ballots.append((b.approve, b.count))
    else:
        for r in parse_input(RankedProfileInput, text).ballots:
            ballots.append((r.ranking, r.count))
    for i, (names, _) in enumerate(ballots):
        if not names:
            raise AnalysisInputError(f"ballots[{i}]", "empty_ballot")
        if len(set(names)) != len(names):
            raise AnalysisInputError(f"ballots[{i}]", "repeated_candidate")
    total = sum(n for _, n in ballots)
    if not ballots or total == 0:
        raise AnalysisInputError("ballots", "empty_profile")
    limit = exact_ballot_limit(len({name for names, _ in ballots for name in names}))
    if total > limit:
        raise AnalysisInputError("ballots", "too_many_ballots", total=total, limit=limit)
    return Profile.from_ballots(ballots)


def exact_ballot_limit(candidates: int) -> int:
    """The most ballots the vectorised rules count exactly for ``candidates`` candidates.

    The rules count in int64 and approval weighs in float64 (exact below 2**53); the
    largest figure they form is max(2, n − 1) × the ballots (a doubled vote, a Borda
    score).  Above it an answer would be silently wrong (an overflow, a rounded weight),
    so the profile is refused as invalid input (analysis.md (b), exit 2).
    """
    return (2**53 - 1) // max(2, candidates - 1)
