"""``tandau law …``: rulesets and the decisions made under them (researcher, commission).

A stable interface: JSON in on standard input, JSON out on standard output; exit 0
with a decision, exit 2 with ``{"error": {"code", "field", "message": {kk, ru, en}}}``
for invalid input — including a wrong command line, which is reported the same way.

- ``calendar --ruleset ID --polling-day D [--term-ends D] [--called-on D]``
- ``signatures-required --ruleset ID --voters N``
- ``check-candidate --ruleset ID`` / ``check-voter --ruleset ID`` / ``outcome --ruleset ID``
  (the facts on stdin)
- ``rulesets``, ``show ID``, ``validate PATH``, ``schema``

``--ruleset`` takes a shipped ruleset's ID or the path of a researcher's ruleset file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, Protocol, TypeVar

import typer
from pydantic import BaseModel

from tandau.law import (
    CandidateFile,
    Returns,
    Ruleset,
    VoterRecord,
    builtin_ids,
    check_candidate,
    check_voter,
    decide_outcome,
    election_calendar,
    load_ruleset,
    parse_count,
    parse_date,
    parse_input,
    raw_ruleset,
    ruleset_schema,
    signatures_required,
    term_deadlines,
)

from .json_commands import decide, emit_json, json_app, required, stdin_bytes, validate_file

__all__ = ["law_app"]

F = TypeVar("F", bound=BaseModel)


class HasDict(Protocol):
    def to_dict(self) -> Mapping[str, Any]: ...


law_app = json_app(
    "law", "Rulesets and the decisions under them: calendar, eligibility, signatures, outcome."
)

RulesetOption = Annotated[
    str | None,
    typer.Option(
        "--ruleset",
        help="A ruleset ID (see `tandau law rulesets`) or the path of a ruleset JSON file.",
    ),
]


def _ruleset(ref: str | None) -> Ruleset:
    return load_ruleset(required("ruleset", ref))


def _facts_on_stdin(
    model: type[F], rule: Callable[[Ruleset, F], HasDict]
) -> Callable[[str | None], None]:
    """A command answering with ``rule`` under the ruleset, on the facts read as ``model``."""

    def command(ruleset: RulesetOption = None) -> None:
        decide(lambda: rule(_ruleset(ruleset), parse_input(model, stdin_bytes())).to_dict())

    return command


@law_app.command("calendar")
def calendar(
    ruleset: RulesetOption = None,
    polling_day: Annotated[
        str | None, typer.Option("--polling-day", help="Polling day E, YYYY-MM-DD.")
    ] = None,
    term_ends: Annotated[
        str | None,
        typer.Option("--term-ends", help="End of the akim's term: adds the calling deadlines."),
    ] = None,
    called_on: Annotated[
        str | None,
        typer.Option("--called-on", help="Day the commission called the election, if known."),
    ] = None,
) -> None:
    """The election calendar for a polling day."""

    def produce() -> object:
        rules = _ruleset(ruleset)
        day = parse_date("polling_day", polling_day)
        called = parse_date("called_on", called_on) if called_on is not None else None
        ends = parse_date("term_ends", term_ends) if term_ends is not None else None
        out: dict[str, object] = dict(election_calendar(rules, day, called).to_dict())
        if ends is not None:
            out.update(term_deadlines(rules, ends).to_dict())
        return out

    decide(produce)


@law_app.command("signatures-required")
def signatures(
    ruleset: RulesetOption = None,
    voters: Annotated[
        str | None, typer.Option("--voters", help="Number of voters in the electoral district.")
    ] = None,
) -> None:
    """Valid signatures a self-nominee needs (at least 1% of the voters, rounded up)."""
    decide(
        lambda: {"required": signatures_required(_ruleset(ruleset), parse_count("voters", voters))}
    )


law_app.command(
    "check-candidate", help="Whether a nominee may be registered (the facts as JSON on stdin)."
)(_facts_on_stdin(CandidateFile, check_candidate))
law_app.command(
    "check-voter",
    help="Whether a person is on the voter list of the district (the facts as JSON on stdin).",
)(_facts_on_stdin(VoterRecord, check_voter))
law_app.command("outcome", help="The outcome from the district's figures (as JSON on stdin).")(
    _facts_on_stdin(Returns, decide_outcome)
)


@law_app.command("rulesets")
def rulesets() -> None:
    """The rulesets shipped with Tandau."""

    def summary(ruleset_id: str) -> dict[str, object]:
        r = load_ruleset(ruleset_id)
        return {
            "id": r.id,
            "version": r.version,
            "revised": r.revised.isoformat(),
            "office": r.office,
            "effective_from": r.effective_from.isoformat(),
            "effective_until": r.effective_until.isoformat() if r.effective_until else None,
            "title": r.title.model_dump(),
        }

    decide(lambda: {"rulesets": [summary(i) for i in builtin_ids()]})


@law_app.command("show")
def show(
    ruleset: Annotated[str | None, typer.Argument(help="A ruleset ID or a ruleset file.")] = None,
) -> None:
    """One ruleset, exactly as stored (a copy is a starting point for a new ruleset)."""

    decide(lambda: raw_ruleset(required("ruleset", ruleset)))


@law_app.command("validate")
def validate(
    path: Annotated[str | None, typer.Argument(help="The ruleset file to check.")] = None,
) -> None:
    """Check a ruleset file against the schema; every problem is listed with its path."""
    validate_file(
        path, load_ruleset, lambda r: {"id": r.id, "version": r.version, "rules": len(r.rules())}
    )


@law_app.command("schema")
def schema() -> None:
    """The ruleset schema as JSON Schema."""
    emit_json(ruleset_schema())
