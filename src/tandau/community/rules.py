"""The community rules as pure functions: meeting size, seats, quorum and decisions.

Each function takes validated figures and the rulesets in force and returns a plain
JSON-ready answer with its ``source``.  Where neither the national ruleset nor the
district's rules (a district ruleset or ``rules`` in the input) give the figure,
the answer is ``{"status": "maslikhat_decision_required", …}``: nothing is invented
(brief ``self-government.md`` rules 7, 12 and §5).

Arithmetic is exact integer arithmetic (no floats): a fraction n/d of a base b is
compared as ``x·d`` against ``b·n``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field

from tandau.law.inputs import Count, InputModel, IsoDate

from .errors import CommunityInputError
from .messages import DECISION_REQUIRED, NOTES
from .ruleset import (
    SEATS_METHOD,
    DistrictRuleset,
    MajorityRule,
    NationalRuleset,
    QuorumRule,
    SizeBand,
)

__all__ = [
    "DECISION_REQUIRED_STATUS",
    "Decision",
    "Gathering",
    "QuorumQuestion",
    "Rules",
    "SeatsQuestion",
    "apportion_seats",
    "decide",
    "meeting_size",
    "quorum",
    "quorum_required",
    "votes_required",
]

DECISION_REQUIRED_STATUS = "maslikhat_decision_required"
Answer = dict[str, Any]


class Rules(InputModel):
    """A district's rules given with the question (brief §5)."""

    quorum: QuorumRule | None = None
    majority: MajorityRule | None = None


class Gathering(InputModel):
    """A separate gathering: a village, street or building, with its population."""

    id: Annotated[str, Field(min_length=1)]
    settlement: Annotated[str, Field(min_length=1)]
    population: Count


class SeatsQuestion(InputModel):
    gatherings: Annotated[list[Gathering], Field(min_length=1)]


class QuorumQuestion(InputModel):
    body: Literal["gathering", "meeting"]
    members: Count
    present: Count
    date: IsoDate
    rules: Rules | None = None


class Decision(InputModel):
    body: Literal["gathering", "meeting"]
    members: Count
    present: Count
    for_: Count = Field(alias="for")
    against: Count
    abstained: Count
    date: IsoDate
    rules: Rules | None = None


# -- meeting size and seats (rules 9 and 10) -------------------------------------------


def _band(national: NationalRuleset, population: int) -> SizeBand:
    bands = national.parameters.meeting.size_bands.value
    return next(b for b in bands if b.up_to is None or population <= b.up_to)


def _size_source(national: NationalRuleset) -> str:
    p = national.parameters.meeting.size_bands
    return (
        f"{p.source} [{p.confidence}]; each band's upper bound read as inclusive "
        f"(10,000 → 5-10, 10,001 → 11-15; Tandau interpretation); "
        f"ruleset {national.id} v{national.version}"
    )


def meeting_size(national: NationalRuleset, population: int, settlements: int) -> Answer:
    """The meeting's size range for a community of ``population`` people (rule 9)."""
    if population < 1:
        raise CommunityInputError("population", "not_positive")
    if settlements < 1:
        raise CommunityInputError("settlements", "not_positive")
    band = _band(national, population)
    return {
        "min": band.min,
        "max": band.max,
        "source": _size_source(national),
        "population": population,
        "settlements": settlements,
        # Each settlement needs a seat (rule 10): a size below this cannot be apportioned.
        "feasible": settlements <= band.max,
    }


def _check_gatherings(gatherings: Sequence[Gathering]) -> None:
    seen: set[str] = set()
    for i, g in enumerate(gatherings):
        if g.population < 1:
            raise CommunityInputError(f"gatherings[{i}].population", "not_positive")
        if g.id in seen:
            raise CommunityInputError(f"gatherings[{i}].id", "duplicate_id", id=g.id)
        seen.add(g.id)


def apportion_seats(national: NationalRuleset, size: int, question: SeatsQuestion) -> Answer:
    """Seats per separate gathering, total ``size`` (rule 10, method in the docstring).

    (a) each settlement's guaranteed seat goes to its most populous gathering (ties:
    smallest id); (b) the other ``size − S`` seats go by largest remainder on
    population over all gatherings (ties: larger population, then smaller id).
    """
    gatherings = question.gatherings
    _check_gatherings(gatherings)
    if size < 1:
        raise CommunityInputError("size", "not_positive")
    total = sum(g.population for g in gatherings)
    band = _band(national, total)
    if not band.min <= size <= band.max:
        raise CommunityInputError(
            "size", "size_outside_band", population=total, min=band.min, max=band.max, size=size
        )
    leaders: dict[str, Gathering] = {}
    for g in gatherings:
        best = leaders.get(g.settlement)
        if best is None or (-g.population, g.id) < (-best.population, best.id):
            leaders[g.settlement] = g
    if size < len(leaders):
        raise CommunityInputError(
            "size", "fewer_seats_than_settlements", settlements=len(leaders), size=size
        )
    seats = {g.id: 0 for g in gatherings}
    for g in leaders.values():
        seats[g.id] += 1
    rest = size - len(leaders)
    for g in gatherings:
        seats[g.id] += g.population * rest // total
    left = size - sum(seats.values())
    by_remainder = sorted(
        gatherings, key=lambda g: (-(g.population * rest % total), -g.population, g.id)
    )
    for g in by_remainder[:left]:
        seats[g.id] += 1
    p = national.parameters.meeting.seats_method
    return {
        "seats": seats,
        "method": SEATS_METHOD,
        "source": (
            f"{p.source} [{p.confidence}]; band: {_size_source(national)}; rounding: "
            "guaranteed seat per settlement to its most populous gathering, the rest by "
            "largest remainder (Tandau method, docs/spec/community.md)"
        ),
        "total_population": total,
        "settlements": len(leaders),
    }


