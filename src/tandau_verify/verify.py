"""Verify an election record from one file (record spec §R8).

Two streaming passes over the file.  Pass 1 checks the header, the hash chain,
the Merkle roots and signatures of the heads, replays the event rules and
verifies every ballot (in ``jobs`` worker processes), remembering only the
last ballot position per credential.  Pass 2 sums the counted ballots and
checks the tally, the decryption shares and the results.  Both passes keep a
bounded number of ballot chunks in memory; what grows is per voter (the
credential list and the last ballot position of each credential), never per
ballot.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tandau.crypto import sodium
from tandau.crypto.canonical import loads_canonical
from tandau.crypto.errors import TandauError
from tandau.crypto.hashing import encode_parts, tag
from tandau.crypto.signatures import HeadVerifyKey, verify_head_signature

from .ballots import BallotJob, BallotOutcome, check_ballots, sum_ballots
from .merkle_stream import CompactRange, leaf_hash
from .report import Report
from .tally_checks import check_results, check_tally_shares

__all__ = ["verify_record"]

CHUNK = 64
ZERO_HASH = "0" * 64


@dataclass
class Replay:
    """The verifier's own reading of the event rules (record spec §R5, §R6)."""

    manifest: dict[str, Any] | None = None
    fingerprint: bytes = b""
    key: bytes | None = None
    verification_keys: dict[int, bytes] = field(default_factory=dict)
    credentials: set[bytes] = field(default_factory=set)
    opened: bool = False
    closed: bool = False
    cancelled: set[bytes] = field(default_factory=set)
    last_ballot: dict[bytes, int] = field(default_factory=dict)
    tally: dict[str, Any] | None = None
    tally_seq: int = -1
    shares: dict[int, Any] = field(default_factory=dict)
    dealings: dict[int, Any] = field(default_factory=dict)
    responses: dict[int, Any] = field(default_factory=dict)
    reveals: list[Any] = field(default_factory=list)
    key_event: dict[str, Any] | None = None
    paper: list[dict[str, Any]] = field(default_factory=list)
    results: dict[str, Any] | None = None
    ballots: int = 0


def _lines(f: IO[bytes]) -> Iterator[bytes]:
    for line in f:
        yield line[:-1] if line.endswith(b"\n") else line


def verify_record(path: Path, jobs: int = 1, out: IO[str] | None = None) -> Report:
    report = Report()
    with contextlib.suppress(_Abort):
        _verify(path, jobs, report)
    if out is not None:
        report.print(out)
    return report


class _Abort(Exception):
    """Stop: a structural failure makes later checks meaningless."""


def _verify(path: Path, jobs: int, report: Report) -> None:
    with path.open("rb") as f:
        lines = _lines(f)
        header = _read_header(next(lines, b""), report)
        heads = [_read_head(next(lines, b""), report) for _ in range(header["heads"])]
        rp = Replay()
        _pass_one(lines, header, heads, rp, report, jobs)
        if rp.fingerprint.hex() != header["fingerprint"]:
            report.fail("V1", "the header's fingerprint is not the manifest's")
        extra = next(lines, None)
        if extra is not None and extra.strip():
            report.fail("V1", "text after the last entry")
    _check_heads_signed(heads, rp, report)
    _pass_two(path, header, rp, report, jobs)


def _read_header(raw: bytes, report: Report) -> dict[str, Any]:
    try:
        header = loads_canonical(raw)
        if not isinstance(header, dict) or header.get("format") != "tandau-record/v1":
            raise ValueError("not a tandau-record/v1 file")
        for k in ("election", "fingerprint", "entries", "heads"):
            if k not in header:
                raise ValueError(f"header lacks {k}")
        if not isinstance(header["entries"], int) or not isinstance(header["heads"], int):
            raise ValueError("entry and head counts are integers")
        return header
    except (TandauError, ValueError) as exc:
        report.fail("V1", f"bad header: {exc}")
        raise _Abort from exc


def _read_head(raw: bytes, report: Report) -> dict[str, Any]:
    try:
        obj = json.loads(raw)
        head, sig = obj["head"], bytes.fromhex(obj["signature"])
        if not isinstance(head, dict):
            raise ValueError("head must be an object")
        return {"head": head, "signature": sig}
    except (ValueError, KeyError, TypeError) as exc:
        report.fail("V3", f"bad head line: {exc}")
        raise _Abort from exc


