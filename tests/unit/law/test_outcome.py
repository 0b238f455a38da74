"""Outcome rules (ruleset group ``outcome``) and the checks on the figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tandau.law import InconsistentInput, Returns, Ruleset, decide_outcome, load_ruleset

Variant = Callable[..., Ruleset]


def returns(**changes: Any) -> Returns:
    figures: dict[str, Any] = {
        "voters_on_list": 2000,
        "ballots_cast": 1440,
        "invalid": 40,
        "against_all": 100,
        "candidates": votes(A=800, B=500),
        "annulled_precincts": [],
    }
    figures.update(changes)
    return Returns.model_validate(figures)


def votes(**by_candidate: int) -> list[dict[str, Any]]:
    """The ``candidates`` of the returns: each candidate's votes, in the order given."""
    return [{"id": c, "votes": n} for c, n in by_candidate.items()]


def reason_rules(outcome: Any) -> list[str]:
    return [r.rule for r in outcome.reasons]


def test_plurality_elects_the_leader(rural2023: Ruleset) -> None:
    """`outcome.method` (CLE Ch. 10-2): the candidate with the most votes is elected [S]."""
    out = decide_outcome(rural2023, returns())
    assert (out.status, out.winner) == ("elected", "A")
    assert out.turnout == pytest.approx(0.72)
    assert reason_rules(out) == ["outcome.method"]
    assert out.reasons[0].article == "CLE Ch. 10-2"


def test_against_all_leading_does_not_block(rural2023: Ruleset) -> None:
    """`outcome.against_all` (CLE Ch. 10-2): counts toward turnout only, even when it leads [S]."""
    out = decide_outcome(
        rural2023,
        returns(against_all=600, candidates=votes(A=500, B=300)),
    )
    assert (out.status, out.winner) == ("elected", "A")
    assert reason_rules(out) == ["outcome.against_all", "outcome.method"]
    assert out.reasons[0].details == {"against_all": 600, "leader_votes": 500}


def test_against_all_blocking_is_a_researchers_variant(variant: Variant) -> None:
    """`outcome.against_all` (CLE Ch. 10-2): ``blocks_if_leading`` → commission decision."""
    r = variant(outcome__against_all="blocks_if_leading")
    out = decide_outcome(
        r,
        returns(against_all=600, candidates=votes(A=500, B=300)),
    )
    assert (out.status, out.winner) == ("commission_decision_required", None)
    assert reason_rules(out) == ["outcome.against_all"]


def test_no_turnout_minimum(rural2023: Ruleset) -> None:
    """`outcome.min_turnout_percent` (CLE Ch. 10-2): no minimum [S]: 5% turnout still elects."""
    assert rural2023.parameters.outcome.min_turnout_percent.value == 0
    out = decide_outcome(
        rural2023,
        returns(ballots_cast=100, invalid=0, against_all=0, candidates=votes(A=60, B=40)),
    )
    assert out.status == "elected"
    assert out.turnout == pytest.approx(0.05)


def test_a_turnout_minimum_is_a_researchers_variant(variant: Variant) -> None:
    """`outcome.min_turnout_percent` (CLE Ch. 10-2): 50% set, 5% turnout → commission decision."""
    r = variant(outcome__min_turnout_percent=50)
    out = decide_outcome(
        r,
        returns(ballots_cast=100, invalid=0, against_all=0, candidates=votes(A=60, B=40)),
    )
    assert out.status == "commission_decision_required"
    assert reason_rules(out) == ["outcome.min_turnout_percent"]
    assert "50" in out.reasons[0].message["ru"]


def test_tie_for_first_needs_a_commission_decision(rural2023: Ruleset) -> None:
    """`outcome.tie` (CLE Ch. 10-2): no rule found [U] → the commission decides."""
    out = decide_outcome(
        rural2023,
        returns(
            voters_on_list=1000,
            ballots_cast=615,
            invalid=5,
            against_all=10,
            candidates=votes(A=300, B=300, C=0),
        ),
    )
    assert (out.status, out.winner) == ("commission_decision_required", None)
    assert reason_rules(out) == ["outcome.tie"]
    assert out.reasons[0].confidence == "U"
    assert out.reasons[0].details == {"tied": ["A", "B"], "votes": 300}


def test_single_candidate_needs_a_commission_decision(rural2023: Ruleset) -> None:
    """`outcome.single_candidate` (CLE Ch. 10-2): no rule found [U] → the commission decides."""
    out = decide_outcome(rural2023, returns(candidates=votes(A=1300)))
    assert (out.status, out.winner) == ("commission_decision_required", None)
    assert reason_rules(out) == ["outcome.single_candidate"]


def test_single_candidate_elected_in_a_variant(variant: Variant) -> None:
    """`outcome.single_candidate` (CLE Ch. 10-2): a variant electing a lone candidate."""
    r = variant(outcome__single_candidate="elected")
    out = decide_outcome(r, returns(candidates=votes(A=1300)))
    assert (out.status, out.winner) == ("elected", "A")


