"""The verifier streams: pass two holds a bounded number of ballot chunks (record spec §R8)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from tandau.crypto import sodium
from tandau_verify import verify
from tandau_verify.executors import open_executor
from tandau_verify.report import Report

OPTIONS = 3
BALLOTS = 12 * 512  # twelve chunks
LINE = b"x" * 3000  # about a K = 6 ballot's size; the summing is stubbed out below


def test_pass_two_memory_does_not_grow_with_the_ballots(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "record"
    with record.open("wb") as f:
        f.write(b"{}\n")  # the header line (pass two skips it)
        for _ in range(BALLOTS):
            f.write(LINE + b"\n")
    seen: list[int] = []

    def fake_sum(args: tuple[int, list[bytes]]) -> list[tuple[bytes, bytes]]:
        options, chunk = args
        seen.append(len(chunk))
        return [(sodium.IDENTITY, sodium.IDENTITY)] * options

    monkeypatch.setattr(verify, "sum_ballots", fake_sum)
    monkeypatch.setattr(verify, "check_tally_shares", lambda *args: None)
    monkeypatch.setattr(verify, "check_results", lambda *args: None)
    identity = sodium.IDENTITY.hex()
    rp = verify.Replay(
        manifest={"options": [{}] * OPTIONS},
        last_ballot={i.to_bytes(4, "big"): i for i in range(BALLOTS)},
        tally={
            "ciphertexts": [{"alpha": identity, "beta": identity}] * OPTIONS,
            "counted": BALLOTS,
        },
    )
    header: dict[str, Any] = {"heads": 0, "entries": BALLOTS}
    report = Report()
    tracemalloc.start()
    try:
        verify._pass_two(record, header, rp, report, open_executor())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sum(seen) == BALLOTS and len(seen) == 12
    assert report.checks["V9"].passed, report.checks["V9"].detail
    # All ballots together are 18 MB; a streaming pass holds about one chunk (1.5 MB)
    # besides the per-voter sets.
    assert peak < 6 * 1024 * 1024, f"pass two peaked at {peak / 2**20:.1f} MB"
