"""Candidate eligibility and the registration file: one test per rule, citing its article."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from law_examples import CANDIDATE, DOCUMENTS

from tandau.law import CandidateFile, Eligibility, Ruleset, check_candidate

Variant = Callable[..., Ruleset]

FILE = list(DOCUMENTS)


def nominee(**changes: Any) -> CandidateFile:
    return CandidateFile.model_validate({**CANDIDATE, **changes}, strict=False)


def rules(result: Eligibility) -> list[str]:
    return [v.rule for v in result.violations]


def test_a_complete_party_file_is_eligible(rural2023: Ruleset) -> None:
    """A party member with the five documents and nothing barring them is eligible."""
    result = check_candidate(rural2023, nominee())
    assert result.eligible
    assert result.to_dict() == {"eligible": True, "violations": []}


def test_candidate_must_be_a_citizen(rural2023: Ruleset) -> None:
    """`candidate.citizen` (CLE Ch. 10-2): a non-citizen is refused."""
    result = check_candidate(rural2023, nominee(citizen=False))
    assert rules(result) == ["candidate.citizen"]
    assert result.violations[0].article == "CLE Ch. 10-2"


def test_candidate_min_age_is_counted_on_registration_date(rural2023: Ruleset) -> None:
    """`candidate.min_age` (CLE Ch. 10-2): 25 on the registration date, birthday included."""
    assert check_candidate(rural2023, nominee(birth_date="1999-08-20")).eligible
    result = check_candidate(rural2023, nominee(birth_date="1999-08-21"))
    assert rules(result) == ["candidate.min_age"]
    v = result.violations[0]
    assert v.details == {"age": 24, "min_age": 25}
    assert v.message["ru"].endswith("не менее 25 лет.")
    assert "25 жасқа" in v.message["kk"]


def test_candidate_min_age_is_data(variant: Variant) -> None:
    """`candidate.min_age` (CLE Ch. 10-2): a variant with 21 uses the Russian singular form."""
    r = variant(candidate__min_age=21)
    result = check_candidate(r, nominee(birth_date="2004-01-01"))
    assert result.violations[0].message["ru"].endswith("не менее 21 года.")


def test_candidate_must_be_qualified(rural2023: Ruleset) -> None:
    """`candidate.qualification` (CLE Ch. 10-2): civil-service qualification requirements."""
    assert rules(check_candidate(rural2023, nominee(qualified=False))) == [
        "candidate.qualification"
    ]


def test_minimum_education(rural2021: Ruleset, rural2023: Ruleset) -> None:
    """`candidate.minimum_education` (CLE Ch. 10-2): higher in 2021 [S]; relaxation unknown [U]."""
    assert rural2021.parameters.candidate.minimum_education.value == "higher"
    assert rural2021.parameters.candidate.minimum_education.confidence == "S"
    assert rural2023.parameters.candidate.minimum_education.confidence == "U"


@pytest.mark.parametrize("bar", ["conviction", "incapacitated", "imprisoned", "corruption_offence"])
def test_candidate_bars(rural2023: Ruleset, bar: str) -> None:
    """`candidate.bars` (CLE Art. 4): conviction, incapacity, imprisonment, corruption offence."""
    result = check_candidate(rural2023, nominee(**{bar: True}))
    assert rules(result) == [f"candidate.bars.{bar}"]
    assert result.violations[0].article == "CLE Art. 4"
    assert result.violations[0].confidence == "C"


def test_nomination_method_must_be_allowed(variant: Variant) -> None:
    """`nomination.methods` (CLE Ch. 10-2): a variant with party nominations only refuses self."""
    r = variant(nomination__methods=["party"])
    result = check_candidate(
        r,
        nominee(
            nomination="self", valid_signatures=15, documents=[*FILE, "signature_check_protocol"]
        ),
    )
    assert rules(result) == ["nomination.methods"]
    assert "самовыдвижение" in result.violations[0].message["ru"]


def test_party_nominee_must_be_a_member(rural2023: Ruleset) -> None:
    """`nomination.party_member` (CLE Ch. 10-2): a party nominates from its members."""
    result = check_candidate(rural2023, nominee(party_member=False))
    assert rules(result) == ["nomination.party_member"]


def test_self_nominee_needs_signatures(rural2023: Ruleset) -> None:
    """`nomination.signatures` (CLE Ch. 10-2): 1,500 voters → 15 valid signatures."""
    docs = [*FILE, "signature_check_protocol"]
    short = nominee(nomination="self", party_member=False, valid_signatures=14, documents=docs)
    assert rules(check_candidate(rural2023, short)) == ["nomination.signatures"]
    enough = nominee(nomination="self", party_member=False, valid_signatures=15, documents=docs)
    assert check_candidate(rural2023, enough).eligible


@pytest.mark.parametrize("missing", FILE)
def test_every_document_of_the_file_is_required(rural2023: Ruleset, missing: str) -> None:
    """`candidate.documents` (CLE Art. 113-5): each document of the registration file."""
    result = check_candidate(rural2023, nominee(documents=[d for d in FILE if d != missing]))
    assert rules(result) == ["candidate.documents"]
    v = result.violations[0]
    assert v.details == {"document": missing}
    assert v.article == "CLE Art. 113-5"


def test_self_nominee_needs_the_signature_check_protocol(rural2023: Ruleset) -> None:
    """`candidate.signature_documents` (CLE Art. 113-5): the TEC's signature-check protocol."""
    result = check_candidate(
        rural2023, nominee(nomination="self", party_member=False, valid_signatures=40)
    )
    assert rules(result) == ["candidate.signature_documents"]
    assert "протокол" in result.violations[0].message["ru"]
    assert "хаттама" in result.violations[0].message["kk"]


def test_deposit_minimum_wages(rural2023: Ruleset, district2023: Ruleset) -> None:
    """`candidate.deposit_minimum_wages` (CLE Ch. 10-2): 5 for districts [S], about 1 rural [U]."""
    assert district2023.parameters.candidate.deposit_minimum_wages.value == 5
    assert district2023.parameters.candidate.deposit_minimum_wages.confidence == "S"
    assert rural2023.parameters.candidate.deposit_minimum_wages.value == 1
    assert rural2023.parameters.candidate.deposit_minimum_wages.confidence == "U"


def test_every_refusal_names_rule_and_article_in_three_languages(rural2023: Ruleset) -> None:
    """Every refusal carries a rule ID, an article and a distinct kk, ru and en message."""
    bars = dict.fromkeys(("conviction", "incapacitated", "imprisoned", "corruption_offence"), True)
    lacks = dict.fromkeys(("citizen", "party_member", "qualified"), False)
    worst = nominee(birth_date="2010-01-01", nomination="self", documents=[], **bars, **lacks)
    result = check_candidate(rural2023, worst)
    assert len(result.violations) == 14
    for v in result.violations:
        assert v.rule and v.article
        assert set(v.message) == {"kk", "ru", "en"}
        assert all(v.message.values())
        assert v.message["kk"] != v.message["en"] != v.message["ru"]
