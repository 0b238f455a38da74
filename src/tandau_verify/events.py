"""The verifier's replay of non-ballot events (record spec §R5; checks V1, V5, V6, V8).

Order rules are checked here independently of the protocol package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tandau.crypto.canonical import dumps
from tandau.crypto.errors import TandauError
from tandau.crypto.group import Point
from tandau.crypto.hashing import hash_bytes

from .report import Report

if TYPE_CHECKING:
    from .verify import Replay

__all__ = ["apply_event"]


def apply_event(seq: int, etype: str, p: dict[str, Any], rp: Replay, report: Report) -> None:
    handler = _HANDLERS.get(etype)
    if handler is None:
        report.fail("V2", f"entry {seq} has unknown type {etype!r}")
        return
    if etype != "election.manifest" and rp.manifest is None:
        report.fail("V1", "the first entry must be the manifest")
        return
    try:
        handler(seq, p, rp, report)
    except (TandauError, KeyError, TypeError, ValueError) as exc:
        report.fail(_CHECK[etype], f"entry {seq} ({etype}) malformed: {exc}")


def _manifest(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    if seq != 0 or rp.manifest is not None:
        report.fail("V1", "the manifest must be entry 0, once")
        return
    m = p["manifest"]
    rp.manifest = m
    rp.fingerprint = hash_bytes("manifest", dumps(m))[:32]
    report.note("V1")


def _dealing(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    if rp.key is not None:
        report.fail("V5", f"dealing at {seq} after the key was published")
    rp.dealings[int(p["trustee"])] = p["dealing"]


def _response(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    if rp.key is not None:
        report.fail("V5", f"response at {seq} after the key was published")
    rp.responses[int(p["trustee"])] = p["response"]


def _reveal(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    rp.reveals.append(p)


def _key(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    from .ceremony_checks import check_key

    if rp.key is not None:
        report.fail("V5", "the election key is published twice")
        return
    rp.key_event = p
    rp.key = Point.from_hex(p["joint_key"]).require_not_identity().data
    rp.verification_keys = {
        int(i): Point.from_hex(h).data for i, h in p["verification_keys"].items()
    }
    check_key(rp, report)


def _credentials(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    if rp.opened:
        report.fail("V6", f"credentials published at {seq} after voting opened")
    items = p["credentials"]
    if items != sorted(items):
        report.fail("V6", f"credential list at {seq} is not sorted")
    for h in items:
        pt = Point.from_hex(h).require_not_identity()
        if pt.data in rp.credentials:
            report.fail("V6", f"credential {h[:16]}… published twice")
        rp.credentials.add(pt.data)
    report.note("V6", len(items))


def _opened(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    if rp.opened or rp.key is None or not rp.credentials:
        report.fail("V7", f"voting opened at {seq} out of order")
    rp.opened = True


def _closed(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    if not rp.opened or rp.closed:
        report.fail("V7", f"voting closed at {seq} out of order")
    rp.closed = True


def _cancelled(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    cred = Point.from_hex(p["credential"]).data
    if cred not in rp.credentials:
        report.fail("V8", f"cancellation at {seq} names an unpublished credential")
    if rp.tally is not None:
        report.fail("V8", f"cancellation at {seq} after the tally")
    rp.cancelled.add(cred)
    report.note("V8")


def _paper(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    if not rp.closed or rp.results is not None:
        report.fail("V11", f"paper protocol at {seq} out of order")
    rp.paper.append(p)


def _tally(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    if not rp.closed or rp.tally is not None:
        report.fail("V9", f"tally at {seq} out of order")
    rp.tally = p["tally"]
    rp.tally_seq = seq


def _share(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    if rp.tally is None or rp.results is not None:
        report.fail("V10", f"decryption share at {seq} out of order")
    rp.shares[int(p["trustee"])] = p["share"]


def _results(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    if rp.tally is None or rp.results is not None:
        report.fail("V11", f"results at {seq} out of order")
    rp.results = p


def _decision(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    if rp.results is None:
        report.fail("V11", f"commission decision at {seq} before results")


_HANDLERS = {
    "election.manifest": _manifest,
    "ceremony.dealing": _dealing,
    "ceremony.response": _response,
    "ceremony.reveal": _reveal,
    "election.key": _key,
    "credentials.list": _credentials,
    "voting.opened": _opened,
    "voting.closed": _closed,
    "ballot.cancelled": _cancelled,
    "paper.protocol": _paper,
    "tally.encrypted": _tally,
    "tally.share": _share,
    "results": _results,
    "commission.decision": _decision,
}

_CHECK = {
    "election.manifest": "V1",
    "ceremony.dealing": "V5",
    "ceremony.response": "V5",
    "ceremony.reveal": "V5",
    "election.key": "V5",
    "credentials.list": "V6",
    "voting.opened": "V7",
    "voting.closed": "V7",
    "ballot.cancelled": "V8",
    "paper.protocol": "V11",
    "tally.encrypted": "V9",
    "tally.share": "V10",
    "results": "V11",
    "commission.decision": "V11",
}
