"""The shared scenario cases (``<repo>/../shared/scenarios/<area>/*.json``) as tests.

Each file is a list of cases ``{name, args, stdin?, exit, expect}`` (the README there).
A case runs ``python -m tandau.cli.main <args>`` in a subprocess and checks the exit
status and that every expected key is in the JSON printed with the same value:
floats to 4 decimal places, booleans never equal to numbers, dicts by their expected
keys, lists of violations entry by entry (an entry without ``rule`` matches on an
``article`` substring).  A missing or empty scenario directory fails loudly: it
never skips.  Used by the law, community and analysis scenario tests, which also
run the project's own further cases of the same kinds (``tests/e2e/scenarios_extra/``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).parents[1].parent / "shared" / "scenarios"
EXTRA = Path(__file__).parent / "e2e" / "scenarios_extra"


def cases(area: str, root: Path = SHARED) -> list[Any]:
    """One pytest parameter per case of ``area`` under ``root``; one ``None`` case when
    none is found.  Cases from ``EXTRA`` get ids starting ``extra-``."""
    folder = root / area
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    prefix = "extra-" if root == EXTRA else ""
    if not files:
        return [pytest.param(None, id=f"{prefix}scenario-directory-missing")]
    return [
        pytest.param(case, id=f"{prefix}{path.stem}-{i}")
        for path in files
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8")))
    ]


def matches(expected: Any, actual: Any) -> bool:
    """The scenarios' comparison rule (module docstring)."""
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
            elif not matches(value, actual[key]):
                return False
        return True
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return False
        if expected and all(isinstance(e, dict) for e in expected):
            return all(any(matches(e, a) for a in actual) for e in expected)
        return len(expected) == len(actual) and all(
            matches(e, a) for e, a in zip(expected, actual, strict=True)
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


def check_case(area: str, case: dict[str, Any] | None) -> dict[str, Any]:
    """Run one case and assert it; returns the JSON the command printed."""
    assert case is not None, (
        f"no {area} scenarios found in {SHARED / area} or {EXTRA / area}: the shared "
        "scenario directory must sit beside the repository"
    )
    done = run_cli(case["args"], case.get("stdin"))
    assert done.returncode == case["exit"], (case["name"], done.stdout, done.stderr)
    output: dict[str, Any] = json.loads(done.stdout)
    for key, value in case["expect"].items():
        assert key in output, (case["name"], key, output)
        assert matches(value, output[key]), (case["name"], key, value, output[key])
    if case["exit"] == 2:
        error = output["error"]
        assert error["code"] and error["field"]
        assert set(error["message"]) == {"kk", "ru", "en"}
    else:
        assert "error" not in output
    return output
