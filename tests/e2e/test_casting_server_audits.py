"""The casting server, like the web and ``tandau voter cast``, never casts an audited ballot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from election_builders import make_credentials, signed_manifest

from tandau.admin import driver
from tandau.admin.devices import ciphertexts_hash
from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.rng import DeterministicRng
from tandau.storage import SqlBoardStore, make_engine, upgrade
from tandau.storage.booth_store import SqlAuditLedger


def test_an_audited_ballot_is_refused_and_nothing_is_stored(db_url: str, tmp_path: Path) -> None:
    rng = DeterministicRng(b"casting-server-audits")
    manifest, head_key = signed_manifest(rng, 3, trustees=3, threshold=2, election_id="audit-1")
    upgrade(db_url)
    with SqlBoardStore.from_url(db_url) as store:
        svc = ElectionService(Board(store, manifest.election_id, key=head_key))
        trustees = driver.key_ceremony(manifest.fingerprint, 3, 2, rng)
        creds = make_credentials(manifest, 2, seed=b"audit-creds")
        driver.set_up(svc, manifest, trustees, creds)
        before = store.size(manifest.election_id)
    audited = driver.vote(manifest, trustees.joint_key, creds[0], 1, rng)[0]
    fresh = driver.vote(manifest, trustees.joint_key, creds[0], 1, rng)[0]
    engine = make_engine(db_url)
    try:
        SqlAuditLedger(engine, manifest.election_id).record_audit(
            ciphertexts_hash(audited), audited.tracking_code, "2026-12-04T00:00:00+00:00"
        )
    finally:
        engine.dispose()
    key_file = tmp_path / "head.key"
    key_file.write_text(head_key.seed.hex(), encoding="ascii")
    lines = audited.canonical() + b"\n" + fresh.canonical() + b"\n"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tandau.cli.casting_server",
            "--db",
            db_url,
            "--election",
            manifest.election_id,
            "--head-key",
            str(key_file),
        ],
        input=lines,
        capture_output=True,
        timeout=120,
        check=True,
    )
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert first == {"error": "protocol.ballot_refused", "reason": "audited_ballot"}
    assert second["tracking_code"] == fresh.tracking_code
    with SqlBoardStore.from_url(db_url) as store:
        # Only the fresh ballot was appended; the audited one left no entry.
        assert store.size(manifest.election_id) == before + 1
        state = ElectionService(Board(store, manifest.election_id)).sync()
        assert set(state.ballots_seen) == {fresh.tracking_code}
