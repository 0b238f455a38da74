"""A PostgreSQL restart mid-cast loses nothing receipted (issue 13; ADR 0015, ADR 0019).

The shared server cannot be restarted, so the test owns a cluster
(``owned_postgres``: initdb'd in a temporary directory, fsync on).  Three
threads cast through one election service — the group-commit casting service
a web worker runs — while the server is stopped with ``pg_ctl -m immediate``
(a crash: no checkpoint, recovery from the WAL) and started again.  A cast
that fails is sent again, byte for byte, as a client would.  Every receipt
issued before the crash must be on the board right after it, and at the end
every receipt, each ballot once, the chain, the heads and the record verify.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import psycopg
import pytest
from election_builders import open_sql_election
from owned_postgres import OwnedPostgres
from receipt_checks import check_receipts
from sqlalchemy.exc import DBAPIError

from tandau.admin import driver
from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.cli.casting_server import check_durable
from tandau.cli.record import export_record
from tandau.crypto.rng import DeterministicRng
from tandau.protocol import events as ev
from tandau.protocol.ballot import Ballot
from tandau.storage import SqlBoardStore, make_engine
from tandau_verify.verify import verify_record

pytestmark = pytest.mark.postgres

VOTERS = 90
CASTERS = 3
#: Receipts issued before the server is crashed.
RESTART_AFTER = 10
#: The last ballots wait for the restart to finish, so some are surely cast after it.
AFTER = 20
#: Seconds a client keeps resending one ballot, and the wait between two sends.
RETRY_FOR = 90.0
RETRY_PAUSE = 0.1


class Casters:
    """Threads casting ``ballots`` through ``svc``; a failed cast is resent until receipted."""

    def __init__(self, svc: ElectionService, ballots: list[bytes], restarted: threading.Event):
        self.receipts: list[dict[str, Any]] = []
        self.failures: Counter[str] = Counter()
        self.lock = threading.Lock()
        self._svc, self._restarted = svc, restarted
        self._queue = list(enumerate(ballots))
        self._threads = [threading.Thread(target=self._run) for _ in range(CASTERS)]
        for t in self._threads:
            t.start()

    def count(self) -> int:
        with self.lock:
            return len(self.receipts)

    def join(self) -> None:
        for t in self._threads:
            t.join(RETRY_FOR * 2)
            assert not t.is_alive(), "a casting thread hung"

    def _run(self) -> None:
        while True:
            with self.lock:
                if not self._queue:
                    return
                i, raw = self._queue.pop(0)
            if i >= VOTERS - AFTER:
                assert self._restarted.wait(RETRY_FOR)
            receipt = self._cast(raw)
            with self.lock:
                self.receipts.append(receipt)

    def _cast(self, raw: bytes) -> dict[str, Any]:
        give_up = time.monotonic() + RETRY_FOR
        while True:
            try:
                return self._svc.cast(raw).to_dict()
            except DBAPIError as exc:  # the server is down or recovering
                with self.lock:
                    self.failures[type(exc.orig).__name__] += 1
                if time.monotonic() > give_up:
                    raise
                time.sleep(RETRY_PAUSE)


def test_receipts_survive_an_immediate_restart_mid_cast(tmp_path: Path) -> None:
    with OwnedPostgres() as pg:
        with psycopg.connect(pg.admin_dsn, autocommit=True) as conn:
            conn.execute("CREATE DATABASE tandau_restart")
        url = pg.url("tandau_restart")
        engine = make_engine(url)
        try:
            check_durable(engine)  # fsync and synchronous_commit on: a receipt means durable
        finally:
            engine.dispose()
        rng = DeterministicRng(b"pg-restart")
        opened = open_sql_election(
            url, "restart-1", voters=VOTERS, trustees=3, threshold=2, rng=rng, seed=b"pg-creds"
        )
        manifest, key = opened.manifest, opened.head_key
        ballots = [
            driver.vote(manifest, opened.trustees.joint_key, c, v % 3, rng)[0].canonical()
            for v, c in enumerate(opened.credentials)
        ]

        restarted = threading.Event()
        with SqlBoardStore.from_url(url) as store:
            svc = ElectionService(Board(store, manifest.election_id, key=key))
            casters = Casters(svc, ballots, restarted)
            deadline = time.monotonic() + RETRY_FOR
            while casters.count() < RESTART_AFTER and time.monotonic() < deadline:
                time.sleep(0.01)
            with casters.lock:
                before = list(casters.receipts)
            pg.restart()
            restarted.set()
            # Right after the crash, before anything is resent: every earlier receipt holds.
            with SqlBoardStore.from_url(url) as fresh:
                board = Board(fresh, manifest.election_id)
                for r in before:
                    assert board.entry(r["seq"]).leaf_hash.hex() == r["leaf_hash"], r
            casters.join()

        assert pg.restarts == 1
        assert len(before) >= RESTART_AFTER
        assert sum(casters.failures.values()) > 0, "the restart must land while casting"
        assert len(casters.receipts) == VOTERS
        with SqlBoardStore.from_url(url) as store:
            board = Board(store, manifest.election_id, key=key)
            _each_ballot_once_where_its_receipt_says(board, ballots, casters.receipts)
            check_receipts(board, key, casters.receipts)
            assert board.verify_chain(key.verify_key).entries == board.size()
            record = tmp_path / "record"
            export_record(board, manifest, record)
    assert not pg.root.exists(), "the cluster is removed when its block ends"
    verdict = verify_record(record, jobs=1)
    assert verdict.ok, [(c.id, c.detail) for c in verdict.failed()]
    assert verdict.checks["V7"].count == VOTERS


#: A process that starts a cluster, says where, and dies without cleaning up.
KILLED_OWNER = """
import os, signal, sys
sys.path.insert(0, sys.argv[1])
from owned_postgres import OwnedPostgres
pg = OwnedPostgres()
print(pg.root, pg.port, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_an_owned_cluster_is_removed_when_its_owner_is_killed() -> None:
    """The watchdog stops the server and deletes its directory (no atexit after SIGKILL)."""
    tests_dir = str(Path(__file__).resolve().parents[1])
    run = subprocess.run(
        [sys.executable, "-c", KILLED_OWNER, tests_dir],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == -9, run.stderr
    root, port = run.stdout.split()
    deadline = time.monotonic() + 60
    while Path(root).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not Path(root).exists(), "the watchdog left the cluster's directory"
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres",
                        connect_timeout=3)  # fmt: skip
    servers = [pid for pid in os.listdir("/proc") if root in _server_cmdline(pid)]
    assert not servers, "a server of the killed owner still runs"


def _server_cmdline(pid: str) -> str:
    """The command line of a PostgreSQL server process, else "" (the watchdog names the
    directory too, and may still be exiting)."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return ""
    return " ".join(argv) if argv[0].endswith("/postgres") else ""


def _each_ballot_once_where_its_receipt_says(
    board: Board, ballots: list[bytes], receipts: list[dict[str, Any]]
) -> None:
    codes: Counter[str] = Counter()
    at: dict[str, int] = {}
    for entry in board.entries():
        if entry.type == ev.BALLOT:
            code = Ballot.from_dict(entry.payload["ballot"]).tracking_code
            codes[code] += 1
            at[code] = entry.seq
    assert set(codes.values()) == {1}, "a resent ballot was stored twice"
    assert len(codes) == len(ballots)
    for r in receipts:
        assert at[r["tracking_code"]] == r["seq"]
        assert board.entry(r["seq"]).leaf_hash.hex() == r["leaf_hash"]
