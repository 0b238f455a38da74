"""The demo's finished election: published results with charts, a record that verifies,
and the verify page's worked example with the exact command and the verifier's output."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from tandau.crypto.rng import DeterministicRng
from tandau.i18n import gettext
from tandau.settings import Settings
from tandau.storage import SqlBoardStore, upgrade
from tandau.web.app import create_app
from tandau.web.context import WebContext
from tandau.web.demo_finished import FINISHED_ELECTION, seed_finished
from tandau_verify.verify import verify_record

E = FINISHED_ELECTION


@contextmanager
def _client(db_url: str, tmp_path: Path, demo: bool = True) -> Iterator[TestClient]:
    upgrade(db_url)
    settings = Settings.from_env(
        {}, database_url=db_url, data_dir=tmp_path, environment="test", demo=demo
    )
    ctx = WebContext.build(settings)
    with SqlBoardStore.from_url(db_url) as store:
        finished = seed_finished(store, ctx.keys, DeterministicRng(b"finished"))
    assert finished.winner == "c-omarova" and finished.counted == 14
    try:
        with TestClient(create_app(settings, ctx)) as client:
            yield client
    finally:
        ctx.close()


def test_the_finished_election_is_published_and_its_record_verifies(
    db_url: str, tmp_path: Path
) -> None:
    with _client(db_url, tmp_path) as client:
        _check_published(client, tmp_path)


def _check_published(client: TestClient, tmp_path: Path) -> None:
    summary = client.get(f"/api/elections/{E}").json()
    assert summary["state"] == "published"
    results = client.get(f"/api/elections/{E}/results").json()
    assert results["published"] and results["outcome"]["status"] == "elected"
    assert results["outcome"]["winner"] == "c-omarova"
    assert results["trustees_used"] == [1, 2, 4]  # decrypted by 3 of the 5 trustees
    assert [p["turnout"] for p in results["precincts"]] == [67.46]
    page = client.get(f"/e/{E}/results?lang=kk").text
    for chart in ("chart-votes", "chart-e-paper", "chart-turnout"):
        assert f'id="{chart}"' in page  # a bar per candidate, e-votes vs paper, turnout
    record = client.get(f"/e/{E}/record")
    assert record.status_code == 200
    path = tmp_path / f"{E}.record.jsonl"
    path.write_bytes(record.content)
    report = verify_record(path)
    assert report.ok, [(c.id, c.detail) for c in report.failed()]
    shares = [line for line in record.text.splitlines() if '"tally.share"' in line]
    assert len(shares) == 3  # the decryption proofs are in the record


def test_the_verify_page_walks_through_the_finished_record(db_url: str, tmp_path: Path) -> None:
    with _client(db_url, tmp_path) as client:
        pages = {lang: client.get(f"/verify?lang={lang}").text for lang in ("kk", "ru")}
    for lang, page in pages.items():
        assert gettext(lang, "Try it on a finished election") in page
        assert f"curl -o {E}.record.jsonl http://testserver/e/{E}/record" in page
        assert f"tandau-verify {E}.record.jsonl" in page
        output = re.search(r"<samp>(.*?)</samp>", page, re.S)
        assert output is not None
        lines = output.group(1).strip().splitlines()
        assert lines[-1] == "VERIFIED" and lines[0].startswith("ok   V1")
        assert all(line.startswith("ok ") for line in lines[:-1])


def test_outside_the_demo_the_page_does_not_run_the_verifier(db_url: str, tmp_path: Path) -> None:
    with _client(db_url, tmp_path, demo=False) as client:
        page = client.get("/verify?lang=en").text
    assert f"tandau-verify {E}.record.jsonl" in page and "<samp>" not in page
