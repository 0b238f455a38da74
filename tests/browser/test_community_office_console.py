"""The akim's office's secretary runs a meeting on a tablet (768×1024, Chromium).

Sign-in with password and TOTP, the office's communities from the dashboard's link,
convening (a notice period too short is refused and explained), registering
attendance, an open vote by name, the code slips of a secret vote whose key the
server holds (a PDF download), the akim's response, closing and signing the minutes —
each irreversible step on its confirmation page.  No page scrolls sideways.
Screenshots: test-artifacts/screenshots/.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from admin_builders import TEC
from community_world import EXAMPLE, PEOPLE, world
from console_world import PASSWORD
from engine_steps import run_cli
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tandau.admin.demo_data import DEMO_TEC_UNIT, DEMO_UNITS_CSV
from tandau.community.service import CommunityService
from tandau.schema import SqlCommunityStore
from tandau.settings import Settings
from tandau.storage import make_engine
from tandau.web.accounts import create_account
from tandau.web.context import WebContext

TABLET = {"width": 768, "height": 1024}


@pytest.fixture
def office(
    tmp_path: Path, live_server: Callable[[Settings], Any]
) -> Iterator[tuple[str, str, Settings]]:
    settings = Settings.from_env(
        {}, database_url=f"sqlite:///{tmp_path / 'o.sqlite3'}", data_dir=tmp_path / "data"
    )
    ctx = WebContext.build(settings)
    admin = ctx.administration()
    admin.units.import_csv(DEMO_UNITS_CSV)
    admin.commissions.create(id=TEC, kind="territorial", unit=DEMO_TEC_UNIT, name="Ақжар")
    secretary = create_account(
        ctx.engine, ctx.settings, ctx.clock, ctx.rng, commission=TEC, username="dana",
        name="Дана Секеева", role="secretary", password=PASSWORD,
    )  # fmt: skip
    rules = copy.deepcopy(EXAMPLE)
    rules["parameters"]["meeting"]["notice_days"] |= {"value": 7, "confidence": "C"}
    world(SqlCommunityStore(ctx.engine), rules, commission=TEC)
    ctx.close()
    with live_server(settings) as live:
        yield live.base_url, secretary.totp_secret, settings


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]


def _secret_question(settings: Settings, tmp_path: Path) -> None:
    key = tmp_path / "commission.key"
    run_cli("admin", "keygen", "--out", key)
    question = {"community": "akdala", "session": "m2", "item": 2, "threshold": 2}
    question |= {"trustees": ["T1", "T2", "T3"]}
    question |= {"question": {"kk": "Көше жарығы?", "ru": "Уличное освещение?", "en": "Lights?"}}
    run_cli("community", "secret-create", "--db", settings.database_url, "--key", key,
            "--server-data-dir", settings.data_dir, stdin=question)  # fmt: skip


def test_the_secretary_runs_a_meeting_on_a_tablet(
    browser: Browser,
    office: tuple[str, str, Settings],
    shot: Callable[[Page, str], object],
    tmp_path: Path,
) -> None:
    base, secret, settings = office
    context = browser.new_context(viewport=TABLET, has_touch=True, locale="ru-RU")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(f"{base}/commission/login?lang=ru")
        page.fill("#username", "dana")
        page.fill("#password", PASSWORD)
        page.fill("#code", pyotp.TOTP(secret).now())
        page.locator("form button[type=submit]").click()
        page.wait_for_url(f"{base}/commission")
        page.goto(f"{base}/commission?lang=ru")
        page.get_by_role("link", name="Местные сообщества").click()
        expect(page.get_by_role("heading", name="Местные сообщества")).to_be_visible()
        page.get_by_role("link", name="Акдала").click()
        page.fill("#s-id", "m2")
        page.fill("#s-day", "2026-03-10")
        page.fill("#s-place", "Клуб Акдалы")
        page.fill("#s-agenda", "Бюджет на 2026 год\nУличное освещение")
        page.fill("#s-convened", "2026-03-08")
        page.get_by_role("button", name="Созвать").click()
        expect(page.get_by_role("alert")).to_contain_text("не менее чем за 7 дней")
        expect(page.get_by_role("alert")).to_contain_text("Ничего не изменено")
        assert page.input_value("#s-place") == "Клуб Акдалы"  # what was typed stays
        _fits(page)
        shot(page, "notice-too-short")
        page.fill("#s-convened", "2026-03-01")
        page.get_by_role("button", name="Созвать").click()
        expect(page.get_by_role("status")).to_contain_text("Заседание созвано.")
        for person in PEOPLE[:6]:
            page.locator(f"#present-{person}").check()
        page.locator("#remote-r7").check()
        _fits(page)
        shot(page, "attendance")
        page.get_by_role("button", name="Зарегистрировать и открыть заседание").click()
        expect(page.locator("#session-status")).to_have_text("открыто")
        page.fill("#v-proposal", "Утвердить проект бюджета")
        for person in PEOPLE[:5]:
            page.select_option(f"#ballot-{person}", "for")
        page.select_option("#ballot-r6", "against")
        page.get_by_role("button", name="Записать голосование").click()
        expect(page.locator("#vote-1")).to_contain_text("Принято")
        expect(page.locator("#vote-1")).to_contain_text("r6")
        _secret_question(settings, tmp_path)  # item 2, its key in the server's key ring
        page.reload()
        with page.expect_download() as download:
            page.locator("#codes-2 button").click()
        slips = PdfReader(download.value.path())
        assert len(slips.pages) == 6 and "Уличное освещение?" in slips.pages[0].extract_text()
        expect(page.locator("#codes-2")).to_be_visible()
        page.get_by_label("Передано вышестоящему акиму и маслихату").check()
        page.fill("#r-text", "Направлено в маслихат района.")
        page.get_by_role("button", name="Записать ответ").click()
        expect(page.locator("#vote-1")).to_contain_text("Направлено в маслихат района.")
        shot(page, "voted")
        page.get_by_role("button", name="Закрыть заседание").click()
        expect(page.get_by_role("heading", name="Закрыть это заседание?")).to_be_visible()
        _fits(page)
        page.get_by_role("button", name="Да, подтверждаю").click()
        expect(page.locator("#session-status")).to_have_text("закрыто")
        page.fill("#m-chair", "Айгуль Бекова")
        page.fill("#m-secretary", "Дана Секеева")
        page.get_by_role("button", name="Подписать", exact=True).click()
        expect(page.get_by_role("heading", name="Подписать протокол?")).to_be_visible()
        shot(page, "confirm-signing")
        page.get_by_role("button", name="Да, подтверждаю").click()
        expect(page.get_by_role("status")).to_contain_text("Протокол подписан.")
        expect(page.locator("#minutes-m2\\.1")).to_be_visible()
        _fits(page)
        shot(page, "signed")
    finally:
        context.close()
    engine = make_engine(settings.database_url)
    snap = CommunityService(SqlCommunityStore(engine)).snapshot("akdala")
    engine.dispose()
    [m] = snap["minutes"]
    assert m["session"] == "m2" and [s["name"] for s in m["signers"]][1] == "Дана Секеева"
    assert snap["sessions"][0]["responses"][0]["kind"] == "escalated"
