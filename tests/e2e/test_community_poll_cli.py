"""A civic poll (consultative) through the command line, on SQLite and PostgreSQL: the
poll from the community, the trustees' ceremony, one code per resident on the
register, residents' ballots, tally, decryption, consultative results; the record
verifies with ``tandau-verify``.  Refusals exit 1 and store nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from engine_steps import key_ceremony, run_cli, tally_and_decrypt

from tandau.storage import SqlBoardStore
from tandau_verify.__main__ import main as tandau_verify

POLL = "akdala-poll-park"
NAMES = {"kk": "Ақдала", "ru": "Акдала", "en": "Akdala"}


_run = run_cli


def _size(db: str) -> int:
    with SqlBoardStore.from_url(db) as store:
        return store.size(POLL)


def test_civic_poll_from_codes_to_a_verified_record(tmp_path: Path, db_url: str) -> None:
    db, key = db_url, tmp_path / "commission.key"
    community = {"id": "akdala", "name": NAMES, "population": 900, "settlements": ["Akdala"]}
    _run("community", "create", "--db", db, stdin=community)
    for i in range(1, 5):
        resident = {"community": "akdala", "id": f"r{i}", "name": f"R{i}", "since": "2020-01-01"}
        _run("community", "resident", "--db", db, stdin={**resident, "settlement": "Akdala"})
    late = {"community": "akdala", "id": "r5", "name": "R5", "since": "2026-06-01"}
    _run("community", "resident", "--db", db, stdin={**late, "settlement": "Akdala"})
    _run("admin", "keygen", "--out", key)
    option = lambda i, n: {"id": i, "name": {"kk": n, "ru": n, "en": n}}  # noqa: E731
    poll = {
        "community": "akdala",
        "id": "park",
        "question": {"kk": "Саябақ қайда?", "ru": "Где парк?", "en": "Where should the park be?"},
        "options": [option("centre", "Centre"), option("river", "River")],
        "day": "2026-05-10",
        "trustees": ["T1", "T2", "T3"],
        "threshold": 2,
    }
    too_strict = {**poll, "threshold": 4}
    assert (
        "error"
        in _run(
            "community", "poll-create", "--db", db, "--key", key, stdin=too_strict, code=1
        ).stdout
    )
    ghost = {**poll, "community": "nowhere"}
    _run("community", "poll-create", "--db", db, "--key", key, stdin=ghost, code=1)
    created = json.loads(
        _run("community", "poll-create", "--db", db, "--key", key, stdin=poll).stdout
    )
    assert created["election"] == POLL and created["manifest"]["mode"] == "community"
    _run("community", "poll-create", "--db", db, "--key", key, stdin=poll, code=1)  # exists
    # The trustees' key ceremony, as for any election.
    admin = ["--db", db, "--key", key, "--election", POLL]
    key_ceremony(_run, db, key, POLL, tmp_path)
    # Codes for the residents on the register on the day (r5 arrives later).
    sheet = tmp_path / "codes.secret.csv"
    codes = ["--community", "akdala", "--poll", "park", "--sheet", sheet, "--key", key]
    issued = json.loads(
        _run("community", "poll-codes", "--db", db, *codes, "--date", "2026-05-01").stdout
    )
    assert issued["codes"] == 4 and sheet.stat().st_mode & 0o077 == 0
    rows = list(csv.DictReader(io.StringIO(sheet.read_text())))
    assert [r["resident"] for r in rows] == ["r1", "r2", "r3", "r4"]
    before = _size(db)
    again = ["--community", "akdala", "--poll", "park", "--sheet", tmp_path / "x.csv", "--key", key]
    _run("community", "poll-codes", "--db", db, *again, "--date", "2026-05-01", code=1)
    assert _size(db) == before and not (tmp_path / "x.csv").exists()
    # Residents vote from their own device; the poll closes and is tallied.
    _run("admin", "open", *admin)
    for n, (row, choice) in enumerate(zip(rows, ["centre", "river", "centre"], strict=False)):
        ballot = tmp_path / f"b{n}.json"
        voter = ["--db", db, "--election", POLL]
        _run("voter", "encrypt", *voter, "--code", row["code"], "--choice", choice, "--out", ballot)
        _run("voter", "cast", *voter, "--key", key, ballot)
    _run("admin", "close", *admin)
    publish = ["--community", "akdala", "--poll", "park", "--key", key]
    _run("community", "poll-publish", "--db", db, *publish, code=1)  # no tally yet
    tally_and_decrypt(_run, db, key, POLL, tmp_path)
    results = json.loads(_run("community", "poll-publish", "--db", db, *publish).stdout)
    assert results["consultative"] is True and results["counted"] == 3
    assert {r["id"]: r["total"] for r in results["options"]} == {"centre": 2, "river": 1}
    assert results["outcome"]["status"] == "community_result"
    _run("community", "poll-publish", "--db", db, *publish, code=1)  # already published
    record = tmp_path / "record"
    _run("record", "export", "--db", db, "--election", POLL, "--out", record)
    assert tandau_verify([str(record)]) == 0