# -- quorum and decisions (rules 7, 12; §5) -------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rule:
    """A rule in force and where it comes from."""

    quorum: QuorumRule | None
    majority: MajorityRule | None
    source: str
    notes: tuple[Mapping[str, str], ...] = ()


def _check_rule(rule: QuorumRule | MajorityRule | None, field: str) -> None:
    if rule is not None and rule.denominator <= 0:
        raise CommunityInputError(f"{field}.denominator", "denominator")


def _rule_in_force(
    body: str,
    day: date,
    given: Rules | None,
    national: NationalRuleset,
    district: DistrictRuleset | None,
) -> _Rule:
    """The rules given in the input, else the district's in force, else the national ones."""
    if given is not None:
        _check_rule(given.quorum, "rules.quorum")
        _check_rule(given.majority, "rules.majority")
        return _Rule(given.quorum, given.majority, "district rule given in the input (rules)")
    notes: tuple[Mapping[str, str], ...] = ()
    if district is not None:
        if district.in_force(day):
            b = district.body("gathering" if body == "gathering" else "meeting")
            if b.quorum.value is not None or b.majority.value is not None:
                return _Rule(
                    b.quorum.value,
                    b.majority.value,
                    f"{district.citation()}; {b.quorum.source} [{b.quorum.confidence}]; "
                    f"{b.majority.source} [{b.majority.confidence}]",
                )
        else:
            notes = (
                NOTES["district_not_in_force"].localize(ruleset=district.id, date=day.isoformat()),
            )
    params = national.parameters.meeting if body == "meeting" else national.parameters.gathering
    source = (
        f"{params.quorum.source} [{params.quorum.confidence}]; "
        f"ruleset {national.id} v{national.version}"
    )
    return _Rule(params.quorum.value, params.majority.value, source, notes)


def _decision_required(what: str, body: str, rule: _Rule) -> Answer:
    out: Answer = {
        "status": DECISION_REQUIRED_STATUS,
        "rule": what,
        "body": body,
        "source": rule.source,
        "message": DECISION_REQUIRED[what].localize(),
    }
    if rule.notes:
        out["notes"] = list(rule.notes)
    return out


def quorum_required(rule: QuorumRule, members: int) -> int:
    """⌊members·n/d⌋ + 1 when strictly more, else ⌈members·n/d⌉ (brief §5)."""
    n, d = rule.numerator, rule.denominator
    if rule.strictly_more:
        return members * n // d + 1
    return -(-members * n // d)


def votes_required(rule: MajorityRule, base: int) -> int:
    """The least number of votes for that adopts: > base·n/d or ≥ ⌈base·n/d⌉."""
    n, d = rule.numerator, rule.denominator
    if rule.strictly_more:
        return base * n // d + 1
    return -(-base * n // d)


def _check_attendance(members: int, present: int) -> None:
    if present > members:
        raise CommunityInputError("present", "present_exceeds_members")


def quorum(
    question: QuorumQuestion, national: NationalRuleset, district: DistrictRuleset | None = None
) -> Answer:
    """Whether a gathering or meeting is quorate, or that the maslikhat must decide."""
    _check_attendance(question.members, question.present)
    rule = _rule_in_force(question.body, question.date, question.rules, national, district)
    if rule.quorum is None:
        return _decision_required("quorum", question.body, rule)
    required = quorum_required(rule.quorum, question.members)
    return {
        "quorate": question.present >= required,
        "required": required,
        "source": rule.source,
        "body": question.body,
    }


def decide(
    question: Decision, national: NationalRuleset, district: DistrictRuleset | None = None
) -> Answer:
    """Whether a proposal is adopted; ``no_quorum`` first; the maslikhat when no rule."""
    q = question
    _check_attendance(q.members, q.present)
    if q.for_ + q.against + q.abstained > q.present:
        raise CommunityInputError("for", "votes_exceed_present")
    rule = _rule_in_force(q.body, q.date, q.rules, national, district)
    out: Answer = {"source": rule.source, "body": q.body}
    if rule.quorum is not None:
        required = quorum_required(rule.quorum, q.members)
        out["quorum"] = {"quorate": q.present >= required, "required": required}
        if q.present < required:
            return {"adopted": False, "reason": "no_quorum", **out}
    if rule.majority is None:
        return _decision_required("majority", q.body, rule)
    base = {"present": q.present, "members": q.members, "votes_cast": q.for_ + q.against}
    needed = votes_required(rule.majority, base[rule.majority.of])
    return {"adopted": q.for_ >= needed, "votes_required": needed, **out}
