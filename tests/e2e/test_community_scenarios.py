"""Every community scenario in ``shared/scenarios/community/*.json`` runs as a test of the CLI.

The scenarios live beside the repository (``<repo>/../shared/scenarios/community``),
in the law scenarios' format ``{name, args, stdin?, exit, expect}``.  A case runs
``python -m tandau.cli.main <args>`` in a subprocess and checks the exit status and
that every expected key is in the JSON printed with the same value.  A missing or
empty scenario directory fails loudly: it never skips.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SCENARIOS = Path(__file__).parents[2].parent / "shared" / "scenarios" / "community"


def _cases() -> list[Any]:
    files = sorted(SCENARIOS.glob("*.json")) if SCENARIOS.is_dir() else []
    if not files:
        return [pytest.param(None, id="scenario-directory-missing")]
    return [
        pytest.param(case, id=f"{path.stem}-{i}")
        for path in files
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8")))
    ]


def _matches(expected: Any, actual: Any) -> bool:
    """Like ``shared/tools/scenarios.py``, but booleans never equal numbers."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and _matches(v, actual[k]) for k, v in expected.items()
        )
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(expected, float):
        return isinstance(actual, int | float) and round(expected, 4) == round(float(actual), 4)
    return bool(expected == actual)


@pytest.mark.parametrize("case", _cases())
def test_community_scenario(case: dict[str, Any] | None) -> None:
    assert case is not None, f"no community scenarios found in {SCENARIOS}"
    stdin = json.dumps(case["stdin"]) if "stdin" in case else None
    done = subprocess.run(
        [sys.executable, "-m", "tandau.cli.main", *case["args"]],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == case["exit"], (case["name"], done.stdout, done.stderr)
    output = json.loads(done.stdout)
    assert _matches(case["expect"], output), (case["name"], case["expect"], output)
    if case["exit"] == 2:
        error = output["error"]
        assert error["code"] and error["field"]
        assert set(error["message"]) == {"kk", "ru", "en"}
    else:
        assert "error" not in output
        assert isinstance(output["source"], str) and output["source"]


def test_the_matcher_is_strict_about_booleans_and_keys() -> None:
    assert _matches({"a": 1}, {"a": 1, "source": "x"})
    assert not _matches({"quorate": True}, {"quorate": 1})
    assert not _matches({"seats": {"a": 1}}, {"seats": {"b": 1}})
    assert _matches(0.5, 0.50001)
