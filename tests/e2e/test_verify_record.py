"""`tandau-verify` on a demo record, and on tampered copies of it (record spec §R8).

Each class of tampering must make the verifier fail and name the check.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tandau.cli.demo import run_demo
from tandau_verify.__main__ import main as verify_main
from tandau_verify.verify import verify_record


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    summary = run_demo(25, 3, out, seed="verify")
    return Path(str(summary["record"]))


def _lines(path: Path) -> tuple[list[bytes], int]:
    lines = path.read_bytes().splitlines()
    heads = json.loads(lines[0])["heads"]
    return lines, 1 + heads  # index of entry 0


def _write(tmp_path: Path, lines: list[bytes]) -> Path:
    p = tmp_path / "tampered"
    p.write_bytes(b"\n".join(lines) + b"\n")
    return p


def test_honest_record_verifies(record: Path) -> None:
    report = verify_record(record)
    assert report.ok, [c.detail for c in report.failed()]
    assert report.checks["V7"].count >= 25


def test_jobs_two_gives_the_same_verdict(record: Path) -> None:
    assert verify_record(record, jobs=2).ok


def test_cli_exit_codes(record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert verify_main([str(record)]) == 0
    assert "VERIFIED" in capsys.readouterr().out
    assert verify_main([str(tmp_path / "missing")]) == 2


def _first_of_type(lines: list[bytes], start: int, type_: str) -> int:
    for i in range(start, len(lines)):
        if json.loads(lines[i])["type"] == type_:
            return i
    raise AssertionError(type_)


def _flip_ballot_byte(lines: list[bytes], start: int) -> None:
    i = _first_of_type(lines, start, "ballot")
    entry = json.loads(lines[i])
    ct = entry["payload"]["ballot"]["selection"]["ciphertexts"][0]
    ct["beta"] = ("0" if ct["beta"][0] != "0" else "2") + ct["beta"][1:]
    lines[i] = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _change_result(lines: list[bytes], start: int) -> None:
    i = _first_of_type(lines, start, "results")
    entry = json.loads(lines[i])
    entry["payload"]["options"][0]["e_votes"] += 1
    lines[i] = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _drop_entry(lines: list[bytes], start: int) -> None:
    del lines[_first_of_type(lines, start, "ballot")]


def _swap_entries(lines: list[bytes], start: int) -> None:
    i = _first_of_type(lines, start, "ballot")
    lines[i], lines[i + 1] = lines[i + 1], lines[i]


def _forge_head(lines: list[bytes], start: int) -> None:
    head = json.loads(lines[1])
    head["signature"] = "00" * 64
    lines[1] = json.dumps(head, sort_keys=True, separators=(",", ":")).encode()


def _change_credentials(lines: list[bytes], start: int) -> None:
    i = _first_of_type(lines, start, "credentials.list")
    entry = json.loads(lines[i])
    entry["payload"]["credentials"] = entry["payload"]["credentials"][1:]
    lines[i] = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _truncate(lines: list[bytes], start: int) -> None:
    del lines[-3:]


TAMPERINGS: dict[str, tuple[Callable[[list[bytes], int], None], set[str]]] = {
    "ballot byte": (_flip_ballot_byte, {"V2", "V3", "V7"}),
    "changed result": (_change_result, {"V3", "V11"}),
    "dropped event": (_drop_entry, {"V2"}),
    "reordered events": (_swap_entries, {"V2"}),
    "forged head": (_forge_head, {"V4"}),
    "changed credential list": (_change_credentials, {"V2", "V3", "V7"}),
    "truncated record": (_truncate, {"V2"}),
}


@pytest.mark.parametrize("name", sorted(TAMPERINGS))
def test_tampering_is_detected_and_named(record: Path, tmp_path: Path, name: str) -> None:
    mutate, expected_checks = TAMPERINGS[name]
    lines, start = _lines(record)
    mutate(lines, start)
    report = verify_record(_write(tmp_path, lines))
    assert not report.ok
    failed = {c.id for c in report.failed()}
    assert expected_checks <= failed, (name, failed)
