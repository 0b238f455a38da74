"""Steps a voter takes in the browser booth, shared by the Playwright booth tests."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def encrypt_again_and_cast(page: Page, spoiled: str) -> str:
    """After a Benaloh audit the booth has forgotten the opened ballot: encrypting again
    makes a new ballot (a tracking code other than ``spoiled``), which is cast; its code."""
    page.locator("#encrypt-again").click()
    expect(page.locator("#step-choose")).to_be_visible()
    page.locator("#choice-form button[type=submit]").click()
    expect(page.locator("#step-review")).to_be_visible()
    fresh = page.locator("#review-tracking").inner_text()
    assert fresh != spoiled
    page.locator("#cast").click()
    expect(page.locator("#done-tracking")).to_have_text(fresh)
    return fresh