def _pass_one(
    lines: Iterator[bytes],
    header: dict[str, Any],
    heads: list[dict[str, Any]],
    rp: Replay,
    report: Report,
    jobs: int,
) -> None:
    sizes = {h["head"].get("tree_size"): h for h in heads}
    if len(sizes) != len(heads) or not heads:
        report.fail("V3", "heads must have distinct tree sizes, at least one")
    tree = CompactRange()
    prev = ZERO_HASH
    pending: list[tuple[int, bytes]] = []
    in_flight: list[Any] = []
    job: BallotJob | None = None
    pool = ProcessPoolExecutor(jobs) if jobs > 1 else None
    try:
        for seq in range(header["entries"]):
            raw = next(lines, None)
            if raw is None:
                report.fail("V2", f"record truncated: {seq} of {header['entries']} entries")
                raise _Abort
            entry = _check_entry(raw, seq, prev, header, report)
            lh = leaf_hash(raw)
            prev = lh.hex()
            tree.append(lh)
            head = sizes.get(tree.size)
            if head is not None and head["head"].get("root") != tree.root().hex():
                report.fail(
                    "V3", f"root of the head at size {tree.size} does not match the entries"
                )
            etype, payload = entry["type"], entry["payload"]
            if etype == "ballot":
                # Order rules now (cheap, sequential); crypto later (parallel).
                _ballot_rules(seq, payload, rp, report)
                if job is None:
                    job = _job(rp, report)
                pending.append((seq, raw))
                if len(pending) >= CHUNK:
                    in_flight.append(_submit(pool, job, pending))
                    pending = []
                    in_flight = _drain(in_flight, rp, report, keep=2 * max(jobs, 1))
            else:
                _event(seq, etype, payload, rp, report)
        if pending and job is not None:
            in_flight.append(_submit(pool, job, pending))
        _drain(in_flight, rp, report, keep=0)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if tree.size not in sizes:
        report.fail("V3", "no signed head covers the whole record")
    report.note("V2", tree.size)


def _submit(
    pool: ProcessPoolExecutor | None, job: BallotJob, chunk: list[tuple[int, bytes]]
) -> Any:
    if pool is None:
        return check_ballots((job, chunk))
    return pool.submit(check_ballots, (job, chunk))


def _drain(in_flight: list[Any], rp: Replay, report: Report, keep: int) -> list[Any]:
    while len(in_flight) > keep:
        item = in_flight.pop(0)
        outcomes: list[BallotOutcome] = item if isinstance(item, list) else item.result()
        for o in outcomes:
            report.note("V7")
            if o.error is not None:
                report.fail("V7", f"ballot at seq {o.seq}: {o.error}")
    return in_flight


def _check_entry(raw: bytes, seq: int, prev: str, header: dict[str, Any], report: Report) -> Any:
    try:
        entry = loads_canonical(raw)
    except TandauError as exc:
        report.fail("V2", f"entry {seq} is not canonical JSON: {exc}")
        raise _Abort from exc
    if not isinstance(entry, dict) or not {"seq", "prev", "type", "payload", "election"} <= set(
        entry
    ):
        report.fail("V2", f"entry {seq} lacks envelope fields")
        raise _Abort
    if entry["seq"] != seq:
        report.fail("V2", f"entry {seq} claims seq {entry['seq']} (reordered or dropped)")
        raise _Abort
    if entry["prev"] != prev:
        report.fail("V2", f"entry {seq} does not link to entry {seq - 1}")
    if entry["election"] != header["election"]:
        report.fail("V2", f"entry {seq} belongs to another election")
    if not isinstance(entry["payload"], dict):
        report.fail("V2", f"entry {seq} payload is not an object")
        raise _Abort
    return entry


def _job(rp: Replay, report: Report) -> BallotJob:
    m = rp.manifest
    if m is None or rp.key is None:
        report.fail("V7", "a ballot before the manifest and key")
        raise _Abort
    rule = m["rule"]
    return BallotJob(
        rp.fingerprint,
        rp.key,
        len(m["options"]),
        rule["per_option"],
        rule["min_sum"],
        rule["max_sum"],
    )


