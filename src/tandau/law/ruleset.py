"""Rulesets: the law as dated, versioned data, validated by a schema.

A ruleset is one JSON file (``tandau/law/rulesets/<id>.json``, or any file a
researcher copies and edits).  Every parameter is a :class:`Param`: its ``value``
and where it comes from — ``article`` (e.g. ``"CLE Art. 4"``), ``source`` (the act,
notice or article in the press) and ``confidence``: ``C`` read in a legal act or an
official notice, ``S`` secondary, ``U`` unconfirmed.  A ``null`` value means "the
law is not known" and is allowed only with confidence ``U``.

The schema is the pydantic model :class:`Ruleset` (strict types, unknown keys
refused); ``tandau law schema`` prints it as JSON Schema.  A file that does not
match raises :class:`~tandau.law.errors.RulesetInvalid` listing every problem with
its path, e.g. ``parameters.calendar.nomination_closes.value.days_before: Input
should be greater than 0``.  See ``docs/guides/researcher-rulesets.md`` and
``docs/adr/0003-rulesets-as-data.md``.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import date
from decimal import Decimal
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Generic, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import RulesetInvalid, UnknownRuleset

__all__ = [
    "SCHEMA_ID",
    "AgeRules",
    "BallotRules",
    "CalendarRules",
    "CandidateRules",
    "Confidence",
    "NominationRules",
    "OutcomeRules",
    "Param",
    "Parameters",
    "Ruleset",
    "RulesetHeader",
    "builtin_ids",
    "load_ruleset",
    "parse_ruleset",
    "raw_ruleset",
    "ruleset_schema",
    "validation_problems",
]

#: The schema version every ruleset file names in its ``schema`` key.
SCHEMA_ID = "tandau-ruleset/1"

T = TypeVar("T")

Confidence = Literal["C", "S", "U"]
NonEmpty = Annotated[str, Field(min_length=1)]
PositiveInt = Annotated[int, Field(gt=0)]
NonNegativeInt = Annotated[int, Field(ge=0)]
Percent = Annotated[Decimal, Field(ge=0, le=100)]
ClockTime = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
DocumentName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
RulesetId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]

_ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Param(_Strict, Generic[T]):
    """One parameter: its value, the article and source it rests on, and how sure we are."""

    value: T
    article: NonEmpty
    source: NonEmpty
    confidence: Confidence
    note: str | None = None

    @model_validator(mode="after")
    def _null_means_unknown(self) -> Param[T]:
        if self.value is None and self.confidence != "U":
            raise ValueError("a null value means the law is unknown: its confidence must be U")
        return self


# -- value shapes --------------------------------------------------------------------


class AfterCalling(_Strict):
    days_after_calling: NonNegativeInt


class DaysBefore(_Strict):
    days_before: PositiveInt


class DeadlineRule(_Strict):
    """A deadline "N days before polling day" falls at ``time`` on E − (N + ``extra_days``)."""

    extra_days: NonNegativeInt
    time: ClockTime


class DayAndTime(_Strict):
    days_before: PositiveInt
    time: ClockTime


class Hours(_Strict):
    opens: ClockTime
    closes: ClockTime


class DaysAfter(_Strict):
    days_after: NonNegativeInt


class Years(_Strict):
    years: PositiveInt


class Extension(_Strict):
    """Nomination is extended by up to ``days`` when fewer than ``if_fewer_than`` are nominated."""

    days: NonNegativeInt
    if_fewer_than: PositiveInt


class SignatureShare(_Strict):
    share_percent: Annotated[Decimal, Field(gt=0, le=100)]
    rounding: Literal["up", "down"]


# -- parameter groups ----------------------------------------------------------------


class CalendarRules(_Strict):
    nomination_opens: Param[AfterCalling]
    nomination_closes: Param[DaysBefore]
    registration_closes: Param[DaysBefore]
    deadline_rule: Param[DeadlineRule]
    campaign_ends: Param[DayAndTime]
    silence: Param[DaysBefore]
    polling_hours: Param[Hours]
    results_due: Param[DaysAfter]
    winner_registration_due: Param[DaysAfter]
    term: Param[Years]
    call_before_term_end: Param[DaysBefore]
    hold_before_term_end: Param[DaysBefore]


class NominationRules(_Strict):
    methods: Param[Annotated[list[Literal["party", "self"]], Field(min_length=1)]]
    extension: Param[Extension]
    higher_akim_proposals: Param[NonNegativeInt]
    party_member: Param[bool]
    one_candidate_per_party: Param[bool]
    signatures: Param[SignatureShare]
    party_signatures: Param[bool]
    max_invalid_signature_percent: Param[Percent | None]
    signature_check_method: Param[Literal["full", "sample"] | None]


Bar = Literal["conviction", "incapacitated", "imprisoned", "corruption_offence"]
VoterBar = Literal["incapacitated", "imprisoned"]


class CandidateRules(_Strict):
    citizen: Param[bool]
    min_age: Param[PositiveInt]
    qualification: Param[bool]
    minimum_education: Param[Literal["higher", "vocational", "secondary"] | None]
    bars: Param[list[Bar]]
    documents: Param[list[DocumentName]]
    signature_documents: Param[list[DocumentName]]
    deposit_minimum_wages: Param[Annotated[Decimal, Field(ge=0)] | None]


class VoterRules(_Strict):
    citizen: Param[bool]
    min_age: Param[PositiveInt]
    residence: Param[bool]
    bars: Param[list[VoterBar]]


class AgeRules(_Strict):
    leap_day_birthday: Param[Literal["february_28", "march_1"]]


class BallotRules(_Strict):
    order: Param[Literal["alphabetical", "registration"]]
    against_all: Param[bool]


class OutcomeRules(_Strict):
    method: Param[Literal["plurality"]]
    min_turnout_percent: Param[Percent]
    against_all: Param[Literal["turnout_only", "blocks_if_leading"]]
    tie: Param[Literal["commission_decision"]]
    single_candidate: Param[Literal["commission_decision", "elected"]]
    no_candidates: Param[Literal["no_candidates", "commission_decision"]]
    annulled_precincts: Param[Literal["exclude"]]


class Parameters(_Strict):
    calendar: CalendarRules
    nomination: NominationRules
    candidate: CandidateRules
    voter: VoterRules
    age: AgeRules
    ballot: BallotRules
    outcome: OutcomeRules


class Titles(_Strict):
    kk: NonEmpty
    ru: NonEmpty
    en: NonEmpty


class Change(_Strict):
    version: PositiveInt
    date: date
    note: NonEmpty


class RulesetHeader(_Strict):
    """What every ruleset has: schema, ID, version, revision date, title, period and changelog.

    The election ruleset and the community ones (:mod:`tandau.community.ruleset`)
    each narrow ``schema_`` to their own schema ID and declare the period and the
    changelog where their file has them (a schema lists the keys in the file's
    order).  Each adds its checks across fields in ``_problems``.
    """

    schema_: str = Field(alias="schema")
    id: RulesetId
    version: PositiveInt
    revised: date
    title: Titles
    if TYPE_CHECKING:
        effective_from: date
        effective_until: date | None
        changelog: list[Change]

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = self._problems()
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _problems(self) -> list[str]:
        return self._changelog_problems() + self._period_problems()

    def _changelog_problems(self) -> list[str]:
        if self.version not in [c.version for c in self.changelog]:
            return [f"changelog has no entry for version {self.version}"]
        return []

    def _period_problems(self) -> list[str]:
        if self.effective_until is not None and self.effective_until <= self.effective_from:
            return ["effective_until must be after effective_from"]
        return []

    def in_force(self, day: date) -> bool:
        """Whether the rules apply on ``day``: from ``effective_from`` until ``effective_until``."""
        until = self.effective_until
        return self.effective_from <= day and (until is None or day < until)


class Ruleset(RulesetHeader):
    """A dated, versioned ruleset (see the module docstring)."""

    schema_: Literal["tandau-ruleset/1"] = Field(alias="schema")
    office: Literal["rural_akim", "district_akim"]
    effective_from: date
    effective_until: date | None
    legal_basis: Annotated[list[NonEmpty], Field(min_length=1)]
    derived_from: RulesetId | None = None
    changelog: Annotated[list[Change], Field(min_length=1)]
    parameters: Parameters

    def _problems(self) -> list[str]:
        return _cross_checks(self)

    def param(self, path: str) -> Param[Any]:
        """The parameter at ``group.name`` (a rule ID's first two parts): ``candidate.bars``."""
        group_name, _, rest = path.partition(".")
        name = rest.partition(".")[0]
        group = getattr(self.parameters, group_name, None)
        found = getattr(group, name, None) if isinstance(group, BaseModel) else None
        if not isinstance(found, Param):
            raise KeyError(path)
        return found

    def rules(self) -> dict[str, Param[Any]]:
        """Every parameter by its ``group.name`` path, in file order."""
        out: dict[str, Param[Any]] = {}
        for group_name in type(self.parameters).model_fields:
            group = getattr(self.parameters, group_name)
            for name in type(group).model_fields:
                out[f"{group_name}.{name}"] = getattr(group, name)
        return out


def _cross_checks(r: Ruleset) -> list[str]:
    cal = r.parameters.calendar
    problems: list[str] = []
    nom = cal.nomination_closes.value.days_before
    reg = cal.registration_closes.value.days_before
    if reg >= nom:
        problems.append(
            "parameters.calendar.registration_closes must close fewer days before polling "
            "day than parameters.calendar.nomination_closes"
        )
    if cal.campaign_ends.value.days_before > reg:
        problems.append(
            "parameters.calendar.campaign_ends must not be earlier than registration closes"
        )
    if cal.hold_before_term_end.value.days_before >= cal.call_before_term_end.value.days_before:
        problems.append(
            "parameters.calendar.hold_before_term_end must be fewer days than call_before_term_end"
        )
    hours = cal.polling_hours.value
    if hours.opens >= hours.closes:
        problems.append("parameters.calendar.polling_hours.opens must be before closes")
    problems += r._period_problems()
    docs = r.parameters.candidate.documents.value
    sig_docs = r.parameters.candidate.signature_documents.value
    if len(set(docs)) != len(docs) or len(set(sig_docs)) != len(sig_docs):
        problems.append("parameters.candidate.documents must not repeat a document")
    if set(docs) & set(sig_docs):
        problems.append(
            "parameters.candidate.signature_documents must not repeat a document of "
            "parameters.candidate.documents"
        )
    return problems + r._changelog_problems()


def validation_problems(exc: ValidationError) -> tuple[str, ...]:
    """Each schema error of a ruleset file as ``path: message`` (also community rulesets)."""
    out = []
    for err in exc.errors(include_url=False):
        path = ".".join(str(part) for part in err["loc"]) or "(file)"
        out.append(f"{path}: {err['msg']}")
    return tuple(out)


def parse_ruleset(text: str | bytes, origin: str) -> Ruleset:
    """Validate a ruleset's JSON text; ``origin`` (an ID or a path) names it in errors."""
    try:
        return Ruleset.model_validate_json(text)
    except ValidationError as exc:
        raise RulesetInvalid(origin, validation_problems(exc)) from exc


def _builtin_dir() -> Traversable:
    return files("tandau.law").joinpath("rulesets")


def builtin_ids() -> tuple[str, ...]:
    """The IDs of the rulesets shipped with Tandau, sorted."""
    names = (entry.name for entry in _builtin_dir().iterdir())
    return tuple(sorted(n.removesuffix(".json") for n in names if n.endswith(".json")))


def _is_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.endswith(".json")


def _read_text(ref: str) -> str:
    if _is_path(ref):
        path = Path(ref)
        if not path.is_file():
            raise UnknownRuleset(ref)
        return path.read_text(encoding="utf-8")
    if not _ID_PATTERN.match(ref) or ref not in builtin_ids():
        raise UnknownRuleset(ref)
    text: str = _builtin_dir().joinpath(f"{ref}.json").read_text(encoding="utf-8")
    return text


@functools.lru_cache(maxsize=16)
def _load_builtin(ruleset_id: str) -> Ruleset:
    ruleset = parse_ruleset(_read_text(ruleset_id), ruleset_id)
    if ruleset.id != ruleset_id:
        raise RulesetInvalid(ruleset_id, (f"id: {ruleset.id!r} differs from the file name",))
    return ruleset


def load_ruleset(ref: str) -> Ruleset:
    """A shipped ruleset by ID, or a researcher's ruleset file by path (``…/x.json``).

    Raises :class:`UnknownRuleset` when there is none, :class:`RulesetInvalid` when
    the file does not match the schema.
    """
    if _is_path(ref):
        return parse_ruleset(_read_text(ref), ref)
    return _load_builtin(ref)


def raw_ruleset(ref: str) -> dict[str, Any]:
    """The ruleset's JSON exactly as stored (key order kept), after validating it."""
    load_ruleset(ref)
    data: dict[str, Any] = json.loads(_read_text(ref))
    return data


def ruleset_schema() -> dict[str, Any]:
    """The ruleset schema as JSON Schema (for editors and for researchers' tools)."""
    schema = Ruleset.model_json_schema(by_alias=True)
    schema["$id"] = SCHEMA_ID
    return schema
