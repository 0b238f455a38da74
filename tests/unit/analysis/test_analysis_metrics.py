"""Per-election metrics: the brief's formulas on figures worked by hand."""

from __future__ import annotations

import json

import pytest

from tandau.analysis import enp, metrics_of


def _metrics(votes: list[int], *, against: int = 0, invalid: int = 0, extra: int = 0) -> dict:
    cast = sum(votes) + against + invalid
    doc = {
        "voters_on_list": cast + extra,
        "ballots_cast": cast,
        "invalid": invalid,
        "against_all": against,
        "candidates": [
            {"id": f"c{i}", "votes": v, "nominated_by": "self" if i else "AMANAT", "gender": None}
            for i, v in enumerate(votes)
        ],
    }
    return metrics_of(json.dumps(doc))


def test_talgar_2024_as_printed() -> None:
    """Talgar town, 15 Dec 2024: 9,071 / 1,875 / 1,140, against all 182, of 12,875 cast
    (invalid not printed: the remainder 607 is used here only to make the figures add up)."""
    m = _metrics([9071, 1875, 1140], against=182, invalid=607, extra=42774 - 12875)
    assert m["turnout"] == pytest.approx(12875 / 42774, abs=1e-6)
    assert m["winner_share_cast"] == pytest.approx(0.704544, abs=1e-6)
    assert m["valid_votes"] == 12875 - 607
    assert m["enp"] == pytest.approx(1 / sum((v / 12086) ** 2 for v in (9071, 1875, 1140)))


def test_one_candidate_margin_is_the_whole_share() -> None:
    m = _metrics([300], against=100)
    assert m["margin"] == pytest.approx(0.75)
    assert m["uncontested"] is True and m["enp"] == 1.0


def test_against_all_leading_is_flagged() -> None:
    m = _metrics([30, 20], against=60)
    assert m["against_all_leads"] is True and m["winner"] == "c0"
    assert m["winner_has_majority"] is False


def test_shares_of_nothing_are_null_not_zero() -> None:
    m = _metrics([0, 0], invalid=5)
    assert m["winner"] is None
    assert m["winner_share_valid"] is None and m["margin"] is None and m["enp"] is None
    assert m["invalid_share"] == 1.0


def test_empty_list_gives_null_turnout() -> None:
    assert _metrics([0])["turnout"] is None


def test_enp_is_laakso_taagepera() -> None:
    assert enp([50, 50]) == 2.0
    assert enp([1, 1, 1, 1]) == pytest.approx(4.0)
    assert enp([0, 0]) is None


def test_self_nominee_and_women_shares() -> None:
    doc = {
        "voters_on_list": 10,
        "ballots_cast": 6,
        "invalid": 0,
        "against_all": 0,
        "candidates": [
            {"id": "a", "votes": 3, "nominated_by": "self", "gender": "f"},
            {"id": "b", "votes": 2, "nominated_by": "self", "gender": "m"},
            {"id": "c", "votes": 1, "nominated_by": "Auyl", "gender": None},
        ],
    }
    m = metrics_of(json.dumps(doc))
    assert m["self_nominated_share"] == pytest.approx(2 / 3)
    assert m["women_share"] == 0.5
    assert (m["winner_nominated_by"], m["winner_gender"]) == ("self", "f")
