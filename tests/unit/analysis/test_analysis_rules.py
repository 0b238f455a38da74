"""The rules' edge cases as the brief defines them (ties, exact half, exhausted ballots)."""

from __future__ import annotations

import json

import pytest

from tandau.analysis import AnalysisInputError, winner_of
from tandau.analysis.reference import reference_winner


def _run(rule: str, ballots: list[tuple[list[str], int]]) -> tuple[object, object]:
    key = "approve" if rule == "approval" else "ranking"
    doc = {"ballots": [{key: names, "count": n} for names, n in ballots]}
    out = winner_of(json.dumps(doc), rule)
    assert (out["winner"], out["rounds"]) == reference_winner(
        rule, [(tuple(names), n) for names, n in ballots]
    )
    return out["winner"], out["rounds"]


def test_plurality_tie_has_no_winner() -> None:
    assert _run("plurality", [(["a", "b"], 3), (["b", "a"], 3), (["c"], 1)]) == (None, 1)


def test_runoff_exactly_half_is_not_a_majority() -> None:
    ballots = [(["a", "b", "c"], 50), (["b", "c", "a"], 30), (["c", "a", "b"], 20)]
    assert _run("runoff", ballots) == ("a", 2)


def test_runoff_more_than_half_wins_in_round_one() -> None:
    assert _run("runoff", [(["a", "b"], 51), (["b", "a"], 49)]) == ("a", 1)


def test_runoff_tie_in_round_two_has_no_winner() -> None:
    ballots = [(["a", "c"], 40), (["b", "c"], 40), (["c"], 20)]
    assert _run("runoff", ballots) == (None, 2)


def test_runoff_ballots_ranking_neither_finalist_are_exhausted() -> None:
    ballots = [(["a"], 40), (["b"], 35), (["c"], 25)]
    assert _run("runoff", ballots) == ("a", 2)


def test_runoff_tie_for_second_place_has_no_winner() -> None:
    ballots = [(["a", "b"], 40), (["b", "a"], 30), (["c", "b"], 30)]
    assert _run("runoff", ballots) == (None, 2)


def test_irv_eliminates_all_tied_last_candidates_at_once() -> None:
    ballots = [(["a", "b"], 5), (["b", "a"], 4), (["c", "b"], 2), (["d", "b"], 2)]
    # round 1: a 5, b 4, c 2, d 2 → c and d out together; round 2: b 8 of 13
    assert _run("irv", ballots) == ("b", 2)


def test_irv_majority_is_of_the_continuing_ballots() -> None:
    ballots = [(["a"], 4), (["b"], 3), (["c"], 2)]
    # round 2: c's 2 ballots are exhausted; a has 4 of 7 continuing
    assert _run("irv", ballots) == ("a", 2)


def test_irv_all_tied_has_no_winner() -> None:
    assert _run("irv", [(["a", "b", "c"], 1), (["b", "c", "a"], 1), (["c", "a", "b"], 1)]) == (
        None,
        1,
    )


def test_irv_unique_majority_after_three_counts() -> None:
    ballots = [(["a", "b", "c", "d"], 42), (["b", "c", "d", "a"], 26)]
    ballots += [(["c", "d", "b", "a"], 15), (["d", "c", "b", "a"], 17)]
    assert _run("irv", ballots) == ("d", 3)


def test_condorcet_pairwise_tie_has_no_winner() -> None:
    assert _run("condorcet", [(["a", "b"], 1), (["b", "a"], 1)]) == (None, 1)


def test_condorcet_single_candidate_wins() -> None:
    assert _run("condorcet", [(["a"], 3)]) == ("a", 1)


def test_borda_tie_has_no_winner() -> None:
    assert _run("borda", [(["a", "b"], 2), (["b", "a"], 2)]) == (None, 1)


def test_approval_tie_has_no_winner() -> None:
    assert _run("approval", [(["a", "b"], 2), (["c"], 2)]) == (None, 1)


def test_borda_refuses_truncated_rankings() -> None:
    doc = {"ballots": [{"ranking": ["a", "b", "c"], "count": 1}, {"ranking": ["b"], "count": 1}]}
    with pytest.raises(AnalysisInputError) as err:
        winner_of(json.dumps(doc), "borda")
    assert err.value.code == "analysis.invalid_input.incomplete_ranking"
    assert err.value.field == "ballots[1]"


def test_an_unknown_rule_is_refused_naming_the_rules() -> None:
    with pytest.raises(AnalysisInputError) as err:
        winner_of(json.dumps({"ballots": [{"ranking": ["a"], "count": 1}]}), "range")
    assert err.value.code == "analysis.invalid_input.unknown_rule"
    assert "irv" in err.value.localized["en"]
