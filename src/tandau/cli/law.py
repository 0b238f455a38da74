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

import json
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tandau.law import (
    BadCommandLine,
    CandidateFile,
    InvalidInput,
    MissingField,
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

__all__ = ["law_app"]


class _JsonUsageErrors(TyperGroup):
    """Report a wrong command line as the JSON error every other invalid input gets."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.TyperException as exc:
            if getattr(exc, "exit_code", None) != _USAGE_EXIT:
                raise
            _emit({"error": BadCommandLine(_usage_field(exc)).to_dict()})
            raise typer.Exit(_USAGE_EXIT) from exc


#: Typer's usage errors (unknown option, missing argument…) exit with this status.
_USAGE_EXIT = 2


def _usage_field(exc: Exception) -> str:
    option = getattr(exc, "option_name", None)
    if isinstance(option, str):
        return option.lstrip("-").replace("-", "_")
    name = getattr(getattr(exc, "param", None), "name", None)
    return name if isinstance(name, str) else "command"


law_app = typer.Typer(
    name="law",
    help="Rulesets and the decisions under them: calendar, eligibility, signatures, outcome.",
    no_args_is_help=True,
    cls=_JsonUsageErrors,
)

RulesetOption = Annotated[
    str | None,
    typer.Option(
        "--ruleset",
        help="A ruleset ID (see `tandau law rulesets`) or the path of a ruleset JSON file.",
    ),
]


def _emit(payload: object) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _decide(produce: Callable[[], object]) -> None:
    try:
        payload = produce()
    except InvalidInput as exc:
        _emit({"error": exc.to_dict()})
        raise typer.Exit(2) from exc
    _emit(payload)


def _ruleset(ref: str | None) -> Ruleset:
    if ref is None:
        raise MissingField("ruleset")
    return load_ruleset(ref)


def _stdin() -> bytes:
    return typer.get_binary_stream("stdin").read()


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

    _decide(produce)


@law_app.command("signatures-required")
def signatures(
    ruleset: RulesetOption = None,
    voters: Annotated[
        str | None, typer.Option("--voters", help="Number of voters in the electoral district.")
    ] = None,
) -> None:
    """Valid signatures a self-nominee needs (at least 1% of the voters, rounded up)."""
    _decide(
        lambda: {"required": signatures_required(_ruleset(ruleset), parse_count("voters", voters))}
    )


@law_app.command("check-candidate")
def check_candidate_cmd(ruleset: RulesetOption = None) -> None:
    """Whether a nominee may be registered (the facts as JSON on stdin)."""
    _decide(
        lambda: check_candidate(_ruleset(ruleset), parse_input(CandidateFile, _stdin())).to_dict()
    )


@law_app.command("check-voter")
def check_voter_cmd(ruleset: RulesetOption = None) -> None:
    """Whether a person is on the voter list of the district (the facts as JSON on stdin)."""
    _decide(lambda: check_voter(_ruleset(ruleset), parse_input(VoterRecord, _stdin())).to_dict())


@law_app.command("outcome")
def outcome(ruleset: RulesetOption = None) -> None:
    """The outcome from the district's figures (as JSON on stdin)."""
    _decide(lambda: decide_outcome(_ruleset(ruleset), parse_input(Returns, _stdin())).to_dict())


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

    _decide(lambda: {"rulesets": [summary(i) for i in builtin_ids()]})


@law_app.command("show")
def show(
    ruleset: Annotated[str | None, typer.Argument(help="A ruleset ID or a ruleset file.")] = None,
) -> None:
    """One ruleset, exactly as stored (a copy is a starting point for a new ruleset)."""

    def produce() -> object:
        if ruleset is None:
            raise MissingField("ruleset")
        return raw_ruleset(ruleset)

    _decide(produce)


@law_app.command("validate")
def validate(
    path: Annotated[str | None, typer.Argument(help="The ruleset file to check.")] = None,
) -> None:
    """Check a ruleset file against the schema; every problem is listed with its path."""

    def produce() -> object:
        if path is None:
            raise MissingField("path")
        r = load_ruleset(path)
        return {"valid": True, "id": r.id, "version": r.version, "rules": len(r.rules())}

    _decide(produce)


@law_app.command("schema")
def schema() -> None:
    """The ruleset schema as JSON Schema."""
    _emit(ruleset_schema())
