"""Voting open and closed, the encrypted tally, decryption shares, and the published results.

- **Open** needs the administration's ``polling`` stage, the election key and
  credentials; **close** needs voting open (stage ``polling`` or ``counting``).
- **Tally**: the homomorphic sum of the counted ballots, posted once voting closed.
- **Decryption shares**: each trustee uploads the share its offline command
  computed with its key share; it is verified against the trustee's
  verification key before it is posted, so an invalid share never reaches the
  board.
- **Results**: the console combines t valid shares — fewer are refused: no
  trustee, and no group smaller than the threshold, can decrypt — and decrypts
  the totals.  The administration sets its result from the paper protocols and
  the decrypted e-votes (``lifecycle.set_results`` with ``ElectronicTotals``); the
  election's board receives each precinct's paper protocol and the results
  (record spec §R7): e-votes plus paper votes of the protocols not annulled, and
  that same outcome (annulled precincts subtracted, ties and single candidates
  left to the commission).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tandau.admin import driver
from tandau.admin.administration import Administration
from tandau.admin.decisions import OutcomeDecision
from tandau.admin.errors import AdminInvalidInput, Refused, admin_violation
from tandau.admin.protocols import ElectronicTotals
from tandau.admin.records import Election, PrecinctProtocol, Stage
from tandau.admin.service import parse, require_stage
from tandau.crypto.decryption import TallyShare, combine, decrypt_totals, verify_tally_share
from tandau.crypto.dlog import DlogTable
from tandau.crypto.errors import CeremonyError, InvalidShare
from tandau.i18n import CONSOLE
from tandau.protocol import events as ev
from tandau.protocol.tally import EncryptedTally

from ..accounts import Account
from ..context import WebContext
from .ceremony import parse_document
from .errors import RefusedFile, StepRefused
from .evoting import AGAINST_ID, has_board, seat_of

__all__ = [
    "close_voting",
    "compute_tally",
    "decision_of",
    "open_voting",
    "publish_results",
    "record_decision",
    "upload_share",
]


def _board(ctx: WebContext, election: Election) -> None:
    if not has_board(ctx, election.id):
        raise StepRefused(CONSOLE.evoting_missing)


def open_voting(ctx: WebContext, election: Election) -> None:
    _board(ctx, election)
    require_stage(election, Stage.POLLING)

    def work(svc: Any) -> None:
        st = svc.sync()
        if st.opened:
            raise StepRefused(CONSOLE.already_open)
        if st.key is None or not st.credentials:
            raise StepRefused(CONSOLE.open_prerequisites)
        svc.open()

    ctx.with_election(election.id, work)


def close_voting(ctx: WebContext, election: Election) -> None:
    _board(ctx, election)
    require_stage(election, Stage.POLLING, Stage.COUNTING)

    def work(svc: Any) -> None:
        st = svc.sync()
        if not st.opened or st.closed:
            raise StepRefused(CONSOLE.not_open)
        svc.close()

    ctx.with_election(election.id, work)


def compute_tally(ctx: WebContext, election: Election) -> int:
    """Post the encrypted tally; how many ballots it counts."""
    _board(ctx, election)

    def work(svc: Any) -> int:
        st = svc.sync()
        if not st.closed:
            raise StepRefused(CONSOLE.not_closed)
        if st.tallied:
            raise StepRefused(CONSOLE.already_tallied)
        return int(driver.post_tally(svc).counted)

    counted: int = ctx.with_election(election.id, work)
    return counted


def upload_share(ctx: WebContext, election: Election, account: Account, raw: bytes) -> int:
    """Verify a trustee's decryption share of the tally and post it; the trustee's index."""
    _board(ctx, election)
    seat = seat_of(ctx, election.id, account)

    def work(svc: Any) -> int:
        st = svc.sync()
        if st.tally is None:
            raise StepRefused(CONSOLE.no_tally)
        if st.results is not None:
            raise StepRefused(CONSOLE.already_published)
        body = parse_document(raw, "decryption-share", "share", CONSOLE.kind_share, st.fingerprint)
        try:
            share = TallyShare.from_dict(body)
        except Exception as exc:
            raise RefusedFile(CONSOLE.kind_share) from exc
        if share.trustee != seat:
            raise StepRefused(CONSOLE.not_your_file, index=share.trustee, seat=seat)
        if seat in st.shares:
            raise StepRefused(CONSOLE.already_uploaded, index=seat)
        cts = EncryptedTally.from_dict(st.tally).ciphertexts
        try:
            verify_tally_share(share, cts, st.verification_keys[seat], st.fingerprint)
        except InvalidShare as exc:
            raise RefusedFile(CONSOLE.kind_share, CONSOLE.share_invalid, index=seat) from exc
        svc.post(ev.TALLY_SHARE, {"trustee": seat, "share": share.to_dict()})
        return seat

    index: int = ctx.with_election(election.id, work)
    return index


@dataclass(frozen=True, slots=True)
class Decrypted:
    e_votes: dict[str, int]
    counted: int
    used: tuple[int, ...]
    skipped: tuple[int, ...]


def _decrypt(svc: Any) -> Decrypted:
    st = svc.sync()
    if st.tally is None:
        raise StepRefused(CONSOLE.no_tally)
    manifest = st.require_manifest()
    tally = EncryptedTally.from_dict(st.tally)
    shares = [TallyShare.from_dict(s) for s in st.shares.values()]
    if len(shares) < manifest.threshold:
        raise StepRefused(CONSOLE.too_few_shares, threshold=manifest.threshold, count=len(shares))
    try:
        comb = combine(
            tally.ciphertexts, shares, st.verification_keys, manifest.threshold, st.fingerprint
        )
    except CeremonyError as exc:
        valid = exc.details.get("valid")
        count = len(valid) if isinstance(valid, list) else 0
        raise StepRefused(
            CONSOLE.too_few_shares, threshold=manifest.threshold, count=count
        ) from exc
    totals = decrypt_totals(
        tally.ciphertexts, comb, DlogTable.for_bound(manifest.tally_bound(tally.counted))
    )
    return Decrypted(
        {o.id: n for o, n in zip(manifest.options, totals, strict=True)},
        tally.counted,
        comb.used,
        # Record spec §R7: every trustee of the manifest without a valid share.
        tuple(
            t.index
            for t in manifest.trustees
            if t.index not in {s.trustee for s in shares} - set(comb.skipped_trustees)
        ),
    )


def _paper_votes(p: PrecinctProtocol, options: Iterable[str] = (AGAINST_ID,)) -> dict[str, int]:
    """A protocol's votes keyed by the manifest's option ids (record spec §R5.1 P2)."""
    votes = {c: int(n) for c, n in p.votes.items()}
    if AGAINST_ID in options:  # a ballot without "against all" has no such key
        votes[AGAINST_ID] = p.against_all
    return votes


def publish_results(ctx: WebContext, admin: Administration, election: Election) -> dict[str, Any]:
    """Decrypt, set the administration's result, post the paper protocols and the results."""
    _board(ctx, election)
    decrypted = ctx.with_election(election.id, _decrypt)
    district = admin.districts.district(election.id)
    entered = {p.precinct: p for p in admin.protocols.protocols(election.id)}
    for code in district.precincts:
        if code not in entered:
            raise Refused([admin_violation("results.all_protocols", precinct=code)])
    protocols = [entered[code] for code in district.precincts]
    electronic = ElectronicTotals(
        counted=decrypted.counted,
        candidates={o: n for o, n in decrypted.e_votes.items() if o != AGAINST_ID},
        against_all=decrypted.e_votes.get(AGAINST_ID, 0),
    )

    def check(svc: Any) -> None:
        if svc.sync().results is not None:
            raise StepRefused(CONSOLE.already_published)

    ctx.with_election(election.id, check)
    # One decision for both records: the administration's result, on paper plus
    # e-votes, is the outcome the board publishes.
    if election.stage is Stage.COUNTING:
        election = admin.lifecycle.set_results(election.id, electronic)
    elif election.stage is not Stage.RESULTS:
        require_stage(election, Stage.COUNTING)
    decided = election.outcome or {}
    outcome = {
        "status": decided.get("status"),
        "winner": decided.get("winner"),
        "reasons": list(decided.get("reasons") or []),
    }
    paper = {o: 0 for o in decrypted.e_votes}
    for p in protocols:
        if not p.annulled:
            for option, n in _paper_votes(p, decrypted.e_votes).items():
                paper[option] = paper.get(option, 0) + n
    results = {
        "options": [
            {
                "id": o,
                "e_votes": decrypted.e_votes[o],
                "paper_votes": paper[o],
                "total": decrypted.e_votes[o] + paper[o],
            }
            for o in decrypted.e_votes
        ],
        "counted": decrypted.counted,
        "paper_ballots": sum(p.ballots_cast for p in protocols if not p.annulled),
        "trustees_used": list(decrypted.used),
        "skipped_trustees": list(decrypted.skipped),
        "outcome": outcome,
    }

    def post(svc: Any) -> None:
        st = svc.sync()
        if st.results is not None:
            raise StepRefused(CONSOLE.already_published)
        on_board = {str(x.get("precinct")) for x in st.paper}
        for p in protocols:
            if p.precinct not in on_board:
                svc.post(
                    ev.PAPER_PROTOCOL,
                    {
                        "precinct": p.precinct,
                        "voters_on_list": p.voters_on_list,
                        "ballots_issued": p.ballots_issued,
                        "ballots_cast": p.ballots_cast,
                        "invalid": p.invalid,
                        "votes": _paper_votes(p, decrypted.e_votes),
                        "annulled": p.annulled,
                        "corrects": None,
                    },
                )
        svc.post(ev.RESULTS, results)

    ctx.with_election(election.id, post)
    return results


