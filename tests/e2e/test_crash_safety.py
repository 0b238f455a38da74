"""Crash safety of casting (issue 3, "Must hold"; record spec §R6).

Ballots stream from this test into a casting server process; the server is
killed with SIGKILL mid-stream, restarted, and the rest are cast.  Every
ballot that got a receipt must be on the board at the receipt's position,
exactly once; the chain, the Merkle heads and the whole record must verify;
and every receipt's head must be a prefix of the final head.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest
from election_builders import open_sql_election
from engines import disposing
from receipt_checks import check_receipts
from sqlalchemy import create_engine

from tandau.admin import driver
from tandau.board import Board
from tandau.cli.casting_server import NotDurable, check_durable
from tandau.cli.record import export_record
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.signatures import HeadSigningKey
from tandau.protocol import events as ev
from tandau.protocol.ballot import Ballot
from tandau.protocol.manifest import Manifest
from tandau.storage import SqlBoardStore, make_engine
from tandau_verify.verify import verify_record

VOTERS = 30
REVOTERS = (3, 17)
#: Answers read from the first server before it is killed.
KILL_AFTER = 12
#: Seconds to wait for any one answer, start or exit before the test fails.
TIMEOUT = 60
MALFORMED = b'{"not": "a ballot"}'


@dataclass(frozen=True)
class Election:
    manifest: Manifest
    head_key: HeadSigningKey
    key_file: Path
    #: What the client sends, in order: ballot JSON lines and one malformed line.
    lines: list[bytes]


def _setup(url: str, tmp_path: Path) -> Election:
    """A 2-of-3 election with a real key ceremony, 30 credentials, voting open."""
    rng = DeterministicRng(b"crash-safety")
    opened = open_sql_election(
        url, "crash-1", voters=VOTERS, trustees=3, threshold=2, rng=rng, seed=b"crash-creds"
    )
    manifest, head_key, trustees, creds = (
        opened.manifest, opened.head_key, opened.trustees, opened.credentials,
    )  # fmt: skip
    k = manifest.rule.options

    def ballot(voter: int, choice: int) -> bytes:
        return driver.vote(manifest, trustees.joint_key, creds[voter], choice, rng)[0].canonical()

    lines = [ballot(v, v % k) for v in range(VOTERS)]
    lines.insert(5, MALFORMED)
    lines += [ballot(v, (v + 1) % k) for v in REVOTERS]  # re-votes, after the kill
    key_file = tmp_path / "head.key"
    key_file.write_text(head_key.seed.hex(), encoding="ascii")
    return Election(manifest, head_key, key_file, lines)


class Server:
    """A casting server subprocess with a feeding thread and a reading thread."""

    def __init__(self, url: str, election: Election, lines: list[bytes], log: Path) -> None:
        self._log = log
        self._err = log.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tandau.cli.casting_server",
                "--db",
                url,
                "--election",
                election.manifest.election_id,
                "--head-key",
                str(election.key_file),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._err,
        )
        self._answers: queue.Queue[bytes | None] = queue.Queue()
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._feeder = threading.Thread(target=_feed, args=(self.proc.stdin, lines), daemon=True)
        self._reader = threading.Thread(
            target=_read, args=(self.proc.stdout, self._answers), daemon=True
        )
        self._feeder.start()
        self._reader.start()

    def answer(self) -> dict[str, Any]:
        try:
            line = self._answers.get(timeout=TIMEOUT)
        except queue.Empty:
            pytest.fail(f"no answer from the casting server in {TIMEOUT}s: {self.stderr()}")
        if line is None:
            pytest.fail(f"the casting server stopped early: {self.stderr()}")
        return _decode(line)

    def kill(self) -> list[dict[str, Any]]:
        """SIGKILL, then the answers that were already written (the client read them too)."""
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=TIMEOUT)
        self._feeder.join(timeout=TIMEOUT)
        self._reader.join(timeout=TIMEOUT)
        late = []
        while (line := self._answers.get_nowait()) is not None:
            late.append(_decode(line))
        return late

    def finish(self) -> None:
        """End of input: the server must answer everything and exit 0."""
        self._feeder.join(timeout=TIMEOUT)
        assert self.proc.wait(timeout=TIMEOUT) == 0, self.stderr()
        self._reader.join(timeout=TIMEOUT)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=TIMEOUT)
        self._reader.join(timeout=TIMEOUT)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None and not pipe.closed:
                with contextlib.suppress(BrokenPipeError):  # unsent input to a dead server
                    pipe.close()
        self._err.close()

    def stderr(self) -> str:
        self._err.flush()
        return self._log.read_text(errors="replace")[-2000:]


def _feed(stdin: IO[bytes], lines: list[bytes]) -> None:
    try:
        for line in lines:
            stdin.write(line + b"\n")
            stdin.flush()
        stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the server was killed: the rest is sent to its successor


def _read(stdout: IO[bytes], answers: queue.Queue[bytes | None]) -> None:
    for line in stdout:
        if line.endswith(b"\n"):  # a half-written line is no answer
            answers.put(line)
    answers.put(None)


def _decode(line: bytes) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(line)
    return answer


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for s in started:  # on failure too: no casting server outlives its test
        s.stop()


def test_every_receipted_ballot_survives_sigkill(
    db_url: str, tmp_path: Path, servers: list[Server]
) -> None:
    election = _setup(db_url, tmp_path)
    lines = election.lines
    log = tmp_path / "server.err"

    first = Server(db_url, election, lines, log)
    servers.append(first)
    answers = [first.answer() for _ in range(KILL_AFTER)]
    answers += first.kill()
    answered = len(answers)
    assert KILL_AFTER <= answered < len(lines), "the kill must land mid-stream"
    # Before anything is resent: what was receipted is on the board already.
    with SqlBoardStore.from_url(db_url) as store:
        board = Board(store, election.manifest.election_id)
        for r in _check_answers(lines[:answered], answers):
            assert board.entry(r["seq"]).leaf_hash.hex() == r["leaf_hash"]

    # The client resends everything it has no answer for, the ballot in flight too,
    # and (as a client that lost an answer would) one ballot that was receipted.
    second = Server(db_url, election, [lines[0], *lines[answered:]], log)
    servers.append(second)
    repeat = second.answer()
    assert (repeat["seq"], repeat["tracking_code"]) == (
        answers[0]["seq"],
        answers[0]["tracking_code"],
    )
    answers += [second.answer() for _ in lines[answered:]]
    second.finish()

    receipts = _check_answers(lines, answers)
    with SqlBoardStore.from_url(db_url) as store:
        board = Board(store, election.manifest.election_id, key=election.head_key)
        _check_board(board, lines, receipts)
        check_receipts(board, election.head_key, receipts)
        report = board.verify_chain(election.head_key.verify_key)
        assert report.entries == board.size()
        record = tmp_path / "record"
        export_record(board, election.manifest, record)
    verdict = verify_record(record, jobs=1)
    assert verdict.ok, [(c.id, c.detail) for c in verdict.failed()]
    assert verdict.checks["V7"].count == len(lines) - 1


def _check_answers(lines: list[bytes], answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One answer per line, in order: an error for the malformed line, else its receipt."""
    assert len(answers) == len(lines)
    receipts = []
    for line, answer in zip(lines, answers, strict=True):
        if line == MALFORMED:
            assert answer == {"error": "protocol.invalid_object"}
            continue
        ballot = Ballot.from_dict(json.loads(line))
        assert answer.get("tracking_code") == ballot.tracking_code, answer
        receipts.append(answer)
    return receipts


