"""Reading inputs: each kind of bad input becomes an error naming its field."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from law_examples import VOTER

from tandau.law import (
    InvalidInput,
    Returns,
    VoterRecord,
    parse_count,
    parse_date,
    parse_input,
)
from tandau.law.inputs import field_path


def fault(model: Any, doc: Any) -> InvalidInput:
    text = doc if isinstance(doc, str | bytes) else json.dumps(doc)
    with pytest.raises(InvalidInput) as info:
        parse_input(model, text)
    return info.value


def test_field_paths() -> None:
    """Locations read like the JSON they point into."""
    assert field_path(("candidates", 1, "votes")) == "candidates[1].votes"
    assert (
        field_path(("annulled_precincts", 0, "candidates", "A"))
        == "annulled_precincts[0].candidates.A"
    )
    assert field_path(()) == "stdin"


def test_a_good_document_parses() -> None:
    voter = parse_input(VoterRecord, json.dumps(VOTER).encode())
    assert voter.polling_day == date(2026, 9, 17)


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"birth_date": "01.01.1980"}, "birth_date", "law.invalid_input.date"),
        ({"birth_date": "19800101"}, "birth_date", "law.invalid_input.date"),
        ({"polling_day": "2026-02-30"}, "polling_day", "law.invalid_input.date"),
        ({"polling_day": 20260917}, "polling_day", "law.invalid_input.type"),
        ({"citizen": "yes"}, "citizen", "law.invalid_input.type"),
        ({"citizen": 1}, "citizen", "law.invalid_input.type"),
        ({"residence_unit": 611633000}, "residence_unit", "law.invalid_input.type"),
        ({"extra": 1}, "extra", "law.invalid_input.unexpected"),
    ],
)
def test_voter_faults(change: dict[str, Any], field: str, code: str) -> None:
    """Dates exactly YYYY-MM-DD, booleans only true/false, no unknown keys."""
    err = fault(VoterRecord, {**VOTER, **change})
    assert (err.field, err.code) == (field, code)


def test_missing_field() -> None:
    err = fault(VoterRecord, {k: v for k, v in VOTER.items() if k != "citizen"})
    assert (err.field, err.code) == ("citizen", "law.invalid_input.missing")


RETURNS: dict[str, Any] = {
    "voters_on_list": 10,
    "ballots_cast": 5,
    "invalid": 0,
    "against_all": 0,
    "candidates": [{"id": "A", "votes": 3}],
    "annulled_precincts": [],
}


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"voters_on_list": -1}, "voters_on_list", "law.invalid_input.negative"),
        ({"ballots_cast": 5.0}, "ballots_cast", "law.invalid_input.type"),
        ({"ballots_cast": True}, "ballots_cast", "law.invalid_input.type"),
        ({"ballots_cast": "5"}, "ballots_cast", "law.invalid_input.type"),
        ({"candidates": {"A": 3}}, "candidates", "law.invalid_input.type"),
        (
            {"candidates": [{"id": "A", "votes": -3}]},
            "candidates[0].votes",
            "law.invalid_input.negative",
        ),
        ({"candidates": [{"id": "", "votes": 3}]}, "candidates[0].id", "law.invalid_input.value"),
        ({"candidates": ["A"]}, "candidates[0]", "law.invalid_input.type"),
        (
            {
                "annulled_precincts": [
                    {
                        "id": "P",
                        "ballots_cast": 1,
                        "invalid": 0,
                        "against_all": 0,
                        "candidates": {"A": -1},
                    }
                ]
            },
            "annulled_precincts[0].candidates.A",
            "law.invalid_input.negative",
        ),
    ],
)
def test_returns_faults(change: dict[str, Any], field: str, code: str) -> None:
    """Counts are non-negative integers (not floats, booleans or strings); lists are lists."""
    err = fault(Returns, {**RETURNS, **change})
    assert (err.field, err.code) == (field, code)


@pytest.mark.parametrize("text", ["{", "", "nul", b"\xff\xfe"])
def test_malformed_json(text: str | bytes) -> None:
    err = fault(Returns, text)
    assert (err.field, err.code) == ("stdin", "law.invalid_input.json")


def test_a_non_object_document() -> None:
    err = fault(Returns, "[1, 2]")
    assert (err.field, err.code) == ("stdin", "law.invalid_input.type")


def test_command_line_dates_and_counts() -> None:
    """Command-line values: strict dates; counts are integers and never negative."""
    assert parse_date("polling_day", "2023-09-17") == date(2023, 9, 17)
    assert parse_count("voters", "1236") == 1236
    cases = [
        (lambda: parse_date("polling_day", "17.09.2023"), "polling_day", "law.invalid_input.date"),
        (lambda: parse_date("polling_day", "2023-13-01"), "polling_day", "law.invalid_input.date"),
        (lambda: parse_date("polling_day", None), "polling_day", "law.invalid_input.missing"),
        (lambda: parse_count("voters", "-5"), "voters", "law.invalid_input.negative"),
        (lambda: parse_count("voters", "8.5"), "voters", "law.invalid_input.type"),
        (lambda: parse_count("voters", None), "voters", "law.invalid_input.missing"),
    ]
    for call, field, code in cases:
        with pytest.raises(InvalidInput) as info:
            call()
        assert (info.value.field, info.value.code) == (field, code)
