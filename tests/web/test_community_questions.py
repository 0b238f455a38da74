"""Residents ask the akim questions about the report from the public page (SQLite, PostgreSQL).

The form is public, CSRF-protected and rate-limited per client address; it claims no
identity on the register (a register identifier is not a secret), so nobody can ask
in a resident's name: the question is kept with the display name and settlement
given, marked "submitted on the web, not verified"; the report service checks the
question period; a refusal or a bad field is explained in the page's language and
stores nothing; the public page shows the question without who asked.
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


ASKER = {"name": "Aigerim", "settlement": "Kenes"}


@pytest.mark.parametrize(
    ("lang", "heading", "label"),
    [
        ("kk", "Әкімге сұрақ қою", "сайт арқылы берілген, тексерілмеген"),
        ("ru", "Задать вопрос акиму", "подан через сайт, не проверен"),
        ("en", "Ask the akim a question", "submitted on the web, not verified"),
    ],
)
def test_a_web_question_is_kept_unverified_and_the_public_page_hides_the_asker(
    town: tuple[World, SqlCommunityStore], lang: str, heading: str, label: str
) -> None:
    w, store = town
    client = w.client()
    page = client.get(f"{ASK}?lang={lang}")
    assert page.status_code == 200 and heading in page.text
    assert '<option value="Kenes"' in page.text and 'name="resident"' not in page.text
    assert f'href="{ASK}"' in client.get(f"/c/akdala?lang={lang}").text
    r = _ask(client, f"{ASK}?lang={lang}", **ASKER, text="When is the road repaired?")
    assert r.status_code == 200 and 'id="ask-done"' in r.text
    [q] = ReportService(store).get("akdala", "2026")["questions"]
    assert q == {
        "number": 1,
        "resident": None,
        "asker": ASKER,
        "verified": False,
        "text": "When is the road repaired?",
        "on": "2027-07-01",
        "answer": None,
    }
    public = client.get(f"/c/akdala?lang={lang}").text
    report = public.split('id="report-2026"')[1].split("</article>")[0]
    assert "When is the road repaired?" in report and label in report
    assert "Aigerim" not in report


def test_nobody_can_ask_in_a_residents_name(town: tuple[World, SqlCommunityStore]) -> None:
    """A register identifier sent with the form is ignored: no question is ever r4's."""
    w, store = town
    client = w.client()
    r = _ask(client, ASK, resident="r4", **ASKER, text="Resign!")
    assert r.status_code == 200
    [q] = ReportService(store).get("akdala", "2026")["questions"]
    assert q["resident"] is None and q["verified"] is False and q["asker"] == ASKER
    before = dump(store)
    only_id = _ask(client, f"{ASK}?lang=en", resident="r4", text="Resign!")
    assert only_id.status_code == 409 and "name" in only_id.text
    assert dump(store) == before


@pytest.mark.parametrize(
    ("form", "code", "phrase"),
    [
        ({**ASKER, "settlement": "Nowhere", "text": "Why?"}, "unknown_settlement", "Nowhere"),
        ({**ASKER, "text": "  "}, "law.invalid_input", "text"),
        ({"settlement": "Kenes", "text": "Why?"}, "law.invalid_input", "name"),
        ({**ASKER, "name": "x" * 301, "text": "Why?"}, "law.invalid_input", "name"),
        ({**ASKER, "text": "x" * 4001}, "law.invalid_input", "text"),
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
    r = _ask(w.client(), f"{ASK}?lang=kk", **ASKER, text="Late?")
    assert r.status_code == 409
    assert "community.refused.questions_closed" in r.text
    assert "2027-07-10" in r.text
    assert dump(store) == before


def test_unknown_report_csrf_and_rate_limit(town: tuple[World, SqlCommunityStore]) -> None:
    w, store = town
    client = w.client()
    assert client.get("/c/akdala/reports/1999/ask").status_code == 404
    assert client.get("/c/nowhere/reports/2026/ask").status_code == 404
    assert _ask(client, "/c/akdala/reports/1999/ask", **ASKER, text="?").status_code == 400
    before = dump(store)
    no_token = client.post(ASK, data={**ASKER, "text": "Why?"})
    assert no_token.status_code == 403 and dump(store) == before
    answers = [_ask(client, ASK, **ASKER, text=f"Question {i}").status_code for i in range(8)]
    assert 429 in answers and answers[0] == 200
    stored = ReportService(store).get("akdala", "2026")["questions"]
    assert len(stored) == answers.count(200) < 8
