"""`tandau demo`: a whole simulated election runs and writes its record (issue 3 §6)."""

import json
from pathlib import Path

from tandau.cli.demo import run_demo
from tandau.crypto.canonical import loads_canonical


def test_demo_election_counts_last_ballots_minus_cancelled(tmp_path: Path) -> None:
    summary = run_demo(30, 2, tmp_path, seed="test")
    results = summary["results"]
    assert isinstance(results, dict)
    # 30 credentials, voter 0 cancelled by a paper vote: 29 counted ballots.
    assert results["counted"] == 29
    e_total = sum(r["e_votes"] for r in results["options"])
    assert e_total == 29
    assert sum(r["paper_votes"] for r in results["options"]) == 1
    assert results["skipped_trustees"] == [3]
    assert len(results["trustees_used"]) == 3
    assert summary["revotes"] == 1
    lines = Path(str(summary["record"])).read_bytes().splitlines()
    header = loads_canonical(lines[0])
    assert isinstance(header, dict)
    assert header["format"] == "tandau-record/v1"
    assert len(lines) == 1 + header["heads"] + header["entries"]
    last = json.loads(lines[-1])
    assert last["type"] == "results"
