"""``tandau admin device``: enrol (code printed once), list, revoke, trail — on SQLite and
PostgreSQL; a kiosk enrolled with the printed code casts, and is refused once revoked."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner
from web_election import make_ballot, seed_election, web_settings

from tandau.cli.main import app as cli
from tandau.web.app import create_app


def _run(*args: str) -> dict | list:  # type: ignore[type-arg]
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_enrol_list_revoke_trail(db_url: str, tmp_path: Path) -> None:
    s = seed_election(db_url, tmp_path, mode="polling-station")
    common = ("--db", db_url, "--election", s.election)
    made = _run("admin", "device", "enrol", "--label", "P-1 booth 2", "--actor", "aliya", *common)
    assert isinstance(made, dict) and made["status"] == "pending"
    code = made["enrolment_code"]
    with TestClient(create_app(web_settings(db_url, tmp_path))) as client:
        r = client.post(f"/api/elections/{s.election}/devices/enrol", json={"code": code})
        assert r.status_code == 200, r.text
        ballot = make_ballot(s, 0, 1).canonical()
        headers = {"content-type": "application/json"}
        cast = client.post(f"/api/elections/{s.election}/ballots", content=ballot, headers=headers)
        assert cast.status_code == 200
        listed = _run("admin", "device", "list", *common)
        assert [d["status"] for d in listed] == ["active"]  # type: ignore[index]
        _run("admin", "device", "revoke", "--device", str(made["id"]), "--actor", "aliya", *common)
        again = make_ballot(s, 1, 2).canonical()
        r = client.post(f"/api/elections/{s.election}/ballots", content=again, headers=headers)
        assert r.status_code == 403 and r.json()["reason"] == "revoked_device"
    trail = _run("admin", "device", "trail", *common)
    assert [(t["action"], t["actor"]) for t in trail] == [  # type: ignore[index]
        ("registered", "aliya"),
        ("enrolled", "device"),
        ("revoked", "aliya"),
    ]


def test_a_bad_label_is_refused_with_a_localised_error(db_url: str, tmp_path: Path) -> None:
    s = seed_election(db_url, tmp_path, mode="polling-station")
    result = CliRunner().invoke(
        cli,
        ["admin", "device", "enrol", "--label", "booth\u2066", "--db", db_url,
         "--election", s.election],
        env={"TANDAU_LANG": "ru"},
    )  # fmt: skip
    assert result.exit_code != 0
    assert "names.characters" in result.output


def test_enrol_names_the_precinct_when_the_district_has_several(
    db_url: str, tmp_path: Path
) -> None:
    """``--precinct`` is required when the district has several precincts (ADR 0026)."""
    from console_world import ELECTION, make_world, set_up_evoting

    for world in make_world(db_url, tmp_path, campaign=(1, 1)):
        set_up_evoting(world)
        common = ["--db", db_url, "--election", ELECTION, "--label", "booth 1"]
        result = CliRunner().invoke(cli, ["--lang", "ru", "admin", "device", "enrol", *common])
        assert result.exit_code != 0
        assert "больше одного участка" in result.output
        assert _run("admin", "device", "list", "--db", db_url, "--election", ELECTION) == []
        made = _run("admin", "device", "enrol", *common, "--precinct", "P-102")
        assert isinstance(made, dict) and made["precinct"] == "P-102"
