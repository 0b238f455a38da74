"""The public pages as served: tracking, board browser, results with SVG charts, verify guide."""

from __future__ import annotations

from pathlib import Path

import pytest
from voter_pages import assert_no_inline_code, parse
from web_election import finish_election, make_ballot, voter_client

from tandau.i18n import gettext

CONSISTENT = (
    "Consistent: the board of {first} entries is the beginning of the board of {second} entries."
)
PAPER = [
    {"precinct": "P-1", "ballots_cast": 10, "invalid": 1, "annulled": False,
     "votes": {"c-abenov": 5, "c-serikova": 3, "c-li": 1, "against": 0}, "voters_on_list": 40,
     "ballots_issued": 12, "corrects": None},
]  # fmt: skip


def test_the_track_page_finds_a_code_and_explains_failures(sqlite_url: str, tmp_path: Path) -> None:
    with voter_client(sqlite_url, tmp_path) as (client, s):
        ballot = make_ballot(s, 0, 2)
        client.post(f"/api/elections/{s.election}/ballots", json=ballot.to_dict())
        code = ballot.tracking_code
        r = client.get(f"/e/{s.election}/track?code={code.lower()}&lang=kk")
        assert r.status_code == 200
        page = parse(r.text)
        assert_no_inline_code(page)
        assert code in r.text
        assert gettext("kk", "This is the latest ballot of its credential: it counts.") in r.text
        assert page.find("section", id="track-result")
        r = client.get(f"/e/{s.election}/track?code=AAAA-BBBB-CCCC-DDDD&lang=ru")
        assert r.status_code == 404
        assert gettext("ru", "No ballot with this tracking code is on the board.") in r.text
        r = client.get(f"/e/{s.election}/track?code=nonsense&lang=en")
        assert r.status_code == 400 and 'aria-invalid="true"' in r.text
        empty = client.get(f"/e/{s.election}/track")
        assert empty.status_code == 200 and 'id="track-result"' not in empty.text


def test_the_board_browser_pages_and_checks_consistency(sqlite_url: str, tmp_path: Path) -> None:
    with voter_client(sqlite_url, tmp_path) as (client, s):
        for voter in range(3):
            client.post(
                f"/api/elections/{s.election}/ballots", json=make_ballot(s, voter, 0).to_dict()
            )
        r = client.get(f"/e/{s.election}/board?limit=5&lang=en")
        page = parse(r.text)
        assert_no_inline_code(page)
        assert "Election manifest: candidates, rules, trustees" in r.text
        assert page.find("a", rel="next")
        last = client.get(f"/e/{s.election}/board?start=10&limit=5&lang=en").text
        assert make_ballot(s, 2, 0).tracking_code in last  # ballots show their tracking codes
        ok = client.get(f"/e/{s.election}/board?first=4&second=12&lang=ru").text
        assert gettext("ru", CONSISTENT).format(first=4, second=12) in ok
        bad = client.get(f"/e/{s.election}/board?first=12&second=4&lang=en").text
        assert "These sizes cannot be compared" in bad


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_results_page_draws_charts_without_script(
    sqlite_url: str, tmp_path: Path, lang: str
) -> None:
    with voter_client(sqlite_url, tmp_path) as (client, s):
        before = client.get(f"/e/{s.election}/results?lang={lang}").text
        assert gettext(lang, "The results of this election are not published yet.") in before
        client.post(f"/api/elections/{s.election}/ballots", json=make_ballot(s, 0, 0).to_dict())
        finish_election(s, paper=PAPER)
        r = client.get(f"/e/{s.election}/results?lang={lang}")
        page = parse(r.text)
        assert_no_inline_code(page)
        charts = page.find("svg", role="img")
        assert {c["id"] for c in charts} == {"chart-votes", "chart-e-paper", "chart-turnout"}
        assert page.find("title", id="chart-votes-t") and page.find("desc", id="chart-votes-d")
        assert len(page.find("rect", **{"class": "bar-e"})) == 5  # legend + 4 options
        assert gettext(lang, "Elected") in r.text
        assert s.manifest.options[0].name[lang] in r.text
        assert "25.0 %" in r.text  # turnout of P-1: 10 of 40
        assert page.find("table", id="results-table") and page.find("table", id="precincts-table")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_verify_guide_and_the_overview(sqlite_url: str, tmp_path: Path, lang: str) -> None:
    with voter_client(sqlite_url, tmp_path) as (client, s):
        r = client.get(f"/verify?lang={lang}")
        assert r.status_code == 200
        assert gettext(lang, "How to verify an election") in r.text
        assert f"/e/{s.election}/record" in r.text and "tandau-verify" in r.text
        assert_no_inline_code(parse(r.text))
        o = client.get(f"/e/{s.election}?lang={lang}")
        assert gettext(lang, "Voting is open.") in o.text
        assert s.fingerprint.hex() in o.text
        assert gettext(lang, "Pilot") in o.text
