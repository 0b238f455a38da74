"""V10 and V11: decryption shares, totals, paper protocols and results (crypto.md §7)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tandau.crypto.decryption import TallyShare, combine, decrypt_totals
from tandau.crypto.dlog import DlogTable
from tandau.crypto.elgamal import Ciphertext
from tandau.crypto.errors import TandauError
from tandau.crypto.group import Point

from .report import Report

if TYPE_CHECKING:
    from .verify import Replay

__all__ = ["check_results", "check_tally_shares"]


def check_tally_shares(rp: Replay, report: Report) -> list[int] | None:
    """Combine any t valid shares (invalid ones named, skipped) and decrypt the totals."""
    m, tally = rp.manifest, rp.tally
    if m is None or tally is None:
        return None
    try:
        cts = [Ciphertext.from_dict(c) for c in tally["ciphertexts"]]
        shares = [TallyShare.from_dict(s) for s in rp.shares.values()]
        vkeys = {j: Point.from_bytes(y) for j, y in rp.verification_keys.items()}
        comb = combine(cts, shares, vkeys, m["threshold"], rp.fingerprint)
        for j, reason in comb.skipped:
            report.fail("V10", f"trustee {j}'s decryption share is invalid: {reason}")
        report.note("V10", len(comb.used))
        bound = max(int(tally.get("counted", 0)), 1)
        return list(decrypt_totals(cts, comb, DlogTable.for_bound(bound)))
    except TandauError as exc:
        report.fail("V10", f"{exc.code}: {exc}")
        return None


def check_results(rp: Replay, totals: list[int] | None, report: Report) -> None:
    res = rp.results
    if res is None:
        if rp.tally is not None:
            report.fail("V11", "a tally without published results")
        return
    if rp.manifest is None or totals is None:
        report.fail("V11", "results cannot be checked without decrypted totals")
        return
    try:
        ids = [o["id"] for o in rp.manifest["options"]]
        rows: list[dict[str, Any]] = res["options"]
        if [r["id"] for r in rows] != ids:
            report.fail("V11", "results list the options differently from the manifest")
            return
        paper = {i: 0 for i in ids}
        for p in rp.paper:
            if not p.get("annulled"):
                for i in ids:
                    paper[i] += int(p["votes"].get(i, 0))
        for r, e in zip(rows, totals, strict=True):
            if r["e_votes"] != e:
                report.fail(
                    "V11", f"option {r['id']}: published {r['e_votes']} e-votes, decrypted {e}"
                )
            if r["paper_votes"] != paper[r["id"]]:
                report.fail("V11", f"option {r['id']}: paper votes do not add up")
            if r["total"] != r["e_votes"] + r["paper_votes"]:
                report.fail("V11", f"option {r['id']}: total is not e-votes plus paper")
        candidates = [r for r in rows if r["id"] != "against" and _kind(rp, r["id"]) == "candidate"]
        outcome = res["outcome"]
        _check_outcome(report, outcome, candidates)
        report.note("V11", len(rows))
    except (KeyError, TypeError, ValueError) as exc:
        report.fail("V11", f"malformed results: {exc}")


def _check_outcome(
    report: Report, outcome: dict[str, Any], candidates: list[dict[str, Any]]
) -> None:
    """§R7: a winner is the unique plurality leader; any other outcome cites its rules.

    The ruleset may send a clear leader to a commission decision (a single
    candidate, "against all" ahead…) — the verifier, importing no law code,
    accepts that when the outcome names the rules; it never accepts a winner
    who is not the unique leader, nor a winner on a tie.
    """
    winner = outcome.get("winner")
    status = outcome.get("status")
    leaders: list[str] = []
    if candidates:
        top = max(r["total"] for r in candidates)
        leaders = [r["id"] for r in candidates if r["total"] == top]
    if status == "elected":
        if len(leaders) != 1 or winner != leaders[0]:
            expected = leaders[0] if len(leaders) == 1 else None
            report.fail("V11", f"the outcome names {winner}, plurality gives {expected}")
    elif status in ("commission_decision_required", "no_candidates"):
        if winner is not None:
            report.fail("V11", f"an outcome of {status} names a winner")
        if not outcome.get("reasons"):
            report.fail("V11", f"an outcome of {status} cites no rule")
        if status == "no_candidates" and candidates:
            report.fail("V11", "the outcome says no candidates, the results list some")
    else:
        report.fail("V11", f"unknown outcome status {status!r}")


def _kind(rp: Replay, option_id: str) -> str:
    assert rp.manifest is not None
    for o in rp.manifest["options"]:
        if o["id"] == option_id:
            return str(o["kind"])
    return ""
