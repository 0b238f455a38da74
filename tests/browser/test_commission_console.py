"""A commission runs an election from its creation to published results, through the pages.

Chromium drives the console on a real uvicorn server (SQLite) whose clock the test
moves through the election's calendar.  The chair signs in with password and TOTP,
creates the precincts and the accounts (reading each new member's TOTP secret from
the page), calls the election, the lists are imported, candidates nominated and
registered, e-voting set up; each trustee signs in in their own browser and uploads
the files their offline laptop produced (simulated with the ceremony functions);
the registrar downloads the credential sheets; voting opens and closes; the paper
protocols are entered; trustees upload decryption shares; the chair publishes the
results and downloads the official protocol in Kazakh and Russian.  Every page is
screenshotted to test-artifacts/screenshots/.
"""

from __future__ import annotations

import io
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyotp
import pypdf
import pytest
import uvicorn
from admin_builders import MEMBERS, STAGE_TIMES, TEC, SettableClock, local
from console_world import ELECTION, PASSWORD, Trustees, voters_csv
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tandau.admin.demo_data import DEMO_TEC_UNIT, DEMO_UNITS_CSV
from tandau.admin.records import PROTOCOL_FIGURES
from tandau.crypto.rng import DeterministicRng
from tandau.protocol.ballot import create_ballot
from tandau.protocol.credentials import derive
from tandau.settings import Settings
from tandau.web.accounts import create_account
from tandau.web.app import create_app
from tandau.web.console.ceremony import progress
from tandau.web.context import WebContext

CODE = re.compile(r"[2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]")


