"""Pydantic models of the voter and public JSON API, as ``/api/openapi.json`` describes it.

The models are the one source of both the schema and the check: a request the
schema allows passes them, and one it forbids is refused with 400 before any
route logic runs.  A ballot that matches ``BallotIn`` is then decoded by the
protocol's strict parser (record spec §R4); what only cryptography can tell
(a point off the curve, a proof that fails) is a refusal, 409 (ADR 0014).
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model

from tandau.admin.election import Receipt

__all__ = [
    "ELECTION_ID",
    "HEX32",
    "TRACKING_CODE",
    "AuditIn",
    "AuditOut",
    "BallotIn",
    "BoardEntryOut",
    "BoardPageOut",
    "ConsistencyOut",
    "CredentialStatusOut",
    "ElectionId",
    "ElectionOut",
    "ElectionSummaryOut",
    "HeadOut",
    "HeadsPageOut",
    "PublicCredential",
    "ReceiptOut",
    "ResultsOut",
    "TrackOut",
    "TrackingCode",
]

#: An election's id as the console calls it and every URL names it.
ELECTION_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$"
#: 32 bytes in lower-case hex: points, scalars, hashes, fingerprints (crypto.md §2).
HEX32 = r"^[0-9a-f]{64}$"
#: A tracking code as a voter may type it: 16 base32 letters, dash or space between fours.
TRACKING_CODE = r"^[A-Za-z2-7]{4}([- ]?[A-Za-z2-7]{4}){3}$"

ElectionId = Annotated[
    str, Path(pattern=ELECTION_ID, max_length=100, description="the election's id")
]
PublicCredential = Annotated[
    str,
    Path(
        pattern=HEX32,
        min_length=64,
        max_length=64,
        description="a public credential: a ristretto255 point, 64 lower-case hex digits",
    ),
]
TrackingCode = Annotated[
    str,
    Path(
        pattern=TRACKING_CODE,
        min_length=16,
        max_length=19,
        description="a ballot's tracking code, e.g. ABCD-EFGH-2345-KLMN (§R4.4)",
    ),
]

_Hex32 = Annotated[str, Field(pattern=HEX32, min_length=64, max_length=64)]


def _whole(value: Any) -> Any:
    """JSON Schema's integer: 3 and 3.0 alike; never a string or a boolean."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_Choice = Annotated[int, Field(ge=0, le=255), BeforeValidator(_whole)]


class _Strict(BaseModel):
    """What the booth sends: exactly these fields, each of exactly its JSON type."""

    model_config = ConfigDict(extra="forbid", strict=True)


class CiphertextIn(_Strict):
    """An ElGamal ciphertext (crypto.md §4): two encoded points."""

    alpha: _Hex32
    beta: _Hex32


class RangeProofIn(_Strict):
    """A disjunctive proof (crypto.md §5.1): one challenge and one response per branch."""

    c: list[_Hex32] = Field(min_length=1, max_length=64)
    s: list[_Hex32] = Field(min_length=1, max_length=64)


class SelectionIn(_Strict):
    """One ciphertext and one 0/1 proof per option, and the proof of their sum (§R4.1)."""

    ciphertexts: list[CiphertextIn] = Field(min_length=1, max_length=256)
    option_proofs: list[RangeProofIn] = Field(min_length=1, max_length=256)
    sum_proof: RangeProofIn


class SignatureIn(_Strict):
    """A Schnorr signature by the credential (crypto.md §8.1, §R4.3)."""

    c: _Hex32
    s: _Hex32


class BallotIn(_Strict):
    """An encrypted, signed ballot, byte for byte as the booth sends it (record spec §R4)."""

    election: _Hex32 = Field(description="the manifest fingerprint (§R2.3)")
    credential: _Hex32 = Field(description="the voter's public credential")
    selection: SelectionIn
    signature: SignatureIn


