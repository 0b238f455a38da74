"""Residents ask the akim questions about the report from the public page (SQLite, PostgreSQL).

The form is public, CSRF-protected and rate-limited per client address; the report
service checks the register and the question period; a refusal or a bad field is
explained in the page's language and stores nothing; the public page shows the
question without who asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from community_world import dump, make, world
from console_world import World, make_world
from fastapi.testclient import TestClient

from tandau.community.reports import ReportIn, ReportService
from tandau.schema import SqlCommunityStore

ASK = "/c/akdala/reports/2026/ask"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def town(db_url: str, tmp_path: Path) -> Iterator[tuple[World, SqlCommunityStore]]:
    for w in make_world(db_url, tmp_path, accounts=False):  # the clock: 2027-07-01
        store = SqlCommunityStore(w.ctx.engine)
        world(store)
        report = {"community": "akdala", "id": "2026", "title": "The akim's report for 2026"}
        report |= {"text": "Roads and lights.", "presented_on": "2027-06-20"}
        ReportService(store).publish(make(ReportIn, **report, questions_until="2027-07-10"))
        yield w, store


def _ask(client: TestClient, url: str, **form: str) -> Any:
    token = _CSRF.search(client.get(ASK).text)
    assert token is not None
    return client.post(url, data={**form, "csrf_token": token.group(1)})


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("kk", "Әкімге сұрақ қою"), ("ru", "Задать вопрос акиму"), ("en", "Ask the akim a question")],
)
def test_a_resident_asks_and_the_public_page_shows_the_question_not_the_asker(
    town: tuple[World, SqlCommunityStore], lang: str, heading: str
) -> None:
    w, store = town
    client = w.client()
    page = client.get(f"{ASK}?lang={lang}")
    assert page.status_code == 200 and heading in page.text
    assert f'href="{ASK}"' in client.get(f"/c/akdala?lang={lang}").text
    r = _ask(client, f"{ASK}?lang={lang}", resident="r4", text="When is the road repaired?")
    assert r.status_code == 200 and 'id="ask-done"' in r.text
    [q] = ReportService(store).get("akdala", "2026")["questions"]
    assert q == {
        "number": 1,
        "resident": "r4",
        "text": "When is the road repaired?",
        "on": "2027-07-01",
        "answer": None,
    }
    public = client.get(f"/c/akdala?lang={lang}").text
    report = public.split('id="report-2026"')[1].split("</article>")[0]
    assert "When is the road repaired?" in report and "r4" not in report


@pytest.mark.parametrize(
    ("form", "code", "phrase"),
    [
        ({"resident": "nobody", "text": "Why?"}, "community.refused.not_on_register", "nobody"),
        ({"resident": "r4", "text": "  "}, "law.invalid_input", "text"),
        ({"resident": "r 4", "text": "Why?"}, "law.invalid_input", "resident"),
        ({"resident": "r4", "text": "x" * 4001}, "law.invalid_input", "text"),
    ],
)
def test_a_bad_question_is_explained_in_russian_and_stores_nothing(
    town: tuple[World, SqlCommunityStore], form: dict[str, str], code: str, phrase: str
) -> None:
    w, store = town
    client = w.client()
    before = dump(store)
    r = _ask(client, f"{ASK}?lang=ru", **form)
    assert r.status_code in (400, 409)
    text = r.text
    assert 'id="ask-problem"' in text and "Ничего не изменено" in text
    assert code in text and phrase in text
    assert dump(store) == before


def test_questions_close_on_the_reports_last_day(town: tuple[World, SqlCommunityStore]) -> None:
    w, store = town
    w.clock.set("2027-07-11 10:00")
    before = dump(store)
    r = _ask(w.client(), f"{ASK}?lang=kk", resident="r4", text="Late?")
    assert r.status_code == 409
    assert "community.refused.questions_closed" in r.text
    assert "2027-07-10" in r.text
    assert dump(store) == before


def test_unknown_report_csrf_and_rate_limit(town: tuple[World, SqlCommunityStore]) -> None:
    w, store = town
    client = w.client()
    assert client.get("/c/akdala/reports/1999/ask").status_code == 404
    assert client.get("/c/nowhere/reports/2026/ask").status_code == 404
    assert _ask(client, "/c/akdala/reports/1999/ask", resident="r4", text="?").status_code == 400
    before = dump(store)
    no_token = client.post(ASK, data={"resident": "r4", "text": "Why?"})
    assert no_token.status_code == 403 and dump(store) == before
    answers = [_ask(client, ASK, resident="r5", text=f"Question {i}").status_code for i in range(8)]
    assert 429 in answers and answers[0] == 200
    stored = ReportService(store).get("akdala", "2026")["questions"]
    assert len(stored) == answers.count(200) < 8
