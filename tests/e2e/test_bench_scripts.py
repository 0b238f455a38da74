"""The benchmark scripts still run and print their figures (tiny sizes; not a timing test)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 300


def _run(script: str, *args: str) -> tuple[dict[str, float], str]:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    figures = dict(re.findall(r"^([a-z0-9_]+)=([0-9.]+)$", run.stdout, re.MULTILINE))
    return {name: float(value) for name, value in figures.items()}, run.stdout


def test_record_bench_builds_verifies_and_reports(tmp_path: Path) -> None:
    args = ("--ballots", "20", "--rounds", "1", "--cache-dir", str(tmp_path))
    figures, out = _run("record.py", *args)
    assert "record-n20-k6 (built in" in out
    for name in (
        "verify_ballots_per_s_jobs1",
        "verify_ballots_per_s_jobs2",
        "verify_speedup_jobs2",
        "verify_ratio_to_floor_jobs1",
        "verify_peak_memory_mb",
    ):
        assert figures[name] > 0, name
    assert (tmp_path / "record-n20-k6").is_file()
    # A second run reuses the cached record.
    again, out = _run("record.py", *args)
    assert "record-n20-k6 (cached)" in out
    assert again.keys() == figures.keys()


@pytest.mark.postgres
def test_cast_bench_reports_both_backends(tmp_path: Path) -> None:
    figures, _ = _run("cast.py", "--ballots", "10", "--rounds", "2", "--cache-dir", str(tmp_path))
    for backend in ("sqlite", "postgresql"):
        for name in ("cast_ballots_per_s", "cast_p50_ms", "cast_p99_ms"):
            assert figures[f"{name}_{backend}"] > 0, (name, backend)
    assert not list(tmp_path.glob("*.sqlite3*"))  # its database file is removed


def test_web_bench_reports_http_and_in_process_casting() -> None:
    args = ("--ballots", "4", "--rounds", "2", "--clients", "2", "--node-rounds", "2")
    figures, out = _run("web.py", *args)
    for name in ("web_http_ballots_per_s", "web_inproc_ballots_per_s", "web_http_p99_ms"):
        assert figures[name] > 0, out
    assert "booth encrypt+prove in Node" in out


@pytest.mark.postgres
def test_election_day_quick_loses_no_receipt_and_verifies_every_election() -> None:
    """Three elections over HTTP on a cluster of the bench's own: a worker killed, the
    connections cut and PostgreSQL restarted (``-m immediate``) mid-vote."""
    figures, out = _run("election_day.py", "--quick")
    last = out.strip().splitlines()[-2:]
    assert last == ["elections_verified=3/3", "lost_receipts=0"], out
    assert figures["ballots_receipted"] == figures["ballots_issued"] == 48, out
    assert "killed web worker" in out and "terminated" in out, out
    assert "restarted PostgreSQL (pg_ctl -m immediate)" in out, out
    assert figures["pg_restarts"] == 1, out
    for name in ("ballots_per_s", "cast_p50_ms", "cast_p95_ms", "cast_p99_ms"):
        assert figures[name] > 0, name


@pytest.mark.postgres
def test_election_day_quick_on_the_shared_server_cuts_connections_but_never_restarts() -> None:
    figures, out = _run("election_day.py", "--quick", "--no-own-postgres")
    last = out.strip().splitlines()[-2:]
    assert last == ["elections_verified=3/3", "lost_receipts=0"], out
    assert "terminated" in out and "restarted" not in out, out
    assert figures["pg_restarts"] == 0, out
    assert "wal_bytes_per_ballot" not in figures, out  # other sessions write that WAL too
