"""The 4th-level budget: draft lines, their execution, residents' proposals, approval.

Each line of a year is one record (``<year>:<line>``) holding the draft amount, the
executed amount once reported, residents' proposals on it, and the meeting's vote
that approved or agreed the draft (brief rules 13-14: the meeting discusses and
approves; the district maslikhat's decision makes it law).  A line's history is
its records across years.  Amounts are whole tenge.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from tandau.law.inputs import InputModel, IsoDate

from .errors import CommunityRefused
from .inputs import Ident, LongText, Text
from .messages import KIND_LABELS
from .records import BUDGET_LINES
from .rowstore import CommunityTx, RowStore

__all__ = ["ApprovalIn", "BudgetLineIn", "BudgetProposalIn", "BudgetService", "ExecutionIn"]

TABLE = BUDGET_LINES
Year = Annotated[int, Field(ge=2018, le=2100)]
Tenge = Annotated[int, Field(ge=0)]


class BudgetLineIn(InputModel):
    community: Ident
    year: Year
    line: Ident
    title: Text
    draft: Tenge


class ExecutionIn(InputModel):
    community: Ident
    year: Year
    line: Ident
    executed: Tenge


class BudgetProposalIn(InputModel):
    community: Ident
    year: Year
    line: Ident
    resident: Ident
    text: LongText
    amount: Tenge | None = None
    on: IsoDate


class ApprovalIn(InputModel):
    community: Ident
    year: Year
    session: Ident
    item: Annotated[int, Field(ge=1)]


def _key(year: int, line: str) -> str:
    return f"{year}:{line}"


class BudgetService:
    """Draft, execution report, proposals, approval vote, history per line."""

    def __init__(self, store: RowStore) -> None:
        self._store = store

    def _line(self, tx: CommunityTx, community: str, year: int, line: str) -> dict[str, Any]:
        body = tx.body(TABLE, community, _key(year, line))
        if body is None:
            raise CommunityRefused(
                "not_found", kind=KIND_LABELS["budget_line"], id=_key(year, line)
            )
        return body

    def add_line(self, data: BudgetLineIn) -> dict[str, Any]:
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            if tx.community(data.community) is None:
                raise CommunityRefused(
                    "not_found", kind=KIND_LABELS["community"], id=data.community
                )
            key = _key(data.year, data.line)
            if tx.body(TABLE, data.community, key) is not None:
                raise CommunityRefused("exists", kind=KIND_LABELS["budget_line"], id=key)
            body = {
                "year": data.year,
                "line": data.line,
                "title": data.title,
                "draft": data.draft,
                "executed": None,
                "proposals": [],
                "approved_by": None,
            }
            tx.put_body(TABLE, data.community, key, body, new=True)
        return body

    def report_execution(self, data: ExecutionIn) -> dict[str, Any]:
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            body = {
                **self._line(tx, data.community, data.year, data.line),
                "executed": data.executed,
            }
            tx.put_body(TABLE, data.community, _key(data.year, data.line), body, new=False)
        return body

    def propose(self, data: BudgetProposalIn) -> dict[str, Any]:
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            body = self._line(tx, data.community, data.year, data.line)
            r = tx.resident(data.community, data.resident)
            if r is None or not r.on_register(data.on):
                raise CommunityRefused("not_on_register", person=data.resident, date=str(data.on))
            proposal = {
                "resident": data.resident,
                "text": data.text,
                "amount": data.amount,
                "on": data.on.isoformat(),
            }
            body = {**body, "proposals": [*body["proposals"], proposal]}
            tx.put_body(TABLE, data.community, _key(data.year, data.line), body, new=False)
        return body

    def approve(self, data: ApprovalIn) -> list[dict[str, Any]]:
        """Link the year's lines to the meeting's adopted vote on the draft budget."""
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            vote = next(
                (v for v in tx.votes(data.community, data.session) if v.item == data.item), None
            )
            if vote is None or vote.result.get("adopted") is not True:
                raise CommunityRefused("not_adopted", item=data.item)
            lines = [(k, b) for k, b in tx.bodies(TABLE, data.community) if b["year"] == data.year]
            out = []
            for key, body in lines:
                body = {**body, "approved_by": {"session": data.session, "item": data.item}}
                tx.put_body(TABLE, data.community, key, body, new=False)
                out.append(body)
        return out

    def year(self, community: str, year: int) -> list[dict[str, Any]]:
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            return [b for _, b in tx.bodies(TABLE, community) if b["year"] == year]

    def lines(self, community: str) -> list[dict[str, Any]]:
        """Every line of every year, newest year first."""
        with self._store.transaction() as rows:
            found = [b for _, b in CommunityTx(rows).bodies(TABLE, community)]
        return sorted(found, key=lambda b: (-int(b["year"]), str(b["line"])))

    def history(self, community: str, line: str) -> list[dict[str, Any]]:
        """One line across the years: draft, executed, proposals, approval."""
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            found = [b for _, b in tx.bodies(TABLE, community) if b["line"] == line]
        return sorted(found, key=lambda b: int(b["year"]))
