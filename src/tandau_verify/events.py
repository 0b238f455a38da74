"""The verifier's replay of the event-order rules (record spec §R5, §R6; V5–V10).

Independent of the protocol package.  Each handler reads one payload
strictly (exact keys, typed values) and updates the replay state; the
pipeline dispatches to it and reports a Malformed value with the entry index.
"""

from __future__ import annotations

from typing import Any

from tandau.crypto.canonical import dumps_checked
from tandau.crypto.group import Point
from tandau.crypto.hashing import hash_bytes

from .report import Report
from .state import Malformed, Replay, count, exact_keys, hex_bytes, integer, obj

__all__ = ["HANDLERS", "ballot_rules"]


def _trustee(rp: Replay, value: Any, where: str) -> int:
    n = len(rp.manifest["trustees"]) if rp.manifest else 0
    return integer(value, where, 1, max(n, 1))


def _trustee_message(
    seq: int, p: dict[str, Any], rp: Replay, report: Report, kind: str, owner: str
) -> None:
    """Replay a trustee's ``kind`` (dealing or response) of the key ceremony, whose
    ``owner`` field must name the payload's trustee; keep it by trustee."""
    exact_keys(p, "payload", {"trustee", kind})
    j = _trustee(rp, p["trustee"], "trustee")
    if obj(p[kind], kind).get(owner) != j:
        raise Malformed(f"{kind}.{owner}", "is not the payload's trustee")
    if rp.key is not None:
        report.fail("V5", f"entry {seq}: {kind} after the key was published")
    kept: dict[int, Any] = rp.dealings if kind == "dealing" else rp.responses
    if j in kept:
        report.fail("V5", f"entry {seq}: a second {kind} from trustee {j}")
    kept[j] = p[kind]