@dataclass
class Console:
    base: str
    ctx: WebContext
    clock: SettableClock
    chair_secret: str
    tmp: Path

    def url(self, path: str) -> str:
        return self.base + path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def console(tmp_path: Path) -> Iterator[Console]:
    settings = Settings.from_env(
        {},
        database_url=f"sqlite:///{tmp_path / 'console.sqlite3'}",
        data_dir=tmp_path / "data",
        environment="test",
    )
    clock = SettableClock(local("2027-07-01 09:00"))
    ctx = WebContext.build(settings, clock=clock)
    ctx.rng = DeterministicRng(b"browser-console")
    # What exists before the console: the territory and the commission the maslikhat elected.
    admin = ctx.administration()
    admin.units.import_csv(DEMO_UNITS_CSV)
    admin.commissions.create(
        id=TEC,
        kind="territorial",
        unit=DEMO_TEC_UNIT,
        name="Ақжар ауданының аумақтық сайлау комиссиясы",
    )
    names = (
        "Әлия Сейітова",
        "Бауыржан Омаров",
        "Гүлнар Исаева",
        "Дәурен Жұмабаев",
        "Жанар Ахметова",
    )
    for person, name, role in zip(
        MEMBERS, names, ("chair", "secretary", "member", "member", "member"), strict=True
    ):
        admin.commissions.appoint(
            commission=TEC, person=person, name=name, role=role, elected_on="2024-03-01"
        )
    chair = create_account(
        ctx.engine,
        ctx.settings,  # with the installation's generated secrets
        clock,
        ctx.rng,
        commission=TEC,
        username="aliya",
        name="Әлия Сейітова",
        role="chair",
        password=PASSWORD,
    )
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, context=ctx),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            ws="none",
            access_log=False,
        )
    )
    thread = threading.Thread(target=server.run, name=f"console-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield Console(f"http://127.0.0.1:{port}", ctx, clock, chair.totp_secret, tmp_path)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        ctx.close()


class People:
    """One browser context per person; CSP violations and page errors fail the test."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: list[BrowserContext] = []
        self.errors: list[str] = []

    def page(self) -> Page:
        context = self.browser.new_context(
            viewport={"width": 768, "height": 1024}, accept_downloads=True, locale="kk-KZ"
        )
        context.set_default_timeout(20_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on(
            "console",
            lambda m: self.errors.append(m.text) if "Content Security Policy" in m.text else None,
        )
        return page

    def close(self) -> None:
        for c in self.contexts:
            c.close()


@pytest.fixture
def people(browser: Browser) -> Iterator[People]:
    p = People(browser)
    yield p
    p.close()
    assert not p.errors, p.errors


def _sign_in(c: Console, page: Page, username: str, secret: str, shot: Any, step: str) -> None:
    page.goto(c.url("/commission/login"))
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    c.clock.at = c.clock.at.replace(second=0)
    page.fill("#code", pyotp.TOTP(secret).at(int(c.clock.now().timestamp())))
    if step:
        shot(page, step)
    page.click("button[type=submit].primary")
    expect(page.locator("h1")).to_be_visible()
    assert page.url.endswith("/commission"), page.url


def _submit(page: Page, form: str) -> None:
    page.locator(form).locator("button[type=submit]").first.click()
    page.wait_for_load_state()


def _confirm(page: Page, form: str, shot: Callable[[Page, str], Path], name: str) -> None:
    """An irreversible step asks first, saying what cannot be undone; then it is confirmed."""
    _submit(page, form)
    expect(page.locator("section.confirm")).to_be_visible()
    assert page.locator("section.confirm p").inner_text().strip()
    shot(page, f"confirm-{name}")
    page.locator("form input[name=confirmed]").locator("xpath=..").locator("button").click()
    page.wait_for_load_state()


def _done(page: Page) -> None:
    """The step succeeded: the confirmation is shown, no problem."""
    expect(page.locator("p.note[role=status]")).to_be_visible()
    assert page.locator("section.problem").count() == 0


def _advance(c: Console, page: Page, stage: str, shot: Callable[[Page, str], Path]) -> None:
    order = list(STAGE_TIMES)
    while True:
        page.goto(c.url(f"/commission/e/{ELECTION}?lang=kk"))
        current = c.ctx.administration().lifecycle.election(ELECTION).stage.value
        if current == stage:
            return
        target = order[order.index(current) + 1] if current in order else order[0]
        c.clock.set(STAGE_TIMES[target])
        _submit(page, f"form[action='/commission/e/{ELECTION}/advance']")
        _done(page)
        shot(page, f"overview-{target}")


def test_a_commission_runs_an_election_to_published_results(
    console: Console, people: People, shot: Callable[[Page, str], Path]
) -> None:
    c = console
    chair = people.page()

    # 1. The chair signs in (password and TOTP) and sees the console.
    c.clock.set("2027-07-15 09:00")
    _sign_in(c, chair, "aliya", c.chair_secret, shot, "login")
    shot(chair, "dashboard")

    # 2. Territory: the two precincts of the Birlik okrug.
    chair.goto(c.url("/commission/territory"))
    for code, number, unit in (("P-101", "101", "991011001"), ("P-102", "102", "991011002")):
        chair.fill("#p-code", code)
        chair.fill("#p-number", number)
        chair.select_option("#p-unit", unit)
        chair.fill("#p-address", f"Мектеп № {number}")
        _submit(chair, "form[action='/commission/territory/precincts']")
        _done(chair)
    shot(chair, "territory")

    # 3. Accounts: the registrar and three trustees; each secret is shown once.
    secrets: dict[str, str] = {}
    chair.goto(c.url("/commission/accounts"))
    for username, name, role in (
        ("gulnar", "Гүлнар Исаева", "registrar"),
        ("trustee1", "Ерлан Қасымов", "trustee"),
        ("trustee2", "Мәдина Нұрланова", "trustee"),
        ("trustee3", "Қайрат Бекова", "trustee"),
    ):
        chair.fill("#a-username", username)
        chair.fill("#a-name", name)
        chair.select_option("#a-role", role)
        chair.fill("#a-password", PASSWORD)
        _submit(chair, "form[action='/commission/accounts']")
        expect(chair.locator(".totp-secret")).to_be_visible()
        expect(chair.locator("img.totp-qr")).to_be_visible()
        secrets[username] = chair.locator(".totp-secret").inner_text().strip()
        if username == "gulnar":
            shot(chair, "account-created")
    shot(chair, "accounts")

    # 4. The election is called and its district formed.
    c.clock.set("2027-07-20 10:00")
    chair.goto(c.url("/commission/elections/new"))
    chair.fill("#e-id", ELECTION)
    chair.select_option("#e-ruleset", "kz-rural-akim-2023")
    chair.select_option("#e-unit", "991011000")
    chair.fill("#e-day", "2027-09-19")
    chair.check("#pr-P-101")
    chair.check("#pr-P-102")
    shot(chair, "election-new")
    _submit(chair, "form[action='/commission/elections']")
    _done(chair)
    shot(chair, "overview-called")

    # 5. The registrar imports the voter lists (CSV files).
    registrar = people.page()
    _sign_in(c, registrar, "gulnar", secrets["gulnar"], shot, "")
    registrar.goto(c.url(f"/commission/e/{ELECTION}/voters"))
    for i, (code, count) in enumerate((("P-101", 24), ("P-102", 16))):
        path = c.tmp / f"voters-{code}.csv"
        path.write_text(voters_csv(code, count, 1 + 5000 * i))
        registrar.set_input_files("#v-file", str(path))
        _submit(registrar, f"form[action='/commission/e/{ELECTION}/voters/import']")
        expect(registrar.locator("#imported")).to_be_visible()
    expect(registrar.locator("main")).to_contain_text("40")
    shot(registrar, "voters")

    # 6. Nomination: two party nominees; registration decided; the campaign begins.
    _advance(c, chair, "nomination", shot)
    chair.goto(c.url(f"/commission/e/{ELECTION}/candidates"))
    for cid, name, party in (
        ("c-aliyev", "Әлиев Серік", "Amanat"),
        ("c-bekova", "Бекова Сәуле", "Respublica"),
    ):
        chair.fill("#n-id", cid)
        chair.fill("#n-name", name)
        chair.fill("#n-birth", "1980-04-02")
        chair.fill("#n-partyname", party)
        _submit(chair, f"form[action='/commission/e/{ELECTION}/candidates']")
        _done(chair)
    shot(chair, "candidates-nominated")
    c.clock.set("2027-08-24 18:01")
    for cid in ("c-aliyev", "c-bekova"):
        chair.goto(c.url(f"/commission/e/{ELECTION}/candidates"))
        _submit(chair, f"form[action='/commission/e/{ELECTION}/candidates/{cid}/decide']")
        _done(chair)
    shot(chair, "candidates-registered")
    _advance(c, chair, "campaign", shot)

    # 7. E-voting: three trustees, threshold 2.
    chair.goto(c.url(f"/commission/e/{ELECTION}/evoting"))
    chair.check("#mode-polling-station")
    chair.fill("#threshold", "2")
    shot(chair, "evoting-setup")
    _submit(chair, f"form[action='/commission/e/{ELECTION}/evoting']")
    _done(chair)
    shot(chair, "ceremony-start")

    # 8. The ceremony: each trustee uploads what their offline laptop wrote.
    fingerprint = bytes.fromhex(_fingerprint(c))
    offline = Trustees(fingerprint, 3, 2, ["T1", "T2", "T3"], c.ctx.rng)
    trustees = {}
    for j in (1, 2, 3):
        trustees[j] = people.page()
        _sign_in(c, trustees[j], f"trustee{j}", secrets[f"trustee{j}"], shot, "")
    for step, make in (
        ("setup", offline.setup_file),
        ("dealing", offline.dealing_file),
        ("response", offline.response_file),
    ):
        for j, page in trustees.items():
            page.goto(c.url(f"/commission/e/{ELECTION}/ceremony"))
            path = c.tmp / f"{step}-{j}.json"
            path.write_bytes(make(j))
            page.select_option("#kind", step)
            page.set_input_files("#file", str(path))
            _submit(page, f"form[action='/commission/e/{ELECTION}/ceremony/upload']")
            _done(page)
        shot(trustees[1], f"ceremony-{step}")
    chair.goto(c.url(f"/commission/e/{ELECTION}/ceremony"))
    shot(chair, "ceremony-finalize")
    _submit(chair, f"form[action='/commission/e/{ELECTION}/ceremony/finalize']")
    _done(chair)
    expect(chair.locator("#ceremony-step")).to_be_visible()
    shot(chair, "ceremony-done")

    # 9. Credentials: the registrar prints the sheets of each precinct.
    codes: dict[str, list[str]] = {}
    registrar.goto(c.url(f"/commission/e/{ELECTION}/credentials"))
    shot(registrar, "credentials")
    for precinct in ("P-101", "P-102"):
        registrar.goto(c.url(f"/commission/e/{ELECTION}/credentials"))
        with registrar.expect_download() as download:
            _submit(registrar, f"form[action='/commission/e/{ELECTION}/credentials/{precinct}']")
        pdf = Path(download.value.path()).read_bytes()
        text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
        codes[precinct] = CODE.findall(text)
    assert (len(codes["P-101"]), len(codes["P-102"])) == (24, 16)
    registrar.goto(c.url(f"/commission/e/{ELECTION}/credentials"))
    shot(registrar, "credentials-issued")

    # 10. Polling day: voting opens, voters vote (their booths, simulated), voting closes.
    _advance(c, chair, "polling", shot)
    chair.goto(c.url(f"/commission/e/{ELECTION}/evoting"))
    _confirm(chair, f"form[action='/commission/e/{ELECTION}/voting/open']", shot, "open")
    _done(chair)
    shot(chair, "voting-open")
    _vote(c, codes["P-101"][:12], "c-aliyev")
    _vote(c, codes["P-102"][:5], "c-bekova")
    _advance(c, chair, "counting", shot)
    chair.goto(c.url(f"/commission/e/{ELECTION}/evoting"))
    _confirm(chair, f"form[action='/commission/e/{ELECTION}/voting/close']", shot, "close")
    _done(chair)
    shot(chair, "voting-closed")

    # 11. The paper protocols, with their arithmetic checked (a wrong one is refused first).
    chair.goto(c.url(f"/commission/e/{ELECTION}/protocols"))
    figures = {
        "P-101": (24, 10, 6, 4, 0, 6, 1, 0, {"c-aliyev": 3, "c-bekova": 2}),
        "P-102": (16, 10, 5, 5, 1, 4, 0, 1, {"c-aliyev": 2, "c-bekova": 1}),
    }
    names = PROTOCOL_FIGURES
    for precinct, values in figures.items():
        for attempt in ("wrong", "right"):
            chair.goto(c.url(f"/commission/e/{ELECTION}/protocols"))
            for name, value in zip(names, values[:8], strict=True):
                bad = attempt == "wrong" and name == "ballots_unused"
                chair.fill(f"#f-{precinct}-{name}", str(value + 1 if bad else value))
            for cid, n in values[8].items():
                chair.fill(f"#v-{precinct}-{cid}", str(n))
            _submit(chair, f"section[aria-labelledby='h-{precinct}'] form")
            if attempt == "wrong":
                expect(chair.locator("section.problem")).to_be_visible()
                shot(chair, f"protocol-refused-{precinct}")
            else:
                _done(chair)
    shot(chair, "protocols")

    # 12. The tally; trustees 1 and 3 decrypt (trustee 2 is away); the chair publishes.
    chair.goto(c.url(f"/commission/e/{ELECTION}/tally"))
    _submit(chair, f"form[action='/commission/e/{ELECTION}/tally']")
    _done(chair)
    shot(chair, "tally")
    result = progress(c.ctx, ELECTION).result
    assert result is not None
    tally = c.ctx.with_election(ELECTION, lambda svc: svc.sync().tally)
    for j in (1, 3):
        page = trustees[j]
        page.goto(c.url(f"/commission/e/{ELECTION}/tally"))
        path = c.tmp / f"decryption-{j}.json"
        path.write_bytes(offline.share_file(j, result, tally))
        page.set_input_files("#share", str(path))
        _submit(page, f"form[action='/commission/e/{ELECTION}/tally/share']")
        _done(page)
        shot(page, f"share-{j}")
    chair.goto(c.url(f"/commission/e/{ELECTION}/tally"))
    _confirm(chair, f"form[action='/commission/e/{ELECTION}/results']", shot, "publish")
    _done(chair)
    expect(chair.locator(".outcome-status")).to_contain_text("Әлиев Серік")
    shot(chair, "results")

    # 13. The official protocol in Kazakh and Russian.
    for lang, title in (
        ("kk", "Сайлау қорытындылары туралы хаттама"),
        ("ru", "Протокол об итогах выборов"),
    ):
        response = chair.request.get(c.url(f"/commission/e/{ELECTION}/protocol-{lang}.pdf"))
        assert response.status == 200
        reader = pypdf.PdfReader(io.BytesIO(response.body()))
        text = "\n".join(p.extract_text() for p in reader.pages)
        assert title in text and "Әлиев Серік" in text

    # 14. The winner is registered; the public results page shows the outcome.
    _advance_to_winner(c, chair, shot)
    chair.goto(c.url(f"/e/{ELECTION}/results?lang=ru"))
    shot(chair, "public-results")


def _fingerprint(c: Console) -> str:
    return c.ctx.with_election(ELECTION, lambda svc: svc.sync().fingerprint.hex())


def _vote(c: Console, codes: list[str], candidate: str) -> None:
    def cast(svc: Any) -> None:
        st = svc.sync()
        m, key = st.require_manifest(), st.require_key()
        choices = [int(o.id == candidate) for o in m.options]
        for code in codes:
            ballot, _ = create_ballot(
                m.fingerprint, key, m.rule, choices, derive(m.fingerprint, code), c.ctx.rng
            )
            svc.cast(ballot.to_dict())

    c.ctx.with_election(ELECTION, cast)


def _advance_to_winner(c: Console, chair: Page, shot: Callable[[Page, str], Path]) -> None:
    chair.goto(c.url(f"/commission/e/{ELECTION}"))
    _submit(chair, f"form[action='/commission/e/{ELECTION}/winner']")
    _done(chair)
    shot(chair, "winner-registered")