@pytest.mark.parametrize(
    "ruleset_id", ["kz-rural-akim-2021", "kz-rural-akim-2023", "kz-district-akim-2023"]
)
def test_no_candidates_goes_to_the_commission(ruleset_id: str) -> None:
    """`outcome.no_candidates` (CLE Ch. 10-2, [U]): no rule found, so the commission decides.

    law.md: where the law is unknown the software does not invent an outcome.
    """
    out = decide_outcome(load_ruleset(ruleset_id), returns(candidates=[], against_all=100))
    assert (out.status, out.winner) == ("commission_decision_required", None)
    assert reason_rules(out) == ["outcome.no_candidates"]
    assert "комиссия" in out.reasons[0].message["ru"]


def test_no_candidates_status_in_a_variant(variant: Variant) -> None:
    """`outcome.no_candidates` (CLE Ch. 10-2): a researcher's variant may name the status."""
    r = variant(outcome__no_candidates="no_candidates")
    out = decide_outcome(r, returns(candidates=[]))
    assert (out.status, out.winner) == ("no_candidates", None)


def test_annulled_precincts_are_subtracted_first(rural2023: Ruleset) -> None:
    """`outcome.annulled_precincts` (CLE Ch. 10-2): excluded before the decision [S]."""
    out = decide_outcome(
        rural2023,
        returns(
            voters_on_list=3000,
            ballots_cast=1000,
            invalid=10,
            against_all=10,
            candidates=votes(A=500, B=480),
            annulled_precincts=[
                {
                    "id": "P1",
                    "ballots_cast": 62,
                    "invalid": 1,
                    "against_all": 1,
                    "candidates": {"A": 50, "B": 10},
                }
            ],
        ),
    )
    assert (out.status, out.winner) == ("elected", "B")
    assert out.votes == {"A": 450, "B": 470}
    assert reason_rules(out) == ["outcome.annulled_precincts", "outcome.method"]
    assert out.reasons[0].details == {"precincts": ["P1"], "leader_changed": True}


def test_votes_above_ballots_cast_are_invalid(rural2023: Ruleset) -> None:
    """Candidates + against all + invalid > ballots cast is invalid input naming ballots_cast."""
    with pytest.raises(InconsistentInput) as info:
        decide_outcome(
            rural2023,
            returns(
                ballots_cast=50,
                voters_on_list=100,
                invalid=0,
                against_all=0,
                candidates=votes(A=40, B=20),
            ),
        )
    assert (info.value.field, info.value.code) == (
        "ballots_cast",
        "law.invalid_input.votes_exceed_ballots",
    )


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"voters_on_list": 1000}, "ballots_cast", "law.invalid_input.ballots_exceed_voters"),
        (
            {"candidates": [{"id": "A", "votes": 800}, {"id": "A", "votes": 500}]},
            "candidates[1].id",
            "law.invalid_input.duplicate",
        ),
        (
            {
                "annulled_precincts": [
                    {
                        "id": "P1",
                        "ballots_cast": 5,
                        "invalid": 0,
                        "against_all": 0,
                        "candidates": {"Z": 5},
                    }
                ]
            },
            "annulled_precincts[0].candidates.Z",
            "law.invalid_input.unknown_candidate",
        ),
        (
            {
                "annulled_precincts": [
                    {
                        "id": "P1",
                        "ballots_cast": 5,
                        "invalid": 0,
                        "against_all": 0,
                        "candidates": {"A": 6},
                    }
                ]
            },
            "annulled_precincts[0].ballots_cast",
            "law.invalid_input.votes_exceed_ballots",
        ),
        (
            {
                "annulled_precincts": [
                    {
                        "id": "P1",
                        "ballots_cast": 2000,
                        "invalid": 0,
                        "against_all": 0,
                        "candidates": {"A": 900},
                    }
                ]
            },
            "annulled_precincts[0].ballots_cast",
            "law.invalid_input.annulled_exceeds_total",
        ),
        (
            {
                "annulled_precincts": [
                    {
                        "id": "P1",
                        "ballots_cast": 600,
                        "invalid": 0,
                        "against_all": 0,
                        "candidates": {"B": 300},
                    },
                    {
                        "id": "P2",
                        "ballots_cast": 600,
                        "invalid": 0,
                        "against_all": 0,
                        "candidates": {"B": 300},
                    },
                ]
            },
            "annulled_precincts[1].candidates.B",
            "law.invalid_input.annulled_exceeds_total",
        ),
        (
            {
                "annulled_precincts": [
                    {
                        "id": "P1",
                        "ballots_cast": 1,
                        "invalid": 0,
                        "against_all": 0,
                        "candidates": {},
                    },
                    {
                        "id": "P1",
                        "ballots_cast": 1,
                        "invalid": 0,
                        "against_all": 0,
                        "candidates": {},
                    },
                ]
            },
            "annulled_precincts[1].id",
            "law.invalid_input.duplicate",
        ),
    ],
)
def test_contradictory_figures_are_invalid(
    rural2023: Ruleset, changes: dict[str, Any], field: str, code: str
) -> None:
    """Figures that contradict each other are invalid input naming the field at fault."""
    with pytest.raises(InconsistentInput) as info:
        decide_outcome(rural2023, returns(**changes))
    assert (info.value.field, info.value.code) == (field, code)


def test_empty_list_has_zero_turnout(rural2023: Ruleset) -> None:
    """An empty voter list has turnout 0, not a division by zero."""
    out = decide_outcome(
        rural2023,
        returns(voters_on_list=0, ballots_cast=0, invalid=0, against_all=0, candidates=[]),
    )
    assert out.turnout == 0.0
    assert out.to_dict()["status"] == "commission_decision_required"
