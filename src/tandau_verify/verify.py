"""Verify an election record from one file: the pipeline of checks (record spec §R8).

Two streaming passes over the file.  Pass 1 checks the header, the hash chain,
the Merkle roots and signatures of the heads, replays the event rules and
verifies every ballot (in ``jobs`` worker processes), remembering the last
ballot position per credential.  Pass 2 sums the counted ballots and
checks the tally, the decryption shares and the results.  Both passes keep a
bounded number of ballot chunks in memory; what grows is per voter (the
credential list and the last ballot position of each credential) and, to
refuse a replayed ballot (V-R6.6), 10 bytes of tracking hash per ballot.

This module only drives: each check module takes the replay state and
reports its findings; they import the state and report layers, never this
module nor each other (an import-linter contract keeps it so).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from tandau.crypto import sodium
from tandau.crypto.errors import TandauError

from .ballots import BallotJob, BallotOutcome, check_ballots, sum_ballots
from .ceremony_checks import check_key
from .envelope import (
    ZERO_HASH,
    check_entry,
    check_heads_order,
    check_heads_signed,
    read_head,
    read_header,
)
from .events import HANDLERS, ballot_rules
from .executors import Executor, Pending, open_executor
from .manifest_checks import check_manifest
from .merkle_stream import CompactRange, leaf_hash
from .paper_checks import check_cancellation, check_precincts, check_protocol
from .report import Report
from .results_checks import check_results
from .state import Abort, Malformed, Replay
from .tally_checks import check_tally_shares

__all__ = ["Replay", "verify_record"]

CHUNK = 64

Handler = Callable[[int, dict[str, Any], Replay, Report], None]
_DISPATCH: dict[str, Handler] = {
    **HANDLERS,
    "election.manifest": check_manifest,
    "ballot.cancelled": check_cancellation,
    "paper.protocol": check_protocol,
    "ballot": ballot_rules,
}
#: The check a malformed payload of each type fails.
_CHECK = {
    "election.manifest": "V12",
    "ceremony.dealing": "V5",
    "ceremony.response": "V5",
    "ceremony.reveal": "V5",
    "election.key": "V5",
    "credentials.list": "V6",
    "voting.opened": "V7",
    "voting.closed": "V7",
    "ballot": "V7",
    "ballot.cancelled": "V8",
    "paper.protocol": "V14",
    "tally.encrypted": "V9",
    "tally.share": "V10",
    "results": "V11",
    "commission.decision": "V11",
}


class _Lines:
    """The record's lines; remembers whether the last one ended with a newline (§R1)."""

    def __init__(self, f: IO[bytes]) -> None:
        self._f = f
        self.unterminated = False

    def __iter__(self) -> Iterator[bytes]:
        for line in self._f:
            if line.endswith(b"\n"):
                line = line[:-1]
            else:
                self.unterminated = True
            yield line


def _lines(f: IO[bytes]) -> Iterator[bytes]:
    for line in f:
        yield line[:-1] if line.endswith(b"\n") else line


def verify_record(
    path: Path, jobs: int = 1, out: IO[str] | None = None, dask: str | None = None
) -> Report:
    """Run every check; ``jobs`` local processes or a Dask scheduler's workers share the
    ballot proofs and sums.  Raises ClusterUnavailable if the scheduler cannot be reached."""
    report = Report()
    ex = open_executor(jobs, dask)
    try:
        with contextlib.suppress(Abort):
            try:
                _verify(path, ex, report)
            except (OSError, MemoryError, RecursionError) as exc:
                report.fail("V1", f"the record cannot be read: {type(exc).__name__}")
    finally:
        ex.close()
    if out is not None:
        report.print(out)
    return report


def _verify(path: Path, ex: Executor, report: Report) -> None:
    with path.open("rb") as f:
        reader = _Lines(f)
        lines = iter(reader)
        header = read_header(next(lines, None), report)
        heads = [read_head(next(lines, None), i, header, report) for i in range(header["heads"])]
        check_heads_order(heads, header, report)
        rp = Replay(election=header["election"])
        _pass_one(lines, header, heads, rp, report, ex)
        if rp.fingerprint.hex() != header["fingerprint"]:
            report.fail("V1", "the header's fingerprint is not the manifest's")
        if next(lines, None) is not None:
            report.fail("V1", "text after the last entry")
        if reader.unterminated:
            report.fail("V1", "the last line does not end with a newline")
    check_heads_signed(heads, rp, report)
    check_precincts(rp, report)
    _pass_two(path, header, rp, report, ex)
    # §R10: final only when closing, tally and results are covered by the last head.
    report.final = rp.closed and rp.tally is not None and rp.results is not None


