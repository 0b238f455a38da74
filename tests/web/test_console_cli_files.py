"""The files of the offline ``tandau trustee`` commands go through the console, and back.

Each trustee unpacks the console's public files (zip), runs its step of
``tandau trustee`` on its own directory, and uploads the file the command wrote:
setup, deal, receive; the chair finalises; each trustee's ``finalize`` recomputes
the same election key; after voting, two trustees ``decrypt`` the tally from the
zip and upload their shares; the results are published.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from admin_builders import paper_protocol
from console_world import (
    ELECTION,
    E,
    World,
    cast_and_tally,
    csrf,
    issue_codes,
    set_up_evoting,
)
from typer.testing import CliRunner

from tandau.cli.main import app as cli
from tandau.web.console import ceremony, counting

pytestmark = pytest.mark.world(campaign=(6, 4))


def _public(world: World, into: Path) -> Path:
    """The console's public files, unpacked as a trustee would."""
    data = world.client("member").get(f"{E}/ceremony/files.zip").content
    into.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            (into / name).write_bytes(z.read(name))
    return into


def _run(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.output[result.output.index("{") :])
    return out


def test_the_trustee_commands_files_are_accepted(world: World, tmp_path: Path) -> None:
    set_up_evoting(world)
    trustees = {j: world.client(f"trustee{j}") for j in (1, 2, 3)}
    own = {j: tmp_path / f"trustee-{j}" for j in (1, 2, 3)}
    for step, command, name in (
        ("setup", "setup", "setup-{j}.json"),
        ("dealing", "deal", "dealing-{j}.json"),
        ("response", "receive", "response-{j}.json"),
    ):
        public = _public(world, tmp_path / f"public-{step}")
        for j, client in trustees.items():
            _run("trustee", command, "--index", str(j), "--dir", str(own[j]), str(public))
            path = own[j] / name.format(j=j)
            r = client.post(
                f"{E}/ceremony/upload",
                data={"csrf_token": csrf(client), "kind": step},
                files={"file": (path.name, path.read_bytes(), "application/json")},
                follow_redirects=False,
            )
            assert r.status_code == 303, r.text[-500:]
    result = ceremony.finalize_ceremony(world.ctx, ELECTION)
    public = _public(world, tmp_path / "public-result")
    for j in (1, 2, 3):
        out = _run("trustee", "finalize", "--index", str(j), "--dir", str(own[j]), str(public))
        assert out["joint_key"] == result.joint_key.to_hex()

    # Voting, then the tally from the zip, decrypted by trustees 2 and 3.
    admin = world.ctx.administration()
    codes = issue_codes(world, "P-101")
    issue_codes(world, "P-102")
    cast_and_tally(world, codes, lambda i, m: [int(k == i % 3) for k in range(len(m.options))])
    public = _public(world, tmp_path / "public-tally")
    for j in (2, 3):
        tally = str(public / "tally.json")
        _run("trustee", "decrypt", "--index", str(j), "--dir", str(own[j]), "--tally", tally)
        path = own[j] / f"decryption-{j}.json"
        client = trustees[j]
        r = client.post(
            f"{E}/tally/share",
            data={"csrf_token": csrf(client)},
            files={"file": (path.name, path.read_bytes(), "application/json")},
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text[-500:]
    for precinct, voters in (("P-101", 6), ("P-102", 4)):
        admin.protocols.enter(**paper_protocol(precinct, voters, {"c-aliyev": 0, "c-bekova": 0}))
    results = counting.publish_results(world.ctx, admin, admin.lifecycle.election(ELECTION))
    assert [r["e_votes"] for r in results["options"]] == [2, 2, 2]
    assert results["trustees_used"] == [2, 3]
