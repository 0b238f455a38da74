"""Every law scenario in ``shared/scenarios/law/*.json`` runs as a test of the real CLI,
and so does every case in ``tests/e2e/scenarios_extra/law/``.

Format, comparison rule and runner: ``tests/scenario_cases.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from scenario_cases import EXTRA, cases, check_case, matches


@pytest.mark.parametrize("case", cases("law") + cases("law", EXTRA))
def test_law_scenario(case: dict[str, Any] | None) -> None:
    check_case("law", case)


def test_the_matcher_compares_like_the_readme_says() -> None:
    """Floats to 4 places; violation entries without ``rule`` match on article substrings."""
    assert matches(0.72, 0.72000001)
    assert not matches(0.72, 0.7201)
    assert not matches(True, 1)
    violations = [{"rule": "candidate.min_age", "article": "CLE Ch. 10-2", "message": {}}]
    assert matches([{"article": "10-2"}], violations)
    assert not matches([{"rule": "candidate.min_age", "article": "10-2"}], violations)
    assert not matches([{"article": "Art. 4"}], violations)
    assert matches({"winner": None}, {"winner": None, "extra": 1})
