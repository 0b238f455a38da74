"""WCAG 2.1 AA, checked by axe-core in real Chromium on every voter-facing page.

axe-core comes from the npm registry (installed by ``make``); it is injected
into a context that bypasses the page's CSP, since the pages themselves allow
no inline script.  Each page is checked in all three languages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def audited_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 412, "height": 915}, bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _violations(page: Page) -> list[dict[str, object]]:
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))",
        WCAG_AA,
    )
    assert isinstance(result, list)
    return result


def test_axe_core_is_installed() -> None:
    assert AXE.is_file(), "make installs axe-core from the npm registry"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/verify",
        "/e/{pilot}/vote",
        "/e/{station}/kiosk",
        "/e/{station}/kiosk/enrol",
        "/e/{pilot}/track",
        "/e/{pilot}/check",
        "/e/{done}/results",
        "/e/{done}/board",
    ],
)
def test_page_meets_wcag_21_aa(voter_server: Any, audited_page: Page, path: str, lang: str) -> None:
    url = path.format(
        pilot=voter_server.pilot.election,
        station=voter_server.station.election,
        done=voter_server.done.election,
    )
    if url.endswith("/kiosk"):
        voter_server.enrol(audited_page)  # served only to an enrolled kiosk
    audited_page.goto(voter_server.url(f"{url}?lang={lang}"))
    audited_page.wait_for_load_state("networkidle")
    violations = _violations(audited_page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_the_booth_choice_step_meets_wcag_21_aa(voter_server: Any, audited_page: Page) -> None:
    audited_page.goto(voter_server.url(f"/e/{voter_server.pilot.election}/vote?lang=kk"))
    audited_page.locator("#code").fill(voter_server.pilot.codes[-1])
    audited_page.keyboard.press("Enter")
    audited_page.get_by_role("radio").first.wait_for()
    violations = _violations(audited_page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
