"""On a 360 px phone the header's links fold into one menu (no JavaScript: <details>), so the
first screen shows the page's own content; on a tablet or wider they stay in the header."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tandau.i18n import gettext


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_header_folds_into_one_menu_on_a_phone(voter_server, browser, lang) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    try:
        done = voter_server.done
        page.goto(voter_server.url(f"/e/{done.election}/results?lang={lang}"))
        header = page.locator("header.top")
        verify_link = header.get_by_role("link", name=gettext(lang, "How to verify"))
        menu = header.locator("summary")
        expect(menu).to_have_text(gettext(lang, "Menu"))
        expect(menu).to_be_visible()
        expect(verify_link).to_have_count(0)  # folded away: not visible, not in the a11y tree
        header_box = header.bounding_box()
        h1_box = page.locator("main h1").bounding_box()
        assert header_box is not None and h1_box is not None
        assert header_box["height"] <= 90, header_box  # one line: brand and menu
        assert h1_box["y"] + h1_box["height"] <= 640, h1_box  # the page's title on the first screen
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        menu.click()  # <details> opens without JavaScript
        expect(verify_link).to_be_visible()
        expect(header.get_by_role("link", name="Русский")).to_be_visible()
        page.screenshot(path=f"test-artifacts/screenshots/phone-menu-{lang}.png")
    finally:
        context.close()


def test_a_tablet_keeps_the_links_in_the_header(voter_server, browser) -> None:
    context = browser.new_context(viewport={"width": 768, "height": 1024})
    page = context.new_page()
    try:
        page.goto(voter_server.url("/?lang=ru"))
        header = page.locator("header.top")
        expect(header.get_by_role("link", name=gettext("ru", "How to verify"))).to_be_visible()
        expect(header.locator("summary")).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("where", ["", "/vote", "/track", "/board", "/results"])
def test_the_election_pages_show_their_heading_on_a_phone(
    voter_server, browser, lang, where
) -> None:
    """The election's own links lie in one sideways-scrolling row, not stacked above the page."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    try:
        election = voter_server.done.election
        page.goto(voter_server.url(f"/e/{election}{where}?lang={lang}"))
        nav = page.locator("nav.election-nav")
        expect(nav).to_be_visible()
        nav_box = nav.bounding_box()
        h1_box = page.locator("main h1").first.bounding_box()
        assert nav_box is not None and h1_box is not None
        assert nav_box["height"] <= 50, nav_box  # one row of 44 px targets
        assert h1_box["y"] + h1_box["height"] <= 640, h1_box
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
