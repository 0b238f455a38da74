"""A voter in Chromium: votes in kk, ru and en; audits, checks the audit, casts; tracks the code.

The browser encrypts (static/booth/booth.js); the server verifies the ballot
in Python before it is stored, so every cast here is also a cross-language
check of the ballot format.
"""

from __future__ import annotations

import json

import httpx
import pytest
from booth_steps import encrypt_again_and_cast
from playwright.sync_api import Page, expect
from typer.testing import CliRunner

from tandau.cli.main import app as cli
from tandau.i18n import gettext

ALREADY_VOTED = (
    "You have already voted with this code. If you cast this ballot, it replaces the "
    "earlier one: only your last ballot counts."
)


TYPO = (
    "This is not a valid credential code. Check every symbol against your credential "
    "sheet: 21 symbols, letters and digits."
)


NOT_LISTED = (
    "This code is not on the list of this election. Check it against your credential sheet."
)


def _t(lang: str, msgid: str) -> str:
    return gettext(lang, msgid)


def _refused_back_to_the_code(page: Page, message: str) -> None:
    """The booth shows ``message`` and asks for the code again."""
    expect(page.locator("#booth-error")).to_have_text(message)
    expect(page.locator("#step-code")).to_be_visible()


def _enter_code(page: Page, code: str) -> None:
    page.locator("#code").fill(code)
    page.locator("#code-form button[type=submit]").click()
    expect(page.locator("#step-choose")).to_be_visible()


def _choose_and_encrypt(page: Page, option_index: int) -> None:
    page.locator(f"label[for=choice-{option_index}]").click()
    page.locator("#choice-form button[type=submit]").click()
    expect(page.locator("#step-review")).to_be_visible()


@pytest.mark.parametrize(("lang", "voter", "option"), [("kk", 0, 0), ("ru", 1, 1), ("en", 2, 3)])
def test_a_voter_votes_in_each_language(voter_server, page, shot, lang, voter, option) -> None:
    s = voter_server.open_booth(page, lang)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator(".pilot")).to_contain_text(_t(lang, "Pilot"))
    expect(page.locator("#step-code-h")).to_have_text(_t(lang, "1. Your credential code"))
    expect(page.get_by_role("textbox", name=_t(lang, "Credential code"))).to_be_visible()
    shot(page, "1-code")
    _enter_code(page, s.codes[voter].lower().replace("-", " "))  # as a voter might type it
    names = [o.name[lang] for o in s.manifest.options]
    for name in names:
        expect(page.locator("#choice-form")).to_contain_text(name)
    expect(page.locator("#choice-form")).to_contain_text(_t(lang, "self-nominated"))
    shot(page, "2-choose")
    _choose_and_encrypt(page, option)
    expect(page.locator("#review-choice")).to_have_text(names[option])
    expect(page.locator("#review-credential")).to_have_text(
        _t(lang, "This code has not voted yet.")
    )
    shot(page, "3-review")
    tracking = page.locator("#review-tracking").inner_text()
    page.locator("#cast").click()
    expect(page.locator("#step-done")).to_be_visible()
    expect(page.locator("#done-tracking")).to_have_text(tracking)
    expect(page.locator("#booth-status")).to_have_text(
        _t(lang, "Your ballot is cast and recorded on the bulletin board.")
    )
    expect(page.locator("#done-revote")).to_be_hidden()
    shot(page, "4-cast")
    # The receipt downloads as a file, and it matches the board.
    with page.expect_download() as download:
        page.locator("#download-receipt").click()
    receipt = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert receipt["tracking_code"] == tracking
    assert receipt["election"] == s.election
    tracked = httpx.get(voter_server.url(f"/api/elections/{s.election}/track/{tracking}")).json()
    assert tracked["seq"] == receipt["seq"] and tracked["status"] == "counted"
    assert tracked["entry"]["payload"]["ballot"]["credential"] == s.credentials[voter].public.hex()


