"""`tandau serve --demo`: a ready election on a fresh SQLite file, and how to vote in it.

The demo is a remote-voting *pilot* (labelled on every page), so that anyone can
vote from a browser: five trustees ran the 3-of-5 ceremony in process (their
key shares are written to ``<data_dir>/demo/trustees/`` as the files their
offline laptops would keep), twenty voters have credential codes (printed, and
in ``<data_dir>/demo/credentials.txt``), and voting is open.  The commission
console has the invented territory of ``tandau.admin.demo_data``, the district
TEC, and a chair account printed at start; the demo clock lets the chair walk a
new election through its calendar (``tandau.web.demo_clock``).
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from tandau.admin import driver
from tandau.admin.demo_data import DEMO_TEC_UNIT, DEMO_UNITS_CSV
from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.rng import Rng
from tandau.private_files import private_dir
from tandau.protocol.credentials import new_code
from tandau.protocol.manifest import Manifest, Option
from tandau.storage import SqlBoardStore
from tandau.storage.keyring import KeyRing

from .accounts import create_account
from .context import WebContext

__all__ = ["DEMO_ELECTION", "DemoCommission", "DemoElection", "seed_commission", "seed_demo"]

DEMO_ELECTION = "demo-akim-2026"

#: The Aksu candidates: option id, name in kk, ru, en, and party (or None).
CANDIDATES = (
    ("c-abenov", "Абенов Ерлан", "Абенов Ерлан", "Yerlan Abenov", "Аманат"),
    ("c-serikova", "Серікова Айгүл", "Серикова Айгуль", "Aigul Serikova", None),
    ("c-li", "Ли Виктор", "Ли Виктор", "Viktor Li", "Ақ жол"),
)


@dataclass(frozen=True)
class DemoElection:
    election: str
    codes: tuple[str, ...]
    credentials_file: Path
    trustee_dir: Path


#: The demo's territorial commission and its chair's user name.
DEMO_TEC = "tec-akzhar"
DEMO_CHAIR = "chair"


@dataclass(frozen=True)
class DemoCommission:
    commission: str
    username: str
    password: str = field(repr=False)
    totp_secret: str = field(repr=False)


def seed_commission(ctx: WebContext) -> DemoCommission:
    """The invented territory, the district TEC and its chair's account (demo only).

    The password is random and printed once at start; the TOTP secret too.
    """
    admin = ctx.administration()
    admin.units.import_csv(DEMO_UNITS_CSV)
    admin.commissions.create(
        id=DEMO_TEC, kind="territorial", unit=DEMO_TEC_UNIT, name="Ақжар аудандық сайлау комиссиясы"
    )
    password = "demo-" + secrets.token_urlsafe(9)
    enrollment = create_account(
        ctx.engine,
        ctx.settings,
        ctx.clock,
        ctx.rng,
        commission=DEMO_TEC,
        username=DEMO_CHAIR,
        name="Demo chair",
        role="chair",
        password=password,
    )
    return DemoCommission(DEMO_TEC, DEMO_CHAIR, password, enrollment.totp_secret)


def names(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def ballot_options(candidates: tuple[tuple[str, str, str, str, str | None], ...]) -> list[Option]:
    """A demo ballot: the candidates (id, names in kk, ru, en, party) and "against all"."""
    options = [
        Option(i, "candidate", names(kk, ru, en), party) for i, kk, ru, en, party in candidates
    ]
    against = names("Барлығына қарсы", "Против всех", "Against all")
    return [*options, Option("against", "against_all", against)]


def aksu_manifest(
    election_id: str,
    mode: str,
    title: dict[str, str],
    trustees: int,
    threshold: int,
    commission_key_hex: str,
) -> Manifest:
    """The invented Aksu rural okrug's akim election: three candidates and "against all"."""
    options = ballot_options(CANDIDATES)
    return driver.akim_manifest(
        election_id,
        options,
        title=title,
        unit_code="991000000",
        unit_name=names("Ақсу ауылдық округі", "Аксуский сельский округ", "Aksu rural okrug"),
        polling_day="2026-12-20",
        mode=mode,
        trustees=trustees,
        threshold=threshold,
        commission_key=commission_key_hex,
    )


def demo_manifest(commission_key_hex: str) -> Manifest:
    title = names(
        "Ақсу ауылдық округі әкімінің сайлауы (демо)",
        "Выборы акима Аксуского сельского округа (демо)",
        "Election of the akim of Aksu rural okrug (demo)",
    )
    return aksu_manifest(DEMO_ELECTION, "remote-pilot", title, 5, 3, commission_key_hex)


def _write_secret(path: Path, payload: object) -> None:
    _write_private_text(path, json.dumps(payload, indent=2))


def _write_private_text(path: Path, text: str) -> None:
    """Created 0600 in the opening call: never readable by others, not even for a moment."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        os.fchmod(f.fileno(), 0o600)  # an older file of that name keeps its mode otherwise
        f.write(text)


def seed_demo(
    store: SqlBoardStore, keys: KeyRing, data_dir: Path, rng: Rng, voters: int = 20
) -> DemoElection:
    """Create the demo election on an empty database and open voting."""
    head_key = keys.create(DEMO_ELECTION, rng)
    manifest = demo_manifest(head_key.verify_key.hex())
    svc = ElectionService(Board(store, DEMO_ELECTION, key=head_key))
    # The ceremony, each step as the trustees' offline commands would run it.
    trustees = driver.key_ceremony(manifest.fingerprint, 5, 3, rng)
    # Credentials: the registrar keeps the codes; the board gets only the public list.
    codes = tuple(new_code(rng) for _ in range(voters))
    driver.set_up(svc, manifest, trustees, driver.credentials(manifest, codes))
    trustee_dir = data_dir / "demo" / "trustees"
    for j in range(1, 6):
        _write_secret(trustee_dir / f"trustee-{j}.share.json", trustees.share(j).to_dict())
    credentials_file = data_dir / "demo" / "credentials.txt"
    _write_private_text(credentials_file, "\n".join(codes) + "\n")
    return DemoElection(DEMO_ELECTION, codes, credentials_file, trustee_dir)
