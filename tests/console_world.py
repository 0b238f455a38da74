"""Builders for the commission console's tests: an app over a real database, a commission, people.

``World`` holds the app (``create_app`` over a ``WebContext`` with a settable
clock), the territorial commission of the demo district with five members, and
one account per commission role.  ``world.client(role)`` is a TestClient signed
in as that role (password + TOTP at the world's clock); ``csrf(client)`` reads
the session's CSRF token.  Trustees' offline steps are simulated with the
ceremony functions (``Trustees``), as their laptops would run them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pyotp
from admin_builders import (
    KZ,
    MEMBERS,
    PRECINCTS,
    TEC,
    SettableClock,
    call_demo_election,
    local,
)
from fastapi.testclient import TestClient

from tandau.admin.demo_data import DEMO_TEC_UNIT, DEMO_UNITS_CSV, demo_voters_csv
from tandau.crypto import ceremony as crypto_ceremony
from tandau.crypto.ceremony import CeremonyResult
from tandau.crypto.decryption import TallyShare, tally_share
from tandau.crypto.elgamal import Ciphertext
from tandau.crypto.rng import DeterministicRng, Rng
from tandau.crypto.sealed import TrusteeBoxKey
from tandau.protocol.manifest import Manifest
from tandau.settings import Settings
from tandau.web.accounts import Enrollment, create_account
from tandau.web.app import create_app
from tandau.web.context import WebContext

__all__ = [
    "ELECTION",
    "PASSWORD",
    "ROLES",
    "E",
    "Trustees",
    "World",
    "csrf",
    "document",
    "make_world",
    "stored",
    "totp_now",
]

PASSWORD = "correct horse battery staple"
ELECTION = "birlik-2027"
#: The election's pages in the commission console.
E = f"/commission/e/{ELECTION}"
#: One account per role; three trustees.
ROLES = ("chair", "secretary", "member", "registrar", "trustee")
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def totp_now(secret: str, clock: SettableClock, offset_steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(int(clock.now().timestamp()) + 30 * offset_steps)


def csrf(client: TestClient) -> str:
    """The session's CSRF token (from the sign-in page's form)."""
    token = client.get("/api/commission/session").json()["csrf_token"]
    assert isinstance(token, str)
    return token


def document(kind: str, key: str, body: Any, fingerprint: bytes) -> bytes:
    """A file as the trustee's command writes it."""
    return json.dumps(
        {"format": f"tandau-{kind}/v1", "fingerprint": fingerprint.hex(), key: body}
    ).encode()


@dataclass
class World:
    settings: Settings
    ctx: WebContext
    clock: SettableClock
    app: Any
    enrollments: dict[str, Enrollment] = field(default_factory=dict)

    def account(
        self, username: str, role: str, name: str | None = None, commission: str = TEC
    ) -> Enrollment:
        e = create_account(
            self.ctx.engine,
            self.settings,
            self.clock,
            self.ctx.rng,
            commission=commission,
            username=username,
            name=name or username.title(),
            role=role,
            password=PASSWORD,
        )
        self.enrollments[username] = e
        return e

    def code(self, username: str) -> str:
        """A fresh TOTP code: the clock moves to the next 30-second step first."""
        self.clock.at += timedelta(seconds=30)
        return totp_now(self.enrollments[username].totp_secret, self.clock)

    def client(self, username: str | None = None) -> TestClient:
        client = TestClient(self.app, base_url="https://testserver")
        client.headers["Accept-Language"] = "en"  # ?lang= overrides it where a test needs kk/ru
        if username is not None:
            token = csrf(client)
            r = client.post(
                "/commission/login",
                data={
                    "username": username,
                    "password": PASSWORD,
                    "code": self.code(username),
                    "csrf_token": token,
                },
                follow_redirects=False,
            )
            assert r.status_code == 303, r.text
        return client


def make_world(
    db_url: str,
    tmp_path: Path,
    *,
    accounts: bool = True,
    called: bool = False,
    campaign: tuple[int, int] | None = None,
) -> Iterator[World]:
    """The app over ``db_url``, the demo territory and commission, and (optionally) accounts;
    with ``called``, the election called and its district formed; with ``campaign``, the
    election in its campaign with that many voters in each precinct (``to_campaign``)."""
    settings = Settings.from_env(
        {}, database_url=db_url, data_dir=tmp_path / "data", environment="test"
    )
    clock = SettableClock(local("2027-07-01 09:00"))
    ctx = WebContext.build(settings, clock=clock)
    ctx.rng = DeterministicRng(b"console-tests")
    app = create_app(settings, context=ctx)
    world = World(ctx.settings, ctx, clock, app)
    admin = ctx.administration()
    admin.units.import_csv(DEMO_UNITS_CSV)
    admin.commissions.create(
        id=TEC, kind="territorial", unit=DEMO_TEC_UNIT, name="Ақжар ауданының ТСК"
    )
    for person, role in zip(
        MEMBERS, ("chair", "secretary", "member", "member", "member"), strict=True
    ):
        admin.commissions.appoint(
            commission=TEC, person=person, name=f"Мүше {person}", role=role, elected_on="2024-03-01"
        )
    for number, (code, village) in enumerate(
        zip(PRECINCTS, ("991011001", "991011002"), strict=True), 101
    ):
        admin.districts.create_precinct(code=code, number=number, unit=village, address="Мектеп")
    if accounts:
        world.account("chair", "chair", "Әлия Сейітова")
        world.account("secretary", "secretary", "Бауыржан Омаров")
        world.account("member", "member")
        world.account("registrar", "registrar", "Гүлнар Исаева")
        for j in (1, 2, 3):
            world.account(f"trustee{j}", "trustee", f"Сенім білдірілген {j}")
    if called:
        call_demo_election(admin, clock)
    if campaign is not None:
        to_campaign(world, campaign)
    try:
        yield world
    finally:
        ctx.close()


