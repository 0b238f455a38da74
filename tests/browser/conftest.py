"""Browser tests: a real uvicorn server on 127.0.0.1 and Debian's Chromium driven by Playwright.

``serve(settings)`` runs the app on a free loopback port in a thread and stops
it afterwards; ``voter_server`` is one such server (for the whole session) on a
SQLite database seeded with three elections (``tests/web_election.py``):

- ``pilot``: a remote-voting pilot, voting open (the booth, audit, tracking);
- ``station``: polling-station voting, open (the kiosk);
- ``done``: a pilot whose results are published (results page, charts).

``browser`` is one Chromium for the session; ``page`` a fresh context per test
(no cookies, no storage shared between tests).  ``shot(page, step)`` saves a
screenshot to ``test-artifacts/screenshots/<test>-<step>.png``.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright
from web_election import (
    SeededElection,
    finish_election,
    make_ballot,
    register_kiosk,
    seed_election,
)

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.settings import Settings
from tandau.storage import SqlBoardStore
from tandau.web.app import create_app

__all__ = ["Live", "VoterServer", "serve"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class Live:
    base_url: str
    settings: Settings


@contextmanager
def serve(settings: Settings) -> Iterator[Live]:
    """The app on uvicorn at 127.0.0.1:<free port>, in a thread; stopped on exit."""
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        ws="none",
        lifespan="on",
        access_log=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield Live(f"http://127.0.0.1:{port}", settings)
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@dataclass(frozen=True)
class VoterServer:
    base_url: str
    pilot: SeededElection
    station: SeededElection
    done: SeededElection

    def url(self, path: str) -> str:
        return self.base_url + path

    def open_booth(self, page: Page, lang: str) -> SeededElection:
        """Open the pilot election's booth in ``lang`` on ``page``; the pilot election."""
        s = self.pilot
        page.goto(self.url(f"/e/{s.election}/vote?lang={lang}"))
        return s

    def enrol(self, page: Page, election: SeededElection | None = None) -> str:
        """Enrol the page's browser as a kiosk of a polling-station election, as a commission
        member would on the kiosk: the enrolment form with a fresh one-time code."""
        e = election or self.station
        code = register_kiosk(e.database_url, e.election)
        page.goto(self.url(f"/e/{e.election}/kiosk/enrol"))
        page.locator("#enrol-code").fill(code)
        page.locator("form button[type=submit]").click()
        page.wait_for_url(self.url(f"/e/{e.election}/kiosk"))
        return code


@pytest.fixture(scope="session")
def voter_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoterServer]:
    tmp = tmp_path_factory.mktemp("voter-server")
    url = f"sqlite:///{tmp / 'voter.sqlite3'}"
    pilot = seed_election(url, tmp, election="aksu-pilot", mode="remote-pilot", voters=12)
    station = seed_election(url, tmp, election="aksu-station", mode="polling-station", voters=6)
    done = seed_election(url, tmp, election="aksu-done", mode="remote-pilot", voters=5)
    with SqlBoardStore.from_url(url) as store:
        svc = ElectionService(Board(store, done.election, key=done.head_key))
        for voter, choice in ((0, 0), (1, 0), (2, 1), (3, 3)):
            svc.cast(make_ballot(done, voter, choice).to_dict())
    finish_election(
        done,
        paper=[
            {
                "precinct": "P-1",
                "ballots_cast": 40,
                "invalid": 1,
                "annulled": False,
                "votes": {"c-abenov": 20, "c-serikova": 12, "c-li": 5, "against": 2},
                "voters_on_list": 80,
                "ballots_issued": 41,
                "corrects": None,
            },
            {
                "precinct": "P-2",
                "ballots_cast": 25,
                "invalid": 0,
                "annulled": False,
                "votes": {"c-abenov": 9, "c-serikova": 14, "c-li": 1, "against": 1},
                "voters_on_list": 31,
                "ballots_issued": 25,
                "corrects": None,
            },
        ],
        cancel=4,
    )
    settings = Settings.from_env({}, database_url=url, data_dir=tmp, environment="test")
    with serve(settings) as live:
        yield VoterServer(live.base_url, pilot, station, done)


@pytest.fixture(scope="session")
def live_server() -> Callable[[Settings], AbstractContextManager[Live]]:
    """``serve`` for tests that seed their own database (``with live_server(settings)``)."""
    return serve


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 412, "height": 915}, accept_downloads=True)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    # A Content-Security-Policy violation (an inline script or style) is a test failure.
    pg.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield pg
    context.close()
    assert not errors, f"JavaScript errors or CSP violations on the page: {errors}"


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    """``shot(page, step)`` saves test-artifacts/screenshots/<test>-<step>.png (full page)."""
    test = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")

    def save(pg: Page, step: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{test}-{step}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path

    return save
