"""Web casting benchmark: HTTP on loopback against in-process casting, in one run.

A PostgreSQL database of its own (created and dropped here) holds two elections
set up as ``tandau demo`` does (3-of-5 ceremony, credentials, voting open).  One
is served by ``tandau serve --workers 2`` (uvicorn, the verifying server: every
ballot's encodings, proofs, signature and credential are checked before it is
appended); the other is cast into in process through ``ElectionService.cast``.
Rounds interleave the two, alternating which goes first, and every figure is
the median over rounds.  HTTP clients are ``--clients`` threads on keep-alive
connections to 127.0.0.1.  Last, the booth's encrypt+prove time in Node for
K = 6 (``web/booth/bench/encrypt.mjs``).  Rate limits are switched off for the
server under test (``TANDAU_RATE_LIMITS=off``; production refuses that).

Usage: .venv/bin/python bench/web.py [--ballots N] [--rounds R] [--clients C]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from cast import cast_batch, percentile, postgres_database
from tandau_bench.election import ballots, ceremony, codes, make_manifest, set_up

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.crypto.canonical import dumps
from tandau.crypto.rng import SystemRng
from tandau.storage import SqlBoardStore, upgrade
from tandau.storage.keyring import KeyRing

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(url: str, data_dir: Path, port: int, workers: int, log: Path | None = None):  # type: ignore[no-untyped-def]
    """``tandau serve`` under test, yielding its process; its stderr to ``log`` if given."""
    env = {
        **os.environ,
        "TANDAU_RATE_LIMITS": "off",
        "TANDAU_ENV": "development",
    }
    argv = [
        sys.executable, "-m", "tandau.entry", "serve", "--database-url", url,
        "--data-dir", str(data_dir), "--port", str(port), "--workers", str(workers),
    ]  # fmt: skip
    with contextlib.ExitStack() as files:
        err = files.enter_context(log.open("ab")) if log is not None else subprocess.PIPE
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/api/health")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def http_batch(port: int, path: str, batch: list[bytes], clients: int) -> tuple[float, list[float]]:
    """Cast ``batch`` over ``clients`` keep-alive connections; wall time and latencies."""
    latencies: list[float] = []
    lock = threading.Lock()
    queue = list(reversed(batch))
    failures: list[str] = []

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"content-type": "application/json"}
        while True:
            with lock:
                if not queue:
                    break
                raw = queue.pop()
            t = time.perf_counter()
            conn.request("POST", path, body=raw, headers=headers)
            response = conn.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - t
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    failures.append(f"{response.status} {body[:200]!r}")
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    if failures:
        raise SystemExit(f"{len(failures)} casts failed, first: {failures[0]}")
    return wall, latencies


def node_encrypt_ms(options: int, rounds: int) -> str:
    script = ROOT / "web" / "booth" / "bench" / "encrypt.mjs"
    out = subprocess.run(
        ["node", str(script), str(options), str(rounds)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return out.stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ballots", type=int, default=200, help="ballots per round per path")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    ap.add_argument("--workers", type=int, default=2, help="uvicorn workers")
    ap.add_argument("--options", type=int, default=6)
    ap.add_argument("--node-rounds", type=int, default=20)
    ap.add_argument("--pg-admin", default="host=127.0.0.1 port=5432 user=postgres dbname=test")
    args = ap.parse_args()
    if min(args.ballots, args.rounds, args.clients, args.workers) < 1:
        ap.error("sizes must be positive")
    n, rounds, k = args.ballots, args.rounds, args.options
    rng = SystemRng()

    with contextlib.ExitStack() as stack:
        url = stack.enter_context(postgres_database(args.pg_admin))
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        upgrade(url)
        store = stack.enter_context(SqlBoardStore.from_url(url))
        ring = KeyRing(data_dir / "keys")
        wire: dict[str, list[bytes]] = {}
        services: dict[str, ElectionService] = {}
        for name in ("http", "inproc"):
            election = f"bench-web-{name}"
            head_key = ring.create(election, rng)
            # Remote casting over HTTP: a polling-station election takes ballots only
            # from enrolled kiosks (ADR 0009), which this loopback client is not.
            manifest = replace(make_manifest(k, election, head_key), mode="remote-pilot")
            trustees = ceremony(manifest)
            voter_codes = codes(n * rounds, rng)
            services[name] = ElectionService(Board(store, election, key=head_key))
            set_up(services[name], manifest, voter_codes, trustees)
            wire[name] = [
                dumps(b)
                for chunk in ballots(manifest, trustees.joint_key, voter_codes)
                for b in chunk.ballots
            ]
        port = _free_port()
        stack.enter_context(server(url, data_dir, port, args.workers))
        path = "/api/elections/bench-web-http/ballots"
        rates: dict[str, list[float]] = {"http": [], "inproc": []}
        p50: dict[str, list[float]] = {"http": [], "inproc": []}
        p99: dict[str, list[float]] = {"http": [], "inproc": []}
        for r in range(rounds):
            order = ("http", "inproc") if r % 2 == 0 else ("inproc", "http")
            for name in order:
                batch = wire[name][r * n : (r + 1) * n]
                if name == "http":
                    wall, lat = http_batch(port, path, batch, args.clients)
                else:
                    wall, lat = cast_batch(services[name], batch)
                rates[name].append(len(batch) / wall)
                p50[name].append(percentile(lat, 50) * 1000)
                p99[name].append(percentile(lat, 99) * 1000)
        node = node_encrypt_ms(k, args.node_rounds)

    med = statistics.median
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")  # fmt: skip
    print(f"web casting, K={k}, {rounds} rounds x {n} ballots per path, PostgreSQL, "
          f"uvicorn --workers {args.workers}, {args.clients} HTTP clients")  # fmt: skip
    print(f"{'path':<28}{'ballots/s':>12}{'p50 ms':>10}{'p99 ms':>10}")
    labels = {"http": "HTTP (loopback)", "inproc": "in-process ElectionService"}
    for name in ("http", "inproc"):
        print(f"{labels[name]:<28}{med(rates[name]):>12.1f}{med(p50[name]):>10.2f}"
              f"{med(p99[name]):>10.2f}")  # fmt: skip
    print(f"ratio HTTP / in-process throughput: {med(rates['http']) / med(rates['inproc']):.2f}")
    print(f"booth encrypt+prove in Node: {node}")
    print(f"web_http_ballots_per_s={med(rates['http']):.1f}")
    print(f"web_inproc_ballots_per_s={med(rates['inproc']):.1f}")
    print(f"web_http_p50_ms={med(p50['http']):.2f}")
    print(f"web_http_p99_ms={med(p99['http']):.2f}")
    print(f"web_inproc_p50_ms={med(p50['inproc']):.2f}")
    print(f"web_inproc_p99_ms={med(p99['inproc']):.2f}")


if __name__ == "__main__":
    main()
