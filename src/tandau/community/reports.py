"""The akim's report to the population: text, figures, residents' questions, answers.

The akim publishes a report (its text and figures, the day it was presented and
optionally the last day for questions); residents on the community register ask
questions about it; the akim's office answers each question once.  Each call is
one transaction; a refused call stores nothing.  The public view shows every
question and answer but not who asked (the register is personal data; the
record keeps the asker so the office can reply).

Two ways in, kept apart (ADR 0017 §6): :meth:`ReportService.ask` takes a question
the office checked against the register (a resident at the office or at the
report's hearing; the command line), :meth:`ReportService.ask_unverified` one from
the public web form.  A register identifier is not a secret, so the web form
claims no identity at all: the asker's display name and settlement are kept as
given, and the question is marked ``verified: false`` ("submitted on the web,
not verified") wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from pydantic import Field

from tandau.law.inputs import InputModel, IsoDate

from .errors import CommunityRefused
from .inputs import Ident, LongText, Text
from .messages import KIND_LABELS
from .records import REPORTS
from .rowstore import CommunityTx, RowStore

__all__ = ["FigureIn", "QuestionIn", "ReplyIn", "ReportIn", "ReportService", "WebQuestionIn"]

TABLE = REPORTS
#: A question's fields the public never sees: who asked.
PRIVATE = ("resident", "asker")


class FigureIn(InputModel):
    label: Text
    value: int
    unit: Text | None = None


class ReportIn(InputModel):
    community: Ident
    id: Ident
    title: Text
    text: LongText
    figures: Annotated[tuple[FigureIn, ...], Field(max_length=100)] = ()
    presented_on: IsoDate
    questions_until: IsoDate | None = None


class QuestionIn(InputModel):
    community: Ident
    report: Ident
    resident: Ident
    text: LongText
    on: IsoDate


class WebQuestionIn(InputModel):
    """A question from the public web form: a display name and a settlement, never an ID."""

    community: Ident
    report: Ident
    name: Text
    settlement: Text
    text: LongText
    on: IsoDate


class ReplyIn(InputModel):
    community: Ident
    report: Ident
    question: Annotated[int, Field(ge=1)]
    text: LongText
    on: IsoDate


class ReportService:
    """Publish a report, take residents' questions, answer each once."""

    def __init__(self, store: RowStore) -> None:
        self._store = store

    @staticmethod
    def _report(tx: CommunityTx, community: str, id: str) -> dict[str, Any]:
        if tx.community(community) is None:
            raise CommunityRefused("not_found", kind=KIND_LABELS["community"], id=community)
        body = tx.body(TABLE, community, id)
        if body is None:
            raise CommunityRefused("not_found", kind=KIND_LABELS["report"], id=id)
        return body

    def publish(self, data: ReportIn) -> dict[str, Any]:
        until = data.questions_until
        if until is not None and until < data.presented_on:
            raise CommunityRefused("questions_until_before", day=data.presented_on.isoformat())
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            if tx.community(data.community) is None:
                raise CommunityRefused(
                    "not_found", kind=KIND_LABELS["community"], id=data.community
                )
            if tx.body(TABLE, data.community, data.id) is not None:
                raise CommunityRefused("exists", kind=KIND_LABELS["report"], id=data.id)
            body = {
                "title": data.title,
                "text": data.text,
                "figures": [f.model_dump() for f in data.figures],
                "presented_on": data.presented_on.isoformat(),
                "questions_until": None if until is None else until.isoformat(),
                "questions": [],
            }
            tx.put_body(TABLE, data.community, data.id, body, new=True)
        return {"id": data.id, **body}

    @staticmethod
    def _open_report(tx: CommunityTx, community: str, report: str, day: str) -> dict[str, Any]:
        """The report, if questions are taken on ``day``; refused otherwise."""
        body = ReportService._report(tx, community, report)
        if day < body["presented_on"]:
            raise CommunityRefused("question_before_report", day=body["presented_on"])
        until = body["questions_until"]
        if until is not None and day > until:
            raise CommunityRefused("questions_closed", day=until)
        return body

    def _ask(
        self, community: str, report: str, on: date, asker: Callable[[CommunityTx, str], Any]
    ) -> dict[str, Any]:
        """A question numbered from 1, once ``asker`` (who asked, checked) allows it."""
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            day = on.isoformat()
            body = self._open_report(tx, community, report, day)
            question = {"number": len(body["questions"]) + 1, **asker(tx, day), "on": day}
            question["answer"] = None
            body = {**body, "questions": [*body["questions"], question]}
            tx.put_body(TABLE, community, report, body, new=False)
        return question

    def ask(self, data: QuestionIn) -> dict[str, Any]:
        """A resident the office checked on the register asks."""

        def asker(tx: CommunityTx, day: str) -> dict[str, Any]:
            r = tx.resident(data.community, data.resident)
            if r is None or not r.on_register(data.on):
                raise CommunityRefused("not_on_register", person=data.resident, date=day)
            return {"resident": data.resident, "text": data.text}

        return self._ask(data.community, data.report, data.on, asker)

    def ask_unverified(self, data: WebQuestionIn) -> dict[str, Any]:
        """A question from the web: attributed to nobody on the register, marked unverified."""

        def asker(tx: CommunityTx, _: str) -> dict[str, Any]:
            c = tx.community(data.community)
            if c is None or data.settlement not in c.settlements:
                raise CommunityRefused("unknown_settlement", settlement=data.settlement)
            who = {"name": data.name, "settlement": data.settlement}
            return {"resident": None, "asker": who, "verified": False, "text": data.text}

        return self._ask(data.community, data.report, data.on, asker)

    def answer(self, data: ReplyIn) -> dict[str, Any]:
        """The akim's office answers a question, once, not before it was asked."""
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            body = self._report(tx, data.community, data.report)
            questions = list(body["questions"])
            if data.question > len(questions):
                raise CommunityRefused(
                    "not_found", kind=KIND_LABELS["question"], id=str(data.question)
                )
            q = questions[data.question - 1]
            if q["answer"] is not None:
                raise CommunityRefused("question_answered", number=data.question)
            if data.on.isoformat() < q["on"]:
                raise CommunityRefused("answer_before_question", day=q["on"])
            q = {**q, "answer": {"text": data.text, "on": data.on.isoformat()}}
            questions[data.question - 1] = q
            tx.put_body(
                TABLE, data.community, data.report, {**body, "questions": questions}, new=False
            )
        return q

    def get(self, community: str, id: str) -> dict[str, Any]:
        """One report as stored (with who asked): for the akim's office."""
        with self._store.transaction() as rows:
            return {"id": id, **self._report(CommunityTx(rows), community, id)}

    def public(self, community: str) -> list[dict[str, Any]]:
        """Every report, newest first, its questions without who asked (register or web)."""
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            if tx.community(community) is None:
                raise CommunityRefused("not_found", kind=KIND_LABELS["community"], id=community)
            found = tx.bodies(TABLE, community)
        out = [
            {
                "id": id,
                **body,
                "questions": [
                    {k: v for k, v in q.items() if k not in PRIVATE} for q in body["questions"]
                ],
            }
            for id, body in found
        ]
        return sorted(out, key=lambda r: (r["presented_on"], r["id"]), reverse=True)
