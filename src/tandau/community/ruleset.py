"""Community rulesets: the national rules and a district's own, as dated, cited data.

Two schemas, built like the election rulesets (:mod:`tandau.law.ruleset`): every
parameter is a :class:`~tandau.law.Param` with its article, source and confidence,
and a ``null`` value (confidence ``U``) means "not known".

- ``tandau-community-ruleset/1``: the national rules (``tandau/community/rulesets``):
  the meeting's size bands and term, the seats method; quorum and majority are
  ``null`` because no national figure is confirmed (brief rules 7 and 12).
- ``tandau-community-district/1``: what a district maslikhat decides for its units
  (quorum, majority, notice, petitions).  It names the decision — number, date,
  link — that brings it into force; ``effective_from`` may not precede it.

Whatever neither supplies is answered ``maslikhat_decision_required``, never invented.
"""

from __future__ import annotations

import functools
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tandau.law import Param, RulesetInvalid, UnknownRuleset
from tandau.law.ruleset import Change, RulesetHeader, Titles, validation_problems

from .errors import CommunityInputError

__all__ = [
    "DISTRICT_SCHEMA_ID",
    "NATIONAL_SCHEMA_ID",
    "BodyRules",
    "DistrictRuleset",
    "MajorityRule",
    "MaslikhatDecision",
    "NationalRuleset",
    "QuorumRule",
    "SizeBand",
    "district_schema",
    "load_district_ruleset",
    "national_ruleset",
    "national_ruleset_on",
    "national_schema",
    "parse_district_ruleset",
]

NATIONAL_SCHEMA_ID = "tandau-community-ruleset/1"
DISTRICT_SCHEMA_ID = "tandau-community-district/1"

NonEmpty = Annotated[str, Field(min_length=1)]
PositiveInt = Annotated[int, Field(gt=0)]
NonNegativeInt = Annotated[int, Field(ge=0)]
Body = Literal["gathering", "meeting"]
SEATS_METHOD = "settlement-floor+largest-remainder"


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class QuorumRule(_Strict):
    """Quorum as a fraction of the members (for a gathering: of residents entitled)."""

    numerator: NonNegativeInt
    denominator: int
    of: Literal["members"]
    strictly_more: bool


class MajorityRule(_Strict):
    """Votes for needed, as a fraction of those present, of the members or of votes cast."""

    numerator: NonNegativeInt
    denominator: int
    of: Literal["present", "members", "votes_cast"]
    strictly_more: bool


class SizeBand(_Strict):
    """Communities of up to ``up_to`` people (inclusive; ``null``: no upper bound)."""

    up_to: PositiveInt | None
    min: PositiveInt
    max: PositiveInt


class Years(_Strict):
    years: PositiveInt


class SignatureThreshold(_Strict):
    """Signatures needed: a share of the residents entitled, or a fixed number."""

    percent: Annotated[int, Field(ge=0, le=100)] | None = None
    count: PositiveInt | None = None


class MeetingRules(_Strict):
    size_bands: Param[Annotated[list[SizeBand], Field(min_length=1)]]
    term: Param[Years]
    seats_method: Param[Literal["settlement-floor+largest-remainder"]]
    quorum: Param[QuorumRule | None]
    majority: Param[MajorityRule | None]


class GatheringRules(_Strict):
    quorum: Param[QuorumRule | None]
    majority: Param[MajorityRule | None]
    notice_days: Param[NonNegativeInt | None]


class NationalParameters(_Strict):
    meeting: MeetingRules
    gathering: GatheringRules


class NationalRuleset(RulesetHeader):
    """The national community rules in force from ``effective_from``."""

    schema_: Literal["tandau-community-ruleset/1"] = Field(alias="schema")
    effective_from: date
    effective_until: date | None
    legal_basis: Annotated[list[NonEmpty], Field(min_length=1)]
    changelog: Annotated[list[Change], Field(min_length=1)]
    parameters: NationalParameters

    def _problems(self) -> list[str]:
        problems = super()._problems()
        bands = self.parameters.meeting.size_bands.value
        if any(b.up_to is None for b in bands[:-1]) or bands[-1].up_to is not None:
            problems.append("only the last size band may (and must) have up_to null")
        bounds = [b.up_to for b in bands if b.up_to is not None]
        if bounds != sorted(set(bounds)):
            problems.append("size bands must be in increasing order of up_to")
        if any(b.min > b.max for b in bands):
            problems.append("a size band's min must not exceed its max")
        p = self.parameters
        problems += _denominators((p.meeting.quorum, p.meeting.majority))
        problems += _denominators((p.gathering.quorum, p.gathering.majority))
        return problems


