"""`tandau-verify` prints the same bytes however it runs: one process, `--jobs 2`, `--dask`.

The record has several chunks of ballots, so work really is spread; the
tampered copies fail in ballots of different chunks and stop mid-record
(record spec §R8; ADR 0015).  The Dask cluster is a `distributed.LocalCluster`
this module starts and stops itself.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from tandau.cli.demo import run_demo
from tandau_verify.__main__ import main as verify_main
from tandau_verify.verify import CHUNK, verify_record

BALLOTS = 2 * CHUNK + 20  # three chunks


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    summary = run_demo(BALLOTS, 3, out, seed="distributed")
    return Path(str(summary["record"]))


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def _ballot_lines(lines: list[bytes]) -> list[int]:
    return [i for i, line in enumerate(lines) if b'"type":"ballot"' in line]


def _break_proofs(lines: list[bytes]) -> None:
    """A wrong response in a ballot of the first chunk and of the last."""
    ballots = _ballot_lines(lines)
    for i in (ballots[3], ballots[-2]):
        entry = json.loads(lines[i])
        s = entry["payload"]["ballot"]["selection"]["option_proofs"][0]["s"]
        s[0] = ("1" if s[0][0] != "1" else "2") + s[0][1:]
        lines[i] = json.dumps(entry, sort_keys=True, separators=(",", ":")).encode()


def _truncate_mid_ballots(lines: list[bytes]) -> None:
    del lines[_ballot_lines(lines)[CHUNK + 10] :]


def _as_is(lines: list[bytes]) -> None:
    pass


VARIANTS: dict[str, Callable[[list[bytes]], None]] = {
    "genuine": _as_is,
    "broken proofs": _break_proofs,
    "truncated": _truncate_mid_ballots,
}


def _run(path: Path, **how: object) -> str:
    out = io.StringIO()
    verify_record(path, out=out, **how)  # type: ignore[arg-type]
    return out.getvalue()


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_dask_and_jobs_print_what_one_process_prints(
    record: Path, scheduler: str, tmp_path: Path, variant: str
) -> None:
    lines = record.read_bytes().splitlines()
    VARIANTS[variant](lines)
    path = tmp_path / "record"
    path.write_bytes(b"\n".join(lines) + b"\n")
    single = _run(path)
    assert _run(path, jobs=2) == single
    assert _run(path, dask=scheduler) == single
    if variant == "genuine":
        assert single.splitlines()[-1] == "VERIFIED"
        v7 = next(line for line in single.splitlines() if line.startswith("ok   V7"))
        assert int(v7.rsplit("(", 1)[1].rstrip(")")) >= BALLOTS  # every ballot was checked
    else:
        assert "REFUSED" in single.splitlines()[-1]
    if variant == "broken proofs":
        assert "FAIL V7" in single


def test_cli_runs_on_the_cluster(
    record: Path, scheduler: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert verify_main([str(record), "--dask", scheduler]) == 0
    assert capsys.readouterr().out == _run(record)


def test_cli_names_an_unreachable_scheduler(
    record: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert verify_main([str(record), "--dask", "tcp://127.0.0.1:9"]) == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        verify_main([str(record), "--dask", "tcp://127.0.0.1:9", "--jobs", "2"])
