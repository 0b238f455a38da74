"""Builders for protocol tests: a manifest, a single-key election, credentials and ballots.

Real objects only; a single ElGamal key stands in for the threshold key where
a test is not about the ceremony.
"""

from __future__ import annotations

from tandau.crypto.elgamal import KeyPair, keygen
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.selection import SelectionRule
from tandau.protocol.credentials import Credential, derive, new_code
from tandau.protocol.manifest import Manifest, Option, Trustee

COMMISSION_KEY = "11" * 32


def names(text: str) -> dict[str, str]:
    return {"kk": text, "ru": text, "en": text}


def make_manifest(
    candidates: int = 3, *, trustees: int = 3, threshold: int = 2, election_id: str = "demo-1"
) -> Manifest:
    options = [
        Option(f"c{i}", "candidate", names(f"Candidate {i}"), None if i % 2 else "Party")
        for i in range(1, candidates + 1)
    ]
    options.append(Option("against", "against_all", names("Against all")))
    return Manifest(
        election_id=election_id,
        title=names("Akim of Demo rural okrug"),
        unit_code="611633000",
        unit_name=names("Demo okrug"),
        office="akim",
        ruleset="kz-rural-akim-2023",
        polling_day="2026-09-17",
        mode="polling-station",
        options=tuple(options),
        rule=SelectionRule(len(options)),
        trustees=tuple(Trustee(i, f"Trustee {i}") for i in range(1, trustees + 1)),
        threshold=threshold,
        commission_key=COMMISSION_KEY,
    )


def make_key(seed: bytes = b"key") -> KeyPair:
    return keygen(DeterministicRng(seed))


def make_credentials(manifest: Manifest, n: int, seed: bytes = b"creds") -> list[Credential]:
    rng = DeterministicRng(seed)
    return [derive(manifest.fingerprint, new_code(rng)) for _ in range(n)]


def one_hot(k: int, i: int) -> list[int]:
    choices = [0] * k
    choices[i] = 1
    return choices
