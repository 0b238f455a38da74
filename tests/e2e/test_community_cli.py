"""``tandau community`` as a contract: JSON out, exit 2 with a localised error naming the field.

Runs the real Typer app in process; the shared scenarios run it as a subprocess
(``test_community_scenarios.py``).
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tandau.cli.main import app

runner = CliRunner()
EXAMPLE = str(
    files("tandau.community").joinpath("rulesets", "districts", "example-district-u.json")
)
VOTES: dict[str, Any] = {
    "body": "meeting",
    "members": 9,
    "present": 7,
    "for": 4,
    "against": 2,
    "abstained": 1,
    "date": "2026-03-01",
}
GATHERINGS = {"gatherings": [{"id": "a", "settlement": "A", "population": 900}]}


def _run(args: list[str], stdin: Any = None, *, raw: str | None = None) -> tuple[int, Any]:
    text = raw if raw is not None else (None if stdin is None else json.dumps(stdin))
    done = runner.invoke(app, ["community", *args], input=text)
    return done.exit_code, json.loads(done.stdout)


def _error(args: list[str], stdin: Any = None, *, raw: str | None = None) -> dict[str, Any]:
    code, out = _run(args, stdin, raw=raw)
    assert code == 2, out
    error: dict[str, Any] = out["error"]
    assert set(error["message"]) == {"kk", "ru", "en"}
    assert error["message"]["kk"] != error["message"]["en"]
    return error


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["meeting-size", "--population", "-5", "--settlements", "1"], "population"),
        (["meeting-size", "--population", "abc", "--settlements", "1"], "population"),
        (["meeting-size", "--population", "12.5", "--settlements", "1"], "population"),
        (["meeting-size", "--settlements", "1"], "population"),
        (["meeting-size", "--population", "100", "--settlements", "-1"], "settlements"),
        (
            ["meeting-size", "--population", "100", "--settlements", "1", "--date", "2026-02-30"],
            "date",
        ),
        (
            ["meeting-size", "--population", "100", "--settlements", "1", "--date", "2020-01-01"],
            "date",
        ),
        (["meeting-size", "--population", "100", "--bogus", "1"], "bogus"),
    ],
)
def test_meeting_size_bad_command_lines(args: list[str], field: str) -> None:
    assert _error(args)["field"] == field


def test_meeting_size_answers_with_its_source() -> None:
    code, out = _run(["meeting-size", "--population", "10001", "--settlements", "2"])
    assert code == 0 and (out["min"], out["max"]) == (11, 15)
    assert "item 3-1" in out["source"]


@pytest.mark.parametrize(
    ("stdin", "field"),
    [
        (
            {"gatherings": [{"id": "a", "settlement": "A", "population": True}]},
            "gatherings[0].population",
        ),
        (
            {"gatherings": [{"id": "a", "settlement": "A", "population": 9.0}]},
            "gatherings[0].population",
        ),
        (
            {"gatherings": [{"id": "a", "settlement": "A", "population": "9"}]},
            "gatherings[0].population",
        ),
        ({"gatherings": [{"id": "a", "population": 900}]}, "gatherings[0].settlement"),
        ({"gatherings": [{"id": 1, "settlement": "A", "population": 900}]}, "gatherings[0].id"),
        ({"gatherings": [{"id": "", "settlement": "A", "population": 900}]}, "gatherings[0].id"),
        ({"gatherings": []}, "gatherings"),
        ({"gatherings": {"a": 1}}, "gatherings"),
        ({}, "gatherings"),
        ([], "stdin"),
        ({**GATHERINGS, "extra": 1}, "extra"),
    ],
)
def test_seats_bad_stdin(stdin: Any, field: str) -> None:
    assert _error(["seats", "--size", "5"], stdin)["field"] == field


def test_seats_bad_json_and_size() -> None:
    assert _error(["seats", "--size", "5"], raw="{not json")["code"] == "law.invalid_input.json"
    assert _error(["seats", "--size", "0"], GATHERINGS)["field"] == "size"
    assert _error(["seats"], GATHERINGS)["field"] == "size"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"members": True}, "members"),
        ({"present": 7.0}, "present"),
        ({"for": "4"}, "for"),
        ({"against": -1}, "against"),
        ({"abstained": None}, "abstained"),
        ({"body": "council"}, "body"),
        ({"date": "01.03.2026"}, "date"),
        ({"date": 20260301}, "date"),
        ({"present": 10}, "present"),
        ({"for": 5}, "for"),
        (
            {
                "rules": {
                    "majority": {
                        "numerator": 1,
                        "denominator": 0,
                        "of": "present",
                        "strictly_more": True,
                    }
                }
            },
            "rules.majority.denominator",
        ),
        (
            {
                "rules": {
                    "majority": {
                        "numerator": -1,
                        "denominator": 2,
                        "of": "present",
                        "strictly_more": True,
                    }
                }
            },
            "rules.majority.numerator",
        ),
        (
            {
                "rules": {
                    "majority": {
                        "numerator": 1,
                        "denominator": 2,
                        "of": "present",
                        "strictly_more": 1,
                    }
                }
            },
            "rules.majority.strictly_more",
        ),
        (
            {"rules": {"majority": {"numerator": 1, "denominator": 2, "of": "present"}}},
            "rules.majority.strictly_more",
        ),
        (
            {
                "rules": {
                    "majority": {
                        "numerator": 1,
                        "denominator": 2,
                        "of": "everyone",
                        "strictly_more": True,
                    }
                }
            },
            "rules.majority.of",
        ),
        (
            {
                "rules": {
                    "quorum": {
                        "numerator": 1,
                        "denominator": 2,
                        "of": "present",
                        "strictly_more": True,
                    }
                }
            },
            "rules.quorum.of",
        ),
        ({"rules": {"quorom": {}}}, "rules.quorom"),
    ],
)
def test_decide_bad_stdin(change: dict[str, Any], field: str) -> None:
    assert _error(["decide"], {**VOTES, **change})["field"] == field


@pytest.mark.parametrize(
    "missing", ["body", "members", "present", "for", "against", "abstained", "date"]
)
def test_decide_missing_keys(missing: str) -> None:
    stdin = {k: v for k, v in VOTES.items() if k != missing}
    error = _error(["decide"], stdin)
    assert (error["field"], error["code"]) == (missing, "law.invalid_input.missing")


def test_quorum_bad_stdin() -> None:
    q = {"body": "gathering", "members": 10, "present": 3, "date": "2026-03-01"}
    assert _error(["quorum"], {**q, "present": 11})["field"] == "present"
    assert _error(["quorum"], {**q, "members": False})["field"] == "members"
    assert _error(["quorum"], {k: v for k, v in q.items() if k != "members"})["field"] == "members"
    assert _error(["quorum"], {**q, "for": 1})["field"] == "for"


def test_the_district_ruleset_option() -> None:
    code, out = _run(["decide", "--district-ruleset", EXAMPLE], VOTES)
    assert code == 0 and out["adopted"] is True and "EXAMPLE-1" in out["source"]
    meeting = {"body": "meeting", "members": 9, "present": 4, "date": "2026-03-01"}
    code, out = _run(["quorum", "--district-ruleset", EXAMPLE], meeting)
    assert code == 0 and out["quorate"] is False and out["required"] == 5
    code, out = _run(
        ["quorum", "--district-ruleset", EXAMPLE],
        {"body": "meeting", "members": 9, "present": 4, "date": "2024-08-05"},
    )
    assert out["status"] == "maslikhat_decision_required" and out["notes"]
    assert (
        _error(["decide", "--district-ruleset", "/nonexistent.json"], VOTES)["field"]
        == "district_ruleset"
    )


def test_an_invalid_district_ruleset_is_refused_with_its_problems(tmp_path: Path) -> None:
    data = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    data["effective_from"] = "2024-01-01"  # before the maslikhat decision
    data["parameters"]["meeting"]["quorum"]["value"]["denominator"] = 0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    error = _error(["validate-district", str(bad)])
    assert error["code"] == "law.ruleset_invalid"
    assert any("decision" in p for p in error["problems"])
    assert (
        _error(["decide", "--district-ruleset", str(bad)], VOTES)["code"] == "law.ruleset_invalid"
    )
    code, out = _run(["validate-district", EXAMPLE])
    assert code == 0 and out["decision"]["number"] == "EXAMPLE-1"


def test_rulesets_and_schema() -> None:
    code, out = _run(["rulesets", "--date", "2026-03-01"])
    assert code == 0 and out["id"] == "kz-community-2021"
    assert out["parameters"]["meeting"]["quorum"]["value"] is None
    code, out = _run(["district-schema"])
    assert code == 0 and "decision" in out["properties"]