class MaslikhatDecision(_Strict):
    """The district maslikhat's decision that brings a district ruleset into force."""

    number: NonEmpty
    date: date
    link: Annotated[str, Field(pattern=r"^https?://\S+$")]


class BodyRules(_Strict):
    quorum: Param[QuorumRule | None]
    majority: Param[MajorityRule | None]
    notice_days: Param[NonNegativeInt | None]
    remote_counts_for_quorum: Param[bool | None]
    secret_votes: Param[bool | None]


class PetitionRules(_Strict):
    signatures: Param[SignatureThreshold | None]
    collection_days: Param[PositiveInt | None]
    answer_days: Param[PositiveInt | None]


class DistrictParameters(_Strict):
    gathering: BodyRules
    meeting: BodyRules
    petition: PetitionRules


class DistrictRuleset(RulesetHeader):
    """A district maslikhat's community rules (see the module docstring)."""

    schema_: Literal["tandau-community-district/1"] = Field(alias="schema")
    district: Titles
    decision: MaslikhatDecision
    effective_from: date
    effective_until: date | None
    changelog: Annotated[list[Change], Field(min_length=1)]
    parameters: DistrictParameters

    def _problems(self) -> list[str]:
        problems = super()._problems()
        if self.effective_from < self.decision.date:
            problems.append("effective_from must not precede the maslikhat decision's date")
        for body in (self.parameters.gathering, self.parameters.meeting):
            problems += _denominators((body.quorum, body.majority))
        sig = self.parameters.petition.signatures.value
        if sig is not None and (sig.percent is None) == (sig.count is None):
            problems.append("parameters.petition.signatures: give exactly one of percent, count")
        return problems

    def body(self, body: Body) -> BodyRules:
        return self.parameters.gathering if body == "gathering" else self.parameters.meeting

    def citation(self) -> str:
        """The decision that makes these rules law, for an answer's ``source``."""
        d = self.decision
        return (
            f"district ruleset {self.id} v{self.version} ({self.district.en}): maslikhat "
            f"decision No. {d.number} of {d.date.isoformat()}, {d.link}"
        )


def _denominators(params: tuple[Param[Any], ...]) -> list[str]:
    out = []
    for p in params:
        if p.value is not None and p.value.denominator <= 0:
            out.append("a rule's denominator must be greater than zero")
    return out


def _builtin_texts() -> dict[str, str]:
    folder = files("tandau.community").joinpath("rulesets")
    return {
        e.name.removesuffix(".json"): e.read_text(encoding="utf-8")
        for e in folder.iterdir()
        if e.name.endswith(".json")
    }


@functools.cache
def _national() -> tuple[NationalRuleset, ...]:
    out = []
    for name, text in sorted(_builtin_texts().items()):
        try:
            ruleset = NationalRuleset.model_validate_json(text)
        except ValidationError as exc:
            raise RulesetInvalid(name, validation_problems(exc)) from exc
        out.append(ruleset)
    return tuple(sorted(out, key=lambda r: r.effective_from))


def national_ruleset(ruleset_id: str) -> NationalRuleset:
    """A shipped national community ruleset by ID."""
    for r in _national():
        if r.id == ruleset_id:
            return r
    raise UnknownRuleset(ruleset_id)


def national_ruleset_on(day: date, field: str = "date") -> NationalRuleset:
    """The national community ruleset in force on ``day``."""
    for r in reversed(_national()):
        if r.in_force(day):
            return r
    raise CommunityInputError(field, "no_ruleset_in_force", date=day.isoformat())


def parse_district_ruleset(text: str | bytes, origin: str) -> DistrictRuleset:
    """Validate a district ruleset's JSON; ``origin`` (a path or a name) names it in errors."""
    try:
        return DistrictRuleset.model_validate_json(text)
    except ValidationError as exc:
        raise RulesetInvalid(origin, validation_problems(exc), field="district_ruleset") from exc


def load_district_ruleset(path: str) -> DistrictRuleset:
    """A district ruleset file; :class:`UnknownRuleset` when there is no such file."""
    file = Path(path)
    if not file.is_file():
        raise UnknownRuleset(path, field="district_ruleset")
    return parse_district_ruleset(file.read_bytes(), path)


def national_schema() -> dict[str, Any]:
    schema = NationalRuleset.model_json_schema(by_alias=True)
    schema["$id"] = NATIONAL_SCHEMA_ID
    return schema


def district_schema() -> dict[str, Any]:
    schema = DistrictRuleset.model_json_schema(by_alias=True)
    schema["$id"] = DISTRICT_SCHEMA_ID
    return schema
