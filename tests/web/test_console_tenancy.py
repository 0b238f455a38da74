"""Two tenants on one server: every console and office route, walked by the other tenant.

Commission A (``tec-akzhar``) runs the Birlik election (campaign, e-voting set up, a
kiosk registered) and the Akdala community (an open session).  Commission B
(``tec-kokozek``) has an account of every role.  Each of B's accounts calls every
route that names an election or a community, with A's real IDs, a valid CSRF token
and a well-formed body: each is refused with 403 and nothing stored changes.

Boards and elections share one ID space, so an election called under the ID of a
board the console did not set up (the demo's, a community's secret vote) must not
adopt that board, and a board made later under an election's ID is not the
election's (ADR 0025).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from admin_builders import DEMO_OKRUG, POLLING_DAY, RULESET, TEC
from community_world import PEOPLE, meeting
from community_world import world as community
from console_world import ELECTION, ROLES, World, csrf, make_world, set_up_evoting, stored
from fastapi.testclient import TestClient
from route_table import PARAMS, routes_with_rules
from web_election import seed_election

from tandau.schema import SqlCommunityStore
from tandau.web.security import RateLimiter
from tandau.web.throttle import SignInThrottle

OTHER = "tec-kokozek"
#: A's real IDs, as B's accounts send them.
IDS = {**PARAMS, "community": "akdala", "session": "m1"}


def _b(role: str) -> str:
    return f"b-{role}"


@pytest.fixture
def tenants(db_url: str, tmp_path: Path) -> Iterator[World]:
    for w in make_world(db_url, tmp_path, campaign=(3, 2)):
        set_up_evoting(w)
        w.ctx.devices().register(election=ELECTION, label="P-101 booth", actor="chair")
        svc = community(SqlCommunityStore(w.ctx.engine), commission=TEC)
        meeting(svc, PEOPLE[:6])
        w.ctx.administration().commissions.create(
            id=OTHER, kind="territorial", unit="992000000", name="Көкөзек ауданының ТСК"
        )
        for role in ROLES:
            w.account(_b(role), role, f"B {role}", commission=OTHER)
        # Many sign-ins from one address: the limits have their own tests.
        w.app.state.sign_in_throttle = SignInThrottle(
            clock=lambda: 0.0, per_address=RateLimiter(1000, 1000), free=1000
        )
        yield w


def _example(schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    """A small value the schema accepts (the body must pass validation to reach the step)."""
    if "$ref" in schema:
        return _example(defs[schema["$ref"].rsplit("/", 1)[1]], defs)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return _example(schema[key][0], defs)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {k: _example(v, defs) for k, v in props.items()}
    if kind == "array":
        count = max(1, schema.get("minItems", 0))
        return [_example(schema.get("items", {}), defs) for _ in range(count)]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if kind == "string":
        if schema.get("format") == "date":
            return "2026-03-10"
        return "x" * max(1, schema.get("minLength", 1))
    return {}


def _bodies(app: Any) -> dict[tuple[str, str], Any]:
    doc = app.openapi()
    defs = doc.get("components", {}).get("schemas", {})
    out: dict[tuple[str, str], Any] = {}
    for path, item in doc["paths"].items():
        for method, op in item.items():
            content = op.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if schema is not None:
                out[(method.upper(), path)] = _example(schema, defs)
    return out


def _tenant_routes(app: Any) -> list[tuple[str, str]]:
    return [
        (method, path)
        for method, path, rule in routes_with_rules(app)
        if isinstance(rule, frozenset) and ("{election}" in path or "{community}" in path)
    ]


def test_another_commission_reaches_nothing_of_this_one(tenants: World) -> None:
    w = tenants
    bodies = _bodies(w.app)
    clients = {role: w.client(_b(role)) for role in ROLES}
    tokens = {role: csrf(c) for role, c in clients.items()}
    before = stored(w)
    routes = _tenant_routes(w.app)
    assert len(routes) > 70
    failures = []
    for method, path in routes:
        url = path.format(**{k: v for k, v in IDS.items() if "{" + k + "}" in path})
        for role, client in clients.items():
            if method == "GET":
                r = client.get(url, follow_redirects=False)
            elif path.startswith("/api/"):
                r = client.request(
                    method,
                    url,
                    json=bodies.get((method, path), {}),
                    headers={"X-CSRF-Token": tokens[role]},
                    follow_redirects=False,
                )
            else:  # a page's form, confirmed, with fields the forms have
                form = {"csrf_token": tokens[role], "confirmed": "yes", "kind": "setup"}
                r = client.post(
                    url,
                    data=form,
                    files={"file": ("f.json", b"{}", "application/json")},
                    follow_redirects=False,
                )
            if r.status_code != 403:
                failures.append((method, path, role, r.status_code))
    assert not failures, "\n".join(map(str, failures))
    assert stored(w) == before


def _chair(w: World) -> tuple[TestClient, dict[str, str]]:
    chair = w.client("chair")
    return chair, {"X-CSRF-Token": csrf(chair)}


def _call(client: TestClient, headers: dict[str, str], election: str, unit: str) -> Any:
    body = {"election": election, "ruleset": RULESET, "unit": unit, "polling_day": POLLING_DAY}
    return client.post("/api/commission/elections", json=body, headers=headers)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_an_election_cannot_be_called_under_the_id_of_a_board_it_did_not_set_up(
    db_url: str, tmp_path: Path, lang: str
) -> None:
    """Found by calling ``demo-akim-2026`` on the demo server: the console took the demo's
    open board for the new election's and would have closed and tallied it."""
    for w in make_world(db_url, tmp_path):
        seeded = seed_election(db_url, w.settings.data_dir, election="aksu-2026")
        board = w.ctx.store.size(seeded.election)
        chair, h = _chair(w)
        before = stored(w)
        r = _call(chair, {**h, "Accept-Language": lang}, seeded.election, DEMO_OKRUG)
        assert r.status_code == 409 and r.json()["code"] == "admin.already_exists", r.text
        assert seeded.election in r.json()["detail"]
        assert stored(w) == before
        assert chair.get(f"/api/commission/elections/{seeded.election}").status_code == 404
        assert w.ctx.store.size(seeded.election) == board


