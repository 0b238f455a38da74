"""Every analysis scenario in ``shared/scenarios/analysis/*.json`` runs as a test of the real CLI,
and so does every case in ``tests/e2e/scenarios_extra/analysis/``.

Format, comparison rule and runner: ``tests/scenario_cases.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from scenario_cases import EXTRA, cases, check_case, matches


@pytest.mark.parametrize("case", cases("analysis") + cases("analysis", EXTRA))
def test_analysis_scenario(case: dict[str, Any] | None) -> None:
    check_case("analysis", case)


def test_the_matcher_compares_like_the_readme_says() -> None:
    assert matches(0.7695, 0.769500001)
    assert not matches(0.7695, 0.7696)
    assert matches(None, None) and not matches(None, "a")
    assert not matches(1, True)
    assert matches({"winner": "a"}, {"winner": "a", "rounds": 1})
