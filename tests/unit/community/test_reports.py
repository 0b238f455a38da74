"""The akim's report to the population: publish, residents' questions, answers; every
refusal stores nothing; the public view never names who asked."""

from __future__ import annotations

from typing import Any

import pytest
from community_world import dump, make, refused, world

from tandau.community.reports import QuestionIn, ReplyIn, ReportIn, ReportService
from tandau.community.rowstore import RowStore
from tandau.law import InvalidInput

REPORT = {
    "community": "akdala",
    "id": "2025",
    "title": "Report of the akim for 2025",
    "text": "Roads, lighting and the school.",
    "figures": [
        {"label": "Streets lit", "value": 14, "unit": "streets"},
        {"label": "Budget executed", "value": 95},
    ],
    "presented_on": "2026-02-10",
    "questions_until": "2026-02-28",
}


def _ask(svc: ReportService, resident: str, on: str, text: str = "When is Kenes lit?") -> Any:
    return svc.ask(
        make(QuestionIn, community="akdala", report="2025", resident=resident, text=text, on=on)
    )


def _reply(svc: ReportService, number: int, on: str) -> Any:
    return svc.answer(
        make(ReplyIn, community="akdala", report="2025", question=number, text="In May.", on=on)
    )


def test_publish_ask_answer_and_public_view(store: RowStore) -> None:
    world(store)
    svc = ReportService(store)
    published = svc.publish(make(ReportIn, **REPORT))
    assert published["figures"][0] == {"label": "Streets lit", "value": 14, "unit": "streets"}
    assert published["questions"] == []
    q1 = _ask(svc, "r3", "2026-02-10")
    q2 = _ask(svc, "r4", "2026-02-11", "Who repairs the school roof?")
    assert (q1["number"], q2["number"]) == (1, 2)
    answered = _reply(svc, 1, "2026-02-15")
    assert answered["answer"] == {"text": "In May.", "on": "2026-02-15"}
    kept = svc.get("akdala", "2025")
    assert [q["resident"] for q in kept["questions"]] == ["r3", "r4"]
    public = svc.public("akdala")
    assert [r["id"] for r in public] == ["2025"]
    assert public[0]["questions"][0] == {
        "number": 1,
        "text": "When is Kenes lit?",
        "on": "2026-02-10",
        "answer": {"text": "In May.", "on": "2026-02-15"},
    }
    assert public[0]["questions"][1]["answer"] is None
    assert "r3" not in str(public) and "r4" not in str(public)


def test_refusals_store_nothing(store: RowStore) -> None:
    world(store)
    svc = ReportService(store)
    svc.publish(make(ReportIn, **REPORT))
    _ask(svc, "r3", "2026-02-12")
    _reply(svc, 1, "2026-02-13")
    refused(svc, store, lambda: svc.publish(make(ReportIn, **REPORT)), "exists")
    elsewhere = {**REPORT, "community": "nowhere"}
    refused(svc, store, lambda: svc.publish(make(ReportIn, **elsewhere)), "not_found")
    early = {**REPORT, "id": "x", "questions_until": "2026-02-01"}
    refused(svc, store, lambda: svc.publish(make(ReportIn, **early)), "questions_until_before")
    refused(svc, store, lambda: _ask(svc, "r3", "2026-02-09"), "question_before_report")
    refused(svc, store, lambda: _ask(svc, "r3", "2026-03-01"), "questions_closed")
    refused(svc, store, lambda: _ask(svc, "ghost", "2026-02-12"), "not_on_register")
    other = make(
        QuestionIn, community="akdala", report="nope", resident="r3", text="?", on="2026-02-12"
    )
    refused(svc, store, lambda: svc.ask(other), "not_found")
    refused(svc, store, lambda: _reply(svc, 1, "2026-02-14"), "question_answered")
    refused(svc, store, lambda: _reply(svc, 2, "2026-02-14"), "not_found")
    _ask(svc, "r5", "2026-02-20")
    refused(svc, store, lambda: _reply(svc, 2, "2026-02-19"), "answer_before_question")


@pytest.mark.parametrize(
    "change",
    [
        {"text": "   "},
        {"presented_on": "10.02.2026"},
        {"figures": [{"label": "Roads", "value": "many"}]},
        {"surprise": 1},
    ],
)
def test_invalid_report_is_refused_before_storing(store: RowStore, change: dict[str, Any]) -> None:
    world(store)
    before = dump(store)
    with pytest.raises(InvalidInput):
        make(ReportIn, **{**REPORT, **change})
    assert dump(store) == before
