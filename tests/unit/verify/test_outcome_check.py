"""V11's outcome check (record spec §R7, §R8): plurality-consistent, rules cited otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from tandau_verify.report import Report
from tandau_verify.results_checks import _check_outcome, check_community_outcome


def _rows(*totals: int) -> list[dict[str, Any]]:
    return [{"id": f"c{i}", "total": t} for i, t in enumerate(totals, 1)]


TIE = [{"rule": "outcome.tie", "article": "CLE Ch. 10-2"}]


def _detail(outcome: dict[str, Any], rows: list[dict[str, Any]]) -> str | None:
    report = Report()
    _check_outcome(report, outcome, rows)
    return None if report.ok else report.checks["V11"].detail


@pytest.mark.parametrize(
    ("outcome", "rows"),
    [
        ({"status": "elected", "winner": "c2", "reasons": []}, _rows(3, 5, 1)),
        ({"status": "commission_decision_required", "winner": None, "reasons": TIE}, _rows(4, 4)),
        # A ruleset may send a single candidate to the commission: the rules are cited.
        (
            {
                "status": "commission_decision_required",
                "winner": None,
                "reasons": [{"rule": "outcome.single_candidate", "article": "CLE"}],
            },
            _rows(7),
        ),
        ({"status": "no_candidates", "winner": None, "reasons": TIE}, []),
    ],
)
def test_consistent_outcomes_pass(outcome: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    assert _detail(outcome, rows) is None


@pytest.mark.parametrize(
    ("outcome", "rows", "says"),
    [
        ({"status": "elected", "winner": "c1", "reasons": []}, _rows(3, 5), "plurality gives c2"),
        ({"status": "elected", "winner": "c1", "reasons": []}, _rows(5, 5), "plurality gives None"),
        (
            {"status": "commission_decision_required", "winner": "c1", "reasons": TIE},
            _rows(5, 5),
            "names a winner",
        ),
        (
            {"status": "commission_decision_required", "winner": None, "reasons": []},
            _rows(5, 5),
            "cites no rule",
        ),
        ({"status": "no_candidates", "winner": None, "reasons": TIE}, _rows(1), "list some"),
        ({"status": "won", "winner": "c1", "reasons": []}, _rows(1), "unknown outcome status"),
        # §R7 (v1.2): every reason names its rule and article
        (
            {"status": "commission_decision_required", "winner": None, "reasons": [{"rule": "x"}]},
            _rows(5, 5),
            "rule and article",
        ),
        (
            {"status": "elected", "winner": "c2", "reasons": [{"rule": "", "article": "CLE"}]},
            _rows(3, 5),
            "rule and article",
        ),
        (
            {"status": "commission_decision_required", "winner": None, "reasons": ["outcome.tie"]},
            _rows(5, 5),
            "rule and article",
        ),
    ],
)
def test_inconsistent_outcomes_fail_v11(
    outcome: dict[str, Any], rows: list[dict[str, Any]], says: str
) -> None:
    detail = _detail(outcome, rows)
    assert detail is not None and says in detail


@pytest.mark.parametrize(
    ("reasons", "says"),
    [
        (["community.simple_majority"], None),
        ([], "cites no rule"),
        ([""], "rules' names"),
        ([{"rule": "community.simple_majority"}], "rules' names"),
    ],
)
def test_a_community_outcome_cites_rules_by_name(reasons: list[Any], says: str | None) -> None:
    report = Report()
    check_community_outcome(
        report, {"status": "community_result", "winner": None, "reasons": reasons}
    )
    detail = None if report.ok else report.checks["V11"].detail
    assert detail == says if says is None else (detail is not None and says in detail)
