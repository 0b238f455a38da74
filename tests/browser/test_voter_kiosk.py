"""A polling-station kiosk: two voters in a row with one-time codes; the booth resets between
them (by its countdown, or at once with "next voter"), and a booth left half-used resets too."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect

from tandau.i18n import gettext


def _vote(page: Page, code: str, option: int) -> str:
    expect(page.locator("#step-code")).to_be_visible()
    expect(page.locator("#code")).to_have_value("")
    expect(page.locator("#code")).to_be_focused()  # the kiosk is ready to type into
    page.locator("#code").fill(code)
    page.locator("#code").press("Enter")
    page.locator(f"label[for=choice-{option}]").click()
    page.locator("#choice-form button[type=submit]").click()
    page.locator("#cast").click()
    expect(page.locator("#step-done")).to_be_visible()
    return page.locator("#done-tracking").inner_text()


def test_a_kiosk_session_with_two_voters_in_a_row(voter_server, page, shot) -> None:
    s = voter_server.station
    lang = "kk"
    voter_server.enrol(page)
    page.goto(voter_server.url(f"/e/{s.election}/kiosk?lang={lang}&reset=2"))
    expect(page.locator("h1")).to_have_text(gettext(lang, "Polling-station booth"))
    expect(page.locator(".pilot")).to_have_count(0)  # polling-station voting is no pilot
    shot(page, "1-ready")

    first = _vote(page, s.codes[0], 0)
    expect(page.locator("#download-receipt")).to_have_count(0)  # nothing to download here
    expect(page.locator("#kiosk-countdown")).to_contain_text("с")
    shot(page, "2-first-cast")
    # The countdown reloads the booth: step 1, an empty form, nothing of the first voter.
    expect(page.locator("#step-code")).to_be_visible(timeout=10_000)
    expect(page.locator("#done-tracking")).to_have_text("")
    assert first not in page.content()
    shot(page, "3-reset")

    second = _vote(page, s.codes[1], 2)
    assert second != first
    page.locator("#next-voter").click()  # the voter finishes at once
    expect(page.locator("#step-code")).to_be_visible()
    expect(page.locator("#code")).to_have_value("")
    assert second not in page.content()
    shot(page, "4-next-voter")

    for voter in (0, 1):
        status = httpx.get(
            voter_server.url(
                f"/api/elections/{s.election}/credentials/{s.credentials[voter].public.hex()}"
            )
        ).json()
        assert status["voted"] is True
    for code in (first, second):
        tracked = httpx.get(voter_server.url(f"/api/elections/{s.election}/track/{code}"))
        assert tracked.json()["status"] == "counted"


def test_a_kiosk_left_half_used_resets_itself(voter_server, page, shot) -> None:
    s = voter_server.station
    voter_server.enrol(page)
    page.goto(voter_server.url(f"/e/{s.election}/kiosk?lang=ru&idle=5"))
    page.locator("#code").fill(s.codes[2])
    page.locator("#code").press("Enter")
    expect(page.locator("#step-choose")).to_be_visible()
    shot(page, "1-walked-away")
    # Nobody touches the booth: it reloads to an empty step 1, the code gone.
    expect(page.locator("#step-code")).to_be_visible(timeout=15_000)
    expect(page.locator("#code")).to_have_value("")
    expect(page.locator("#step-choose")).to_be_hidden()
    shot(page, "2-reset")
