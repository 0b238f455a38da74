"""V8 and V14: paper-vote cancellations and paper protocols (record spec §R5.1, §R5.2).

The invariants P1–P8 are those of record.md §R5.1, checked in order of the
list; the writer (tandau.protocol.events) refuses the same at entry.
"""

from __future__ import annotations

from typing import Any

from tandau.crypto.group import Point

from .report import Report
from .state import Malformed, Replay, count, exact_keys, hex_bytes, integer, text

__all__ = ["PROTOCOL_KEYS", "check_cancellation", "check_precincts", "check_protocol"]

PROTOCOL_KEYS = {
    "precinct",
    "voters_on_list",
    "ballots_issued",
    "ballots_cast",
    "invalid",
    "votes",
    "annulled",
    "corrects",
}


def check_protocol(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    """One `paper.protocol` entry against P1–P6 and P8 (P7 at the end of the record)."""
    exact_keys(p, "payload", PROTOCOL_KEYS)
    where = f"entry {seq} (paper.protocol)"
    # P1: shapes and ranges.
    precinct = text(p["precinct"], "precinct", 64)
    figures = {k: count(p[k], k) for k in ("voters_on_list", "ballots_issued", "ballots_cast")}
    invalid = count(p["invalid"], "invalid")
    if not isinstance(p["annulled"], bool):
        raise Malformed("annulled", "must be true or false")
    votes = p["votes"]
    if not isinstance(votes, dict):
        raise Malformed("votes", "must be an object")
    # P2: the keys are exactly the manifest's option ids.
    ids = rp.option_ids()
    odd = sorted(set(votes) ^ set(ids))
    if odd:
        report.fail("V14", f"{where}: P2 votes name {odd[0][:64]!r}, not the manifest's options")
        return
    total = sum(count(votes[i], f"votes.{i}") for i in ids)
    # P3: every ballot cast is a vote for one option (against all included) or invalid.
    if total + invalid != figures["ballots_cast"]:
        report.fail(
            "V14",
            f"{where}: P3 votes {total} + invalid {invalid} ≠ ballots_cast "
            f"{figures['ballots_cast']}",
        )
    # P4, P5: no more ballots cast than issued, no more issued than voters listed.
    if figures["ballots_cast"] > figures["ballots_issued"]:
        report.fail("V14", f"{where}: P4 ballots_cast exceeds ballots_issued")
    if figures["ballots_issued"] > figures["voters_on_list"]:
        report.fail("V14", f"{where}: P5 ballots_issued exceeds voters_on_list")
    # P6: one protocol per precinct; a later one only as an explicit correction.
    corrects = p["corrects"]
    earlier = rp.protocols.get(precinct)
    if corrects is not None:
        integer(corrects, "corrects", 0, seq - 1)
        if earlier is None or earlier[0] != corrects:
            report.fail("V14", f"{where}: P6 corrects entry {corrects}, not the protocol in force")
    elif earlier is not None:
        report.fail(
            "V14", f"{where}: P6 a second protocol for precinct {precinct!r} (counted twice)"
        )
    # P8: after voting closed, before the results.
    if not rp.closed or rp.results is not None:
        report.fail("V14", f"{where}: P8 a paper protocol out of order")
    rp.paper.append(p)
    rp.protocols[precinct] = (seq, p)
    report.note("V14")


def check_cancellation(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    """V8: a published credential, once, before the tally, at a named precinct."""
    exact_keys(p, "payload", {"credential", "precinct", "reason"})
    cred = Point.from_bytes(hex_bytes(p["credential"], "credential", 32)).data
    precinct = text(p["precinct"], "precinct", 64)
    if p["reason"] != "paper_vote":
        raise Malformed("reason", f"unknown reason {str(p['reason'])[:40]!r}")
    if cred not in rp.credentials:
        report.fail("V8", f"entry {seq}: cancellation names an unpublished credential")
    if cred in rp.cancelled:
        report.fail("V8", f"entry {seq}: a second cancellation of one voter's credential")
    if rp.tally is not None:
        report.fail("V8", f"entry {seq}: cancellation after the tally")
    rp.cancelled.add(cred)
    rp.cancel_precincts[precinct] = rp.cancel_precincts.get(precinct, 0) + 1
    report.note("V8")


def check_precincts(rp: Replay, report: Report) -> None:
    """P7, once the record is read: cancellations are counted against their precinct."""
    if rp.results is None:
        return  # a partial record: protocols may still come
    for precinct, n in sorted(rp.cancel_precincts.items()):
        found = rp.protocols.get(precinct)
        if found is None:
            report.fail("V8", f"P7 {n} cancellation(s) at precinct {precinct!r}, no protocol")
        elif n > found[1]["ballots_issued"]:
            report.fail(
                "V14",
                f"P7 precinct {precinct!r}: {n} e-votes cancelled, "
                f"{found[1]['ballots_issued']} paper ballots issued",
            )
