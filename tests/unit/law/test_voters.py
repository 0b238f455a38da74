"""Voter eligibility (CLE Art. 4): one test per rule, citing its article."""

from __future__ import annotations

from typing import Any

import pytest
from law_examples import VOTER

from tandau.law import Ruleset, VoterRecord, check_voter


def voter(**changes: Any) -> VoterRecord:
    return VoterRecord.model_validate({**VOTER, **changes}, strict=False)


def test_an_adult_resident_citizen_votes(rural2023: Ruleset) -> None:
    """An adult citizen registered in the unit, not barred, is on the list."""
    assert check_voter(rural2023, voter()).eligible


def test_voter_must_be_a_citizen(rural2023: Ruleset) -> None:
    """`voter.citizen` (CLE Art. 4): only citizens vote."""
    (v,) = check_voter(rural2023, voter(citizen=False)).violations
    assert (v.rule, v.article, v.confidence) == ("voter.citizen", "CLE Art. 4", "C")


def test_voter_who_turns_18_on_polling_day_votes(rural2023: Ruleset) -> None:
    """`voter.min_age` (CLE Art. 4): 18 on polling day, the birthday itself included."""
    assert check_voter(rural2023, voter(birth_date="2008-09-17")).eligible
    (v,) = check_voter(rural2023, voter(birth_date="2008-09-18")).violations
    assert v.rule == "voter.min_age"
    assert v.details == {"age": 17, "min_age": 18}
    assert v.message["ru"] == "Ко дню голосования избиратель должен достичь возраста 18 лет."


def test_voter_must_live_in_the_unit(rural2023: Ruleset) -> None:
    """`voter.residence` (CLE Art. 4): registered in another rural okrug → not on this list."""
    (v,) = check_voter(rural2023, voter(district_unit="611635000")).violations
    assert v.rule == "voter.residence"
    assert v.details == {"residence_unit": "611633000", "district_unit": "611635000"}


@pytest.mark.parametrize("bar", ["incapacitated", "imprisoned"])
def test_voter_bars(rural2023: Ruleset, bar: str) -> None:
    """`voter.bars` (CLE Art. 4): court-declared incapacity, imprisonment by a court sentence."""
    (v,) = check_voter(rural2023, voter(**{bar: True})).violations
    assert v.rule == f"voter.bars.{bar}"
    assert v.article == "CLE Art. 4"
    assert "құқығы жоқ" in v.message["kk"]