def _decided(ctx: WebContext, election: str) -> bool:
    """Whether the board already holds the commission's decision on the outcome."""
    return any(e.type == ev.COMMISSION_DECISION for e in ctx.board(election).entries())


def decision_of(ctx: WebContext, election: str) -> dict[str, Any] | None:
    """The decision on the board, if any."""
    for e in ctx.board(election).entries():
        if e.type == ev.COMMISSION_DECISION:
            return dict(e.payload)
    return None


def record_decision(
    ctx: WebContext,
    admin: Administration,
    election: Election,
    *,
    resolution: str,
    candidate: str | None,
    reason: str,
    present: list[str],
) -> None:
    """The commission's decision on a published outcome that needs one.

    The administration records it (quorum, the rule that required it) when its own
    result needs one; the election's board then receives it as ``commission.decision``.
    """
    _board(ctx, election)

    def published(svc: Any) -> dict[str, Any]:
        st = svc.sync()
        if st.results is None:
            raise StepRefused(CONSOLE.not_published)
        return dict(st.results["outcome"])

    outcome = ctx.with_election(election.id, published)
    if outcome.get("status") != "commission_decision_required":
        raise StepRefused(CONSOLE.no_decision_needed)
    data = parse(
        OutcomeDecision,
        {
            "election": election.id,
            "resolution": resolution,
            "candidate": candidate or None,
            "reason": reason,
            "present": present,
        },
    )
    reasons = outcome.get("reasons") or []
    deciding: dict[str, Any] = (
        dict(reasons[-1]) if reasons else {"rule": "outcome.method", "article": ""}
    )
    if data.resolution == "elect":
        tied = (deciding.get("details") or {}).get("tied")
        allowed = sorted(str(c) for c in tied) if isinstance(tied, list) and tied else []
        if not allowed:
            manifest = ctx.with_election(election.id, lambda svc: svc.state.require_manifest())
            allowed = sorted(o.id for o in manifest.options if o.kind == "candidate")
        if data.candidate is None:
            raise AdminInvalidInput("candidate", "blank")
        if data.candidate not in allowed:
            raise Refused(
                [
                    admin_violation(
                        "decisions.candidate",
                        candidates=", ".join(allowed),
                        details={"allowed": allowed},
                    )
                ]
            )
    if _decided(ctx, election.id):
        raise StepRefused(CONSOLE.no_decision_needed)
    admin_outcome = election.outcome or {}
    if admin_outcome.get("status") == "commission_decision_required" and election.winner is None:
        admin.decisions.decide_outcome(
            election=election.id,
            resolution=data.resolution,
            candidate=data.candidate,
            reason=data.reason,
            present=list(data.present),
        )
    text = f"elect: {data.candidate}" if data.resolution == "elect" else "failed"
    ctx.with_election(
        election.id,
        lambda svc: svc.post(
            ev.COMMISSION_DECISION,
            {
                "decision": text,
                "reason": data.reason,
                "rule": str(deciding.get("rule", "")),
                "article": str(deciding.get("article", "")),
            },
        ),
    )
