"""Builders for protocol tests: a manifest, a single-key election, credentials and ballots.

Real objects only; a single ElGamal key stands in for the threshold key where
a test is not about the ceremony.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tandau.admin import driver
from tandau.admin.driver import Trustees
from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.elgamal import KeyPair, keygen
from tandau.crypto.rng import DeterministicRng, Rng
from tandau.crypto.signatures import HeadSigningKey
from tandau.protocol import events as ev
from tandau.protocol.credentials import Credential, derive, new_code
from tandau.protocol.manifest import Manifest
from tandau.storage import SqlBoardStore, upgrade

COMMISSION_KEY = "11" * 32
DEMO_OKRUG = {
    "title": "Akim of Demo rural okrug",
    "unit_code": "611633000",
    "unit_name": "Demo okrug",
}


def make_manifest(
    candidates: int = 3, *, trustees: int = 3, threshold: int = 2, election_id: str = "demo-1"
) -> Manifest:
    ballot = {"trustees": trustees, "threshold": threshold, "commission_key": COMMISSION_KEY}
    return driver.numbered_manifest(election_id, candidates, **DEMO_OKRUG, **ballot)


def signed_manifest(
    rng: Rng, candidates: int = 3, **options: Any
) -> tuple[Manifest, HeadSigningKey]:
    """``make_manifest(candidates, **options)`` naming a commission head key drawn from
    ``rng`` (so the board's signed heads verify against the manifest), and that key."""
    head_key = HeadSigningKey.generate(rng)
    manifest = make_manifest(candidates, **options)
    return replace(manifest, commission_key=head_key.verify_key.hex()), head_key


def make_key(seed: bytes = b"key") -> KeyPair:
    return keygen(DeterministicRng(seed))


def make_credentials(manifest: Manifest, n: int, seed: bytes = b"creds") -> list[Credential]:
    rng = DeterministicRng(seed)
    return [derive(manifest.fingerprint, new_code(rng)) for _ in range(n)]


one_hot = driver.one_hot


@dataclass(frozen=True)
class OpenElection:
    """An election set up on a database: voting open, heads signed by ``head_key``."""

    manifest: Manifest
    head_key: HeadSigningKey
    trustees: Trustees
    credentials: list[Credential]


def open_sql_election(
    url: str, election_id: str, *, voters: int, trustees: int, threshold: int, rng: Rng,
    seed: bytes,
) -> OpenElection:  # fmt: skip
    """Migrate ``url``; a 3-candidate election with a real key ceremony, ``voters``
    credentials (from ``seed``) and voting open, through the election driver."""
    manifest, head_key = signed_manifest(
        rng, 3, trustees=trustees, threshold=threshold, election_id=election_id
    )
    creds = make_credentials(manifest, voters, seed=seed)
    upgrade(url)
    with SqlBoardStore.from_url(url) as store:
        svc = ElectionService(Board(store, election_id, key=head_key))
        ceremony = driver.key_ceremony(manifest.fingerprint, trustees, threshold, rng)
        driver.set_up(svc, manifest, ceremony, creds)
    return OpenElection(manifest, head_key, ceremony, creds)


def open_with_one_key(
    board: Board, manifest: Manifest, voters: int
) -> tuple[ElectionService, KeyPair, list[Credential]]:
    """``manifest`` created on ``board`` and voting open, with ``voters`` credentials
    published.  A single trustee's key (:func:`make_key`) stands in for the key ceremony:
    the manifest must say trustees=1, threshold=1."""
    svc = ElectionService(board)
    svc.create(manifest)
    kp = make_key()
    svc.post(
        ev.ELECTION_KEY,
        {
            "joint_key": kp.public.to_hex(),
            "verification_keys": {"1": kp.public.to_hex()},
            "qualified": [1],
        },
    )
    creds = make_credentials(manifest, voters)
    svc.post(ev.CREDENTIALS_LIST, {"credentials": sorted(c.public.hex() for c in creds)})
    svc.open()
    return svc, kp, creds
