"""Pydantic models of the voter and public JSON API, as ``/api/openapi.json`` describes it.

The ballot itself is not a pydantic model: the server reads the exact bytes
(bounded) and decodes them with the protocol's strict parser, so the request
body schema below only documents the wire shape (record spec §R4).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = [
    "AUDIT_SCHEMA",
    "BALLOT_SCHEMA",
    "AuditOut",
    "BoardEntryOut",
    "BoardPageOut",
    "ConsistencyOut",
    "CredentialStatusOut",
    "ElectionOut",
    "ElectionSummaryOut",
    "HeadOut",
    "HeadsPageOut",
    "ReceiptOut",
    "ResultsOut",
    "TrackOut",
]

_HEX32 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_CIPHERTEXT = {
    "type": "object",
    "required": ["alpha", "beta"],
    "properties": {"alpha": _HEX32, "beta": _HEX32},
}
_PROOF = {
    "type": "object",
    "required": ["c", "s"],
    "properties": {
        "c": {"type": "array", "items": _HEX32},
        "s": {"type": "array", "items": _HEX32},
    },
}

#: The ballot's wire shape (record spec §R4); the server's parser is the authority.
BALLOT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["election", "credential", "selection", "signature"],
    "properties": {
        "election": _HEX32,
        "credential": _HEX32,
        "selection": {
            "type": "object",
            "required": ["ciphertexts", "option_proofs", "sum_proof"],
            "properties": {
                "ciphertexts": {"type": "array", "items": _CIPHERTEXT},
                "option_proofs": {"type": "array", "items": _PROOF},
                "sum_proof": _PROOF,
            },
        },
        "signature": {"type": "object"},
    },
}

#: An audit file from the booth: the spoiled ballot and its opening (§R4.5).
AUDIT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["ballot", "opening"],
    "properties": {
        "ballot": BALLOT_SCHEMA,
        "opening": {
            "type": "object",
            "required": ["choices", "nonces"],
            "properties": {
                "choices": {"type": "array", "items": {"type": "integer", "minimum": 0}},
                "nonces": {"type": "array", "items": _HEX32},
            },
        },
    },
}


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


class ReceiptOut(BaseModel):
    election: str
    tracking_code: str
    seq: int
    leaf_hash: str
    head: dict[str, Any]
    head_signature: str
    inclusion_proof: list[str]
    revote: bool = Field(description="an earlier ballot of this credential is superseded")


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