def _check_board(board: Board, lines: list[bytes], receipts: list[dict[str, Any]]) -> None:
    """Every ballot sent is on the board exactly once, where its receipt says."""
    on_board: dict[str, int] = {}
    codes: Counter[str] = Counter()
    for entry in board.entries():
        if entry.type == ev.BALLOT:
            code = Ballot.from_dict(entry.payload["ballot"]).tracking_code
            codes[code] += 1
            on_board[code] = entry.seq
    assert all(n == 1 for n in codes.values()), "a resent ballot was stored twice"
    assert len(on_board) == len(lines) - 1
    for r in receipts:
        assert on_board[r["tracking_code"]] == r["seq"]
        assert board.entry(r["seq"]).leaf_hash.hex() == r["leaf_hash"]


def test_server_refuses_a_head_key_that_is_not_the_commission_key(
    sqlite_url: str, tmp_path: Path
) -> None:
    election = _setup(sqlite_url, tmp_path)
    wrong = tmp_path / "wrong.key"
    wrong.write_text("22" * 32, encoding="ascii")
    args = ["--db", sqlite_url, "--election", election.manifest.election_id]
    run = subprocess.run(
        [sys.executable, "-m", "tandau.cli.casting_server", *args, "--head-key", str(wrong)],
        input=election.lines[0] + b"\n",
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert run.returncode == 2
    assert json.loads(run.stderr.splitlines()[-1]) == {"error": "casting.wrong_head_key"}
    assert run.stdout == b""  # nothing cast


def test_durability_check_refuses_sqlite_without_wal(tmp_path: Path) -> None:
    plain = create_engine(f"sqlite:///{tmp_path / 'plain.sqlite3'}")  # rollback journal
    with disposing(plain) as engine, pytest.raises(NotDurable):
        check_durable(engine)


def test_durability_check_accepts_the_configured_engines(db_url: str) -> None:
    with disposing(make_engine(db_url)) as engine:
        check_durable(engine)