def _ballot_rules(seq: int, payload: dict[str, Any], rp: Replay, report: Report) -> None:
    rp.ballots += 1
    try:
        cred = bytes.fromhex(payload["ballot"]["credential"])
    except (KeyError, TypeError, ValueError):
        report.fail("V7", f"ballot at seq {seq} has no credential")
        return
    if not rp.opened or rp.closed:
        report.fail("V7", f"ballot at seq {seq} outside the voting period")
    if cred not in rp.credentials:
        report.fail("V7", f"ballot at seq {seq} under an unpublished credential")
    if cred in rp.cancelled:
        report.fail("V7", f"ballot at seq {seq} under a cancelled credential")
    rp.last_ballot[cred] = seq


def _event(seq: int, etype: str, p: dict[str, Any], rp: Replay, report: Report) -> None:
    from .events import apply_event

    apply_event(seq, etype, p, rp, report)


def _check_heads_signed(heads: list[dict[str, Any]], rp: Replay, report: Report) -> None:
    if rp.manifest is None:
        report.fail("V4", "no manifest, so no commission key")
        return
    try:
        key = HeadVerifyKey(bytes.fromhex(rp.manifest["commission_key"]))
    except (TandauError, ValueError) as exc:
        report.fail("V4", f"bad commission key: {exc}")
        return
    last = -1
    for h in heads:
        head = h["head"]
        size = head.get("tree_size")
        if not isinstance(size, int) or size <= last:
            report.fail("V3", "heads are not in increasing tree size")
        last = size if isinstance(size, int) else last
        from tandau.crypto.canonical import dumps

        message = encode_parts([tag("board/head"), dumps(head)])
        try:
            verify_head_signature(key, message, h["signature"])
            report.note("V4")
        except TandauError:
            report.fail("V4", f"the head at size {size} is not signed by the commission key")


def _pass_two(path: Path, header: dict[str, Any], rp: Replay, report: Report, jobs: int) -> None:
    if rp.tally is None:
        if rp.closed:
            report.fail("V9", "voting closed but no tally was published")
        return
    counted = {seq for cred, seq in rp.last_ballot.items() if cred not in rp.cancelled}
    options = len(rp.manifest["options"]) if rp.manifest else 0
    sums = [(sodium.IDENTITY, sodium.IDENTITY)] * options
    # Stream: sum each chunk as it is read, with a bounded number in flight, so
    # memory does not grow with the number of ballots.
    pool = ProcessPoolExecutor(jobs) if jobs > 1 else None
    in_flight: list[Any] = []

    def add(partial: list[tuple[bytes, bytes]]) -> None:
        nonlocal sums
        sums = [
            (sodium.add(a, pa), sodium.add(b, pb))
            for (a, b), (pa, pb) in zip(sums, partial, strict=True)
        ]

    def submit(chunk: list[bytes]) -> None:
        if pool is None:
            add(sum_ballots((options, chunk)))
            return
        in_flight.append(pool.submit(sum_ballots, (options, chunk)))
        while len(in_flight) > 2 * jobs:
            add(in_flight.pop(0).result())

    try:
        chunk: list[bytes] = []
        with path.open("rb") as f:
            lines = _lines(f)
            for _ in range(1 + header["heads"]):
                next(lines)
            for seq in range(header["entries"]):
                raw = next(lines)
                if seq in counted:
                    chunk.append(raw)
                    if len(chunk) >= 512:
                        submit(chunk)
                        chunk = []
        if chunk:
            submit(chunk)
        while in_flight:
            add(in_flight.pop(0).result())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    tally = rp.tally
    try:
        published = [
            (bytes.fromhex(c["alpha"]), bytes.fromhex(c["beta"])) for c in tally["ciphertexts"]
        ]
    except (KeyError, TypeError, ValueError):
        report.fail("V9", "malformed tally")
        return
    if published != sums:
        report.fail("V9", "the published tally is not the sum of the counted ballots")
    if tally.get("counted") != len(counted):
        report.fail(
            "V9", f"tally claims {tally.get('counted')} counted ballots, record has {len(counted)}"
        )
    report.note("V9", len(counted))
    totals = check_tally_shares(rp, report)
    check_results(rp, totals, report)
