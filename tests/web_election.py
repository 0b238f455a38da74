"""A seeded election for web tests: the ceremony done, credentials published, voting open.

The same steps as ``tandau demo`` (``src/tandau/cli/demo.py``), in process and
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

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.ceremony import CeremonyParameters, deal, finalize, receive, setup, trustee_share
from tandau.crypto.decryption import combine, decrypt_totals, tally_share
from tandau.crypto.dlog import DlogTable
from tandau.crypto.elgamal import PublicKey
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.selection import SelectionRule
from tandau.crypto.signatures import HeadSigningKey
from tandau.protocol import events as ev
from tandau.protocol.ballot import Ballot, create_ballot
from tandau.protocol.credentials import Credential, derive, new_code
from tandau.protocol.manifest import Manifest, Option, Trustee
from tandau.settings import Settings
from tandau.storage import SqlBoardStore, upgrade
from tandau.web.app import create_app
from tandau.web.keyring import KeyRing

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

CANDIDATES = (
    ("c-abenov", "Абенов Ерлан", "Абенов Ерлан", "Yerlan Abenov", "Аманат"),
    ("c-serikova", "Серікова Айгүл", "Серикова Айгуль", "Aigul Serikova", None),
    ("c-li", "Ли Виктор", "Ли Виктор", "Viktor Li", "Ақ жол"),
)


def _names(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


@dataclass
class SeededElection:
    election: str
    database_url: str
    manifest: Manifest
    key: PublicKey
    codes: tuple[str, ...]
    credentials: tuple[Credential, ...]
    head_key: HeadSigningKey
    ceremony: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def fingerprint(self) -> bytes:
        return self.manifest.fingerprint

    def option_index(self, option_id: str) -> int:
        return [o.id for o in self.manifest.options].index(option_id)


def make_manifest(election: str, mode: str, head_key: HeadSigningKey) -> Manifest:
    options = [Option(i, "candidate", _names(kk, ru, en), p) for i, kk, ru, en, p in CANDIDATES]
    options.append(
        Option("against", "against_all", _names("Барлығына қарсы", "Против всех", "Against all"))
    )
    return Manifest(
        election_id=election,
        title=_names(
            "Ақсу ауылдық округі әкімінің сайлауы (сынақ)",
            "Выборы акима Аксуского сельского округа (тест)",
            "Election of the akim of Aksu rural okrug (test)",
        ),
        unit_code="991000000",
        unit_name=_names("Ақсу ауылдық округі", "Аксуский сельский округ", "Aksu rural okrug"),
        office="akim",
        ruleset="kz-rural-akim-2023",
        polling_day="2026-12-20",
        mode=mode,
        options=tuple(options),
        rule=SelectionRule(len(options)),
        trustees=tuple(Trustee(i, f"Trustee {i}") for i in range(1, TRUSTEES + 1)),
        threshold=THRESHOLD,
        commission_key=head_key.verify_key.hex(),
    )


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
    fp = manifest.fingerprint
    store, svc = _service(database_url, election, head_key)
    with store:
        svc.create(manifest)
        params = CeremonyParameters(fp, TRUSTEES, THRESHOLD)
        pairs = [setup(i, f"Trustee {i}", rng) for i in range(1, TRUSTEES + 1)]
        setups = [s for s, _ in pairs]
        boxes = [b for _, b in pairs]
        dealings = [deal(params, setups, i, rng)[0] for i in range(1, TRUSTEES + 1)]
        for d in dealings:
            svc.post(ev.CEREMONY_DEALING, {"trustee": d.dealer, "dealing": d.to_dict()})
        received = [
            receive(params, j, boxes[j - 1], setups, dealings) for j in range(1, TRUSTEES + 1)
        ]
        for response, _ in received:
            svc.post(
                ev.CEREMONY_RESPONSE,
                {"trustee": response.recipient, "response": response.to_dict()},
            )
        result = finalize(params, dealings, [r for r, _ in received])
        svc.post(ev.ELECTION_KEY, result.to_dict())
        codes = tuple(new_code(rng) for _ in range(voters))
        creds = tuple(derive(fp, c) for c in codes)
        svc.post(ev.CREDENTIALS_LIST, {"credentials": sorted(c.public.hex() for c in creds)})
        if open_voting:
            svc.open()
    return SeededElection(
        election=election,
        database_url=database_url,
        manifest=manifest,
        key=result.joint_key,
        codes=codes,
        credentials=creds,
        head_key=head_key,
        ceremony={"params": params, "result": result, "dealings": dealings, "received": received},
    )


def make_ballot(seeded: SeededElection, voter: int, choice: int, seed: bytes = b"b") -> Ballot:
    """A ballot made in Python, as ``tandau voter`` or another client would make it."""
    k = seeded.manifest.rule.options
    ballot, _ = create_ballot(
        seeded.fingerprint,
        seeded.key,
        seeded.manifest.rule,
        [int(i == choice) for i in range(k)],
        seeded.credentials[voter],
        DeterministicRng(seed + bytes([voter, choice])),
    )
    return ballot


def finish_election(
    seeded: SeededElection, paper: list[dict[str, Any]] | None = None, cancel: int | None = None
) -> dict[str, Any]:
    """Close voting, post paper protocols, tally, decrypt with trustees 1 and 3, publish."""
    rng = DeterministicRng(b"finish" + seeded.election.encode())
    options = seeded.manifest.options
    k = len(options)
    c = seeded.ceremony
    store, svc = _service(seeded.database_url, seeded.election, seeded.head_key)
    with store:
        if cancel is not None:
            svc.cancel(seeded.credentials[cancel].public.hex(), "P-2")
        svc.close()
        paper = paper if paper is not None else []
        for protocol in paper:
            svc.post(ev.PAPER_PROTOCOL, protocol)
        svc.sync()
        box = svc.state.box
        assert box is not None
        tally = box.tally()
        svc.post(ev.TALLY_ENCRYPTED, {"tally": tally.to_dict()})
        cts = list(tally.ciphertexts)
        shares = []
        for j in (1, 3):
            share = trustee_share(c["params"], c["result"], c["dealings"], c["received"][j - 1][1])
            ts = tally_share(share, cts, seeded.fingerprint, rng)
            svc.post(ev.TALLY_SHARE, {"trustee": j, "share": ts.to_dict()})
            shares.append(ts)
        vkeys = {j: c["result"].verification_key(j) for j in range(1, TRUSTEES + 1)}
        comb = combine(cts, shares, vkeys, THRESHOLD, seeded.fingerprint)
        e_votes = decrypt_totals(cts, comb, DlogTable.for_bound(max(tally.counted, 1)))
        paper_votes = [
            sum(p["votes"].get(o.id, 0) for p in paper if not p.get("annulled")) for o in options
        ]
        rows = [
            {"id": o.id, "e_votes": e, "paper_votes": p, "total": e + p}
            for o, e, p in zip(options, e_votes, paper_votes, strict=True)
        ]
        cands = [r for r in rows if r["id"] != "against"]
        top = max(r["total"] for r in cands)
        leaders = [r["id"] for r in cands if r["total"] == top]
        outcome = (
            {"status": "elected", "winner": leaders[0], "reasons": []}
            if len(leaders) == 1
            else {"status": "commission_decision_required", "winner": None, "reasons": []}
        )
        results = {
            "options": rows,
            "counted": tally.counted,
            "paper_ballots": sum(p["ballots_cast"] for p in paper if not p.get("annulled")),
            "trustees_used": list(comb.used),
            "skipped_trustees": [2],
            "outcome": outcome,
        }
        svc.post(ev.RESULTS, results)
        assert k == len(rows)
    return results


def web_settings(database_url: str, data_dir: Path) -> Settings:
    return Settings.from_env({}, database_url=database_url, data_dir=data_dir, environment="test")


@contextmanager
def voter_client(
    database_url: str, data_dir: Path, **seed: Any
) -> Iterator[tuple[TestClient, SeededElection]]:
    """A seeded election and an in-process client of the web app over the same database."""
    seeded = seed_election(database_url, data_dir, **seed)
    with TestClient(create_app(web_settings(database_url, data_dir))) as client:
        yield client, seeded
