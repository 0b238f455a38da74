"""Every analysis scenario in ``shared/scenarios/analysis/*.json`` runs as a test of the real CLI.

The same format and matcher as the law scenarios (``test_law_scenarios.py``): a
case runs ``python -m tandau.cli.main <args>`` with its stdin and checks the exit
status and every expected key (floats to 4 places, ``null`` is ``None``).  A
missing or empty scenario directory fails loudly: it never skips.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SCENARIOS = Path(__file__).parents[2].parent / "shared" / "scenarios" / "analysis"


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
    """The README's rule: floats to 4 places, dicts by their expected keys, else equality."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(expected, float):
        return isinstance(actual, int | float) and round(expected, 4) == round(float(actual), 4)
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and _matches(v, actual[k]) for k, v in expected.items()
        )
    return bool(expected == actual)


def run_cli(args: list[str], stdin: Any = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tandau.cli.main", *args],
        input=None if stdin is None else json.dumps(stdin),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("case", _cases())
def test_analysis_scenario(case: dict[str, Any] | None) -> None:
    assert case is not None, f"no analysis scenarios found in {SCENARIOS}"
    done = run_cli(case["args"], case.get("stdin"))
    assert done.returncode == case["exit"], (case["name"], done.stdout, done.stderr)
    output = json.loads(done.stdout)
    for key, value in case["expect"].items():
        assert key in output, (case["name"], key, output)
        assert _matches(value, output[key]), (case["name"], key, value, output[key])
    if case["exit"] == 2:
        error = output["error"]
        assert error["code"] and error["field"]
        assert set(error["message"]) == {"kk", "ru", "en"}
    else:
        assert "error" not in output


def test_the_matcher_compares_like_the_readme_says() -> None:
    assert _matches(0.7695, 0.769500001)
    assert not _matches(0.7695, 0.7696)
    assert _matches(None, None) and not _matches(None, "a")
    assert not _matches(1, True)
    assert _matches({"winner": "a"}, {"winner": "a", "rounds": 1})
