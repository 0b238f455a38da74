"""Bad figures and bad ballots are refused with a named, localised error; nothing is fixed."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tandau.analysis import metrics_of, winner_of
from tandau.law import InvalidInput


def _figures(**change: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "voters_on_list": 1000,
        "ballots_cast": 700,
        "invalid": 10,
        "against_all": 90,
        "candidates": [
            {"id": "a", "votes": 400, "nominated_by": "self", "gender": "f"},
            {"id": "b", "votes": 200, "nominated_by": "AMANAT", "gender": None},
        ],
    }
    doc.update(change)
    return doc


def _refused(doc: object) -> InvalidInput:
    with pytest.raises(InvalidInput) as err:
        metrics_of(doc if isinstance(doc, str) else json.dumps(doc))
    assert set(err.value.localized) == {"kk", "ru", "en"}
    return err.value


def test_consistent_figures_are_accepted() -> None:
    assert metrics_of(json.dumps(_figures()))["winner"] == "a"


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"ballots_cast": 701}, "analysis.invalid_input.sum_mismatch", "ballots_cast"),
        ({"voters_on_list": 600}, "law.invalid_input.ballots_exceed_voters", "ballots_cast"),
        ({"invalid": -10}, "law.invalid_input.negative", "invalid"),
        ({"invalid": 10.0}, "law.invalid_input.type", "invalid"),
        ({"invalid": "10"}, "law.invalid_input.type", "invalid"),
        ({"invalid": True}, "law.invalid_input.type", "invalid"),
        ({"candidates": []}, "analysis.invalid_input.no_candidates", "candidates"),
        ({"candidates": "a"}, "law.invalid_input.type", "candidates"),
    ],
)
def test_bad_figures_are_refused(change: dict[str, Any], code: str, field: str) -> None:
    err = _refused(_figures(**change))
    assert (err.code, err.field) == (code, field)


def test_a_missing_key_is_named() -> None:
    doc = _figures()
    del doc["against_all"]
    assert (_refused(doc).code, _refused(doc).field) == ("law.invalid_input.missing", "against_all")


def test_a_repeated_candidate_id_is_refused() -> None:
    doc = _figures()
    doc["candidates"][1]["id"] = "a"
    err = _refused(doc)
    assert (err.code, err.field) == ("law.invalid_input.duplicate", "candidates[1].id")


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("votes", -1, "law.invalid_input.negative"),
        ("votes", 1.5, "law.invalid_input.type"),
        ("gender", "x", "law.invalid_input.value"),
        ("id", "", "law.invalid_input.value"),
    ],
)
def test_bad_candidate_fields_are_refused(key: str, value: object, code: str) -> None:
    doc = _figures()
    doc["candidates"][0][key] = value
    err = _refused(doc)
    assert err.code == code and err.field == f"candidates[0].{key}"


def test_a_missing_candidate_key_is_refused() -> None:
    doc = _figures()
    del doc["candidates"][0]["nominated_by"]
    assert _refused(doc).field == "candidates[0].nominated_by"


def test_not_json_is_refused() -> None:
    assert _refused("{").code == "law.invalid_input.json"


@pytest.mark.parametrize(
    ("doc", "code"),
    [
        ({"ballots": []}, "analysis.invalid_input.empty_profile"),
        ({"ballots": [{"ranking": ["a"], "count": 0}]}, "analysis.invalid_input.empty_profile"),
        ({"ballots": [{"ranking": [], "count": 1}]}, "analysis.invalid_input.empty_ballot"),
        (
            {"ballots": [{"ranking": ["a", "a"], "count": 1}]},
            "analysis.invalid_input.repeated_candidate",
        ),
        ({"ballots": [{"ranking": ["a"]}]}, "law.invalid_input.missing"),
        ({"ballots": [{"approve": ["a"], "count": 1}]}, "law.invalid_input.missing"),
        ({"ballots": [{"ranking": ["a"], "count": -1}]}, "law.invalid_input.negative"),
        ({"ballots": [{"ranking": "a", "count": 1}]}, "law.invalid_input.type"),
        ({"ballots": [{"ranking": [1], "count": 1}]}, "law.invalid_input.type"),
        ({}, "law.invalid_input.missing"),
    ],
)
def test_bad_ballots_are_refused(doc: object, code: str) -> None:
    with pytest.raises(InvalidInput) as err:
        winner_of(json.dumps(doc), "plurality")
    assert err.value.code == code


def test_approval_needs_approval_ballots() -> None:
    with pytest.raises(InvalidInput) as err:
        winner_of(json.dumps({"ballots": [{"ranking": ["a"], "count": 1}]}), "approval")
    assert err.value.field == "ballots[0].approve"


def _two_way(key: str, first: int, second: int) -> str:
    """``first`` ballots for a and ``second`` for b (approval: each approves one)."""
    names = (["a", "b"], ["b", "a"]) if key == "ranking" else (["a"], ["b"])
    ballots = [{key: names[0], "count": first}, {key: names[1], "count": second}]
    return json.dumps({"ballots": ballots})


@pytest.mark.parametrize(
    ("rule", "key", "first", "second"),
    [
        # int64 wrapped here: IRV answered null for a 6:5 majority in round 1.
        ("irv", "ranking", 6 * 10**18, 5 * 10**18),
        # float64 weights rounded 2**53 + 1 down: approval answered null for a lead of one.
        ("approval", "approve", 2**53 + 1, 2**53),
    ],
)
def test_profiles_too_large_to_count_exactly_are_refused(
    rule: str, key: str, first: int, second: int
) -> None:
    """Never a silently wrong winner: beyond exact counting the profile is invalid input."""
    with pytest.raises(InvalidInput) as err:
        winner_of(_two_way(key, first, second), rule)
    assert (err.value.code, err.value.field) == (
        "analysis.invalid_input.too_many_ballots",
        "ballots",
    )


@pytest.mark.parametrize(("rule", "key"), [("irv", "ranking"), ("approval", "approve")])
def test_a_lead_of_one_at_the_exact_counting_limit_is_seen(rule: str, key: str) -> None:
    """(2**53 - 1) // 2 ballots for two candidates is the limit, counted exactly."""
    half = (2**53 - 1) // 4
    assert winner_of(_two_way(key, half + 1, half), rule)["winner"] == "a"
