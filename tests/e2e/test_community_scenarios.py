"""Every community scenario in ``shared/scenarios/community/*.json`` runs as a test of the CLI,
and so does every case in ``tests/e2e/scenarios_extra/community/``.

Format, comparison rule and runner: ``tests/scenario_cases.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from scenario_cases import EXTRA, cases, check_case, matches


@pytest.mark.parametrize("case", cases("community") + cases("community", EXTRA))
def test_community_scenario(case: dict[str, Any] | None) -> None:
    output = check_case("community", case)
    if case is not None and case["exit"] == 0:
        assert isinstance(output["source"], str) and output["source"]


def test_the_matcher_is_strict_about_booleans_and_keys() -> None:
    assert matches({"a": 1}, {"a": 1, "source": "x"})
    assert not matches({"quorate": True}, {"quorate": 1})
    assert not matches({"seats": {"a": 1}}, {"seats": {"b": 1}})
    assert matches(0.5, 0.50001)
