"""Election-day load test: many elections at once over HTTP, a worker killed, connections cut.

Loopback only; it stops by itself.  A fresh, uniquely named PostgreSQL
database (dropped at the end) holds ``--elections`` remote-pilot elections,
each set up through the election driver as ``tandau demo`` does (3-of-5
ceremony, credentials, voting open), all open at once.  ``tandau serve
--workers 2`` serves them; ``--clients`` HTTP client threads cast one ballot
per voter, each released at its arrival time on a compressed voting day with a
morning and an evening peak (``--duration`` seconds).  Mid-vote the bench
kills one web worker with SIGKILL (uvicorn starts another), later cuts every
connection to its database (``pg_terminate_backend``) and then, on a
PostgreSQL cluster of its own (``--own-postgres``, the default: initdb'd in a
temporary directory on a free loopback port, fsync on, removed at the end),
restarts the server with ``pg_ctl -m immediate`` — a crash, recovered from the
WAL.  ``--no-own-postgres`` uses the shared server of ``--pg-admin`` instead,
which is never restarted.  A cast that fails on the way — connection reset,
5xx — is sent again, byte for byte: casting is idempotent, so a ballot whose
answer was lost gets its original receipt.  At the end
every receipt must be on the board where it says, and every election is
closed, tallied, decrypted (trustees 1, 2, 4, 5), its record exported and
verified by ``tandau-verify``'s code.  Setting up and closing split the
elections between ``--jobs`` processes; voting starts only when every election
is open.

Rate limits are off for the server under test (``TANDAU_RATE_LIMITS=off``):
every client is 127.0.0.1.  Prints ``name=value`` lines, with
``elections_verified=V/N`` and ``lost_receipts=0`` last.

Usage: .venv/bin/python bench/election_day.py [--quick] [--elections N] [--voters V]
           [--duration S] [--clients C] [--options K] [--jobs J]
           [--no-own-postgres] [--pg-admin DSN]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import io
import json
import math
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import psycopg
from cast import percentile, postgres_database
from tandau_bench.election import DECRYPTING, ballots, ceremony, codes, make_manifest, set_up
from tandau_bench.measure import CpuMeter

from tandau.admin import driver
from tandau.admin.driver import Trustees
from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.board.record import record_lines
from tandau.crypto.canonical import dumps
from tandau.crypto.rng import SystemRng
from tandau.protocol import events as ev
from tandau.protocol.ballot import Ballot
from tandau.protocol.manifest import Manifest
from tandau.storage import SqlBoardStore, upgrade
from tandau.storage.keyring import KeyRing
from tandau_verify.verify import verify_record
from web import _free_port, server

# The one helper the tests and this benchmark share (ADR 0019).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from owned_postgres import OwnedPostgres

#: Seconds between two attempts at one ballot, and how long to keep trying one.
RETRY_PAUSE = 0.25
RETRY_FOR = 90.0
#: When, as fractions of the day, the disruptions land.
KILL_AT, CUT_AT, RESTART_AT = 0.35, 0.5, 0.7
#: Ballots per second over the whole country on 25 July 2021, on average.
NATIONAL_2021 = 1.21e6 / (13 * 3600)
#: Elections per task of a set-up or closing job.
BATCH = 10


@dataclass(frozen=True)
class Election:
    manifest: Manifest
    trustees: Trustees
    ballots: list[bytes]


@dataclass
class Tally:
    """What the clients saw: receipts, latencies, errors by kind."""

    receipts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    unreceipted: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def arrival_times(n: int, duration: float) -> list[float]:
    """``n`` arrivals over ``duration`` seconds: a morning and a larger evening peak.

    The density is a floor plus two Gaussian bumps (10:00 and 18:00 of a
    07:00-20:00 day); arrival i is at the (i + 0.5)/n quantile, so the run is
    reproducible and has no random gaps.
    """
    grid = 1000
    xs = [(j + 0.5) / grid for j in range(grid)]
    dens = [
        0.35 + math.exp(-(((x - 0.23) / 0.09) ** 2)) + 1.3 * math.exp(-(((x - 0.85) / 0.08) ** 2))
        for x in xs
    ]
    total = sum(dens)
    cdf, acc = [], 0.0
    for d in dens:
        acc += d / total
        cdf.append(acc)
    out, j = [], 0
    for i in range(n):
        q = (i + 0.5) / n
        while j < grid - 1 and cdf[j] < q:
            j += 1
        out.append(xs[j] * duration)
    return out


def set_up_batch(url: str, keys: Path, names: list[str], voters: int,
                 options: int) -> dict[str, Election]:  # fmt: skip
    """Set up elections ``names`` as ``tandau demo`` does: head key, ceremony, credentials, open."""
    rng = SystemRng()
    ring = KeyRing(keys)
    out: dict[str, Election] = {}
    with SqlBoardStore.from_url(url) as store:
        for election in names:
            head_key = ring.create(election, rng)
            manifest = replace(make_manifest(options, election, head_key), mode="remote-pilot")
            trustees = ceremony(manifest)
            voter_codes = codes(voters, rng)
            board = Board(store, election, key=head_key)
            set_up(ElectionService(board), manifest, voter_codes, trustees)
            wire = [
                dumps(b)
                for chunk in ballots(manifest, trustees.joint_key, voter_codes, workers=1)
                for b in chunk.ballots
            ]
            out[election] = Election(manifest, trustees, wire)
    return out


def close_batch(url: str, keys: Path, elections: dict[str, Election], out_dir: Path) -> int:
    """Close, tally and verify each of ``elections``; how many verified."""
    ring = KeyRing(keys)
    with SqlBoardStore.from_url(url) as store:
        return sum(close_and_verify(store, ring, n, e, out_dir) for n, e in elections.items())


def in_jobs(jobs: int, fn: Callable[..., Any], batches: list[tuple[Any, ...]]) -> list[Any]:
    """``fn(*batch)`` for every batch, in ``jobs`` fresh processes (or this one), in order.

    Spawned, not forked: a forked child would share the parent's database
    connections.  Elections are independent, so the work splits by election.
    """
    if jobs <= 1:
        return [fn(*b) for b in batches]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        return list(pool.map(fn, *zip(*batches, strict=True)))


def batches(names: list[str], jobs: int) -> list[list[str]]:
    """``names`` in batches small enough to keep ``jobs`` processes busy to the end."""
    size = max(1, min(BATCH, math.ceil(len(names) / jobs)))
    return [names[i : i + size] for i in range(0, len(names), size)]


def cast_one(conn_box: list[http.client.HTTPConnection], port: int, path: str, raw: bytes,
             tally: Tally) -> dict[str, Any] | None:  # fmt: skip
    """Send ``raw`` until it is receipted (or RETRY_FOR runs out); the receipt."""
    give_up = time.monotonic() + RETRY_FOR
    while time.monotonic() < give_up:
        try:
            conn = conn_box[0]
            conn.request("POST", path, body=raw, headers={"content-type": "application/json"})
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            kind = "connection" if isinstance(exc, OSError) else "protocol"
            with tally.lock:
                tally.errors[kind] += 1
            conn_box[0].close()
            conn_box[0] = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            time.sleep(RETRY_PAUSE)
            continue
        if response.status == 200:
            return dict(json.loads(body))
        with tally.lock:
            tally.errors[f"http_{response.status}"] += 1
        if response.status < 500:
            return None  # refused: sending it again changes nothing
        time.sleep(RETRY_PAUSE)
    return None


def vote(port: int, schedule: list[tuple[float, str, bytes]], clients: int, tally: Tally) -> float:
    """Cast every ballot at (or after) its arrival time; the voting wall time."""
    queue = list(reversed(schedule))
    lock = threading.Lock()
    t0 = time.monotonic()

    def client() -> None:
        box = [http.client.HTTPConnection("127.0.0.1", port, timeout=60)]
        while True:
            with lock:
                if not queue:
                    break
                at, election, raw = queue.pop()
            delay = t0 + at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            start = time.monotonic()
            receipt = cast_one(box, port, f"/api/elections/{election}/ballots", raw, tally)
            with tally.lock:
                if receipt is None:
                    tally.unreceipted += 1
                else:
                    tally.latencies.append(time.monotonic() - start)
                    tally.receipts.setdefault(election, []).append(receipt)
        box[0].close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return time.monotonic() - t0


def worker_pids(supervisor: int) -> list[int]:
    """The uvicorn worker processes under ``tandau serve`` (not multiprocessing's helpers)."""
    path = Path(f"/proc/{supervisor}/task/{supervisor}/children")
    pids = [int(p) for p in path.read_text().split()] if path.exists() else []
    out = []
    for pid in pids:
        with contextlib.suppress(OSError):
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"resource_tracker" not in cmd:
                out.append(pid)
    return out


def disrupt(supervisor: int, pg_admin: str, database: str, duration: float,
            owned: OwnedPostgres | None, log: list[str]) -> threading.Thread:  # fmt: skip
    """Kill a web worker, cut the database's connections, restart an owned server."""
    t0 = time.monotonic()
    kill_at, cut_at, restart_at = (f * duration for f in (KILL_AT, CUT_AT, RESTART_AT))

    def run() -> None:
        time.sleep(max(0.0, t0 + kill_at - time.monotonic()))
        workers = worker_pids(supervisor)
        if workers:
            os.kill(workers[0], signal.SIGKILL)
            log.append(f"killed web worker {workers[0]} at {time.monotonic() - t0:.1f} s")
        time.sleep(max(0.0, t0 + cut_at - time.monotonic()))
        with psycopg.connect(pg_admin, autocommit=True) as conn:
            cut = conn.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (database,),
            ).fetchone()
        log.append(
            f"terminated {cut[0] if cut else 0} connections at {time.monotonic() - t0:.1f} s"
        )
        if owned is not None:
            time.sleep(max(0.0, t0 + restart_at - time.monotonic()))
            at = time.monotonic() - t0
            down = owned.restart()
            log.append(
                f"restarted PostgreSQL (pg_ctl -m immediate) at {at:.1f} s, down {down:.1f} s"
            )

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def storage_mark(pg_admin: str, database: str) -> tuple[int, int]:
    """The database's size on disk and the cluster's WAL position, in bytes."""
    with psycopg.connect(pg_admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT pg_database_size(%s), (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint",
            (database,),
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def postmaster(owned: OwnedPostgres) -> list[int]:
    """The owned server's postmaster (its backends are its children), if it is up."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        return [int((owned.data / "postmaster.pid").read_text().split()[0])]
    return []


def lost_receipts(store: SqlBoardStore, receipts: dict[str, list[dict[str, Any]]]) -> int:
    """Receipts whose ballot is not on the board at the receipt's position."""
    lost = 0
    for election, issued in receipts.items():
        board = Board(store, election)
        at = {
            e.seq: (Ballot.from_dict(e.payload["ballot"]).tracking_code, e.leaf_hash.hex())
            for e in board.entries()
            if e.type == ev.BALLOT
        }
        for r in issued:
            lost += at.get(r["seq"]) != (r["tracking_code"], r["leaf_hash"])
    return lost


def close_and_verify(store: SqlBoardStore, ring: KeyRing, election: str, e: Election,
                     out_dir: Path) -> bool:  # fmt: skip
    """Close voting, tally, decrypt with trustees 1, 2, 4, 5, publish, export and verify."""
    board = Board(store, election, key=ring.load(election))
    svc = ElectionService(board)
    svc.close()
    tally = driver.post_tally(svc)
    rng = SystemRng()
    shares = driver.post_shares(svc, e.trustees, DECRYPTING, tally.ciphertexts, rng)
    dec = driver.decrypt(
        e.trustees, tally.ciphertexts, shares, e.manifest.tally_bound(tally.counted)
    )
    results = driver.plurality_results(
        e.manifest.options, dec.totals, counted=tally.counted, used=dec.used, skipped=[3],
        tie_reasons=[{"rule": "outcome.tie", "article": "CLE Ch. 10-2 [U]"}],
    )  # fmt: skip
    svc.post(ev.RESULTS, results)
    path = out_dir / f"{election}.record.jsonl"
    with path.open("wb") as f:
        for line in record_lines(board, e.manifest):
            f.write(line)
    return verify_record(path, 1, io.StringIO()).ok


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="3 elections, a short day (the test)")
    ap.add_argument("--elections", type=int, default=20)
    ap.add_argument("--voters", type=int, default=60, help="voters per election")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of compressed day")
    ap.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    ap.add_argument("--options", type=int, default=4, help="K, ballot options")
    ap.add_argument(
        "--jobs", type=int, default=2, help="processes setting up, then closing and verifying"
    )
    ap.add_argument(
        "--own-postgres",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="a throwaway cluster of the bench's own, restarted mid-vote (default)",
    )
    ap.add_argument(
        "--pg-admin",
        default="host=127.0.0.1 port=5432 user=postgres dbname=test",
        help="the shared server, with --no-own-postgres (never restarted)",
    )
    args = ap.parse_args()
    if args.quick:
        args.elections, args.voters, args.duration, args.clients = 3, 16, 10.0, 6
    if min(args.elections, args.voters, args.clients, args.jobs) < 1 or args.duration <= 0:
        ap.error("sizes must be positive")

    tally = Tally()
    log: list[str] = []
    t_start = time.monotonic()
    with contextlib.ExitStack() as stack:
        owned = stack.enter_context(OwnedPostgres()) if args.own_postgres else None
        pg_admin = owned.admin_dsn if owned is not None else args.pg_admin
        url = stack.enter_context(postgres_database(pg_admin))
        database = url.rsplit("/", 1)[1]
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        upgrade(url)
        store = stack.enter_context(SqlBoardStore.from_url(url))
        phases: dict[str, float] = {}
        mark = time.monotonic()
        names = [f"eday-{e:04d}" for e in range(args.elections)]
        parts = in_jobs(args.jobs, set_up_batch, [
            (url, tmp / "keys", part, args.voters, args.options)
            for part in batches(names, args.jobs)])  # fmt: skip
        elections = {name: e for part in parts for name, e in part.items()}
        total = args.elections * args.voters
        # Voters of every election interleaved along the one arrival curve.
        flat = [(name, raw) for i in range(args.voters) for name, e in elections.items()
                for raw in e.ballots[i : i + 1]]  # fmt: skip
        times = arrival_times(total, args.duration)
        schedule = [(t, name, raw) for t, (name, raw) in zip(times, flat, strict=True)]
        phases["setup"] = time.monotonic() - mark
        port = _free_port()
        proc = stack.enter_context(server(url, tmp, port, 2, log=tmp / "server.log"))
        disrupter = disrupt(proc.pid, pg_admin, database, args.duration, owned, log)
        size0, wal0 = storage_mark(pg_admin, database)
        web_cpu = CpuMeter(lambda: [proc.pid])
        pg_cpu = CpuMeter(lambda: postmaster(owned)) if owned is not None else None
        wall = vote(port, schedule, args.clients, tally)
        web_seconds = web_cpu.stop()
        pg_seconds = pg_cpu.stop() if pg_cpu is not None else 0.0
        disrupter.join(args.duration + 120)
        restarts = owned.restarts if owned is not None else 0
        size1, wal1 = storage_mark(pg_admin, database)
        phases["voting"] = wall
        mark = time.monotonic()
        lost = lost_receipts(store, tally.receipts)
        phases["receipt_check"] = time.monotonic() - mark
        mark = time.monotonic()
        out_dir = tmp / "records"
        out_dir.mkdir()
        verified = sum(in_jobs(args.jobs, close_batch, [
            (url, tmp / "keys", {n: elections[n] for n in part}, out_dir)
            for part in batches(names, args.jobs)]))  # fmt: skip
        phases["close_verify"] = time.monotonic() - mark

    receipted = sum(len(r) for r in tally.receipts.values())
    where = "own cluster" if args.own_postgres else "shared server"
    peak = max(sum(1 for t in times if w <= t < w + 1) for w in range(math.ceil(args.duration)))
    for line in log:
        print(line)
    print(f"{args.elections} elections x {args.voters} voters, K={args.options}, "
          f"{args.duration:.0f} s day, {args.clients} clients, tandau serve --workers 2, "
          f"PostgreSQL ({where}); run took {time.monotonic() - t_start:.0f} s")  # fmt: skip
    print(f"ballots_issued={total}")
    print(f"ballots_receipted={receipted}")
    print(f"peak_arrivals_per_s={peak}")
    # Growth of the database and WAL written while voting, per ballot receipted (the
    # WAL only on an own cluster: on the shared server other sessions write it too).
    print(f"pg_bytes_per_ballot={(size1 - size0) / max(receipted, 1):.0f}")
    # CPU time of the web workers and (own cluster) of PostgreSQL while voting, per
    # ballot: what sizes servers, whatever share of the cores this run got.
    print(f"web_cpu_ms_per_ballot={web_seconds / max(receipted, 1) * 1e3:.2f}")
    if owned is not None:
        print(f"wal_bytes_per_ballot={(wal1 - wal0) / max(receipted, 1):.0f}")
        print(f"pg_cpu_ms_per_ballot={pg_seconds / max(receipted, 1) * 1e3:.2f}")
    print(f"ballots_per_s={receipted / wall:.1f}")
    # The 2021 day's nationwide average (1.21 M ballots in 13 h), for scale.
    print(f"ballots_per_s_over_2021_average={receipted / wall / NATIONAL_2021:.2f}")
    print(f"peak_arrivals_over_2021_average={peak / NATIONAL_2021:.2f}")
    for q in (50, 95, 99):
        print(f"cast_p{q}_ms={percentile(tally.latencies or [0.0], q) * 1000:.1f}")
    for kind in ("connection", "protocol", "http_500", "http_503"):
        print(f"errors_{kind}={tally.errors.pop(kind, 0)}")
    for kind, n in sorted(tally.errors.items()):
        print(f"errors_{kind}={n}")
    print(f"errors_unreceipted={tally.unreceipted}")
    print(f"pg_restarts={restarts}")
    for name, seconds in phases.items():
        print(f"phase_{name}_s={seconds:.1f}")
    print(f"elections_verified={verified}/{args.elections}")
    print(f"lost_receipts={lost}")


if __name__ == "__main__":
    main()
