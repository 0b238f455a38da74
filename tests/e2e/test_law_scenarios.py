"""Every law scenario in ``shared/scenarios/law/*.json`` runs as a test of the real CLI.

The scenarios live beside the repository (``<repo>/../shared/scenarios/law``); each
file is a list of cases ``{name, args, stdin?, exit, expect}`` (see the README
there).  A case runs ``python -m tandau.cli.main <args>`` in a subprocess and checks
the exit status and that every expected key is in the JSON printed, with the same
value: floats to 4 decimal places, lists of violations matched entry by entry (an
entry without ``rule`` matches on an ``article`` substring).  A missing or empty
scenario directory fails loudly: it never skips.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SCENARIOS = Path(__file__).parents[2].parent / "shared" / "scenarios" / "law"


def _cases() -> list[Any]:
    files = sorted(SCENARIOS.glob("*.json")) if SCENARIOS.is_dir() else []
    if not files:
        return [pytest.param(None, id="scenario-directory-missing")]
    out = []
    for path in files:
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            out.append(pytest.param(case, id=f"{path.stem}-{i}"))
    return out


def _matches(expected: Any, actual: Any, *, article_substring: bool = False) -> bool:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return False
        loose = "rule" not in expected
        for key, value in expected.items():
            if key not in actual:
                return False
            if key == "article" and loose and isinstance(value, str):
                if not isinstance(actual[key], str) or value not in actual[key]:
                    return False
            elif not _matches(value, actual[key]):
                return False
        return True
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return False
        if all(isinstance(e, dict) for e in expected):
            return all(any(_matches(e, a) for a in actual) for e in expected)
        return len(expected) == len(actual) and all(
            _matches(e, a) for e, a in zip(expected, actual, strict=True)
        )
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(expected, float) or isinstance(actual, float):
        if not isinstance(actual, int | float) or not isinstance(expected, int | float):
            return False
        return round(float(expected), 4) == round(float(actual), 4)
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
def test_law_scenario(case: dict[str, Any] | None) -> None:
    assert case is not None, (
        f"no law scenarios found in {SCENARIOS}: the shared scenario directory must sit "
        "beside the repository"
    )
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
    """Floats to 4 places; violation entries without ``rule`` match on article substrings."""
    assert _matches(0.72, 0.72000001)
    assert not _matches(0.72, 0.7201)
    assert not _matches(True, 1)
    violations = [{"rule": "candidate.min_age", "article": "CLE Ch. 10-2", "message": {}}]
    assert _matches([{"article": "10-2"}], violations)
    assert not _matches([{"rule": "candidate.min_age", "article": "10-2"}], violations)
    assert not _matches([{"article": "Art. 4"}], violations)
    assert _matches({"winner": None}, {"winner": None, "extra": 1})
