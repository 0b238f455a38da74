"""A seeded election for web tests: the ceremony done, credentials published, voting open.

Driven by the election driver (``tandau.admin.driver``) as ``tandau demo`` is, and
small (3 trustees, threshold 2), on the database the test gives; the board's
head-signing key goes into ``<data_dir>/keys`` where the web app finds it.
``finish_election`` closes voting, adds paper protocols, tallies, decrypts and
publishes the results, so the results pages have something to show.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tandau.admin import driver
from tandau.admin.devices import DeviceService
from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.board.clock import SystemClock
from tandau.crypto.elgamal import PublicKey
from tandau.crypto.rng import DeterministicRng, SystemRng
from tandau.crypto.signatures import HeadSigningKey
from tandau.protocol import events as ev
from tandau.protocol.ballot import Ballot
from tandau.protocol.credentials import Credential, new_code
from tandau.protocol.manifest import Manifest
from tandau.settings import Settings
from tandau.storage import SqlBoardStore, make_engine, upgrade
from tandau.storage.booth_store import SqlBoothStore
from tandau.storage.keyring import KeyRing
from tandau.web.app import create_app
from tandau.web.demo import aksu_manifest

__all__ = [
    "SeededElection",
    "finish_election",
    "make_ballot",
    "seed_election",
    "voter_client",
    "web_settings",
]

TRUSTEES = 3
THRESHOLD = 2

TITLE = {
    "kk": "Ақсу ауылдық округі әкімінің сайлауы (сынақ)",
    "ru": "Выборы акима Аксуского сельского округа (тест)",
    "en": "Election of the akim of Aksu rural okrug (test)",
}


@dataclass
class SeededElection:
    election: str
    database_url: str
    manifest: Manifest
    key: PublicKey
    codes: tuple[str, ...]
    credentials: tuple[Credential, ...]
    head_key: HeadSigningKey
    trustees: driver.Trustees = field(repr=False)

    @property
    def fingerprint(self) -> bytes:
        return self.manifest.fingerprint

    def option_index(self, option_id: str) -> int:
        return [o.id for o in self.manifest.options].index(option_id)


def make_manifest(election: str, mode: str, head_key: HeadSigningKey) -> Manifest:
    return aksu_manifest(election, mode, TITLE, TRUSTEES, THRESHOLD, head_key.verify_key.hex())


def _service(seeded_url: str, election: str, head_key: HeadSigningKey) -> tuple[Any, Any]:
    store = SqlBoardStore.from_url(seeded_url)
    return store, ElectionService(Board(store, election, key=head_key))


def seed_election(
    database_url: str,
    data_dir: Path,
    *,
    election: str = "aksu-2026",
    mode: str = "remote-pilot",
    voters: int = 6,
    seed: bytes = b"web-election",
    open_voting: bool = True,
) -> SeededElection:
    """Create the election on the database and (by default) open voting."""
    rng = DeterministicRng(seed + election.encode())
    upgrade(database_url)
    head_key = KeyRing(data_dir / "keys").create(election, rng)
    manifest = make_manifest(election, mode, head_key)
    trustees = driver.key_ceremony(manifest.fingerprint, TRUSTEES, THRESHOLD, rng)
    codes = tuple(new_code(rng) for _ in range(voters))
    creds = driver.credentials(manifest, codes)
    store, svc = _service(database_url, election, head_key)
    with store:
        driver.set_up(svc, manifest, trustees, creds, open_voting=open_voting)
    return SeededElection(
        election=election,
        database_url=database_url,
        manifest=manifest,
        key=trustees.joint_key,
        codes=codes,
        credentials=creds,
        head_key=head_key,
        trustees=trustees,
    )


def make_ballot(seeded: SeededElection, voter: int, choice: int, seed: bytes = b"b") -> Ballot:
    """A ballot made in Python, as ``tandau voter`` or another client would make it."""
    rng = DeterministicRng(seed + bytes([voter, choice]))
    cred = seeded.credentials[voter]
    return driver.vote(seeded.manifest, seeded.key, cred, choice, rng)[0]


def finish_election(
    seeded: SeededElection, paper: list[dict[str, Any]] | None = None, cancel: int | None = None
) -> dict[str, Any]:
    """Close voting, post paper protocols, tally, decrypt with trustees 1 and 3, publish."""
    rng = DeterministicRng(b"finish" + seeded.election.encode())
    store, svc = _service(seeded.database_url, seeded.election, seeded.head_key)
    with store:
        if cancel is not None:
            svc.cancel(seeded.credentials[cancel].public.hex(), "P-2")
        svc.close()
        paper = paper if paper is not None else []
        for protocol in paper:
            svc.post(ev.PAPER_PROTOCOL, protocol)
        tally = driver.post_tally(svc)
        cts = tally.ciphertexts
        shares = driver.post_shares(svc, seeded.trustees, (1, 3), cts, rng)
        decrypted = driver.decrypt(
            seeded.trustees, cts, shares, seeded.manifest.tally_bound(tally.counted)
        )
        results = driver.plurality_results(
            seeded.manifest.options,
            decrypted.totals,
            counted=tally.counted,
            used=decrypted.used,
            skipped=[2],
            paper=paper,
        )
        svc.post(ev.RESULTS, results)
    return results


def web_settings(database_url: str, data_dir: Path) -> Settings:
    return Settings.from_env({}, database_url=database_url, data_dir=data_dir, environment="test")


def production_settings(environ: dict[str, str]) -> Settings:
    """``Settings.from_env(environ)`` in production, with secret and TOTP keys long enough
    that what ``environ`` says is what is judged."""
    return Settings.from_env(
        environ, environment="production", secret_key="s" * 40, totp_key="t" * 40
    )


@contextmanager
def voter_client(
    database_url: str, data_dir: Path, **seed: Any
) -> Iterator[tuple[TestClient, SeededElection]]:
    """A seeded election and an in-process client of the web app over the same database."""
    seeded = seed_election(database_url, data_dir, **seed)
    with TestClient(create_app(web_settings(database_url, data_dir))) as client:
        yield client, seeded


def register_kiosk(database_url: str, election: str, label: str = "P-1 booth 1") -> str:
    """Register a kiosk device of ``election`` (as the commission does); its enrolment code."""
    engine = make_engine(database_url)
    try:
        service = DeviceService(SqlBoothStore(engine), SystemClock(), SystemRng())
        return service.register(election=election, label=label, actor="chair")[1]
    finally:
        engine.dispose()


def enrol_kiosk(client: TestClient, seeded: SeededElection) -> None:
    """Make ``client`` an enrolled kiosk of the election (its device cookie)."""
    code = register_kiosk(seeded.database_url, seeded.election)
    r = client.post(f"/api/elections/{seeded.election}/devices/enrol", json={"code": code})
    assert r.status_code == 200, r.text
