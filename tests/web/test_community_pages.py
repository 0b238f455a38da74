"""The community's public page (kk, ru, en), its JSON and minutes PDF, on the demo district.

The demo's secret vote is an election in mode ``community`` on the same board: its
record exports and verifies, and no page shows a voter's choice.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from importlib.resources import files
from pathlib import Path

import pypdf
import pytest
from fastapi.testclient import TestClient
from jinja2 import Environment, nodes

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.cli.record import export_record
from tandau.i18n import read_catalogue
from tandau.settings import Settings
from tandau.storage import SqlBoardStore
from tandau.web.app import create_app
from tandau.web.community_demo import DEMO_COMMUNITY, DEMO_COMMUNITY_POLL, seed_community
from tandau.web.context import WebContext
from tandau_verify.verify import verify_record

TEMPLATES = sorted((Path(str(files("tandau.web"))) / "templates" / "community").glob("*.html"))
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, WebContext]]:
    tmp = tmp_path_factory.mktemp("community-web")
    settings = Settings.from_env({}, database_url=f"sqlite:///{tmp / 'web.sqlite3'}", data_dir=tmp)
    ctx = WebContext.build(settings)
    seed_community(ctx, today=date(2026, 12, 4))
    with TestClient(create_app(settings, ctx)) as client:
        yield client, ctx
    ctx.close()


def test_every_template_string_is_translated() -> None:
    assert len(TEMPLATES) == 6  # page, vote, ask and the office console's three
    ids = {
        c.args[0].value
        for t in TEMPLATES
        for c in Environment().parse(t.read_text(encoding="utf-8")).find_all(nodes.Call)
        if getattr(c.node, "name", None) == "_" and isinstance(c.args[0], nodes.Const)
    }
    assert len(ids) > 20
    for lang in ("kk", "ru", "en"):
        catalogue = read_catalogue(lang)
        for msgid in ids:
            assert msgid in catalogue, (lang, msgid)
            if lang != "en":
                assert CYRILLIC.search(catalogue[msgid].string), (lang, msgid)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "kk",
            [
                "Ақсу ауылдық округі",
                "Алдағы жиындар мен жиналыстар",
                "Жасырын дауыс беру",
                "Қабылданды",
            ],
        ),
        (
            "ru",
            [
                "Аксуский сельский округ",
                "Предстоящие сходы и собрания",
                "Тайное голосование",
                "Принято",
                "Где разбить новый парк?",
                "Консультативный",
            ],
        ),
        (
            "en",
            [
                "Aksu rural okrug",
                "Upcoming gatherings and meetings",
                "Secret vote",
                "Adopted",
                "Where should the new park be?",
                "Consultative: the result advises",
            ],
        ),
    ],
)
def test_the_public_page_in_each_language(
    demo: tuple[TestClient, WebContext], lang: str, expected: list[str]
) -> None:
    client, _ = demo
    page = client.get(f"/c/{DEMO_COMMUNITY}?lang={lang}")
    assert page.status_code == 200
    for text in expected:
        assert text in page.text, (lang, text)
    assert "Kenes club" in page.text and "Aksu school hall" in page.text  # upcoming and past
    assert "resident-06" in page.text  # the open vote is by name
    assert f"/e/{DEMO_COMMUNITY_POLL}/results" in page.text
    assert "Street lighting" in page.text and "4200000" in page.text  # the budget
    assert "A bus stop with a shelter in Kenes" in page.text  # the petition, 5 signatures
    assert "resident-03" not in page.text.split("petition-bus-stop")[1].split("</article>")[0]
    report = page.text.split('id="report-2025"')[1].split("</article>")[0]
    assert "Streets lit" in report and "14 streets" in report  # the akim's report, figures
    assert "When will the road to Kenes be repaired?" in report
    assert "The road is in next year&#39;s draft budget." in report
    assert "resident-09" not in report and "resident-10" not in report  # not who asked
    poll = page.text.split('id="poll-aksu-poll-park"')[1].split("</article>")[0]
    assert "/e/aksu-poll-park/results" in poll and ": 5</li>" in poll and ": 3</li>" in poll


def test_json_and_minutes_pdf(demo: tuple[TestClient, WebContext]) -> None:
    client, _ = demo
    data = client.get(f"/api/c/{DEMO_COMMUNITY}").json()
    assert "district_ruleset" not in data["community"]
    m1 = next(s for s in data["sessions"] if s["id"] == "m1")
    secret = m1["votes"][1]
    assert secret["ballots"] == {} and secret["result"]["figures"] == [5, 1, 1]
    assert [r["id"] for r in data["reports"]] == ["2025"]
    questions = data["reports"][0]["questions"]
    assert [q["number"] for q in questions] == [1, 2] and questions[1]["answer"] is None
    assert all("resident" not in q for q in questions)
    [poll] = data["polls"]
    assert poll["counts"] == {"centre": 5, "river": 3} and poll["consultative"] is True
    assert poll["stage"] == "published" and poll["election"] == "aksu-poll-park"
    minutes = data["minutes"][0]
    pdf = client.get(f"/c/{DEMO_COMMUNITY}/minutes/{minutes['id']}.pdf?language=ru")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Протокол собрания местного сообщества" in " ".join(text.split())
    assert client.get(f"/c/{DEMO_COMMUNITY}/minutes/nope.pdf").status_code == 404
    assert client.get("/c/nowhere").status_code == 404
    assert client.get(
        f"/c/{DEMO_COMMUNITY}/minutes/{minutes['id']}.pdf?language=de"
    ).status_code in (400, 422)


def test_the_demo_secret_vote_record_verifies(
    demo: tuple[TestClient, WebContext], tmp_path: Path
) -> None:
    client, ctx = demo
    assert client.get(f"/e/{DEMO_COMMUNITY_POLL}/results").status_code == 200
    store = SqlBoardStore(ctx.engine)
    board = Board(store, DEMO_COMMUNITY_POLL)
    manifest = ElectionService(board).sync().require_manifest()
    record = tmp_path / "poll.jsonl"
    export_record(board, manifest, record, sign_tail=False)
    report = verify_record(record)
    assert report.ok, [(c.id, c.detail) for c in report.failed()]


def test_the_demo_civic_poll_record_verifies(
    demo: tuple[TestClient, WebContext], tmp_path: Path
) -> None:
    client, ctx = demo
    assert client.get("/e/aksu-poll-park/results").status_code == 200
    board = Board(SqlBoardStore(ctx.engine), "aksu-poll-park")
    manifest = ElectionService(board).sync().require_manifest()
    assert manifest.mode == "community"
    record = tmp_path / "civic-poll.jsonl"
    export_record(board, manifest, record, sign_tail=False)
    report = verify_record(record)
    assert report.ok, [(c.id, c.detail) for c in report.failed()]
