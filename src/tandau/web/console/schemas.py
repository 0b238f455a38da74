"""Pydantic models of the commission console's JSON API (tag ``commission``).

Bodies are validated loosely here (types and sizes); the administration and the
console's steps apply the law's rules and answer with problem JSON naming the
rule and article.  Every write needs the session's ``X-CSRF-Token`` header.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from tandau.admin.records import PROTOCOL_FIGURES

from ..passwords import MAX_PASSWORD, MIN_PASSWORD

__all__ = [
    "AccountIn",
    "AccountOut",
    "AdvanceOut",
    "AnnulIn",
    "AppointIn",
    "CeremonyFileIn",
    "CeremonyOut",
    "CorrectionIn",
    "CredentialsOut",
    "DecisionIn",
    "DistrictIn",
    "ElectionIn",
    "ElectionOut",
    "EnrollmentOut",
    "EvotingIn",
    "FileIn",
    "NomineeIn",
    "OkOut",
    "PrecinctIn",
    "ProtocolIn",
    "SessionIn",
    "SessionOut",
    "SignaturesIn",
    "TextIn",
]

_SHORT = 300
_LONG = 2000


class OkOut(BaseModel):
    ok: bool = True
    detail: dict[str, Any] = Field(default_factory=dict)


class SessionIn(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=256)
    code: str = Field(max_length=16)


class AccountOut(BaseModel):
    id: int
    commission: str
    username: str
    name: str
    role: str
    active: bool


class SessionOut(BaseModel):
    account: AccountOut | None
    csrf_token: str


class AccountIn(BaseModel):
    # The same rules Accounts.create enforces, so the schema does not promise what it refuses.
    username: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{2,63}$")
    name: str = Field(min_length=1, max_length=200, pattern=r"\S")
    role: Literal["chair", "secretary", "member", "registrar", "trustee"]
    # The password policy (web.passwords) checks the length itself, to answer with its own
    # localised 400 (web.weak_password) rather than the generic one, so the schema states
    # the bounds it enforces.  A password of a valid length that is common, built from a
    # common one or holds the user name is refused with 409 (web.common_password):
    # a list of 30,000 words and its variants is no JSON schema (ADR 0014).
    password: str = Field(
        max_length=MAX_PASSWORD,
        json_schema_extra={"minLength": MIN_PASSWORD},
        description=f"{MIN_PASSWORD} to {MAX_PASSWORD} characters (else 400); refused with "
        "409 `web.common_password` if it is a common password, is built from one or "
        "contains the user name.",
    )


class EnrollmentOut(BaseModel):
    account: AccountOut
    totp_secret: str
    provisioning_uri: str


class AppointIn(BaseModel):
    person: str = Field(max_length=64)
    name: str = Field(max_length=_SHORT)
    role: str = Field(max_length=16)
    elected_on: str = Field(max_length=10)


class TextIn(BaseModel):
    text: str = Field(max_length=20 * 1024 * 1024)


class PrecinctIn(BaseModel):
    code: str = Field(max_length=64)
    number: int = Field(ge=1, le=1_000_000)
    unit: str = Field(max_length=9)
    address: str = Field(max_length=_SHORT)


class ElectionIn(BaseModel):
    election: str = Field(max_length=100)
    ruleset: str = Field(max_length=64)
    unit: str = Field(max_length=9)
    polling_day: str = Field(max_length=10)
    term_ends: str | None = Field(default=None, max_length=10)
    district_number: int = Field(default=1, ge=1, le=1000)
    precincts: list[str] = Field(default_factory=list, max_length=500)


class DistrictIn(BaseModel):
    number: int = Field(default=1, ge=1, le=1000)
    precincts: list[str] = Field(max_length=500)


class ElectionOut(BaseModel):
    id: str
    ruleset: str
    unit: str
    commission: str
    polling_day: str
    stage: str
    winner: str | None
    outcome: dict[str, Any] | None
    calendar: dict[str, str | None]
    precincts: list[str]
    evoting: dict[str, Any] | None


class AdvanceOut(BaseModel):
    stage: str
    nomination_extended_until: str | None


class NomineeIn(BaseModel):
    id: str = Field(max_length=64)
    name: str = Field(max_length=_SHORT)
    birth_date: str = Field(max_length=10)
    nomination: str = Field(max_length=8)
    party: str | None = Field(default=None, max_length=_SHORT)
    party_member: bool = False
    citizen: bool = True
    qualified: bool = True
    conviction: bool = False
    incapacitated: bool = False
    imprisoned: bool = False
    corruption_offence: bool = False
    documents: list[str] = Field(default_factory=list, max_length=50)


class SignaturesIn(BaseModel):
    sheets: list[list[str]] = Field(max_length=1000)


class CorrectionIn(BaseModel):
    action: Literal["remove", "move", "add"]
    iin: str = Field(max_length=12)
    reason: str = Field(max_length=_LONG)
    precinct: str | None = Field(default=None, max_length=64)
    name: str | None = Field(default=None, max_length=_SHORT)
    birth_date: str | None = Field(default=None, max_length=10)
    residence_unit: str | None = Field(default=None, max_length=9)


class EvotingIn(BaseModel):
    mode: Literal["polling-station", "remote-pilot"]  # console.evoting.MODES
    threshold: int = Field(ge=1, le=255)
    trustees: list[int] = Field(max_length=255)


class FileIn(BaseModel):
    """A decryption share, as the JSON document the trustee's command wrote."""

    kind: str = Field(max_length=16, description="Not read (`decryption` by convention).")
    document: dict[str, Any]


class CeremonyFileIn(BaseModel):
    """One of the key ceremony's files, as the JSON document the trustee's command wrote."""

    kind: Literal["setup", "dealing", "response", "reveal"]  # console.ceremony.KINDS
    document: dict[str, Any]


class CeremonyOut(BaseModel):
    step: str
    trustees: list[dict[str, Any]]
    complaints: list[dict[str, Any]]
    joint_key: str | None


class CredentialsOut(BaseModel):
    precinct: str
    codes: list[str]


#: The counted figures of a paper protocol, each a required whole number.
_FIGURES: dict[str, Any] = {name: (int, ...) for name in PROTOCOL_FIGURES}

#: A paper protocol as entered: the precinct, the figures of the protocol form, the votes.
#: (A model built at import; type checkers see it as ``Any``.)
ProtocolIn: Any = create_model(
    "ProtocolIn",
    precinct=(str, Field(max_length=64)),
    **_FIGURES,
    votes=(dict[str, int], ...),
)


class AnnulIn(BaseModel):
    reason: str = Field(max_length=_LONG)
    present: list[str] = Field(max_length=200)


class DecisionIn(BaseModel):
    resolution: str = Field(max_length=8)
    candidate: str | None = Field(default=None, max_length=64)
    reason: str = Field(max_length=_LONG)
    present: list[str] = Field(max_length=200)
