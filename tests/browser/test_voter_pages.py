"""Every voter and public page in Chromium: it renders, runs no inline code, says what it must,
and is screenshotted (test-artifacts/screenshots/) for review."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tandau.i18n import gettext


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_public_page_renders_in_each_language(voter_server, page, shot, lang) -> None:
    pilot, station, done = voter_server.pilot, voter_server.station, voter_server.done
    voter_server.enrol(page)  # the kiosk page is served only to an enrolled kiosk
    pages = [
        ("home", "/", gettext(lang, "Elections")),
        ("overview", f"/e/{done.election}", gettext(lang, "The results are published.")),
        ("vote-pilot", f"/e/{pilot.election}/vote", gettext(lang, "1. Your credential code")),
        ("vote-station", f"/e/{station.election}/vote", gettext(lang, "Check a tracking code")),
        ("kiosk", f"/e/{station.election}/kiosk", gettext(lang, "Polling-station booth")),
        ("check", f"/e/{pilot.election}/check", gettext(lang, "Check an audited ballot")),
        ("track", f"/e/{done.election}/track", gettext(lang, "Tracking code")),
        ("board", f"/e/{done.election}/board", gettext(lang, "Latest signed head")),
        ("results", f"/e/{done.election}/results", gettext(lang, "Votes per option")),
        (
            "results-unpublished",
            f"/e/{pilot.election}/results",
            gettext(lang, "The results of this election are not published yet."),
        ),
        ("verify", "/verify", gettext(lang, "How to verify an election")),
        ("not-found", "/e/no-such-election/board", gettext(lang, "There is no such election.")),
    ]
    for name, path, text in pages:
        sep = "&" if "?" in path else "?"
        response = page.goto(voter_server.url(f"{path}{sep}lang={lang}"))
        assert response is not None
        assert response.status == (404 if name == "not-found" else 200), name
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("main")).to_contain_text(text)
        if path.startswith(f"/e/{pilot.election}") or path.startswith(f"/e/{done.election}"):
            expect(page.locator(".pilot")).to_be_visible()  # the pilot label on every page
        shot(page, name)


def test_the_results_page_shows_the_charts(voter_server, page, shot) -> None:
    done = voter_server.done
    page.goto(voter_server.url(f"/e/{done.election}/results?lang=ru"))
    for chart in ("chart-votes", "chart-e-paper", "chart-turnout"):
        svg = page.locator(f"svg#{chart}")
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 50
    # Styled by the stylesheet (CSP forbids inline style): bars are coloured, not black.
    fill = page.evaluate(
        "getComputedStyle(document.querySelector('svg#chart-votes rect.bar')).fill"
    )
    assert fill == "rgb(0, 82, 155)"
    expect(page.locator("#outcome")).to_contain_text(done.manifest.options[0].name["ru"])
    shot(page, "charts")


def test_the_board_browser_and_a_consistency_check(voter_server, page, shot) -> None:
    done = voter_server.done
    page.goto(voter_server.url(f"/e/{done.election}/board?lang=en&limit=10"))
    expect(page.locator("#entries tbody tr")).to_have_count(10)
    page.locator("a[rel=next]").click()
    expect(page.locator("#entries tbody tr").first).to_contain_text("10")
    page.locator("#first").fill("5")
    page.locator("#second").fill("15")
    page.locator(".consistency-form button[type=submit]").click()
    expect(page.locator("#consistency-result")).to_contain_text(
        "Consistent: the board of 5 entries is the beginning of the board of 15 entries."
    )
    shot(page, "consistency")


def test_a_receipt_file_is_checked_on_the_track_page(voter_server, page, shot, tmp_path) -> None:
    s = voter_server.open_booth(page, "en")
    page.locator("#code").fill(s.codes[8])
    page.locator("#code").press("Enter")
    page.locator("label[for=choice-3]").click()
    page.locator("#choice-form button[type=submit]").click()
    page.locator("#cast").click()
    expect(page.locator("#step-done")).to_be_visible()
    with page.expect_download() as download:
        page.locator("#download-receipt").click()
    receipt = tmp_path / "receipt.json"
    download.value.save_as(receipt)
    page.goto(voter_server.url(f"/e/{s.election}/track?lang=en"))
    page.locator("#receipt-file").set_input_files(str(receipt))
    expect(page.locator("#track-status")).to_have_text(
        "Your receipt matches the board: same position and same ballot hash."
    )
    expect(page.locator("#found-code")).to_have_text(page.locator("#tracking-code").input_value())
    shot(page, "receipt-matches")
