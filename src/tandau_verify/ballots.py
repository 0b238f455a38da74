"""Ballot checks, runnable in worker processes (record spec §R4, V7).

An independent reading of the ballot format: it uses only the crypto core's
primitives and proofs, never the protocol package's code.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from tandau.crypto import sodium
from tandau.crypto.canonical import dumps_checked
from tandau.crypto.elgamal import PublicKey
from tandau.crypto.errors import TandauError
from tandau.crypto.group import Point
from tandau.crypto.hashing import hash_bytes
from tandau.crypto.selection import EncryptedSelection, SelectionRule, verify_selection
from tandau.crypto.signatures import Signature, verify_signature

__all__ = ["BallotJob", "BallotOutcome", "check_ballot", "check_ballots"]


@dataclass(frozen=True, slots=True)
class BallotJob:
    fingerprint: bytes
    key: bytes
    options: int
    per_option: int
    min_sum: int
    max_sum: int


@dataclass(frozen=True, slots=True)
class BallotOutcome:
    seq: int
    credential: bytes
    error: str | None


def check_ballot(job: BallotJob, seq: int, ballot: Any) -> BallotOutcome:
    """V7 crypto part: format, election, signature and every proof of one ballot."""
    credential = b""
    try:
        if not isinstance(ballot, dict) or set(ballot) != {
            "election",
            "credential",
            "selection",
            "signature",
        }:
            return BallotOutcome(seq, credential, "malformed ballot")
        cred = Point.from_hex(ballot["credential"]).require_not_identity()
        credential = cred.data
        if ballot["election"] != job.fingerprint.hex():
            return BallotOutcome(seq, credential, "ballot for another election")
        selection = EncryptedSelection.from_dict(ballot["selection"])
        signature = Signature.from_dict(ballot["signature"])
        message = hash_bytes(
            "ballot/signed", job.fingerprint, cred.data, dumps_checked(ballot["selection"])
        )
        verify_signature(cred, message, signature)
        key, rule = _job_values(job)
        context = hash_bytes("ballot/context", job.fingerprint, job.key, cred.data)
        verify_selection(key, rule, selection, context)
    except TandauError as exc:
        return BallotOutcome(seq, credential, f"{exc.code}: {exc}")
    except Exception as exc:  # §R8.1: any malformed value is a named failure, never a crash
        return BallotOutcome(seq, credential, f"malformed ballot: {type(exc).__name__}: {exc}")
    return BallotOutcome(seq, credential, None)


@functools.lru_cache(maxsize=8)
def _job_values(job: BallotJob) -> tuple[PublicKey, SelectionRule]:
    """The key and rule of a job, decoded once per process (a bad key raises every time)."""
    key = PublicKey(Point.from_bytes(job.key))
    return key, SelectionRule(job.options, job.per_option, job.min_sum, job.max_sum)


def check_ballots(args: tuple[BallotJob, list[tuple[int, Any]]]) -> list[BallotOutcome]:
    """A chunk of (seq, entry bytes): the unit of work of a worker process.

    In the driver's own process a chunk holds the ballots the driver parsed
    already, so each line is parsed once; only bytes travel to other processes.
    """
    job, chunk = args
    out = []
    for seq, raw in chunk:
        ballot = json.loads(raw)["payload"]["ballot"] if isinstance(raw, bytes) else raw
        out.append(check_ballot(job, seq, ballot))
    return out


def sum_ballots(args: tuple[int, list[bytes]]) -> list[tuple[bytes, bytes]]:
    """Per-option sums of a chunk of ballot entries (V9), as raw (alpha, beta) encodings."""
    options, chunk = args
    alphas = [sodium.IDENTITY] * options
    betas = [sodium.IDENTITY] * options
    for raw in chunk:
        cts = json.loads(raw)["payload"]["ballot"]["selection"]["ciphertexts"]
        for i, ct in enumerate(cts):
            alphas[i] = sodium.add(alphas[i], bytes.fromhex(ct["alpha"]))
            betas[i] = sodium.add(betas[i], bytes.fromhex(ct["beta"]))
    return list(zip(alphas, betas, strict=True))
