"""Rulesets as dated, versioned data validated by a schema."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tandau.law import (
    RulesetInvalid,
    UnknownRuleset,
    builtin_ids,
    load_ruleset,
    parse_ruleset,
    raw_ruleset,
    ruleset_schema,
)

SHIPPED = ("kz-district-akim-2023", "kz-rural-akim-2021", "kz-rural-akim-2023")


def problems_of(data: dict[str, Any]) -> tuple[str, ...]:
    with pytest.raises(RulesetInvalid) as info:
        parse_ruleset(json.dumps(data), "copy")
    return info.value.problems


def base() -> dict[str, Any]:
    return copy.deepcopy(raw_ruleset("kz-rural-akim-2023"))


def test_three_rulesets_are_shipped() -> None:
    """The rulesets named in law.md are shipped and each file's id is its name."""
    assert builtin_ids() == SHIPPED
    for ruleset_id in SHIPPED:
        assert load_ruleset(ruleset_id).id == ruleset_id


@pytest.mark.parametrize("ruleset_id", SHIPPED)
def test_every_value_cites_article_source_and_confidence(ruleset_id: str) -> None:
    """Each of the 43 parameters carries an article, a source and a confidence C/S/U."""
    rules = load_ruleset(ruleset_id).rules()
    assert len(rules) == 43
    for path, param in rules.items():
        assert param.article.startswith("CLE"), path
        assert param.source, path
        assert param.confidence in {"C", "S", "U"}, path
        if param.value is None:
            assert param.confidence == "U", path


def test_rulesets_are_dated_by_their_acts() -> None:
    """2021 follows the Law of 24.05.2021 No. 41-VII; 2023 the Law of 05.11.2022 No. 156-VII."""
    r21, r23 = load_ruleset("kz-rural-akim-2021"), load_ruleset("kz-rural-akim-2023")
    assert "41-VII" in r21.legal_basis[0] and "156-VII" in r23.legal_basis[0]
    assert r21.effective_until == r23.effective_from
    assert load_ruleset("kz-district-akim-2023").office == "district_akim"
    assert r23.derived_from == "kz-rural-akim-2021"
    assert all(load_ruleset(i).version >= 1 for i in SHIPPED)


def test_a_ruleset_is_in_force_from_its_first_day_until_its_successor() -> None:
    """``in_force``: from ``effective_from`` inclusive to ``effective_until`` exclusive."""
    r21, r23 = load_ruleset("kz-rural-akim-2021"), load_ruleset("kz-rural-akim-2023")
    assert r23.effective_until is None and r21.effective_until == r23.effective_from
    change = r23.effective_from
    assert r21.in_force(change - timedelta(days=1)) and not r21.in_force(change)
    assert r23.in_force(change) and not r23.in_force(change - timedelta(days=1))
    assert r23.in_force(date(2999, 1, 1)) and not r21.in_force(
        r21.effective_from - timedelta(days=1)
    )


def test_a_researchers_copy_loads_from_a_path(tmp_path: Path) -> None:
    """A copied file, changed and saved anywhere, loads by path without touching code."""
    data = base()
    data["id"] = "my-rural-2027"
    data["parameters"]["candidate"]["min_age"]["value"] = 21
    path = tmp_path / "my-rural-2027.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ruleset = load_ruleset(str(path))
    assert ruleset.parameters.candidate.min_age.value == 21
    assert raw_ruleset(str(path))["id"] == "my-rural-2027"


def test_unknown_rulesets() -> None:
    """An unknown or malformed ID, or a missing file, is UnknownRuleset (field ruleset)."""
    for ref in ("kz-nowhere-1999", "../etc/passwd", "Nope!", "/no/such/file.json"):
        with pytest.raises(UnknownRuleset) as info:
            load_ruleset(ref)
        assert info.value.field == "ruleset"


def test_a_wrong_value_is_reported_with_its_path() -> None:
    """The schema names the path: a negative deadline is refused."""
    data = base()
    data["parameters"]["calendar"]["nomination_closes"]["value"]["days_before"] = -3
    (problem,) = problems_of(data)
    assert problem.startswith("parameters.calendar.nomination_closes.value.days_before:")
    assert "greater than 0" in problem


def test_unknown_keys_are_refused() -> None:
    """A misspelt key is refused rather than silently ignored."""
    data = base()
    data["parameters"]["candidate"]["min_aeg"] = data["parameters"]["candidate"].pop("min_age")
    problems = problems_of(data)
    assert any(p.startswith("parameters.candidate.min_age:") for p in problems)
    assert any(p.startswith("parameters.candidate.min_aeg:") for p in problems)


def test_a_value_needs_article_source_and_confidence() -> None:
    """A parameter without its article, or with an unknown confidence, is refused."""
    data = base()
    del data["parameters"]["voter"]["min_age"]["article"]
    data["parameters"]["voter"]["citizen"]["confidence"] = "maybe"
    problems = problems_of(data)
    assert any(p.startswith("parameters.voter.min_age.article:") for p in problems)
    assert any(p.startswith("parameters.voter.citizen.confidence:") for p in problems)


def test_null_means_unknown_and_needs_confidence_u() -> None:
    """A null value (law unknown) with confidence C is refused."""
    data = base()
    data["parameters"]["nomination"]["max_invalid_signature_percent"]["confidence"] = "C"
    (problem,) = problems_of(data)
    assert "confidence must be U" in problem


def test_registration_must_close_after_nomination() -> None:
    """Cross-check: registration closes fewer days before E than nomination."""
    data = base()
    data["parameters"]["calendar"]["registration_closes"]["value"]["days_before"] = 30
    (problem,) = problems_of(data)
    assert "registration_closes" in problem


def test_other_cross_checks() -> None:
    """Cross-checks: polling hours, term deadlines, validity dates, documents, changelog."""
    data = base()
    data["parameters"]["calendar"]["polling_hours"]["value"] = {"opens": "20:00", "closes": "07:00"}
    data["parameters"]["calendar"]["hold_before_term_end"]["value"]["days_before"] = 50
    data["effective_until"] = "2000-01-01"
    data["parameters"]["candidate"]["signature_documents"]["value"] = ["application"]
    data["version"] = 2
    (problem,) = problems_of(data)
    for part in (
        "polling_hours",
        "hold_before_term_end",
        "effective_until",
        "signature_documents",
        "version 2",
    ):
        assert part in problem


def test_malformed_json_is_a_schema_problem() -> None:
    """A file that is not JSON is reported, not a crash."""
    with pytest.raises(RulesetInvalid) as info:
        parse_ruleset("{not json", "broken.json")
    assert info.value.problems[0].startswith("(file): Invalid JSON")
    assert info.value.to_dict()["field"] == "ruleset"


def test_rules_and_params_by_rule_id() -> None:
    """Rule IDs resolve to their parameter: ``candidate.bars.conviction`` → ``candidate.bars``."""
    r = load_ruleset("kz-rural-akim-2023")
    assert r.param("candidate.bars.conviction") is r.parameters.candidate.bars
    with pytest.raises(KeyError):
        r.param("candidate.nothing")
    with pytest.raises(KeyError):
        r.param("nowhere.min_age")


def test_schema_is_json_schema() -> None:
    """The schema is exported as JSON Schema for editors and tools."""
    schema = ruleset_schema()
    assert schema["$id"] == "tandau-ruleset/1"
    assert {"schema", "id", "version", "parameters"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False
    json.dumps(schema)