def test_a_board_made_later_under_an_elections_id_is_not_the_elections(
    db_url: str, tmp_path: Path
) -> None:
    """The other order: the election is called first, then a board of the same ID appears
    (a community's secret vote, a command-line election).  The console shows no e-voting
    for the election and none of its steps touches that board."""
    for w in make_world(db_url, tmp_path):
        chair, h = _chair(w)
        assert _call(chair, h, "aksu-2026", DEMO_OKRUG).status_code == 201
        seeded = seed_election(db_url, w.settings.data_dir, election="aksu-2026")
        size = w.ctx.store.size(seeded.election)
        api = f"/api/commission/elections/{seeded.election}"
        assert chair.get(api).json()["evoting"] is None
        for step in ("voting/close", "tally", "ceremony/finalize"):
            r = chair.post(f"{api}/{step}", headers=h)
            assert r.status_code == 409 and "not set up" in r.json()["detail"], (step, r.text)
        r = chair.get(f"/commission/e/{seeded.election}/ceremony/files.zip")
        assert r.status_code == 404
        assert w.ctx.store.size(seeded.election) == size


@pytest.mark.parametrize(
    ("precinct", "code"),
    [
        ("P-901", "admin.invalid_input.outside_unit"),  # the other commission's precinct
        ("P-NONE", "admin.invalid_input.unknown_precinct"),
        ("P-101", "admin.invalid_input.outside_unit"),  # this commission's, another okrug's
    ],
)
def test_an_election_called_with_a_refused_precinct_leaves_nothing_behind(
    db_url: str, tmp_path: Path, precinct: str, code: str
) -> None:
    """The call and the district were two transactions: the election stayed, called, after
    its precincts were refused, and could not be called again with the right ones."""
    for w in make_world(db_url, tmp_path):
        admin = w.ctx.administration()
        admin.commissions.create(id=OTHER, kind="territorial", unit="992000000", name="K")
        admin.districts.create_precinct(code="P-901", number=901, unit="992015001", address="M")
        chair, h = _chair(w)
        before = stored(w)
        body = {
            "election": "kainar-2027",
            "ruleset": RULESET,
            "unit": "991013000",
            "polling_day": POLLING_DAY,
            "precincts": [precinct],
        }
        r = chair.post("/api/commission/elections", json=body, headers=h)
        assert r.status_code == 409 and r.json()["code"] == code, r.text
        page = chair.post(
            "/commission/elections?lang=ru",
            data={**body, "district_number": "1", "csrf_token": h["X-CSRF-Token"]},
            follow_redirects=False,
        )
        assert page.status_code == 409 and code in page.text
        assert stored(w) == before
        assert chair.get("/api/commission/elections").json() == []


def test_a_precinct_whose_commission_is_refused_is_not_stored(db_url: str, tmp_path: Path) -> None:
    """``p-7`` after ``P-7``: the precinct was stored, then its commission ``pec-p-7`` was
    refused as taken, and the answer said 409."""
    for w in make_world(db_url, tmp_path):
        chair, h = _chair(w)
        body = {"code": "P-7", "number": 7, "unit": "991011003", "address": "Мектеп"}
        assert chair.post("/api/commission/precincts", json=body, headers=h).status_code == 200
        before = stored(w)
        again = {**body, "code": "p-7", "number": 8}
        r = chair.post("/api/commission/precincts", json=again, headers=h)
        assert r.status_code == 409 and r.json()["code"] == "admin.already_exists", r.text
        assert stored(w) == before
        assert w.ctx.administration().districts.precinct("p-7") is None


def test_ids_in_a_body_that_point_into_the_other_commission_are_refused(
    db_url: str, tmp_path: Path
) -> None:
    """A's own election, but a trustee account, a kiosk device or a precinct of B's."""
    for w in make_world(db_url, tmp_path, campaign=(3, 2)):
        admin = w.ctx.administration()
        admin.commissions.create(id=OTHER, kind="territorial", unit="992000000", name="K")
        admin.districts.create_precinct(code="P-901", number=901, unit="992015001", address="M")
        theirs = w.account("b-trustee", "trustee", "B trustee", commission=OTHER).account.id
        device = w.ctx.devices().register(election="sarybulak-2027", label="B", actor="b")[0]
        ours = w.enrollments["trustee1"].account.id
        api = f"/api/commission/elections/{ELECTION}"
        chair, h = _chair(w)
        before = stored(w)
        body = {"mode": "polling-station", "threshold": 2, "trustees": [ours, theirs]}
        r = chair.post(f"{api}/evoting", json=body, headers=h)
        assert r.status_code == 409 and "trustee account of this commission" in r.text
        r = chair.post(f"{api}/devices/{device.id}/revoke", headers=h)
        assert r.status_code == 404 and r.json()["code"] == "admin.not_found"
        assert stored(w) == before
        set_up_evoting(w)
        registrar = w.client("registrar")
        before = stored(w)
        r = registrar.post(f"{api}/credentials/P-901", headers={"X-CSRF-Token": csrf(registrar)})
        assert r.status_code == 409 and "P-901 is not in this election" in r.text
        assert stored(w) == before
