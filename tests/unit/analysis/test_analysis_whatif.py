"""What-if rules over the real rows: the brief's definitions, on hand-made rows."""

from __future__ import annotations

import pandas as pd
import pytest

from tandau.analysis.dataset import load_aggregates, load_results
from tandau.analysis.tables import metrics_table
from tandau.analysis.whatif import majority_requirement, self_success_ratio


def _rows(figures: list[tuple[int | None, int | None, int | None]]) -> pd.DataFrame:
    """Shipped rows overwritten with (winner_votes, ballots_cast, invalid) as given."""
    rows = load_results().head(len(figures)).reset_index(drop=True).copy()
    for column, values in zip(
        ("winner_votes", "ballots_cast", "invalid"), zip(*figures, strict=True), strict=True
    ):
        rows[column] = pd.array(list(values), dtype="Int64")
    rows["voters_on_list"] = pd.array([10_000] * len(figures), dtype="Int64")
    return rows


def test_majority_is_judged_on_valid_votes_not_ballots_cast() -> None:
    # brief (b) "majority requirement": winner needs v(1) / V > 1/2, V = B - I.
    # 500 of 1,000 cast with 10 invalid is 500 / 990 > 1/2: a majority, not a runoff.
    # 400 of 1,000 with 10 invalid: 400 / 990 <= 1/2, no majority.
    # 600 of 1,000, invalid not printed: above half of B, so above half of V too.
    # 450 of 1,000, invalid not printed: undecided, left out of n.
    rows = _rows([(500, 1000, 10), (400, 1000, 10), (600, 1000, None), (450, 1000, None)])
    flags = metrics_table(rows)["no_majority"]
    assert flags.tolist()[:3] == [False, True, False]
    assert flags.isna().tolist() == [False, False, False, True]
    answer = majority_requirement(rows).iloc[0]
    assert (answer["count"], answer["n"]) == (1, 3)


def test_exactly_half_of_valid_votes_is_not_a_majority() -> None:
    rows = _rows([(495, 1000, 10)])
    assert majority_requirement(rows).iloc[0]["count"] == 1


def test_self_success_ratio_takes_both_shares_from_the_same_rows() -> None:
    # brief (a): ratio = (self winners / winners) / (self candidates / candidates).
    # akt-2021 prints self 2 of 35 winners and 42 self-nominated of 105 candidates:
    # (2 / 35) / (42 / 105) = 1/7 -- "well below 1", as the brief expects.
    ratio, rows = self_success_ratio(load_aggregates())
    assert rows == ["akt-2021"]
    assert ratio == pytest.approx((2 / 35) / (42 / 105))


def test_self_success_ratio_pools_rows_and_needs_all_four_figures() -> None:
    table = pd.DataFrame(
        {
            "aggregate_id": ["x", "y", "z"],
            "winners_by_nomination": ["Party 3; self 1", "self 2; Party 2", "Party 4"],
            "elections": [4, 4, 4],
            "self_nominated": [6, 4, 5],
            "candidates": [10, 10, 10],
        }
    )
    ratio, rows = self_success_ratio(table)
    assert rows == ["x", "y"]  # z prints no self winners
    assert ratio == pytest.approx((3 / 8) / (10 / 20))
    assert self_success_ratio(table.iloc[2:]) == (None, [])