def _dealing(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    _trustee_message(seq, p, rp, report, "dealing", "dealer")


def _response(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    _trustee_message(seq, p, rp, report, "response", "recipient")
    accepted = p["response"].get("accepted")
    for i in accepted if isinstance(accepted, list) else []:
        if i not in rp.dealings:  # crypto.md §6.3: only a dealing on the board can be accepted
            report.fail(
                "V5", f"entry {seq}: response accepts dealer {str(i)[:8]}, who has not dealt"
            )
            return


def _reveal(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    exact_keys(p, "payload", {"trustee", "reveal"})
    _trustee(rp, p["trustee"], "trustee")
    if rp.key is not None:
        report.fail("V5", f"entry {seq}: reveal after the key was published")
    rp.reveals.append(p)


def _key(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    exact_keys(p, "payload", {"joint_key", "verification_keys", "qualified"})
    if rp.key is not None:
        report.fail("V5", f"entry {seq}: the election key is published twice")
        return
    vkeys = obj(p["verification_keys"], "verification_keys")
    keys = {}
    for i, h in vkeys.items():
        if not i.isdigit():
            raise Malformed(f"verification_keys.{i[:8]}", "must be a trustee number")
        keys[int(i)] = Point.from_bytes(hex_bytes(h, f"verification_keys.{i}", 32)).data
    key = Point.from_bytes(hex_bytes(p["joint_key"], "joint_key", 32)).require_not_identity()
    rp.key_event = p
    rp.key = key.data
    rp.verification_keys = keys


def _credentials(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    exact_keys(p, "payload", {"credentials"})
    items = p["credentials"]
    if not isinstance(items, list):
        raise Malformed("credentials", "must be a list")
    if rp.opened:
        report.fail("V6", f"entry {seq}: credentials published after voting opened")
    if items != sorted(items, key=str):
        report.fail("V6", f"entry {seq}: the credential list is not sorted")
    for i, h in enumerate(items):
        pt = Point.from_bytes(hex_bytes(h, f"credentials[{i}]", 32)).require_not_identity()
        if pt.data in rp.credentials:
            report.fail("V6", f"entry {seq}: credential {h[:16]}… published twice")
        rp.credentials.add(pt.data)
    report.note("V6", len(items))


def _opened(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    exact_keys(p, "payload", set())
    if rp.opened or rp.key is None or not rp.credentials:
        report.fail("V7", f"entry {seq}: voting opened out of order")
    rp.opened = True


def _closed(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    exact_keys(p, "payload", set())
    if not rp.opened or rp.closed:
        report.fail("V7", f"entry {seq}: voting closed out of order")
    rp.closed = True


def _tally(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    exact_keys(p, "payload", {"tally"})
    tally = exact_keys(p["tally"], "tally", {"ciphertexts", "counted"})
    count(tally["counted"], "tally.counted")
    cts = tally["ciphertexts"]
    k = len(rp.manifest["options"]) if rp.manifest else 0
    if not isinstance(cts, list) or len(cts) != k:
        raise Malformed("tally.ciphertexts", f"must list {k} ciphertexts")
    for i, c in enumerate(cts):
        exact_keys(c, f"tally.ciphertexts[{i}]", {"alpha", "beta"})
        hex_bytes(c["alpha"], f"tally.ciphertexts[{i}].alpha", 32)
        hex_bytes(c["beta"], f"tally.ciphertexts[{i}].beta", 32)
    if not rp.closed or rp.tally is not None:
        report.fail("V9", f"entry {seq}: tally out of order")
        if rp.tally is not None:
            return
    rp.tally = tally
    rp.tally_seq = seq


def _share(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    exact_keys(p, "payload", {"trustee", "share"})
    j = _trustee(rp, p["trustee"], "trustee")
    if obj(p["share"], "share").get("trustee") != j:
        report.fail("V10", f"entry {seq}: the share names another trustee than its entry")
    if rp.tally is None or rp.results is not None:
        report.fail("V10", f"entry {seq}: decryption share out of order")
    if j in rp.shares:
        # A trustee posts one share; a second (equal or not) is a failure (§R5.4).
        report.fail("V10", f"entry {seq}: a second decryption share from trustee {j}")
        return
    rp.shares[j] = p["share"]


def _results(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    obj(p, "payload")
    if rp.tally is None or rp.results is not None:
        report.fail("V11", f"entry {seq}: results out of order")
        if rp.results is not None:
            return
    rp.results = p


def _decision(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    exact_keys(p, "payload", {"decision", "reason", "rule", "article"})
    for k in ("decision", "reason", "rule", "article"):
        if not isinstance(p[k], str):
            raise Malformed(k, "must be a string")
    if rp.results is None:
        report.fail("V11", f"entry {seq}: commission decision before results")


def ballot_rules(seq: int, p: dict[str, Any], rp: Replay, report: Report) -> None:
    """V-R6.2, V-R6.3, V-R6.5 in order (cheap); the crypto runs in workers (ballots.py)."""
    rp.ballots += 1
    exact_keys(p, "payload", {"ballot"})
    ballot = obj(p["ballot"], "ballot")
    cred = hex_bytes(ballot.get("credential"), "ballot.credential", 32)
    if not rp.opened or rp.closed:
        report.fail("V7", f"ballot at seq {seq} outside the voting period")
    if cred not in rp.credentials:
        report.fail("V7", f"ballot at seq {seq} under an unpublished credential")
    if cred in rp.cancelled:
        report.fail("V7", f"ballot at seq {seq} under a cancelled credential")
    code = hash_bytes("tracking", dumps_checked(ballot))[:10]
    if code in rp.tracking_codes:  # §R6 V-R6.6: the writer never appends a ballot twice
        report.fail("V7", f"ballot at seq {seq} replays an earlier ballot")
    rp.tracking_codes.add(code)
    rp.last_ballot[cred] = seq


HANDLERS = {
    "ceremony.dealing": _dealing,
    "ceremony.response": _response,
    "ceremony.reveal": _reveal,
    "election.key": _key,
    "credentials.list": _credentials,
    "voting.opened": _opened,
    "voting.closed": _closed,
    "tally.encrypted": _tally,
    "tally.share": _share,
    "results": _results,
    "commission.decision": _decision,
}
