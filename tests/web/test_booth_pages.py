"""The booth pages as served: languages, pilot label, accessible markup, no inline code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from voter_pages import assert_no_inline_code, parse
from web_election import enrol_kiosk, voter_client

from tandau.i18n import gettext


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_booth_in_each_language(sqlite_url: str, tmp_path: Path, lang: str) -> None:
    with voter_client(sqlite_url, tmp_path) as (client, s):
        r = client.get(f"/e/{s.election}/vote?lang={lang}")
        assert r.status_code == 200
        assert "script-src 'self'" in r.headers["content-security-policy"]
        html = r.text
        page = parse(html)
        assert_no_inline_code(page)
        assert page.find("html", lang=lang)
        assert gettext(lang, "Pilot") in html  # a remote-voting pilot says so on every page
        assert gettext(lang, "1. Your credential code") in html
        # The code field has a label and help; the choices are radios in a fieldset.
        assert page.find("label", **{"for": "code"})
        code = page.find("input", id="code")[0]
        assert code["autocomplete"] == "off" and code["aria-describedby"] == "code-hint"
        assert page.find("fieldset") and page.find("legend")
        radios = page.find("input", type="radio", name="choice")
        assert len(radios) == 4
        for radio in radios:
            assert page.find("label", **{"for": radio["id"] or ""})
        for option in s.manifest.options:
            assert option.name[lang] in html
        assert "Аманат" in html and gettext(lang, "self-nominated") in html
        assert page.find("div", role="alert", id="booth-error")
        assert page.find("div", role="status", id="booth-status")
        # The browser gets what it needs to encrypt: the manifest, the key, the fingerprint.
        data = json.loads(page.data["election-data"])
        assert data["manifest"] == s.manifest.to_dict()
        assert data["electionKeyHex"] == s.key.to_hex()
        assert data["fingerprintHex"] == s.fingerprint.hex()
        messages = json.loads(page.data["booth-messages"])
        assert messages["revote"] == gettext(
            lang, "This ballot replaces your earlier one: only your last ballot counts."
        )
        scripts = [a["src"] for a in page.find("script") if a.get("src")]
        assert scripts == ["/static/booth/booth.js", "/static/js/booth-ui.js"]


def test_the_kiosk_resets_and_offers_no_downloads(sqlite_url: str, tmp_path: Path) -> None:
    with voter_client(sqlite_url, tmp_path, mode="polling-station") as (client, s):
        enrol_kiosk(client, s)
        page = parse(client.get(f"/e/{s.election}/kiosk?reset=5&lang=ru").text)
        booth = page.find("div", id="booth")[0]
        assert booth["data-kiosk"] == "true" and booth["data-reset-seconds"] == "5"
        assert page.find("script", src="/static/js/kiosk.js")
        assert not page.find("button", id="download-receipt")
        assert page.find("button", id="next-voter")
        assert client.get(f"/e/{s.election}/kiosk?reset=0").status_code == 400


def test_a_polling_station_election_has_no_remote_booth(sqlite_url: str, tmp_path: Path) -> None:
    with voter_client(sqlite_url, tmp_path, mode="polling-station") as (client, s):
        html = client.get(f"/e/{s.election}/vote?lang=en").text
        assert "under current law only voting at the polling station is binding" in html
        assert 'id="booth"' not in html
        assert gettext("en", "Pilot") + ":" not in html  # no pilot label either


def test_the_booth_says_when_voting_is_not_open(sqlite_url: str, tmp_path: Path) -> None:
    with voter_client(sqlite_url, tmp_path, open_voting=False) as (client, s):
        html = client.get(f"/e/{s.election}/vote?lang=kk").text
        assert gettext("kk", "Voting is not open.") in html
        assert 'id="step-code"' not in html
        assert client.get(f"/api/elections/{s.election}").json()["state"] == "ready"


def test_the_check_page(sqlite_url: str, tmp_path: Path) -> None:
    with voter_client(sqlite_url, tmp_path) as (client, s):
        page = parse(client.get(f"/e/{s.election}/check?lang=ru").text)
        assert_no_inline_code(page)
        assert page.find("label", **{"for": "audit-input"})
        assert page.find("textarea", id="audit-input")
        assert page.find("script", src="/static/js/check.js")
        data = json.loads(page.data["election-data"])
        assert data["optionIds"] == [o.id for o in s.manifest.options]


def test_an_unknown_election_is_a_localised_404_page(sqlite_url: str, tmp_path: Path) -> None:
    with voter_client(sqlite_url, tmp_path) as (client, _s):
        for path in ("/e/nowhere/vote", "/e/nowhere/kiosk", "/e/nowhere/check"):
            r = client.get(path + "?lang=ru", headers={"accept": "text/html"})
            assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
            assert gettext("ru", "There is no such election.") in r.text
        assert re.search(r"<html lang=\"ru\"", r.text)
