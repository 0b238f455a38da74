"""Keyboard-only voting (Tab, arrows, Space, Enter), visible focus, and large touch targets."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def _focused_id(page: Page) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def _tab_to(page: Page, element_id: str, limit: int = 30) -> None:
    for _ in range(limit):
        if _focused_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}; stuck at #{_focused_id(page)}")


def _outline(page: Page) -> str:
    return str(page.evaluate("getComputedStyle(document.activeElement).outlineStyle"))


def test_a_voter_votes_with_the_keyboard_alone(voter_server, page, shot) -> None:
    s = voter_server.open_booth(page, "en")
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()  # the first stop skips the menus
    page.keyboard.press("Enter")
    _tab_to(page, "code")
    assert _outline(page) == "solid"  # focus is visible
    page.keyboard.type(s.codes[6])
    page.keyboard.press("Enter")
    expect(page.locator("#step-choose-h")).to_be_focused()  # focus follows the step
    page.keyboard.press("Tab")
    expect(page.locator("#choice-0")).to_be_focused()
    page.keyboard.press("ArrowDown")  # arrows move within the radio group
    page.keyboard.press("ArrowDown")
    expect(page.locator("#choice-2")).to_be_checked()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    expect(page.locator("#choice-1")).to_be_checked()
    shot(page, "1-choice")
    page.keyboard.press("Tab")
    expect(page.locator("#choice-form button[type=submit]")).to_be_focused()
    assert _outline(page) == "solid"
    page.keyboard.press("Enter")
    expect(page.locator("#step-review-h")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#cast")).to_be_focused()
    shot(page, "2-review")
    page.keyboard.press("Enter")
    expect(page.locator("#step-done")).to_be_visible()
    expect(page.locator("#step-done-h")).to_be_focused()
    expect(page.locator("#review-choice")).to_have_text(s.manifest.options[1].name["en"])
    shot(page, "3-cast")


def test_the_booth_controls_are_large_enough_to_touch(voter_server, page) -> None:
    s = voter_server.open_booth(page, "ru")
    visible = "#booth button:visible, #booth .choice:visible, #booth input[type=text]:visible"
    seen = 0
    for step in range(2):
        controls = page.locator(visible)
        seen += controls.count()
        for i in range(controls.count()):
            box = controls.nth(i).bounding_box()
            assert box is not None and box["height"] >= 44 and box["width"] >= 44, (step, i, box)
        if step == 0:
            page.locator("#code").fill(s.codes[7])
            page.locator("#code-form button[type=submit]").click()
            expect(page.locator("#step-choose")).to_be_visible()
    assert seen >= 8  # code field, continue; four choices, encrypt, another code
