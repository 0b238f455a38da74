"""Results from the board: decrypted totals, paper protocols, and the outcome under the ruleset.

The totals come from the trustees' decryption shares on the board (any t
valid ones, crypto spec §7.3); paper-precinct protocols add their votes
(record spec §R7).  The outcome is the law layer's decision under the ruleset
named in the manifest (``tandau.law.decide_outcome``, the same as
``tandau law outcome``): every protocol's figures go in, and annulled
precincts are subtracted by the ruleset's own rule.
"""

from __future__ import annotations

from typing import Any

from tandau.crypto.decryption import TallyShare, combine, decrypt_totals
from tandau.crypto.dlog import DlogTable
from tandau.i18n import CLI, Message
from tandau.law import Outcome, Returns, Ruleset, decide_outcome
from tandau.protocol.events import ElectionState
from tandau.protocol.manifest import Manifest
from tandau.protocol.tally import EncryptedTally

from .errors import CliError
from .output import locale

__all__ = ["compute_results", "decide", "outcome_line"]


def compute_results(
    st: ElectionState, ruleset: Ruleset, voters_on_list: int | None = None
) -> dict[str, Any]:
    """The ``results`` payload (record spec §R7) from the state of a replayed board."""
    manifest = st.require_manifest()
    if st.tally is None:
        raise CliError(CLI.no_tally_yet)
    if st.results is not None:
        raise CliError(CLI.already_published)
    if ruleset.id != manifest.ruleset:
        raise CliError(CLI.ruleset_other, ruleset=ruleset.id, expected=manifest.ruleset)
    tally = EncryptedTally.from_dict(st.tally)
    cts = tally.ciphertexts
    shares = [TallyShare.from_dict(p) for _, p in sorted(st.shares.items())]
    comb = combine(cts, shares, st.verification_keys, manifest.threshold, manifest.fingerprint)
    e_votes = decrypt_totals(cts, comb, DlogTable.for_bound(manifest.tally_bound(tally.counted)))
    ids = [o.id for o in manifest.options]
    counted_paper = {i: 0 for i in ids}
    for p in st.paper_in_force:
        if not p["annulled"]:
            for i in ids:
                counted_paper[i] += int(p["votes"].get(i, 0))
    rows = [
        {"id": i, "e_votes": e, "paper_votes": counted_paper[i], "total": e + counted_paper[i]}
        for i, e in zip(ids, e_votes, strict=True)
    ]
    valid = {s.trustee for s in shares} - set(comb.skipped_trustees)
    voters = len(st.credentials) if voters_on_list is None else voters_on_list
    e_by_id = dict(zip(ids, e_votes, strict=True))
    outcome = decide(manifest, ruleset, e_by_id, tally.counted, st, voters)
    return {
        "options": rows,
        "counted": tally.counted,
        "paper_ballots": sum(
            int(p["ballots_cast"]) for p in st.paper_in_force if not p["annulled"]
        ),
        "trustees_used": list(comb.used),
        "skipped_trustees": [t.index for t in manifest.trustees if t.index not in valid],
        "outcome": _outcome_payload(outcome, ruleset, voters),
    }


def decide(
    manifest: Manifest,
    ruleset: Ruleset,
    e_votes: dict[str, int],
    counted: int,
    st: ElectionState,
    voters: int,
) -> Outcome:
    """The ruleset's outcome from the e-votes and every paper protocol (annulled ones included)."""
    kinds = {o.id: o.kind for o in manifest.options}
    full = dict(e_votes)
    for p in st.paper_in_force:
        for i in full:
            full[i] += int(p["votes"].get(i, 0))
    candidates = [i for i in full if kinds[i] == "candidate"]
    against = [i for i in full if kinds[i] == "against_all"]
    returns = Returns.model_validate(
        {
            "voters_on_list": voters,
            "ballots_cast": counted + sum(int(p["ballots_cast"]) for p in st.paper_in_force),
            "invalid": sum(int(p["invalid"]) for p in st.paper_in_force),
            "against_all": sum(full[i] for i in against),
            "candidates": [{"id": i, "votes": full[i]} for i in candidates],
            "annulled_precincts": [
                {
                    "id": p["precinct"],
                    "candidates": {i: int(p["votes"].get(i, 0)) for i in candidates},
                    "against_all": sum(int(p["votes"].get(i, 0)) for i in against),
                    "invalid": int(p["invalid"]),
                    "ballots_cast": int(p["ballots_cast"]),
                }
                for p in st.paper_in_force
                if p["annulled"]
            ],
        }
    )
    return decide_outcome(ruleset, returns)


def _outcome_payload(outcome: Outcome, ruleset: Ruleset, voters: int) -> dict[str, Any]:
    # Canonical JSON has no floats: turnout is kept as its two counts.
    return {
        "status": outcome.status,
        "winner": outcome.winner,
        "ruleset": ruleset.id,
        "reasons": [_no_floats(r.to_dict()) for r in outcome.reasons],
        "votes": dict(outcome.votes),
        "voters_on_list": voters,
    }


def _no_floats(value: Any) -> Any:
    if isinstance(value, float):
        return str(value)
    if isinstance(value, dict):
        return {k: _no_floats(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_floats(v) for v in value]
    return value


def outcome_line(results: dict[str, Any], manifest: Manifest) -> tuple[Message, dict[str, object]]:
    """The message and parameters that tell a person the outcome."""
    outcome = results["outcome"]
    if outcome["status"] == "elected":
        names = {o.id: o.name for o in manifest.options}
        name = names.get(outcome["winner"], {}).get(locale(), outcome["winner"])
        return CLI.outcome_elected, {"winner": name, "id": outcome["winner"]}
    if outcome["status"] == "no_candidates":
        return CLI.outcome_no_candidates, {}
    rules = ", ".join(r["rule"] for r in outcome["reasons"]) or "-"
    return CLI.outcome_decision, {"rules": rules}
