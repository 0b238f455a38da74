"""A meeting member votes on a phone-sized screen (Chromium): code, item, choice, recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from community_world import member_codes
from playwright.sync_api import Browser, Page, expect

from tandau.schema import SqlCommunityStore
from tandau.settings import Settings
from tandau.storage import make_engine
from tandau.web.community_demo import seed_community
from tandau.web.context import WebContext

PHONE = {"width": 375, "height": 667}


@pytest.fixture(scope="module")
def community_server(
    tmp_path_factory: pytest.TempPathFactory, live_server: Callable[[Settings], Any]
) -> Iterator[tuple[str, dict[str, str]]]:
    tmp = tmp_path_factory.mktemp("community-browser")
    settings = Settings.from_env({}, database_url=f"sqlite:///{tmp / 'c.sqlite3'}", data_dir=tmp)
    ctx = WebContext.build(settings)
    seed_community(ctx, today=date(2026, 12, 4))
    ctx.close()
    engine = make_engine(settings.database_url)
    codes = member_codes(SqlCommunityStore(engine))
    engine.dispose()
    with live_server(settings) as live:
        yield live.base_url, codes


def test_a_member_votes_on_a_phone(
    browser: Browser,
    community_server: tuple[str, dict[str, str]],
    shot: Callable[[Page, str], object],
) -> None:
    base, codes = community_server
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="kk-KZ")
    page = context.new_page()
    try:
        page.goto(f"{base}/c/aksu/s/m2/vote?lang=kk")
        expect(page.get_by_role("heading", name="Жиналыста дауыс беру")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.get_by_label("Дауыс беру кодыңыз").fill(codes["resident-02"])
        page.get_by_label("Жақтап").check()
        shot(page, "form")
        page.locator("#cast").tap()
        expect(page.locator("#vote-done")).to_contain_text("resident-02")
        expect(page.locator("#vote-done")).to_contain_text("Жақтап")
        page.get_by_label("Дауыс беру кодыңыз").fill(codes["resident-02"])
        page.get_by_label("Қарсы").check()
        page.locator("#cast").tap()
        expect(page.locator("#vote-problem")).to_contain_text("1")
        shot(page, "twice")
    finally:
        context.close()
