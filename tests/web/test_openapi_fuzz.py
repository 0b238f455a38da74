"""schemathesis against ``/api/openapi.json``: zero failures, zero server errors (ADR 0014).

Two kinds of live server on 127.0.0.1 (``fuzz_server``), each run with every
check on, in the coverage, fuzzing and stateful phases, with bounded examples
and a printed seed (``TANDAU_FUZZ_SEED=<seed>`` reproduces a run):

- what ``tandau serve --demo`` holds (the live election, the finished one, the
  local community, the commission's chair), fuzzed unauthenticated over every
  operation, the demo's ids drawn half of the time (``schemathesis-demo.toml``);
- for each console role, a fresh database holding a console election in its
  campaign (two precincts with voters, two registered candidates, e-voting set up
  and its ceremony waiting for the trustees, a kiosk registered, one account per
  role), fuzzed signed in as that role (password and TOTP) over every console
  operation, the writes included.  The path parameters are the world's real ids
  (``schemathesis-console.toml``), so the operations reach their handlers and the
  refusals of the law, the calendar and the ceremony rather than stopping at 404;
  bodies, queries and headers are fuzzed.  The server is stopped and its database
  dropped after each role: no run sees another's writes, and the demo server of
  the unauthenticated run is never written to.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from admin_builders import PRECINCTS
from console_world import ELECTION, PASSWORD, World, make_world, set_up_evoting, to_campaign
from fuzz_server import schemathesis, serving

from tandau.crypto.rng import DeterministicRng
from tandau.settings import Settings
from tandau.storage import SqlBoardStore, upgrade
from tandau.web.app import create_app
from tandau.web.community_demo import DEMO_COMMUNITY, DEMO_COMMUNITY_POLL, seed_community
from tandau.web.context import WebContext
from tandau.web.demo import DEMO_ELECTION, seed_commission, seed_demo
from tandau.web.demo_finished import FINISHED_ELECTION, seed_finished

CONSOLE_CONFIG = Path(__file__).with_name("schemathesis-console.toml")
DEMO_CONFIG = Path(__file__).with_name("schemathesis-demo.toml")
#: Each role's account in the console world (``console_world.make_world``).
ROLES = {
    "chair": "chair",
    "secretary": "secretary",
    "member": "member",
    "registrar": "registrar",
    "trustee": "trustee1",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server holding what ``tandau serve --demo`` seeds."""
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite:///{tmp / 'fuzz.sqlite3'}"
    settings = Settings.from_env({}, database_url=url, data_dir=tmp, environment="test")
    settings = settings.with_secrets()  # the accounts seal their TOTP secrets with its key
    upgrade(url)
    ctx = WebContext.build(settings)
    rng = DeterministicRng(b"fuzz")
    with SqlBoardStore.from_url(url) as store:
        seed_demo(store, ctx.keys, tmp, rng, voters=4)
        seed_finished(store, ctx.keys, rng)
    seed_commission(ctx)
    seed_community(ctx)
    try:
        with serving(create_app(settings, ctx)) as base:
            yield base
    finally:
        ctx.close()


def test_the_demo_config_names_the_demo_s_ids() -> None:
    config = tomllib.loads(DEMO_CONFIG.read_text())["dictionaries"]
    assert config["elections"]["values"] == [DEMO_ELECTION, FINISHED_ELECTION, DEMO_COMMUNITY_POLL]
    assert config["communities"]["values"] == [DEMO_COMMUNITY]


def test_every_operation_conforms_unauthenticated(demo: str, tmp_path: Path) -> None:
    figures = schemathesis(demo, tmp_path, config=DEMO_CONFIG)
    assert figures.operations >= 50, figures.summary


@dataclass(frozen=True)
class Console:
    base: str
    env: dict[str, str]  # the session, its CSRF token and the world's ids, for the config


@pytest.fixture(params=list(ROLES))
def console(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Console]:
    """A fresh console world, served, and a session of the role's account.

    The election is in its campaign with e-voting set up (the ceremony waits for the
    trustees' files) and one kiosk registered, so each role's writes meet real state.
    """
    url = f"sqlite:///{tmp_path / 'console.sqlite3'}"
    upgrade(url)
    for world in make_world(url, tmp_path):
        to_campaign(world)
        set_up_evoting(world)
        kiosk, _code = world.ctx.devices().register(
            election=ELECTION, label="Kiosk 1", actor="chair"
        )
        assert kiosk.id == 1  # schemathesis-console.toml names it
        with serving(world.app) as base:
            session, csrf = _sign_in(world, base, ROLES[request.param])
            env = {
                "FUZZ_SESSION": session,
                "FUZZ_CSRF": csrf,
                "FUZZ_ELECTION": ELECTION,
                "FUZZ_CANDIDATE": "c-aliyev",
                "FUZZ_PRECINCT": PRECINCTS[0],
            }
            yield Console(base, env)


def _sign_in(world: World, base: str, username: str) -> tuple[str, str]:
    """The session cookie and CSRF token of ``username``, signed in with password and TOTP."""
    with httpx.Client(base_url=base) as client:
        token = client.get("/api/commission/session").json()["csrf_token"]
        body = {"username": username, "password": PASSWORD, "code": world.code(username)}
        r = client.post("/api/commission/session", json=body, headers={"X-CSRF-Token": token})
        assert r.status_code == 200, r.text
        return str(client.cookies["tandau_session"]), str(r.json()["csrf_token"])


def test_console_operations_conform_signed_in_as_each_role(
    console: Console, tmp_path: Path
) -> None:
    figures = schemathesis(
        console.base,
        tmp_path,
        "--include-path-regex",
        "^/api/commission/",
        # Signing in and out is no role's operation (the unauthenticated run covers
        # it); signing out would end the session under test.
        "--exclude-path",
        "/api/commission/session",
        config=CONSOLE_CONFIG,
        env=console.env,
    )
    assert figures.operations >= 30, figures.summary
