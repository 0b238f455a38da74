"""V11: the published results against the verifier's own (record spec §R7).

It rebuilds the whole ``results`` payload except the ruleset's outcome and
compares it field by field: a missing or extra key, or any differing value,
fails and is named; then the outcome is checked against plurality.
"""

from __future__ import annotations

from typing import Any

from .report import Report
from .state import Decrypted, Malformed, Replay, exact_keys, obj

__all__ = ["check_community_outcome", "check_outcome", "check_results", "expected_results"]

RESULT_KEYS = {
    "options",
    "counted",
    "paper_ballots",
    "trustees_used",
    "skipped_trustees",
    "outcome",
}
OUTCOME_KEYS = {"status", "winner", "reasons"}
OUTCOME_OPTIONAL = frozenset({"ruleset", "votes", "voters_on_list"})
STATUSES = ("elected", "commission_decision_required", "no_candidates")


def expected_results(rp: Replay, counted: int, dec: Decrypted) -> dict[str, Any]:
    """Everything in ``results`` but the outcome, from the record alone (§R7.1)."""
    ids = rp.option_ids()
    paper = dict.fromkeys(ids, 0)
    ballots = 0
    for p in rp.in_force():
        if not p["annulled"]:
            ballots += p["ballots_cast"]
            for i in ids:
                paper[i] += p["votes"][i]
    return {
        "options": [
            {"id": i, "e_votes": e, "paper_votes": paper[i], "total": e + paper[i]}
            for i, e in zip(ids, dec.totals, strict=True)
        ],
        "counted": counted,
        "paper_ballots": ballots,
        "trustees_used": dec.used,
        "skipped_trustees": dec.skipped,
    }


def _compare(path: str, published: Any, expected: Any) -> str | None:
    """The first difference, named by its path; booleans are never integers."""
    if isinstance(expected, dict):
        if not isinstance(published, dict):
            return f"{path} is not an object"
        for k in sorted(set(published) | set(expected)):
            if k not in expected:
                return f"{path}.{k} is not a results field"
            if k not in published:
                return f"{path}.{k} is missing"
            diff = _compare(f"{path}.{k}", published[k], expected[k])
            if diff:
                return diff
        return None
    if isinstance(expected, list):
        if not isinstance(published, list) or len(published) != len(expected):
            return f"{path} should list {len(expected)} items"
        for i, (a, b) in enumerate(zip(published, expected, strict=True)):
            diff = _compare(f"{path}[{i}]", a, b)
            if diff:
                return diff
        return None
    if type(published) is not type(expected) or published != expected:
        return f"{path} is {str(published)[:40]}, the record gives {expected}"
    return None


def check_results(rp: Replay, counted: int, dec: Decrypted | None, report: Report) -> None:
    res = rp.results
    if res is None:
        if rp.tally is not None and rp.closed:
            report.fail("V11", "a tally without published results")
        return
    if dec is None:
        report.fail("V11", "results cannot be checked without decrypted totals")
        return
    try:
        exact_keys(res, "results", RESULT_KEYS)
        expected = expected_results(rp, counted, dec)
        published = {k: v for k, v in res.items() if k != "outcome"}
        diff = _compare("results", published, expected)
        if diff:
            report.fail("V11", diff)
        outcome = exact_keys(res["outcome"], "results.outcome", OUTCOME_KEYS, OUTCOME_OPTIONAL)
        rows = expected["options"]
        kinds = {o["id"]: o["kind"] for o in rp.manifest["options"]} if rp.manifest else {}
        votes = outcome.get("votes")
        if votes is not None:
            _check_outcome_votes(report, obj(votes, "results.outcome.votes"), rows, kinds)
        if rp.manifest and rp.manifest.get("mode") == "community":
            check_community_outcome(report, outcome)
        else:
            check_outcome(report, outcome, [r for r in rows if kinds.get(r["id"]) == "candidate"])
        report.note("V11", len(rows))
    except Malformed as exc:
        report.fail("V11", f"malformed results: {exc}")
    except Exception as exc:  # §R8.1: named, never a crash
        report.fail("V11", f"malformed results: {type(exc).__name__}: {exc}")


def _check_outcome_votes(
    report: Report, votes: dict[str, Any], rows: list[dict[str, Any]], kinds: dict[str, str]
) -> None:
    """§R7: ``votes`` maps exactly the candidate options to their totals."""
    totals = {r["id"]: r["total"] for r in rows if kinds.get(r["id"]) == "candidate"}
    for k in sorted(set(votes) | set(totals)):
        v = votes.get(k)
        if k not in totals or type(v) is not int or v != totals[k]:
            report.fail("V11", f"results.outcome.votes.{k[:64]} is not its candidate's total")
            return


def _reasons_cite_rules(report: Report, reasons: list[Any]) -> bool:
    """§R7: every reason of a ruleset's outcome names its rule and article (strings)."""
    for i, r in enumerate(reasons):
        if not (
            isinstance(r, dict)
            and isinstance(r.get("rule"), str)
            and isinstance(r.get("article"), str)
            and r["rule"]
            and r["article"]
        ):
            report.fail("V11", f"results.outcome.reasons[{i}] does not name a rule and article")
            return False
    return True


def check_outcome(
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
    reasons = outcome.get("reasons")
    if not isinstance(reasons, list):
        report.fail("V11", "the outcome's reasons are not a list")
        return
    if not _reasons_cite_rules(report, reasons):
        return
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
        if not reasons:
            report.fail("V11", f"an outcome of {status} cites no rule")
        if status == "no_candidates" and candidates:
            report.fail("V11", "the outcome says no candidates, the results list some")
    else:
        report.fail("V11", f"unknown outcome status {str(status)[:40]!r}")


def check_community_outcome(report: Report, outcome: dict[str, Any]) -> None:
    """A community question (docs/spec/community.md §C3): the counts are the result.

    Whether a proposal passes is the community's rule applied to the counts; the
    record cites that rule and never names a winner.
    """
    if outcome.get("status") != "community_result":
        report.fail("V11", f"a community question's outcome is {str(outcome.get('status'))[:40]!r}")
    if outcome.get("winner") is not None:
        report.fail("V11", "a community question's outcome names a winner")
    reasons = outcome.get("reasons")
    if not isinstance(reasons, list) or not reasons:
        report.fail("V11", "a community question's outcome cites no rule")
    elif not all(isinstance(r, str) and r for r in reasons):
        report.fail("V11", "a community question's reasons are not the rules' names")


_check_outcome = check_outcome  # the name the unit tests used