def _apply(seq: int, etype: str, payload: dict[str, Any], rp: Replay, report: Report) -> None:
    """Run one entry's handler; every malformed value becomes a named failure."""
    handler = _DISPATCH.get(etype)
    if handler is None:
        return  # V2 already named the unknown type
    if etype != "election.manifest" and rp.manifest is None:
        report.fail("V1", f"entry {seq}: the first entry must be a valid manifest")
        return
    try:
        handler(seq, payload, rp, report)
    except TandauError as exc:
        report.fail(_CHECK[etype], f"entry {seq} ({etype}) malformed: {exc.code}: {exc}")
    except Malformed as exc:
        report.fail(_CHECK[etype], f"entry {seq} ({etype}) malformed: {exc}")
    except Exception as exc:  # §R8.1: a value no reader foresaw is still a named failure
        report.fail(_CHECK[etype], f"entry {seq} ({etype}) malformed: {type(exc).__name__}")
    if etype == "election.key" and rp.key_event is payload:
        check_key(rp, report)


def _pass_one(
    lines: Iterator[bytes],
    header: dict[str, Any],
    heads: list[dict[str, Any]],
    rp: Replay,
    report: Report,
    ex: Executor,
) -> None:
    sizes = {h["head"]["tree_size"]: h for h in heads}
    tree = CompactRange()
    prev = ZERO_HASH
    pending: list[tuple[int, Any]] = []
    in_flight: list[Pending] = []
    job: BallotJob | None = None
    try:
        for seq in range(header["entries"]):
            raw = next(lines, None)
            if raw is None:
                report.fail("V2", f"record truncated: {seq} of {header['entries']} entries")
                raise Abort
            if not raw:
                report.fail("V2", f"entry {seq} is a blank line")
                raise Abort
            entry = check_entry(raw, seq, prev, rp, report)
            lh = leaf_hash(raw)
            prev = lh.hex()
            tree.append(lh)
            report.entries = tree.size
            head = sizes.get(tree.size)
            if head is not None and head["head"]["root"] != tree.root().hex():
                report.fail(
                    "V3", f"root of the head at size {tree.size} does not match the entries"
                )
            etype, payload = entry["type"], entry["payload"]
            _apply(seq, etype, payload, rp, report)
            if etype == "ballot" and rp.last_ballot.get(_cred(payload)) == seq:
                if job is None:
                    job = _job(rp, report)
                pending.append((seq, payload["ballot"] if ex.local else raw))
                if len(pending) >= CHUNK:
                    in_flight.append(ex.submit(check_ballots, (job, pending)))
                    pending = []
                    in_flight = _drain(in_flight, report, keep=2 * ex.width)
    except Abort:
        _drain(in_flight, report, keep=0)  # what was submitted is reported, however it ran
        raise
    if pending and job is not None:
        in_flight.append(ex.submit(check_ballots, (job, pending)))
    _drain(in_flight, report, keep=0)
    report.note("V2", tree.size)


def _cred(payload: dict[str, Any]) -> bytes:
    try:
        return bytes.fromhex(payload["ballot"]["credential"])
    except (KeyError, TypeError, ValueError):
        return b""


def _drain(in_flight: list[Pending], report: Report, keep: int) -> list[Pending]:
    """Take results back in submission order: the report does not depend on scheduling."""
    while len(in_flight) > keep:
        outcomes: list[BallotOutcome] = in_flight.pop(0).result()
        for o in outcomes:
            report.note("V7")
            if o.error is not None:
                report.fail("V7", f"ballot at seq {o.seq}: {o.error}")
    return in_flight


def _job(rp: Replay, report: Report) -> BallotJob:
    m = rp.manifest
    if m is None or rp.key is None:
        report.fail("V7", "a ballot before the manifest and key")
        raise Abort
    rule = m["rule"]
    return BallotJob(
        rp.fingerprint,
        rp.key,
        len(m["options"]),
        rule["per_option"],
        rule["min_sum"],
        rule["max_sum"],
    )


def _pass_two(path: Path, header: dict[str, Any], rp: Replay, report: Report, ex: Executor) -> None:
    if rp.tally is None:
        return
    counted = {seq for cred, seq in rp.last_ballot.items() if cred not in rp.cancelled}
    options = len(rp.manifest["options"]) if rp.manifest else 0
    sums = [(sodium.IDENTITY, sodium.IDENTITY)] * options
    # Stream: sum each chunk as it is read, with a bounded number in flight, so
    # memory does not grow with the number of ballots.
    in_flight: list[Pending] = []

    def add(partial: list[tuple[bytes, bytes]]) -> None:
        nonlocal sums
        sums = [
            (sodium.add(a, pa), sodium.add(b, pb))
            for (a, b), (pa, pb) in zip(sums, partial, strict=True)
        ]

    def submit(chunk: list[bytes]) -> None:
        in_flight.append(ex.submit(sum_ballots, (options, chunk)))
        while len(in_flight) > 2 * ex.width:
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
    except Exception as exc:  # a malformed counted ballot (V7 names it too)
        report.fail("V9", f"a counted ballot cannot be summed: {type(exc).__name__}")
        return
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
    decrypted = check_tally_shares(rp, report, len(counted))
    check_results(rp, len(counted), decrypted, report)
