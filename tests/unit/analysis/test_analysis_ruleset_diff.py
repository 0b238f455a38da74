"""Ruleset diffs list what changed between two dated rulesets, article by article."""

from __future__ import annotations

import pytest

from tandau.analysis.ruleset_diff import diff_rulesets
from tandau.law import InvalidInput


def test_2021_to_2023_moves_the_nomination_calendar() -> None:
    diff = diff_rulesets("kz-rural-akim-2021", "kz-rural-akim-2023")
    changes = {c["rule"]: c for c in diff["changes"]}  # type: ignore[attr-defined]
    nomination = changes["calendar.nomination_closes"]
    assert nomination["change"] == "changed"
    assert nomination["before"]["value"] == {"days_before": 15}
    assert nomination["after"]["value"] == {"days_before": 25}
    assert "calendar.nomination_closes" in diff["by_article"][nomination["article"]]  # type: ignore[index]


def test_a_ruleset_against_itself_has_no_changes() -> None:
    diff = diff_rulesets("kz-rural-akim-2023", "kz-rural-akim-2023")
    assert diff["changes"] == [] and diff["unchanged"] > 20


def test_an_unknown_ruleset_is_refused() -> None:
    with pytest.raises(InvalidInput):
        diff_rulesets("kz-rural-akim-2021", "kz-village-1999")
