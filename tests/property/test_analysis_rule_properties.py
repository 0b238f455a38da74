"""Voting-rule properties (brief (b)): the vectorised rules against their definitions.

Each example draws a profile of 2–5 candidates; the vectorised rules must agree
with the per-ballot reference, and the textbook properties must hold.
"""

from __future__ import annotations

from analysis_profiles import NAMES, profiles
from hypothesis import given, settings
from hypothesis import strategies as st

from tandau.analysis import RULES, Profile
from tandau.analysis.reference import reference_winner
from tandau.analysis.rules import borda_scores, pairwise

Ballots = list[tuple[tuple[str, ...], int]]


def _winner(rule: str, ballots: Ballots) -> tuple[str | None, int]:
    profile = Profile.from_ballots(ballots)
    winners, rounds = RULES[rule](profile.batch)
    index = int(winners[0])
    return (profile.candidates[index] if index >= 0 else None), int(rounds[0])


@settings(max_examples=150, deadline=None)
@given(profiles(truncated=True), st.sampled_from(["plurality", "runoff", "irv", "condorcet"]))
def test_vectorised_rules_match_the_per_ballot_reference(ballots: Ballots, rule: str) -> None:
    assert _winner(rule, ballots) == reference_winner(rule, ballots)


@settings(max_examples=100, deadline=None)
@given(profiles(), st.sampled_from(["borda", "approval"]))
def test_borda_and_approval_match_the_reference(ballots: Ballots, rule: str) -> None:
    if rule == "approval":
        ballots = [(ranking[: 1 + len(ranking) // 2], n) for ranking, n in ballots]
    assert _winner(rule, ballots) == reference_winner(rule, ballots)


@settings(max_examples=150, deadline=None)
@given(profiles(truncated=True), st.integers(1, 100))
def test_a_majority_of_first_preferences_wins_plurality_runoff_and_irv(
    ballots: Ballots, extra: int
) -> None:
    total = sum(n for _, n in ballots)
    leader = ballots[0][0][0]
    ballots = [*ballots, ((leader,), total + extra)]  # now more than half rank it first
    for rule in ("plurality", "runoff", "irv"):
        assert _winner(rule, ballots) == (leader, 1), rule


@settings(max_examples=150, deadline=None)
@given(profiles(min_n=3))
def test_a_condorcet_winner_never_finishes_last_under_borda(ballots: Ballots) -> None:
    profile = Profile.from_ballots(ballots)
    winner, _ = _winner("condorcet", ballots)
    scores = borda_scores(profile.batch)[0]
    if winner is None:
        n_matrix = pairwise(profile.batch)[0]
        assert not any(
            all(n_matrix[i, j] > n_matrix[j, i] for j in range(len(scores)) if j != i)
            for i in range(len(scores))
        )
        return
    index = profile.candidates.index(winner)
    assert scores[index] > scores.min()


@settings(max_examples=100, deadline=None)
@given(profiles())
def test_borda_points_per_ballot_sum_to_n_n_minus_1_over_2(ballots: Ballots) -> None:
    profile = Profile.from_ballots(ballots)
    n = len(profile.candidates)
    voters = sum(c for _, c in ballots)
    assert int(borda_scores(profile.batch).sum()) == voters * n * (n - 1) // 2


@settings(max_examples=150, deadline=None)
@given(
    profiles(truncated=True),
    st.permutations(NAMES),
    st.sampled_from(sorted(set(RULES) - {"borda"})),
)
def test_permuting_candidate_ids_permutes_the_answer(
    ballots: Ballots, renamed: list[str], rule: str
) -> None:
    rename = dict(zip(NAMES, renamed, strict=True))
    moved = [(tuple(rename[c] for c in r), n) for r, n in ballots]
    moved.reverse()  # the order of ballots and of first appearance must not matter either
    winner, rounds = _winner(rule, ballots)
    assert _winner(rule, moved) == (rename[winner] if winner else None, rounds)
