"""Builders for protocol tests: a manifest, a single-key election, credentials and ballots.

Real objects only; a single ElGamal key stands in for the threshold key where
a test is not about the ceremony.
"""

from __future__ import annotations

from tandau.admin import driver
from tandau.crypto.elgamal import KeyPair, keygen
from tandau.crypto.rng import DeterministicRng
from tandau.protocol.credentials import Credential, derive, new_code
from tandau.protocol.manifest import Manifest

COMMISSION_KEY = "11" * 32


def make_manifest(
    candidates: int = 3, *, trustees: int = 3, threshold: int = 2, election_id: str = "demo-1"
) -> Manifest:
    return driver.numbered_manifest(
        election_id,
        candidates,
        title="Akim of Demo rural okrug",
        unit_code="611633000",
        unit_name="Demo okrug",
        trustees=trustees,
        threshold=threshold,
        commission_key=COMMISSION_KEY,
    )


def make_key(seed: bytes = b"key") -> KeyPair:
    return keygen(DeterministicRng(seed))


def make_credentials(manifest: Manifest, n: int, seed: bytes = b"creds") -> list[Credential]:
    rng = DeterministicRng(seed)
    return [derive(manifest.fingerprint, new_code(rng)) for _ in range(n)]


one_hot = driver.one_hot
