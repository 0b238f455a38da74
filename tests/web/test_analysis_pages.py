"""The report's sections as web pages under /analysis, in kk, ru and en."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest
from voter_pages import assert_no_inline_code, parse
from web_election import voter_client

from tandau.analysis.report import SECTION_KEYS, Words


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_question_has_a_page_with_chart_table_method_and_sources(
    sqlite_url: str, tmp_path: Path, lang: str
) -> None:
    words = Words(lang)
    with voter_client(sqlite_url, tmp_path) as (client, _s):
        index = client.get(f"/analysis?lang={lang}")
        assert index.status_code == 200
        page = parse(index.text)
        assert_no_inline_code(page)
        links = [a["href"] for a in page.find("a") if str(a["href"]).startswith("/analysis/")]
        assert links == [f"/analysis/{key}" for key in SECTION_KEYS]
        for key in SECTION_KEYS:
            r = client.get(f"/analysis/{key}")
            assert r.status_code == 200, key
            section = parse(r.text)
            assert_no_inline_code(section)
            assert escape(words(key), quote=False) in r.text, key
            assert section.find("svg", **{"class": "chart"}), key
            assert section.find("rect", **{"class": "bar"}), key
            assert len(section.find("tr")) >= 2, key  # a header and at least one row
            assert section.find("ul", **{"class": "sources"}) and words("method") in r.text, key


def test_an_unknown_question_is_not_found(sqlite_url: str, tmp_path: Path) -> None:
    with voter_client(sqlite_url, tmp_path) as (client, _s):
        assert client.get("/analysis/q13").status_code == 404