def voters_csv(precinct: str, count: int, first_serial: int) -> str:
    village = {"P-101": "991011001", "P-102": "991011002"}[precinct]
    return demo_voters_csv(precinct, village, count, first_serial)


@dataclass
class Trustee:
    index: int
    name: str
    box: TrusteeBoxKey | None = None
    secret: crypto_ceremony.DealerSecret | None = None
    received: crypto_ceremony.ReceivedShares | None = None


class Trustees:
    """The trustees' offline laptops: each step is what ``tandau trustee …`` would compute."""

    def __init__(self, fingerprint: bytes, n: int, t: int, names: list[str], rng: Rng) -> None:
        self.params = crypto_ceremony.CeremonyParameters(fingerprint, n, t)
        self.people = [Trustee(j, names[j - 1]) for j in range(1, n + 1)]
        self.rng = rng
        self.setups: list[crypto_ceremony.TrusteeSetup] = []
        self.dealings: list[crypto_ceremony.Dealing] = []
        self.responses: list[crypto_ceremony.Response] = []

    @property
    def fp(self) -> bytes:
        return self.params.fingerprint

    def setup_file(self, j: int) -> bytes:
        s, box = crypto_ceremony.setup(j, self.people[j - 1].name, self.rng)
        self.people[j - 1].box = box
        self.setups.append(s)
        self.setups.sort(key=lambda x: x.index)
        return document("trustee-setup", "setup", s.to_dict(), self.fp)

    def dealing_file(self, j: int) -> bytes:
        d, secret = crypto_ceremony.deal(self.params, self.setups, j, self.rng)
        self.people[j - 1].secret = secret
        self.dealings.append(d)
        return document("dealing", "dealing", d.to_dict(), self.fp)

    def response_file(self, j: int) -> bytes:
        box = self.people[j - 1].box
        assert box is not None
        r, received = crypto_ceremony.receive(self.params, j, box, self.setups, self.dealings)
        self.people[j - 1].received = received
        self.responses.append(r)
        return document("response", "response", r.to_dict(), self.fp)

    def share_file(self, j: int, result: CeremonyResult, tally: dict[str, Any]) -> bytes:
        received = self.people[j - 1].received
        assert received is not None
        key = crypto_ceremony.trustee_share(self.params, result, self.dealings, received)
        cts = [Ciphertext.from_dict(c) for c in tally["ciphertexts"]]
        share: TallyShare = tally_share(key, cts, self.fp, self.rng)
        return document("decryption-share", "share", share.to_dict(), self.fp)


def stored(world: World) -> str:
    """A digest of every stored row (board, administration, console, community, booth), but
    the web tier's rate counters: equal before and after, nothing was stored."""
    from sqlalchemy import select

    from tandau.schema import all_tables
    from tandau.storage.shared_tables import shared_metadata

    digest = hashlib.sha256()
    with world.ctx.engine.connect() as conn:
        for name, table in sorted(all_tables().tables.items()):
            if name in shared_metadata.tables:
                continue
            rows = conn.execute(select(table)).all()
            digest.update(name.encode())
            digest.update(json.dumps(sorted(map(repr, rows))).encode())
    return digest.hexdigest()


def kz_time(text: str) -> Any:
    return local(text).astimezone(KZ)


def to_campaign(world: World, voters: tuple[int, int] = (30, 20)) -> None:
    """Call the election, list voters, register two party candidates, reach the campaign."""
    from admin_builders import PRECINCTS, advance_to, nominee

    admin = world.ctx.administration()
    call_demo_election(admin, world.clock)
    for i, (code, count) in enumerate(zip(PRECINCTS, voters, strict=True)):
        admin.voters.import_csv(election=ELECTION, text=voters_csv(code, count, 1 + 5000 * i))
    advance_to(admin, world.clock, "nomination")
    admin.nominations.nominate(**nominee())
    admin.nominations.nominate(**nominee(id="c-bekova", name="Бекова Сәуле", party="Respublica"))
    world.clock.set("2027-08-24 18:01")
    for cid in ("c-aliyev", "c-bekova"):
        admin.nominations.decide_registration(election=ELECTION, candidate=cid)
    advance_to(admin, world.clock, "campaign")


