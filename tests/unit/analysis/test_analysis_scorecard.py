"""The Charter scorecard shows a claimed status only where a legal act or official
notice confirms it; everything else renders as unknown, its claim kept beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tandau.analysis import DatasetInvalid
from tandau.analysis.scorecard import load_charter, status_counts


def test_rows_confirmed_by_an_official_source_show_their_claim() -> None:
    charter = load_charter().set_index("article")
    for article in ("6.2", "9.4"):  # CEC release; maslikhat budget decisions on adilet
        row = charter.loc[article]
        assert (row["confidence"], row["status"]) == ("C", row["claimed_status"])
        assert "https://" in row["source"]


def test_a_row_resting_on_news_renders_as_unknown() -> None:
    row = load_charter().set_index("article").loc["7.1"]
    assert (row["confidence"], row["status"]) == ("S", "unknown")
    assert row["gap"]  # the gap is named, not hidden


def test_the_counts_cover_every_row() -> None:
    charter = load_charter()
    counts = status_counts(charter)
    assert sum(counts.values()) == len(charter)
    assert counts["unknown"] == int((charter["confidence"] != "C").sum()) + int(
        ((charter["confidence"] == "C") & (charter["claimed_status"] == "")).sum()
    )


def test_a_status_outside_the_list_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "charter.csv"
    path.write_text(
        "article,requires,kazakhstan,claimed_status,confidence,source,gap\n"
        "2,x,y,excellent,C,https://a.kz,\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetInvalid):
        load_charter(path)
