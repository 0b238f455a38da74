"""The ``tandau law`` command line as a contract: JSON out, exit 0 or 2, errors naming fields.

Runs the real Typer app in process (``typer.testing.CliRunner``); the scenario
tests run it as a subprocess.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from law_examples import CANDIDATE, VOTER
from typer.testing import CliRunner

from tandau.cli.main import app
from tandau.law import raw_ruleset

runner = CliRunner()

RETURNS: dict[str, Any] = {
    "voters_on_list": 2490,
    "ballots_cast": 1797,
    "invalid": 20,
    "against_all": 79,
    "candidates": [{"id": "A", "votes": 1498}, {"id": "B", "votes": 150}, {"id": "C", "votes": 50}],
    "annulled_precincts": [],
}
R = ["--ruleset", "kz-rural-akim-2023"]


def law(*args: str, stdin: Any = None) -> tuple[int, dict[str, Any]]:
    text = stdin if isinstance(stdin, str) or stdin is None else json.dumps(stdin)
    result = runner.invoke(app, ["law", *args], input=text)
    return result.exit_code, json.loads(result.stdout)


def refused(*args: str, stdin: Any = None) -> dict[str, Any]:
    code, out = law(*args, stdin=stdin)
    assert code == 2, out
    error = out["error"]
    assert set(error) >= {"code", "field", "message"}
    assert set(error["message"]) == {"kk", "ru", "en"}
    assert all(error["message"].values())
    return dict(error)


# -- decisions -----------------------------------------------------------------------


def test_calendar_2023_district() -> None:
    code, out = law("calendar", "--ruleset", "kz-district-akim-2023", "--polling-day", "2023-11-05")
    assert code == 0
    assert out["nomination_closes"] == "2023-10-05T18:00"
    assert out["registration_closes"] == "2023-10-10T18:00"
    assert "call_no_later_than" not in out


def test_calendar_with_calling_and_term() -> None:
    code, out = law(
        "calendar",
        *R,
        "--polling-day",
        "2026-08-16",
        "--term-ends",
        "2026-09-01",
        "--called-on",
        "2026-07-01",
    )
    assert code == 0
    assert out["nomination_opens"] == "2026-07-02"
    assert (out["call_no_later_than"], out["hold_no_later_than"]) == ("2026-07-23", "2026-08-22")


def test_signatures_required() -> None:
    assert law("signatures-required", *R, "--voters", "1236") == (0, {"required": 13})


def test_check_candidate_and_voter() -> None:
    assert law("check-candidate", *R, stdin=CANDIDATE) == (0, {"eligible": True, "violations": []})
    code, out = law("check-voter", *R, stdin={**VOTER, "imprisoned": True})
    assert code == 0 and out["eligible"] is False
    (v,) = out["violations"]
    assert (v["rule"], v["article"]) == ("voter.bars.imprisoned", "CLE Art. 4")
    assert set(v["message"]) == {"kk", "ru", "en"}


def test_outcome_baiterek_example() -> None:
    """Baiterek okrug (law.md §4): 2,490 voters, 1,797 voted, winner 1,498."""
    code, out = law("outcome", *R, stdin=RETURNS)
    assert code == 0
    assert (out["status"], out["winner"]) == ("elected", "A")
    assert out["turnout"] == pytest.approx(1797 / 2490)
    assert out["reasons"][-1]["rule"] == "outcome.method"
    assert out["reasons"][-1]["article"] == "CLE Ch. 10-2"


def test_no_candidates_goes_to_the_commission() -> None:
    code, out = law("outcome", *R, stdin={**RETURNS, "candidates": []})
    assert code == 0
    assert (out["status"], out["winner"]) == ("commission_decision_required", None)
    assert [r["rule"] for r in out["reasons"]] == ["outcome.no_candidates"]


def test_a_researchers_ruleset_file(tmp_path: Path) -> None:
    data = copy.deepcopy(raw_ruleset("kz-rural-akim-2023"))
    data["id"] = "research-min-age-21"
    data["parameters"]["candidate"]["min_age"]["value"] = 21
    path = tmp_path / "research.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    young = {**CANDIDATE, "birth_date": "2002-01-01"}
    assert (
        law("check-candidate", "--ruleset", "kz-rural-akim-2023", stdin=young)[1]["eligible"]
        is False
    )
    assert law("check-candidate", "--ruleset", str(path), stdin=young)[1]["eligible"] is True
    assert law("validate", str(path)) == (
        0,
        {"valid": True, "id": "research-min-age-21", "version": 1, "rules": 43},
    )


# -- listing and showing -------------------------------------------------------------


def test_rulesets_lists_the_shipped_ones() -> None:
    code, out = law("rulesets")
    assert code == 0
    ids = [r["id"] for r in out["rulesets"]]
    assert ids == ["kz-district-akim-2023", "kz-rural-akim-2021", "kz-rural-akim-2023"]
    for r in out["rulesets"]:
        assert set(r["title"]) == {"kk", "ru", "en"}
        assert r["version"] >= 1 and r["effective_from"]


def test_show_prints_the_stored_ruleset() -> None:
    code, out = law("show", "kz-rural-akim-2021")
    assert code == 0
    stored = Path(__file__).parents[2] / "src/tandau/law/rulesets/kz-rural-akim-2021.json"
    assert out == json.loads(stored.read_text(encoding="utf-8"))
    assert list(out) == list(json.loads(stored.read_text(encoding="utf-8")))


def test_schema_command() -> None:
    code, out = law("schema")
    assert code == 0
    assert out["$id"] == "tandau-ruleset/1"


# -- invalid input: exit 2, a JSON error naming the field ----------------------------


@pytest.mark.parametrize(
    ("args", "field", "code"),
    [
        (["calendar", *R, "--polling-day", "17.09.2023"], "polling_day", "law.invalid_input.date"),
        (["calendar", *R, "--polling-day", "2023-02-29"], "polling_day", "law.invalid_input.date"),
        (["calendar", *R], "polling_day", "law.invalid_input.missing"),
        (["calendar", "--polling-day", "2023-09-17"], "ruleset", "law.invalid_input.missing"),
        (
            ["calendar", *R, "--polling-day", "2023-09-17", "--term-ends", "1 Sep 2026"],
            "term_ends",
            "law.invalid_input.date",
        ),
        (
            ["calendar", *R, "--polling-day", "2023-09-17", "--called-on", "2023-09-10"],
            "called_on",
            "law.invalid_input.date_order",
        ),
        (
            ["calendar", "--ruleset", "kz-nowhere-1999", "--polling-day", "2023-09-17"],
            "ruleset",
            "law.unknown_ruleset",
        ),
        (["signatures-required", *R, "--voters", "-5"], "voters", "law.invalid_input.negative"),
        (["signatures-required", *R, "--voters", "many"], "voters", "law.invalid_input.type"),
        (["signatures-required", *R], "voters", "law.invalid_input.missing"),
        (
            ["calendar", *R, "--polling-day", "2023-09-17", "--bogus", "1"],
            "bogus",
            "law.invalid_input.usage",
        ),
        (["show"], "ruleset", "law.invalid_input.missing"),
        (["show", "kz-nowhere-1999"], "ruleset", "law.unknown_ruleset"),
        (["validate"], "path", "law.invalid_input.missing"),
    ],
)
def test_command_line_refusals(args: list[str], field: str, code: str) -> None:
    error = refused(*args)
    assert (error["field"], error["code"]) == (field, code)


@pytest.mark.parametrize(
    ("command", "stdin", "field", "code"),
    [
        ("check-candidate", "{", "stdin", "law.invalid_input.json"),
        ("check-candidate", "", "stdin", "law.invalid_input.json"),
        ("check-candidate", "[]", "stdin", "law.invalid_input.type"),
        (
            "check-candidate",
            {k: v for k, v in CANDIDATE.items() if k != "citizen"},
            "citizen",
            "law.invalid_input.missing",
        ),
        ("check-candidate", {**CANDIDATE, "citizen": "yes"}, "citizen", "law.invalid_input.type"),
        (
            "check-candidate",
            {**CANDIDATE, "valid_signatures": -1},
            "valid_signatures",
            "law.invalid_input.negative",
        ),
        (
            "check-candidate",
            {**CANDIDATE, "nomination": "independent"},
            "nomination",
            "law.invalid_input.value",
        ),
        (
            "check-candidate",
            {**CANDIDATE, "documents": "application"},
            "documents",
            "law.invalid_input.type",
        ),
        (
            "check-candidate",
            {**CANDIDATE, "birth_date": "14.03.1978"},
            "birth_date",
            "law.invalid_input.date",
        ),
        (
            "check-candidate",
            {**CANDIDATE, "birth_date": "2030-01-01"},
            "birth_date",
            "law.invalid_input.birth_after_date",
        ),
        (
            "check-candidate",
            {**CANDIDATE, "surname": "X"},
            "surname",
            "law.invalid_input.unexpected",
        ),
        (
            "check-voter",
            {**VOTER, "polling_day": "2026/09/17"},
            "polling_day",
            "law.invalid_input.date",
        ),
        (
            "check-voter",
            {**VOTER, "district_unit": None},
            "district_unit",
            "law.invalid_input.type",
        ),
        (
            "outcome",
            {**RETURNS, "ballots_cast": 100, "voters_on_list": 100},
            "ballots_cast",
            "law.invalid_input.votes_exceed_ballots",
        ),
        (
            "outcome",
            {**RETURNS, "ballots_cast": 3000},
            "ballots_cast",
            "law.invalid_input.ballots_exceed_voters",
        ),
        ("outcome", {**RETURNS, "invalid": -20}, "invalid", "law.invalid_input.negative"),
        (
            "outcome",
            {**RETURNS, "candidates": [{"id": "A", "votes": "1498"}]},
            "candidates[0].votes",
            "law.invalid_input.type",
        ),
        (
            "outcome",
            {**RETURNS, "voters_on_list": 2490.5},
            "voters_on_list",
            "law.invalid_input.type",
        ),
    ],
)
def test_stdin_refusals(command: str, stdin: Any, field: str, code: str) -> None:
    error = refused(command, *R, stdin=stdin)
    assert (error["field"], error["code"]) == (field, code)


def test_an_invalid_ruleset_file_lists_its_problems(tmp_path: Path) -> None:
    data = copy.deepcopy(raw_ruleset("kz-rural-akim-2023"))
    data["parameters"]["voter"]["min_age"]["value"] = "eighteen"
    del data["parameters"]["ballot"]["order"]["source"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    error = refused("validate", str(path))
    assert error["code"] == "law.ruleset_invalid"
    assert error["field"] == "ruleset"
    assert len(error["problems"]) == 2
    assert any(p.startswith("parameters.voter.min_age.value:") for p in error["problems"])
    assert error["message"]["ru"].endswith("обнаружено 2 ошибки.")
    assert refused("calendar", "--ruleset", str(path), "--polling-day", "2023-09-17")["code"] == (
        "law.ruleset_invalid"
    )


def test_the_module_entry_point_exists() -> None:
    """``python -m tandau.cli.main`` and the ``tandau`` script share ``main``."""
    from tandau.cli import main as entry

    assert callable(entry.main)
    result = runner.invoke(app, ["law", "--help"])
    assert result.exit_code == 0
    assert "check-candidate" in result.stdout
