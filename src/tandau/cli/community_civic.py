"""``tandau community petition-…``, ``budget-…``, ``report-…``: petitions, the 4th-level
budget and the akim's report to the population.

The same conventions as the other steps (:mod:`tandau.cli.community_steps`): JSON on
standard input, the record on standard output; exit 1 refused, 2 invalid input,
nothing stored in either case.
"""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import BaseModel, ConfigDict, Field

from tandau.cli.community_steps import (
    SESSION_KEY,
    CommunityOption,
    DayOption,
    add_lookup,
    add_service_steps,
    community_app,
    run_step,
    stdin_step,
)
from tandau.cli.json_commands import required
from tandau.cli.options import DbOption
from tandau.community.budget import BudgetService
from tandau.community.inputs import Ident, LongText
from tandau.community.member_ballots import MemberBallots
from tandau.community.petitions import PetitionService
from tandau.community.reports import ReportService
from tandau.law import parse_date

__all__ = ["community_app"]


P, B, R = PetitionService, BudgetService, ReportService
add_service_steps(
    P,
    {
        "petition-open": (P.open, "Open a petition."),
        "petition-sign": (P.sign, "Sign a petition."),
        "petition-withdraw": (P.withdraw, "Withdraw a signature before the deadline."),
        "petition-answer": (P.answer, "Record the answer to a petition."),
    },
)
add_service_steps(
    B,
    {
        "budget-line": (B.add_line, "Add a draft budget line."),
        "budget-execution": (B.report_execution, "Report a line's execution."),
        "budget-propose": (B.propose, "A resident's proposal on a line."),
        "budget-approve": (B.approve, "Link a year's lines to the meeting's adopted vote."),
    },
)
add_service_steps(
    R,
    {
        "report-publish": (
            R.publish,
            "Publish the akim's report to the population (text, figures).",
        ),
        "report-question": (R.ask, "A resident's question on the akim's report."),
        "report-answer": (R.answer, "The akim's answer to a resident's question."),
    },
)


@community_app.command("petition-status")
def petition_status(
    community: CommunityOption = None,
    id: Annotated[str | None, typer.Option("--id", help="Petition ID.")] = None,
    date: DayOption = None,
    db: DbOption = None,
) -> None:
    """Signatures against the district's threshold (or: the maslikhat must set it)."""
    run_step(
        db,
        lambda store: PetitionService(store).status(
            required("community", community), required("id", id), parse_date("date", date)
        ),
    )


add_lookup(
    "report",
    "One report of the akim with its questions (who asked included) and answers.",
    ("id", "Report ID."),
    lambda store, c, id: ReportService(store).get(c, id),
)
add_lookup(
    "budget-history",
    "One budget line across the years: draft, executed, proposals, approval.",
    ("line", "Budget line ID."),
    lambda store, c, line: {"history": BudgetService(store).history(c, line)},
)
add_lookup(
    "issue-codes",
    "One voting code per member present (shown once; only hashes are stored).",
    SESSION_KEY,
    lambda store, c, s: {"codes": MemberBallots(store).issue_codes(c, s)},
)


class CountIn(BaseModel):
    """Which agenda item's phone ballots to count, and the proposal voted on."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)
    community: Ident
    session: Ident
    item: Annotated[int, Field(ge=1)]
    proposal: LongText


community_app.command(
    "count-ballots", help="Count members' phone ballots on an item. (JSON on stdin)"
)(
    stdin_step(
        CountIn,
        lambda store, d: MemberBallots(store).count(d.community, d.session, d.item, d.proposal),
    )
)