class OpeningIn(_Strict):
    """What an audited (spoiled) ballot reveals: each option's choice and nonce (§R4.5)."""

    choices: list[_Choice] = Field(min_length=1, max_length=256)
    nonces: list[_Hex32] = Field(min_length=1, max_length=256)


class AuditIn(_Strict):
    """An audit file from the booth: the spoiled ballot and its opening.

    The booth's downloaded file also names its format, election, fingerprint and
    tracking code; they may be sent along and are not relied on (the ballot says it all).
    """

    ballot: BallotIn
    opening: OpeningIn
    format: Literal["tandau-ballot-opening/v1"] | None = None
    election: Annotated[str, Field(max_length=100)] | None = None
    fingerprint: _Hex32 | None = None
    tracking_code: Annotated[str, Field(max_length=32)] | None = None


class ElectionSummaryOut(BaseModel):
    id: str
    title: dict[str, str]
    mode: str
    pilot: bool
    state: str = Field(description="setup | ready | open | closed | tallied | published")
    polling_day: str


class ElectionOut(ElectionSummaryOut):
    manifest: dict[str, Any]
    fingerprint: str = Field(description="the manifest fingerprint, hex (record spec §R2.3)")
    joint_key: str | None = Field(description="the election's ElGamal key, hex; null before it")
    remote: bool = Field(description="voters may vote from their own device")
    credentials: int
    ballots: int
    voted: int
    board_size: int


class CredentialStatusOut(BaseModel):
    listed: bool = Field(description="the public credential is on the election's list")
    voted: bool = Field(description="a ballot under it is on the board")
    cancelled: bool = Field(description="its holder voted on paper: no e-ballot of it counts")


def _required_fields(record: type) -> dict[str, Any]:
    """A dataclass's fields as required fields of a model, in their order."""
    hints = typing.get_type_hints(record)
    return {f.name: (hints[f.name], ...) for f in dataclasses.fields(record)}


#: The voter's receipt (``Receipt``), with its election and whether it supersedes a ballot.
#: (A model built at import; type checkers see it as ``Any``.)
ReceiptOut: Any = create_model(
    "ReceiptOut",
    election=(str, ...),
    **_required_fields(Receipt),
    revote=(bool, Field(description="an earlier ballot of this credential is superseded")),
)


class AuditOut(BaseModel):
    verified: bool
    choices: list[int]
    options: list[str] = Field(description="ids of the options the opening reveals as chosen")
    tracking_code: str
    cast: bool = Field(description="a ballot with this tracking code is on the board")


class TrackOut(BaseModel):
    election: str
    tracking_code: str
    seq: int
    status: str = Field(description="counted | superseded | cancelled")
    latest_seq: int | None
    entry: dict[str, Any]
    leaf_hash: str
    head: dict[str, Any]
    head_signature: str
    inclusion_proof: list[str]
    verified: bool


class BoardEntryOut(BaseModel):
    seq: int
    type: str
    time: str
    prev: str
    leaf_hash: str
    payload: dict[str, Any]


class BoardPageOut(BaseModel):
    election: str
    size: int
    start: int
    limit: int
    entries: list[BoardEntryOut]


class HeadOut(BaseModel):
    tree_size: int
    root: str
    time: str
    head: dict[str, Any]
    signature: str


class HeadsPageOut(BaseModel):
    election: str
    size: int
    start: int
    limit: int
    heads: list[HeadOut]
    more: bool
    latest: HeadOut | None


class ConsistencyOut(BaseModel):
    election: str
    first: int
    second: int
    first_root: str
    second_root: str
    proof: list[str]
    verified: bool
    first_head: HeadOut | None
    second_head: HeadOut | None


class ResultsOut(BaseModel):
    election: str
    published: bool
    options: list[dict[str, Any]]
    counted: int
    paper_ballots: int
    credentials: int
    e_turnout: float | None
    outcome: dict[str, Any]
    precincts: list[dict[str, Any]]
    trustees_used: list[int]
    skipped_trustees: list[int]
