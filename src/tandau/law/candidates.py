"""Candidate eligibility and the registration file.

Checked in this order, each refusal a :class:`~tandau.law.decisions.Violation`:

- ``candidate.citizen`` — a citizen of the Republic of Kazakhstan;
- ``candidate.min_age`` — at least 25 on the registration date;
- ``candidate.qualification`` — meets the civil-service qualification requirements;
- ``candidate.bars.<bar>`` — unexpunged conviction, court-declared incapacity,
  imprisonment by sentence, corruption offence (CLE Art. 4);
- ``nomination.methods`` — the ruleset allows this kind of nomination;
- ``nomination.party_member`` — a party nominates from its members;
- ``nomination.signatures`` / ``nomination.party_signatures`` /
  ``nomination.max_invalid_signature_percent`` — see :mod:`tandau.law.nomination`;
- ``candidate.documents`` — each document of the file (application, deposit receipt,
  civil-service compliance, tax declaration certificates of candidate and spouse);
- ``candidate.signature_documents`` — for a nomination backed by signatures, the
  commission's signature-check protocol.
"""

from __future__ import annotations

from typing import Literal

from .age import citizen_of_age
from .decisions import Eligibility, Violation, cite
from .inputs import Count, InputModel, IsoDate
from .messages import DOCUMENT_LABELS, NOMINATION_LABELS
from .nomination import check_signatures, needs_signatures
from .ruleset import Ruleset

__all__ = ["CandidateFile", "check_candidate"]


class CandidateFile(InputModel):
    """What ``tandau law check-candidate`` reads: one nominee and their registration file."""

    birth_date: IsoDate
    registration_date: IsoDate
    citizen: bool
    nomination: Literal["party", "self"]
    party_member: bool
    valid_signatures: Count
    invalid_signatures: Count
    district_voters: Count
    qualified: bool
    conviction: bool
    incapacitated: bool
    imprisoned: bool
    documents: list[str]
    #: Optional: the corruption-offence bar (CLE Art. 4 as extended in 2021); false if absent.
    corruption_offence: bool = False


def _document(ruleset: Ruleset, rule: str, name: str) -> Violation:
    label = DOCUMENT_LABELS.get(name)
    return cite(
        ruleset, rule, document=label if label is not None else name, details={"document": name}
    )


def check_candidate(ruleset: Ruleset, file: CandidateFile) -> Eligibility:
    """Every rule of ``ruleset`` that refuses to register this candidate."""
    rules = ruleset.parameters.candidate
    out = citizen_of_age(
        ruleset, "candidate", file.citizen, file.birth_date, file.registration_date
    )
    if rules.qualification.value and not file.qualified:
        out.append(cite(ruleset, "candidate.qualification"))
    flags = {
        "conviction": file.conviction,
        "incapacitated": file.incapacitated,
        "imprisoned": file.imprisoned,
        "corruption_offence": file.corruption_offence,
    }
    out.extend(cite(ruleset, f"candidate.bars.{bar}") for bar in rules.bars.value if flags[bar])
    nom = ruleset.parameters.nomination
    if file.nomination not in nom.methods.value:
        out.append(
            cite(
                ruleset,
                "nomination.methods",
                method=NOMINATION_LABELS[file.nomination],
                details={"nomination": file.nomination},
            )
        )
    if file.nomination == "party" and nom.party_member.value and not file.party_member:
        out.append(cite(ruleset, "nomination.party_member"))
    out.extend(
        check_signatures(
            ruleset,
            file.nomination,
            valid=file.valid_signatures,
            invalid=file.invalid_signatures,
            district_voters=file.district_voters,
        )
    )
    present = set(file.documents)
    out.extend(
        _document(ruleset, "candidate.documents", name)
        for name in rules.documents.value
        if name not in present
    )
    if needs_signatures(ruleset, file.nomination):
        out.extend(
            _document(ruleset, "candidate.signature_documents", name)
            for name in rules.signature_documents.value
            if name not in present
        )
    return Eligibility(tuple(out))