def set_up_evoting(world: World, trustees: int = 3, threshold: int = 2) -> Trustees:
    """E-voting with the first ``trustees`` trustee accounts; their offline laptops."""
    from tandau.web.auth import accounts_of
    from tandau.web.console import evoting

    seated = [a for a in accounts_of(world.ctx).of_commission(TEC) if a.role.value == "trustee"][
        :trustees
    ]
    manifest = evoting.set_up(
        world.ctx,
        world.ctx.administration(),
        world.ctx.administration().lifecycle.election(ELECTION),
        mode="polling-station",
        threshold=threshold,
        trustees=[a.id for a in seated],
    )
    return Trustees(
        manifest.fingerprint, trustees, threshold, [a.name for a in seated], world.ctx.rng
    )


def run_ceremony(world: World, offline: Trustees) -> None:
    """Every trustee's setup, dealing and response through the console; then finalised."""
    from tandau.web.console import ceremony

    seats = {j: world.client(f"trustee{j}") for j in range(1, offline.params.trustees + 1)}
    upload_ceremony(offline, seats)
    ceremony.finalize_ceremony(world.ctx, ELECTION)


def upload_ceremony(offline: Trustees, seats: dict[int, TestClient]) -> None:
    """Each trustee signed in at ``seats[j]`` uploads its setup, dealing and response, step
    by step, as its offline command wrote them; the console accepts each."""
    for kind, make in (
        ("setup", offline.setup_file),
        ("dealing", offline.dealing_file),
        ("response", offline.response_file),
    ):
        for j, client in seats.items():
            r = client.post(
                f"/commission/e/{ELECTION}/ceremony/upload",
                data={"csrf_token": csrf(client), "kind": kind},
                files={"file": (f"{kind}-{j}.json", make(j), "application/json")},
                follow_redirects=False,
            )
            assert r.status_code == 303, r.text[-500:]


def issue_codes(world: World, precinct: str = "P-101") -> list[str]:
    """The registrar issues the voting codes of a precinct; the codes."""
    from tandau.web.auth import accounts_of
    from tandau.web.console import credentials

    admin = world.ctx.administration()
    registrar = next(
        a for a in accounts_of(world.ctx).of_commission(TEC) if a.role.value == "registrar"
    )
    election = admin.lifecycle.election(ELECTION)
    return list(credentials.issue(world.ctx, admin, election, precinct, registrar).codes)


def cast_and_tally(
    world: World, codes: list[str], choice_of: Callable[[int, Manifest], list[int]]
) -> tuple[CeremonyResult, dict[str, Any]]:
    """Polling opens; one e-ballot per code, the ``i``-th choosing ``choice_of(i, manifest)``;
    then counting begins, voting closes and the encrypted tally is computed.  The ceremony's
    result and the tally."""
    from admin_builders import advance_to

    from tandau.protocol.ballot import create_ballot
    from tandau.protocol.credentials import derive
    from tandau.web.console import ceremony, counting

    admin = world.ctx.administration()
    advance_to(admin, world.clock, "polling")
    counting.open_voting(world.ctx, admin.lifecycle.election(ELECTION))

    def cast(svc: Any) -> None:
        st = svc.sync()
        m = st.require_manifest()
        for i, code in enumerate(codes):
            credential = derive(m.fingerprint, code)
            ballot, _ = create_ballot(
                m.fingerprint, st.key, m.rule, choice_of(i, m), credential, world.ctx.rng
            )
            svc.cast(ballot.to_dict())

    world.ctx.with_election(ELECTION, cast)
    advance_to(admin, world.clock, "counting")
    counting.close_voting(world.ctx, admin.lifecycle.election(ELECTION))
    counting.compute_tally(world.ctx, admin.lifecycle.election(ELECTION))
    result = ceremony.progress(world.ctx, ELECTION).result
    assert result is not None
    tally = world.ctx.with_election(ELECTION, lambda svc: svc.sync().tally)
    return result, tally


def vote_and_tally(world: World, choices: list[str]) -> tuple[CeremonyResult, dict[str, Any]]:
    """Codes for P-101, one e-ballot per option id in ``choices``, then the encrypted tally."""
    codes = issue_codes(world)[: len(choices)]
    return cast_and_tally(world, codes, lambda i, m: [int(o.id == choices[i]) for o in m.options])


def empty_protocols(world: World) -> None:
    """Paper protocols of both precincts with no paper ballot cast."""
    from admin_builders import PRECINCTS, paper_protocol

    admin = world.ctx.administration()
    for precinct in PRECINCTS:
        voters = admin.voters.count(ELECTION, precinct)
        admin.protocols.enter(**paper_protocol(precinct, voters, {"c-aliyev": 0, "c-bekova": 0}))