def test_a_voter_audits_checks_the_audit_then_casts_and_tracks(
    voter_server, page, shot, tmp_path
) -> None:
    lang = "en"
    s = voter_server.open_booth(page, lang)
    _enter_code(page, s.codes[3])
    _choose_and_encrypt(page, 1)
    spoiled = page.locator("#review-tracking").inner_text()
    page.locator("#audit").click()
    expect(page.locator("#step-audit")).to_be_visible()
    expect(page.locator("#audit-choice")).to_have_text(s.manifest.options[1].name[lang])
    audit_text = page.locator("#audit-json").input_value()
    audit = json.loads(audit_text)
    assert audit["tracking_code"] == spoiled
    assert audit["opening"]["choices"] == [0, 1, 0, 0]
    secret = s.codes[3]
    assert secret not in audit_text and secret.replace("-", "") not in audit_text
    shot(page, "1-audit")
    # The two downloads are what `tandau voter audit` reads: it confirms the encryption too.
    with page.expect_download() as got_audit:
        page.locator("#download-audit").click()
    with page.expect_download() as got_ballot:
        page.locator("#download-ballot").click()
    opening_file = tmp_path / "audit.json"
    ballot_file = tmp_path / "ballot.json"
    got_audit.value.save_as(opening_file)
    got_ballot.value.save_as(ballot_file)
    result = CliRunner().invoke(
        cli,
        ["voter", "audit", str(ballot_file), "--opening", str(opening_file),
         "--db", s.database_url, "--election", s.election],
    )  # fmt: skip
    assert result.exit_code == 0, result.output

    # The independent check page, in a second tab: browser and server confirm.
    check = page.context.new_page()
    check.goto(voter_server.url(f"/e/{s.election}/check?lang={lang}"))
    check.locator("#audit-input").fill(audit_text)
    check.locator("#check-form button[type=submit]").click()
    expect(check.locator("#check-browser")).to_have_class("note")
    expect(check.locator("#check-browser")).to_contain_text(s.manifest.options[1].name[lang])
    expect(check.locator("#check-server")).to_have_class("note")
    expect(check.locator("#check-cast")).to_have_text(
        _t(lang, "As it must be, this ballot is not on the board.")
    )
    shot(check, "2-check-confirmed")
    # A tampered opening is caught by both.
    tampered = dict(audit, opening={**audit["opening"], "choices": [1, 0, 0, 0]})
    check.locator("#audit-input").fill(json.dumps(tampered))
    check.locator("#check-form button[type=submit]").click()
    expect(check.locator("#check-browser")).to_have_class("problem")
    expect(check.locator("#check-server")).to_have_class("problem")
    shot(check, "3-check-tampered")
    check.close()

    # Back in the booth: encrypt again (a new ballot) and cast it.
    fresh = encrypt_again_and_cast(page, spoiled)
    shot(page, "4-cast")
    assert (
        httpx.get(voter_server.url(f"/api/elections/{s.election}/track/{spoiled}")).status_code
        == 404
    )

    # The tracking page finds the ballot and shows the checked inclusion proof.
    page.locator("#track-link").click()
    expect(page.locator("#found-code")).to_have_text(fresh)
    expect(page.locator("#track-status-text")).to_have_text(
        _t(lang, "This is the latest ballot of its credential: it counts.")
    )
    expect(page.locator("#proof-verified")).to_be_visible()
    shot(page, "5-track")


def test_a_revote_says_only_the_last_ballot_counts(voter_server, page, shot) -> None:
    s = voter_server.pilot
    lang = "ru"
    first = None
    for option in (0, 2):
        voter_server.open_booth(page, lang)
        _enter_code(page, s.codes[4])
        _choose_and_encrypt(page, option)
        if first is not None:
            expect(page.locator("#review-credential")).to_contain_text(
                _t(
                    lang,
                    ALREADY_VOTED,
                )
            )
            shot(page, "1-review-revote")
        page.locator("#cast").click()
        expect(page.locator("#step-done")).to_be_visible()
        if first is None:
            first = page.locator("#done-tracking").inner_text()
    expect(page.locator("#done-revote")).to_have_text(
        _t(lang, "This ballot replaces your earlier one: only your last ballot counts.")
    )
    shot(page, "2-revote-cast")
    page.goto(voter_server.url(f"/e/{s.election}/track?code={first}&lang={lang}"))
    expect(page.locator("#track-status-text")).to_have_text(
        _t(
            lang,
            "A later ballot of the same credential replaced this one: only the last ballot counts.",
        )
    )
    shot(page, "3-first-superseded")


def test_a_mistyped_or_unknown_code_is_refused_in_the_voters_language(
    voter_server, page, shot
) -> None:
    lang = "kk"
    s = voter_server.open_booth(page, lang)
    typo = s.codes[5][:-1] + ("2" if s.codes[5][-1] != "2" else "3")
    page.locator("#code").fill(typo)
    page.locator("#code-form button[type=submit]").click()
    _refused_back_to_the_code(page, _t(lang, TYPO))
    shot(page, "1-typo")
    # A well-formed code of another election: the credential is not on this list.
    other = voter_server.station.codes[0]
    _enter_code(page, other)
    page.locator("label[for=choice-0]").click()
    page.locator("#choice-form button[type=submit]").click()
    _refused_back_to_the_code(page, _t(lang, NOT_LISTED))
    shot(page, "2-unknown")


def test_a_link_from_the_credential_sheet_fills_in_the_code(voter_server, page, shot) -> None:
    """A QR code may hold the voting link with ``#code=…``: the booth takes the code from
    the fragment (which never reaches the server) and drops it from the address bar."""
    s = voter_server.pilot
    code = s.codes[-2]
    page.goto(voter_server.url(f"/e/{s.election}/vote?lang=en#code={code}"))
    expect(page.locator("#code")).to_have_value(code)
    assert "#code" not in page.url and code not in page.url
    # Headless Chromium on Linux has no BarcodeDetector: no scan button is offered.
    expect(page.locator("#scan")).to_be_hidden()
    shot(page, "prefilled")
