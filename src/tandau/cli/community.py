"""``tandau community …``: the local community's rules (akim's office, residents, researchers).

The rules subcommands are a stable contract (brief ``self-government.md`` §5), like
``tandau law``: JSON in on standard input, JSON out; exit 0 with an answer, exit 2
with ``{"error": {"code", "field", "message": {kk, ru, en}}}`` for invalid input,
including a wrong command line.

- ``meeting-size --population N --settlements S [--date D]``
- ``seats --size N [--date D]`` (gatherings on stdin)
- ``quorum`` / ``decide`` (the question on stdin) ``[--district-ruleset FILE]``
- ``rulesets``, ``district-schema``, ``validate-district FILE``
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer

from tandau.community import (
    Decision,
    DistrictRuleset,
    QuorumQuestion,
    SeatsQuestion,
    apportion_seats,
    district_schema,
    load_district_ruleset,
    meeting_size,
    national_ruleset_on,
    quorum,
)
from tandau.community import decide as decide_question
from tandau.community.rules import Answer
from tandau.community.ruleset import NationalRuleset, national_ruleset
from tandau.law import parse_count, parse_date, parse_input

from .json_commands import decide, json_app, stdin_bytes, validate_file

__all__ = ["community_app"]

community_app = json_app(
    "community", "Local self-government: meeting size, seats, quorum and decisions."
)

DateOption = Annotated[
    str | None,
    typer.Option("--date", help="The date the rules apply to, YYYY-MM-DD (default: today)."),
]
DistrictOption = Annotated[
    str | None,
    typer.Option(
        "--district-ruleset",
        help="A district ruleset file (a maslikhat decision's rules); applied if in force.",
    ),
]


def _day(text: str | None) -> dt.date:
    return dt.date.today() if text is None else parse_date("date", text)


def _district(path: str | None) -> DistrictRuleset | None:
    return None if path is None else load_district_ruleset(path)


@community_app.command("meeting-size")
def meeting_size_cmd(
    population: Annotated[
        str | None, typer.Option("--population", help="Total population of the unit.")
    ] = None,
    settlements: Annotated[
        str | None, typer.Option("--settlements", help="Number of settlements in the unit.")
    ] = None,
    date: DateOption = None,
) -> None:
    """The meeting's size range by population (Order 295 item 3-1)."""

    def produce() -> object:
        people = parse_count("population", population)
        places = parse_count("settlements", settlements)
        return meeting_size(national_ruleset_on(_day(date)), people, places)

    decide(produce)


@community_app.command("seats")
def seats_cmd(
    size: Annotated[str | None, typer.Option("--size", help="Number of seats, N.")] = None,
    date: DateOption = None,
) -> None:
    """Seats per separate gathering (gatherings as JSON on stdin)."""

    def produce() -> object:
        question = parse_input(SeatsQuestion, stdin_bytes())
        n = parse_count("size", size)
        return apportion_seats(national_ruleset_on(_day(date)), n, question)

    decide(produce)


Q = TypeVar("Q", QuorumQuestion, Decision)
Rule = Callable[[Q, NationalRuleset, DistrictRuleset | None], Answer]


def _ruled(model: type[Q], rule: Rule[Q]) -> Callable[[str | None], None]:
    """A command answering with ``rule`` on the question read as ``model``, on its date."""

    def command(district_ruleset: DistrictOption = None) -> None:
        def produce() -> object:
            question = parse_input(model, stdin_bytes())
            national = national_ruleset_on(question.date)
            return rule(question, national, _district(district_ruleset))

        decide(produce)

    return command


community_app.command(
    "quorum", help="Whether a gathering or meeting is quorate (the question as JSON on stdin)."
)(_ruled(QuorumQuestion, quorum))
community_app.command("decide", help="Whether a proposal is adopted (the votes as JSON on stdin).")(
    _ruled(Decision, decide_question)
)


@community_app.command("rulesets")
def rulesets_cmd(date: DateOption = None) -> None:
    """The national community ruleset in force on a date, exactly as validated."""

    def produce() -> object:
        r = national_ruleset(national_ruleset_on(_day(date)).id)
        return r.model_dump(mode="json", by_alias=True)

    decide(produce)


@community_app.command("district-schema")
def district_schema_cmd() -> None:
    """The district ruleset schema as JSON Schema."""
    decide(district_schema)


@community_app.command("validate-district")
def validate_district_cmd(
    path: Annotated[str | None, typer.Argument(help="The district ruleset file.")] = None,
) -> None:
    """Check a district ruleset file; every problem is listed with its path."""

    def facts(r: DistrictRuleset) -> dict[str, object]:
        return {
            "id": r.id,
            "version": r.version,
            "decision": r.decision.model_dump(mode="json"),
            "effective_from": r.effective_from.isoformat(),
        }

    validate_file(path, load_district_ruleset, facts)
