"""Casting benchmark: sustained casting through the verifying election service, per backend.

One election per backend — a fresh SQLite file under the cache directory and a
fresh, uniquely named PostgreSQL database on the local server, dropped at the
end — set up as ``tandau demo`` does (3-of-5 ceremony, credentials, voting
open).  Ballots (one per voter, K options) are made beforehand in two worker
processes.  Each round casts the next batch of ballots, one at a time,
through ``ElectionService.cast`` (full checks: encodings, proofs, signature,
credential, election open; then the append, a signed head and the receipt's
inclusion proof) into each backend in turn, alternating which goes first.
Throughput is the batch over its wall time; latency is per ``cast`` call.
Right before each backend's batch the same ballots are verified bare
(``verify_ballot`` on parsed ballots: the crypto floor of a cast), so the
ratio of a cast's median time to a bare verification's median is measured
interleaved, in the same phase of this shared machine (target ≤ 2.0, ADR 0015).
Every figure is the median over rounds; the board grows from round to round.

Usage: .venv/bin/python bench/cast.py [--ballots N] [--rounds R] [--options K]
                                      [--pg-admin DSN] [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import math
import platform
import secrets
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql
from tandau_bench.election import ballots, ceremony, codes, make_manifest, set_up

from tandau.admin.election import ElectionService, Receipt, parse_ballot
from tandau.board import Board
from tandau.crypto.canonical import dumps
from tandau.crypto.elgamal import PublicKey
from tandau.crypto.rng import SystemRng
from tandau.crypto.signatures import HeadSigningKey
from tandau.protocol.ballot import verify_ballot
from tandau.protocol.manifest import Manifest
from tandau.storage import SqlBoardStore, upgrade

BACKENDS = ("sqlite", "postgresql")
#: Ballots arriving together in the group-commit figure.
GROUP = 8


@dataclass
class Figures:
    rate: list[float] = field(default_factory=list)
    p50: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)
    ratio: list[float] = field(default_factory=list)
    grouped: list[float] = field(default_factory=list)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


@contextlib.contextmanager
def sqlite_database(cache_dir: Path) -> Iterator[str]:
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"cast-{secrets.token_hex(4)}.sqlite3"
    try:
        yield f"sqlite:///{path}"
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


@contextlib.contextmanager
def postgres_database(admin_dsn: str) -> Iterator[str]:
    name = f"tandau_bench_{secrets.token_hex(6)}"
    admin = psycopg.conninfo.conninfo_to_dict(admin_dsn)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        user, host, port = admin.get("user", "postgres"), admin["host"], admin.get("port", 5432)
        yield f"postgresql+psycopg://{user}@{host}:{port}/{name}"
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def cast_batch(svc: ElectionService, batch: list[bytes]) -> tuple[float, list[float]]:
    """Cast every ballot; returns the batch's wall time and each call's latency."""
    latencies = []
    t0 = time.perf_counter()
    for raw in batch:
        t = time.perf_counter()
        receipt = svc.cast(raw)
        latencies.append(time.perf_counter() - t)
        assert receipt.seq > 0
    return time.perf_counter() - t0, latencies


def cast_grouped(svc: ElectionService, batch: list[bytes]) -> list[float]:
    """Cast in groups of GROUP ballots that arrive together (one write each): per-ballot times."""
    per_ballot = []
    for i in range(0, len(batch), GROUP):
        group = batch[i : i + GROUP]
        t = time.perf_counter()
        out = svc.cast_many(group)
        per_ballot.append((time.perf_counter() - t) / len(group))
        assert all(isinstance(r, Receipt) for r in out), out
    return per_ballot


def verify_batch(manifest: Manifest, key: PublicKey, batch: list[bytes]) -> list[float]:
    """Bare verification of each ballot (parsed beforehand): each call's time."""
    parsed = [parse_ballot(raw) for raw in batch]
    times = []
    for ballot in parsed:
        t = time.perf_counter()
        verify_ballot(manifest.fingerprint, key, manifest.rule, ballot)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ballots", type=int, default=300, help="ballots per round per backend")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--options", type=int, default=6, help="K, ballot options")
    ap.add_argument("--pg-admin", default="host=127.0.0.1 port=5432 user=postgres dbname=test")
    ap.add_argument("--cache-dir", type=Path, default=Path("out/bench"))
    args = ap.parse_args()
    if args.ballots < 1 or args.rounds < 1 or args.options < 2:
        ap.error("need --ballots >= 1, --rounds >= 1, --options >= 2")
    n, rounds, k = args.ballots, args.rounds, args.options
    rng = SystemRng()
    head_key = HeadSigningKey.generate(rng)
    manifest: Manifest = make_manifest(k, "bench-cast", head_key)
    voter_codes = codes(2 * n * rounds, rng)  # one half cast one by one, one in groups

    with contextlib.ExitStack() as stack:
        urls = {
            "sqlite": stack.enter_context(sqlite_database(args.cache_dir)),
            "postgresql": stack.enter_context(postgres_database(args.pg_admin)),
        }
        trustees = ceremony(manifest)
        boards: dict[str, Board] = {}
        services: dict[str, ElectionService] = {}
        for name in BACKENDS:
            upgrade(urls[name])
            store = stack.enter_context(SqlBoardStore.from_url(urls[name]))
            boards[name] = Board(store, manifest.election_id, key=head_key)
            services[name] = ElectionService(boards[name])
            set_up(services[name], manifest, voter_codes, trustees)
        made = time.perf_counter()
        wire = [
            dumps(b)
            for chunk in ballots(manifest, trustees.joint_key, voter_codes)
            for b in chunk.ballots
        ]
        made = time.perf_counter() - made

        figures = {name: Figures() for name in BACKENDS}
        for r in range(rounds):
            batch = wire[r * n : (r + 1) * n]
            order = BACKENDS if r % 2 == 0 else BACKENDS[::-1]
            for name in order:
                bare = verify_batch(manifest, trustees.joint_key, batch)
                wall, lat = cast_batch(services[name], batch)
                figures[name].ratio.append(statistics.median(lat) / statistics.median(bare))
                grouped = cast_grouped(
                    services[name], wire[(rounds + r) * n : (rounds + r + 1) * n]
                )
                figures[name].grouped.append(statistics.median(grouped) / statistics.median(bare))
                figures[name].rate.append(len(batch) / wall)
                figures[name].p50.append(percentile(lat, 50))
                figures[name].p99.append(percentile(lat, 99))
        # The boards must hold every ballot, chained, under valid signed heads.
        sizes = {name: boards[name].verify_chain(head_key.verify_key).entries for name in BACKENDS}

    print(f"machine: {platform.machine()} {platform.node()} python {platform.python_version()}")
    print(
        f"ballots: {n} per round per backend, {rounds} rounds, K = {k};"
        f" made beforehand in {made:.1f} s (2 processes)"
    )
    print("server: ElectionService.cast, full checks, one ballot at a time, receipts signed")
    print(f"rounds: {rounds} (backends interleaved, order alternating; medians)")
    print()
    print(
        f"{'backend':<12}{'ballots/s':>11}{'p50 ms':>9}{'p99 ms':>9}{'cast/verify':>13}"
        f"{'board entries':>15}"
    )
    for name in BACKENDS:
        f = figures[name]
        rate, p50, p99, ratio = (statistics.median(v) for v in (f.rate, f.p50, f.p99, f.ratio))
        print(
            f"{name:<12}{rate:>11.1f}{p50 * 1e3:>9.2f}{p99 * 1e3:>9.2f}{ratio:>13.2f}"
            f"{sizes[name]:>15}"
        )
    print("cast/verify: median cast latency over median bare verify_ballot of the same ballots")
    print(
        f"grouped: ballots arriving {GROUP} at a time (cast_many, one write per group), per-ballot"
        " time over the bare verification: "
        + ", ".join(f"{b} {statistics.median(figures[b].grouped):.2f}" for b in BACKENDS)
    )
    print()
    for name in BACKENDS:
        f = figures[name]
        print(f"cast_ballots_per_s_{name}={statistics.median(f.rate):.1f}")
        print(f"cast_p50_ms_{name}={statistics.median(f.p50) * 1e3:.2f}")
        print(f"cast_p99_ms_{name}={statistics.median(f.p99) * 1e3:.2f}")
    for name, label in (("sqlite", "sqlite"), ("postgresql", "postgres")):
        print(f"cast_to_verify_ratio_{label}={statistics.median(figures[name].ratio):.3f}")
    for name, label in (("sqlite", "sqlite"), ("postgresql", "postgres")):
        print(
            f"cast_to_verify_ratio_grouped{GROUP}_{label}="
            f"{statistics.median(figures[name].grouped):.3f}"
        )


if __name__ == "__main__":
    main()
