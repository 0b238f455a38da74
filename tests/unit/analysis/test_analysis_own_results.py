"""Our own elections' outcomes join the real-results table, validated like any row."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tandau.analysis import DatasetInvalid
from tandau.analysis.dataset import load_results
from tandau.analysis.own_results import RECORD_SCHEME, join_results, parse_own_elections
from tandau.analysis.tables import metrics_table
from tandau.law import InvalidInput


def _own(**outcome: Any) -> dict[str, Any]:
    figures = {
        "voters_on_list": 900,
        "ballots_cast": 600,
        "invalid": 5,
        "against_all": 25,
        "votes": {"c-abenov": 310, "c-serikova": 200, "c-li": 60},
        "status": "elected",
    }
    figures.update(outcome)
    return {
        "elections": [
            {
                "election_id": "tandau-pilot-2026",
                "date": "2026-11-29",
                "region": "Akmola",
                "unit": "Pilot",
                "unit_type": "rural_okrug",
                "level": "rural",
                "outcome": figures,
            }
        ]
    }


def test_an_outcome_becomes_a_row_of_the_table() -> None:
    joined = join_results(parse_own_elections(json.dumps(_own())))
    assert len(joined) == len(load_results()) + 1
    row = joined.set_index("election_id").loc["tandau-pilot-2026"]
    assert (row["winner_votes"], row["runner_up_votes"], row["third_votes"]) == (310, 200, 60)
    assert row["source_url"] == RECORD_SCHEME + "tandau-pilot-2026" and row["confidence"] == "C"
    metrics = metrics_table(joined).set_index("election_id").loc["tandau-pilot-2026"]
    assert metrics["winner_share_valid"] == pytest.approx(310 / 595)


def test_a_contradictory_outcome_is_reported_not_dropped() -> None:
    with pytest.raises(DatasetInvalid) as err:
        join_results(parse_own_elections(json.dumps(_own(ballots_cast=1000))))
    assert any(column == "ballots_cast" for _, column, _ in err.value.problems)


def test_a_malformed_outcome_is_refused_by_field() -> None:
    doc = _own()
    del doc["elections"][0]["outcome"]["votes"]
    with pytest.raises(InvalidInput) as err:
        parse_own_elections(json.dumps(doc))
    assert err.value.field == "elections[0].outcome.votes"
