"""Voter eligibility (CLE Art. 4).

- ``voter.citizen`` — a citizen of the Republic of Kazakhstan;
- ``voter.min_age`` — 18 years of age on polling day (one who turns 18 that day votes);
- ``voter.residence`` — registered as resident in the unit of the election
  (``residence_unit`` equals ``district_unit``; lists are kept by place of registration);
- ``voter.bars.<bar>`` — court-declared incapacity, imprisonment by a court sentence.
"""

from __future__ import annotations

from .age import citizen_of_age
from .decisions import Eligibility, cite
from .inputs import InputModel, IsoDate
from .ruleset import Ruleset

__all__ = ["VoterRecord", "check_voter"]


class VoterRecord(InputModel):
    """What ``tandau law check-voter`` reads: one person and the election's unit."""

    birth_date: IsoDate
    polling_day: IsoDate
    citizen: bool
    residence_unit: str
    district_unit: str
    incapacitated: bool
    imprisoned: bool


def check_voter(ruleset: Ruleset, voter: VoterRecord) -> Eligibility:
    """Every rule of ``ruleset`` that keeps this person off the voter list."""
    rules = ruleset.parameters.voter
    out = citizen_of_age(ruleset, "voter", voter.citizen, voter.birth_date, voter.polling_day)
    if rules.residence.value and voter.residence_unit != voter.district_unit:
        out.append(
            cite(
                ruleset,
                "voter.residence",
                details={
                    "residence_unit": voter.residence_unit,
                    "district_unit": voter.district_unit,
                },
            )
        )
    flags = {"incapacitated": voter.incapacitated, "imprisoned": voter.imprisoned}
    out.extend(cite(ruleset, f"voter.bars.{bar}") for bar in rules.bars.value if flags[bar])
    return Eligibility(tuple(out))
