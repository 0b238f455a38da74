"""In Chromium: an audited ballot is never cast, and a polling-station election takes ballots
only from an enrolled kiosk, which the commission can revoke (ADR 0009)."""

from __future__ import annotations

import json

import httpx
from booth_steps import encrypt_again_and_cast
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tandau.admin.devices import DeviceService
from tandau.board.clock import SystemClock
from tandau.crypto.rng import SystemRng
from tandau.i18n import gettext
from tandau.storage import make_engine
from tandau.storage.booth_store import SqlBoothStore
from tandau.storage.booth_tables import booth_devices


def _encrypt(page: Page, code: str, option: int) -> str:
    page.locator("#code").fill(code)
    page.locator("#code").press("Enter")
    page.locator(f"label[for=choice-{option}]").click()
    page.locator("#choice-form button[type=submit]").click()
    expect(page.locator("#step-review")).to_be_visible()
    return page.locator("#review-tracking").inner_text()


def test_an_audited_ballot_is_refused_and_the_booth_encrypts_afresh(
    voter_server, page, shot
) -> None:
    lang = "ru"
    s = voter_server.open_booth(page, lang)
    spoiled = _encrypt(page, s.codes[9], 2)
    page.locator("#audit").click()
    expect(page.locator("#step-audit")).to_be_visible()
    # The booth told the server, which now refuses this ballot.
    expect(page.locator("#audit-reported")).to_have_text(
        gettext(
            lang, "The server has recorded that this ballot was opened: it will refuse to cast it."
        )
    )
    shot(page, "1-audit-reported")
    ballot = json.loads(page.locator("#audit-json").input_value())["ballot"]
    r = httpx.post(
        voter_server.url(f"/api/elections/{s.election}/ballots"),
        content=json.dumps(ballot),
        headers={"content-type": "application/json", "accept-language": lang},
    )
    assert r.status_code == 409, r.text
    assert (r.json()["code"], r.json()["reason"]) == ("protocol.ballot_refused", "audited_ballot")
    assert (
        httpx.get(voter_server.url(f"/api/elections/{s.election}/track/{spoiled}")).status_code
        == 404
    )

    # The booth forgot the opened ballot: encrypting again makes a new one, which is cast.
    encrypt_again_and_cast(page, spoiled)
    shot(page, "2-fresh-cast")


def test_a_kiosk_is_enrolled_casts_and_is_refused_once_revoked(voter_server, page, shot) -> None:
    s = voter_server.station
    lang = "kk"
    refused = gettext(
        lang,
        "This election takes ballots only from the voting booths at its polling stations. "
        "Please vote at your polling station.",
    )
    response = page.goto(voter_server.url(f"/e/{s.election}/kiosk?lang={lang}"))
    assert response is not None and response.status == 403
    expect(page.locator("main")).to_contain_text(refused)
    shot(page, "1-not-enrolled")

    voter_server.enrol(page)
    page.goto(voter_server.url(f"/e/{s.election}/kiosk?lang={lang}&reset=120"))
    expect(page.locator("h1")).to_have_text(gettext(lang, "Polling-station booth"))
    _encrypt(page, s.codes[3], 1)
    page.locator("#cast").click()
    expect(page.locator("#step-done")).to_be_visible()
    shot(page, "2-cast")

    # The next voter has encrypted when the commission revokes this kiosk (the newest
    # device): the cast is refused, and the booth is no longer served.
    page.locator("#next-voter").click()
    expect(page.locator("#step-code")).to_be_visible()
    _encrypt(page, s.codes[4], 0)
    engine = make_engine(s.database_url)
    try:
        with engine.connect() as conn:
            newest = max(
                r.id
                for r in conn.execute(
                    select(booth_devices.c.id).where(booth_devices.c.election == s.election)
                )
            )
        DeviceService(SqlBoothStore(engine), SystemClock(), SystemRng()).revoke(
            election=s.election, device=newest, actor="chair"
        )
    finally:
        engine.dispose()
    withdrawn = gettext(lang, "This voting booth was withdrawn by the commission.")
    page.locator("#cast").click()
    expect(page.locator("#booth-error")).to_contain_text(withdrawn)
    shot(page, "3-revoked")
    response = page.goto(voter_server.url(f"/e/{s.election}/kiosk?lang={lang}"))
    assert response is not None and response.status == 403
    expect(page.locator("main")).to_contain_text(withdrawn)
