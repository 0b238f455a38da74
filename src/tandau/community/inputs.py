"""The community service's inputs: strict models, ``YYYY-MM-DD`` dates, unknown keys refused.

Parsed with :func:`tandau.law.parse_input`, so a bad field is an
:class:`~tandau.law.InvalidInput` naming it, in kk, ru and en.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from tandau.law.inputs import InputModel, IsoDate

__all__ = [
    "AttendIn",
    "CommissionIn",
    "CommunityIn",
    "ConveneIn",
    "ElectIn",
    "Ident",
    "LongText",
    "ReplaceIn",
    "ResidentIn",
    "ResponseIn",
    "SecretResultIn",
    "SignIn",
    "Text",
    "VoteIn",
]

Ident = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class Names(InputModel):
    kk: Text
    ru: Text
    en: Text


class CommunityIn(InputModel):
    id: Ident
    name: Names
    population: Annotated[int, Field(ge=1)]
    settlements: Annotated[list[Text], Field(min_length=1)]
    district_ruleset: dict[str, Any] | None = None
    commission: Ident | None = None


class CommissionIn(InputModel):
    """Name the akim's office's commission that runs a community (ADR 0017).

    ``replaces`` must name the commission recorded now when there is one, so an
    office is never replaced by mistake or unknowingly.
    """

    community: Ident
    commission: Ident
    replaces: Ident | None = None


class ResidentIn(InputModel):
    community: Ident
    id: Ident
    name: Text
    settlement: Text
    street: Text | None = None
    since: IsoDate


class ElectIn(InputModel):
    community: Ident
    gathering: Text
    persons: Annotated[list[Ident], Field(min_length=1)]
    term_start: IsoDate


class ReplaceIn(InputModel):
    community: Ident
    person: Ident
    by: Ident
    on: IsoDate


class ConveneIn(InputModel):
    community: Ident
    id: Ident
    body: Literal["gathering", "meeting"]
    day: IsoDate
    place: Text
    agenda: Annotated[list[Text], Field(min_length=1)]
    convened_on: IsoDate


class AttendIn(InputModel):
    community: Ident
    session: Ident
    present: list[Ident]
    remote: tuple[Ident, ...] = ()


class VoteIn(InputModel):
    community: Ident
    session: Ident
    item: Annotated[int, Field(ge=1)]
    proposal: LongText
    ballots: dict[Ident, Literal["for", "against", "abstained"]]


class Signer(InputModel):
    role: Text
    name: Text


class SignIn(InputModel):
    community: Ident
    session: Ident
    signers: Annotated[list[Signer], Field(min_length=1)]
    on: IsoDate
    corrects: Ident | None = None
    correction: LongText | None = None


class SecretResultIn(InputModel):
    """The verified counts of a secret vote (an election in mode ``community``)."""

    community: Ident
    session: Ident
    item: Annotated[int, Field(ge=1)]
    proposal: LongText
    election: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    counts: dict[Literal["for", "against", "abstained"], Annotated[int, Field(ge=0)]]


class ResponseIn(InputModel):
    community: Ident
    session: Ident
    item: Annotated[int, Field(ge=1)]
    kind: Literal["implemented", "refused", "escalated"]
    text: LongText
    on: IsoDate
