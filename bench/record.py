"""Record benchmark: verify an election record of N K-option ballots with 1 and 2 jobs.

The record (one ballot per voter, 3-of-5 trustees, a full tally and results)
is built once and cached under ``out/bench/record-n{N}-k{K}``: ballots are
encrypted in two worker processes and appended to an in-memory board, which
is then exported with ``tandau record export``'s writer.  Each round runs
``tandau-verify --jobs 1`` and ``--jobs 2`` as child processes (wall time,
peak memory) and samples libsodium's unit costs between them, so the crypto
floor per ballot — (2K+1) fixed-base plus (6K+3) variable-base scalar
multiplications, as in bench/crypto.py — is measured in the same run.  Every
figure is the median over rounds.

Targets (issue 3): per-ballot time at one job within 1.5x of the floor;
near-linear speed-up with jobs; peak memory under 300 MB whatever N is.

Usage: .venv/bin/python bench/record.py [--ballots N] [--options K] [--rounds R]
                                        [--cache-dir DIR] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path

from crypto import UnitCosts, api_floor_seconds, floor_seconds
from tandau_bench.election import (
    add_sums,
    ballots,
    ceremony,
    codes,
    finish,
    make_manifest,
    set_up,
)
from tandau_bench.measure import MB, ChildRun, run_measured

from tandau.admin.election import ElectionService
from tandau.board import Board, MemoryBoardStore
from tandau.cli.record import export_record
from tandau.crypto.rng import SystemRng
from tandau.crypto.signatures import HeadSigningKey
from tandau.protocol import events as ev

JOBS = (1, 2)
#: A signed head every this many ballots, so the verifier checks roots along the way.
HEAD_EVERY = 25_000
#: Unit-cost samples taken before each verifier run.
UNIT_SAMPLES = 5


def build_record(path: Path, n: int, options: int) -> float:
    """Write a verifiable record of ``n`` ballots to ``path``; returns seconds taken."""
    t0 = time.perf_counter()
    rng = SystemRng()
    head_key = HeadSigningKey.generate(rng)
    manifest = make_manifest(options, f"bench-record-{n}", head_key)
    voter_codes = codes(n, rng)
    board = Board(MemoryBoardStore(), manifest.election_id, key=head_key)
    trustees = ceremony(manifest)
    set_up(ElectionService(board), manifest, voter_codes, trustees)
    board.head()
    sums = None
    cast = 0
    for chunk in ballots(manifest, trustees.joint_key, voter_codes, workers=2):
        for b in chunk.ballots:
            board.append(ev.BALLOT, {"ballot": b})
        sums = add_sums(sums, chunk.sums)
        before, cast = cast, cast + len(chunk.ballots)
        if cast // HEAD_EVERY != before // HEAD_EVERY:
            board.head()
        print(f"\rbuilding record: {cast}/{n} ballots", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    assert sums is not None
    finish(board, manifest, trustees, sums, n)
    path.parent.mkdir(parents=True, exist_ok=True)
    export_record(board, manifest, path)
    return time.perf_counter() - t0


def verifier() -> list[str]:
    script = Path(sys.executable).with_name("tandau-verify")
    if script.exists():
        return [str(script)]
    found = shutil.which("tandau-verify")
    return [found] if found else [sys.executable, "-m", "tandau_verify"]


def verify(record: Path, jobs: int) -> ChildRun:
    run = run_measured([*verifier(), str(record), "--jobs", str(jobs)])
    if run.returncode != 0 or "VERIFIED" not in run.output.splitlines()[-1:][0]:
        sys.exit(f"tandau-verify --jobs {jobs} failed on {record}:\n{run.output}")
    return run


def ballot_bytes(record: Path) -> tuple[int, int]:
    """Bytes of the record's ballot lines and of everything else (header, heads, events)."""
    ballots = other = 0
    with record.open("rb") as f:
        for line in f:
            if json.loads(line).get("type") == ev.BALLOT:  # an entry line (record spec §R1)
                ballots += len(line)
            else:
                other += len(line)
    return ballots, other


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ballots", type=int, default=100_000, help="N, one ballot per voter")
    ap.add_argument("--options", type=int, default=6, help="K, ballot options")
    ap.add_argument("--rounds", type=int, default=1, help="verifier runs per jobs value")
    ap.add_argument("--cache-dir", type=Path, default=Path("out/bench"))
    ap.add_argument("--rebuild", action="store_true", help="build the record even if cached")
    args = ap.parse_args()
    if args.ballots < 1 or args.options < 2 or args.rounds < 1:
        ap.error("need --ballots >= 1, --options >= 2, --rounds >= 1")
    n, k = args.ballots, args.options
    record = args.cache_dir / f"record-n{n}-k{k}"
    if record.exists() and not args.rebuild:
        origin = "cached"
    else:
        origin = f"built in {build_record(record, n, k):.1f} s"

    units = UnitCosts(SystemRng())
    runs: dict[int, list[ChildRun]] = {j: [] for j in JOBS}
    for _ in range(args.rounds):
        for jobs in JOBS:
            for _ in range(UNIT_SAMPLES):
                units.sample()
            runs[jobs].append(verify(record, jobs))
    for _ in range(UNIT_SAMPLES):
        units.sample()
    med = units.medians()
    floor = floor_seconds(k, med)

    print(f"machine: {platform.machine()} {platform.node()} python {platform.python_version()}")
    print(f"record: {record} ({origin}), {n} ballots, K = {k}, {record.stat().st_size / MB:.0f} MB")
    print(f"rounds: {args.rounds} (verifier runs interleaved with unit-cost samples; medians)")
    print(
        f"unit costs: variable-base {med['var'] * 1e6:.1f} µs, fixed-base {med['fixed'] * 1e6:.1f}"
        f" µs; floor per K = {k} ballot {floor * 1e3:.3f} ms"
    )
    print()
    print(
        f"{'jobs':>4}{'wall s':>10}{'ballots/s':>11}{'core-ms/ballot':>16}{'/floor':>8}"
        f"{'CPU s':>9}{'cores used':>12}{'max RSS MB':>12}{'peak PSS MB':>13}"
    )
    wall: dict[int, float] = {}
    for jobs in JOBS:
        wall[jobs] = statistics.median(r.wall for r in runs[jobs])
        rss = statistics.median(r.max_rss for r in runs[jobs]) / MB
        pss = statistics.median(r.peak_pss for r in runs[jobs]) / MB
        cpu = statistics.median(r.cpu for r in runs[jobs])
        per = wall[jobs] * jobs / n  # core time per ballot: parallel overhead shows here
        print(
            f"{jobs:>4}{wall[jobs]:>10.1f}{n / wall[jobs]:>11.1f}{per * 1e3:>16.3f}"
            f"{per / floor:>8.2f}{cpu:>9.1f}{cpu / wall[jobs]:>12.2f}{rss:>12.1f}{pss:>13.1f}"
        )
    speedup = wall[1] / wall[2]
    ratio = wall[1] / n / floor
    peak = max(max(r.peak_pss, r.max_rss) for rs in runs.values() for r in rs) / MB
    print()
    print(f"speed-up with 2 jobs: {speedup:.2f}x (linear: 2.00x; this machine has 2 cores)")
    print("core-ms/ballot: wall time x jobs / N; /floor: that over the crypto floor per ballot")
    print("CPU s: user + system time of the verifier and its workers; cores used: CPU s / wall")
    print(
        "verify_cpu_ratio_to_floor: CPU s at one job per ballot over the floor at CPU-time unit"
        " costs (robust when other processes share the cores; wall time is not)"
    )
    print("max RSS: largest single process (wait4); peak PSS: sum over all processes (sampled)")
    print(
        f"targets: one job ≤ 1.5x floor: {ratio:.2f}x {'met' if ratio <= 1.5 else 'NOT met'};"
        f" peak memory < 300 MB: {peak:.0f} MB {'met' if peak < 300 else 'NOT met'}"
    )
    print()
    print(f"verify_ballots_per_s_jobs1={n / wall[1]:.1f}")
    print(f"verify_ballots_per_s_jobs2={n / wall[2]:.1f}")
    print(f"verify_speedup_jobs2={speedup:.3f}")
    print(f"verify_ratio_to_floor_jobs1={ratio:.3f}")
    cpu1 = statistics.median(r.cpu for r in runs[1])
    print(f"verify_cpu_ratio_to_floor_jobs1={cpu1 / n / floor_seconds(k, med, '_cpu'):.3f}")
    # The floor any verifier over libsodium's API pays (bench/crypto.py): the rest is ours.
    print(f"verify_api_floor_ratio_to_floor={api_floor_seconds(k, med) / floor:.3f}")
    print(f"verify_cpu_ratio_to_api_floor_jobs1={cpu1 / n / api_floor_seconds(k, med, '_cpu'):.3f}")
    print(f"verify_peak_memory_mb={peak:.1f}")
    cpu2 = statistics.median(r.cpu for r in runs[2])
    print(f"verify_cores_used_jobs2={cpu2 / wall[2]:.3f}")
    # For docs/capacity.md: CPU time per ballot, which other sessions' load does not
    # inflate, and the record's bytes per ballot line and outside them (N-independent
    # parts plus the credential list, which grows with the voters).
    print(f"verify_cpu_ms_per_ballot_jobs1={cpu1 / n * 1e3:.3f}")
    in_ballots, other = ballot_bytes(record)
    print(f"record_bytes_per_ballot={in_ballots / n:.0f}")
    print(f"record_bytes_other={other}")


if __name__ == "__main__":
    main()
