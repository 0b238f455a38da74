"""Nomination rules (ruleset group ``nomination``): signatures and party nominations."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tandau.law import (
    NegativeNumber,
    Ruleset,
    check_party_slate,
    check_signatures,
    signatures_required,
)

Variant = Callable[..., Ruleset]


@pytest.mark.parametrize(
    ("voters", "required"),
    [(800, 8), (1236, 13), (700, 7), (100, 1), (99, 1), (101, 2), (1, 1), (0, 0), (2490, 25)],
)
def test_signatures_are_one_percent_rounded_up(
    rural2023: Ruleset, voters: int, required: int
) -> None:
    """`nomination.signatures` (CLE Ch. 10-2): at least 1% of the voters, rounded up, exactly."""
    assert signatures_required(rural2023, voters) == required


def test_signature_share_and_rounding_are_data(variant: Variant) -> None:
    """`nomination.signatures` (CLE Ch. 10-2): a researcher's 0.5%, rounded down, is honoured."""
    r = variant(nomination__signatures={"share_percent": 0.5, "rounding": "down"})
    assert signatures_required(r, 1236) == 6
    assert signatures_required(r, 199) == 0


def test_signatures_for_a_negative_electorate_are_refused(rural2023: Ruleset) -> None:
    """`nomination.signatures` (CLE Ch. 10-2): a negative number of voters is invalid input."""
    with pytest.raises(NegativeNumber) as info:
        signatures_required(rural2023, -5)
    assert info.value.field == "voters"


def test_self_nominee_short_of_signatures_is_refused(rural2023: Ruleset) -> None:
    """`nomination.signatures` (CLE Ch. 10-2): a self-nominee with 7 of 8 valid signatures."""
    (v,) = check_signatures(rural2023, "self", valid=7, invalid=0, district_voters=800)
    assert v.rule == "nomination.signatures"
    assert v.article == "CLE Ch. 10-2"
    assert v.details == {"required": 8, "valid": 7}
    assert "8" in v.message["ru"] and "8" in v.message["kk"]
    assert check_signatures(rural2023, "self", valid=8, invalid=0, district_voters=800) == ()


def test_party_nominees_need_no_signatures(rural2023: Ruleset) -> None:
    """`nomination.party_signatures` (CLE Ch. 10-2): self-nominees only, likelier [U]."""
    assert rural2023.parameters.nomination.party_signatures.confidence == "U"
    assert check_signatures(rural2023, "party", valid=0, invalid=0, district_voters=800) == ()


def test_party_signatures_when_a_ruleset_requires_them(variant: Variant) -> None:
    """`nomination.party_signatures` (CLE Ch. 10-2): a variant that asks party nominees too."""
    r = variant(nomination__party_signatures=True)
    (v,) = check_signatures(r, "party", valid=0, invalid=0, district_voters=800)
    assert v.rule == "nomination.party_signatures"
    assert v.article == "CLE Ch. 10-2"


def test_unknown_invalid_share_applies_no_maximum(rural2023: Ruleset) -> None:
    """`nomination.max_invalid_signature_percent` (CLE Ch. 10-2): unknown [U] → not applied."""
    param = rural2023.parameters.nomination.max_invalid_signature_percent
    assert param.value is None and param.confidence == "U"
    assert check_signatures(rural2023, "self", valid=8, invalid=800, district_voters=800) == ()


def test_invalid_share_above_a_set_maximum_is_refused(variant: Variant) -> None:
    """`nomination.max_invalid_signature_percent` (CLE Ch. 10-2): 5%: 2 of 20 invalid refused."""
    r = variant(nomination__max_invalid_signature_percent=5)
    (v,) = check_signatures(r, "self", valid=18, invalid=2, district_voters=800)
    assert v.rule == "nomination.max_invalid_signature_percent"
    assert v.details == {"invalid": 2, "submitted": 20}
    assert check_signatures(r, "self", valid=19, invalid=1, district_voters=800) == ()


def test_signature_check_method_is_unknown(rural2021: Ruleset, district2023: Ruleset) -> None:
    """`nomination.signature_check_method` (CLE Ch. 10-2): checking method not found [U]."""
    for r in (rural2021, district2023):
        param = r.parameters.nomination.signature_check_method
        assert param.value is None and param.confidence == "U"


def test_one_candidate_per_party(district2023: Ruleset) -> None:
    """`nomination.one_candidate_per_party` (CLE Ch. 10-2): a party's second nominee refused."""
    (v,) = check_party_slate(district2023, ["Amanat", "Aq Jol", "Amanat"])
    assert v.rule == "nomination.one_candidate_per_party"
    assert v.details == {"party": "Amanat", "nominees": 2}
    assert check_party_slate(district2023, ["Amanat", "Aq Jol"]) == ()
    assert district2023.parameters.nomination.one_candidate_per_party.confidence == "S"


def test_one_candidate_per_party_can_be_lifted(variant: Variant) -> None:
    """`nomination.one_candidate_per_party` (CLE Ch. 10-2): rural [U]; a variant may lift it."""
    r = variant(nomination__one_candidate_per_party=False)
    assert check_party_slate(r, ["Amanat", "Amanat"]) == ()


def test_higher_akim_proposals(rural2023: Ruleset, district2023: Ruleset) -> None:
    """`nomination.higher_akim_proposals` (CLE Ch. 10-2): one or two for district akims [S]."""
    assert district2023.parameters.nomination.higher_akim_proposals.value == 2
    assert district2023.parameters.nomination.higher_akim_proposals.confidence == "S"
    assert rural2023.parameters.nomination.higher_akim_proposals.value == 0
    assert rural2023.parameters.nomination.higher_akim_proposals.confidence == "U"
