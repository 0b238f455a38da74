"""The official results protocol's content, gathered from the board and the administration.

The figures come from the published ``results`` event (e-votes, paper votes, the
law's outcome with its reasons), the precinct protocols (voters on the lists,
invalid ballots, annulments), the commission's members and decision, and the
board's signed head — so that anyone holding the PDF can check it against the
record with ``tandau-verify``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from tandau.admin.administration import Administration
from tandau.admin.lifecycle import percent
from tandau.admin.records import Election
from tandau.i18n import CONSOLE
from tandau.schema import admin_commissions

from ..context import WebContext
from ..results_view import ResultRow
from .counting import decision_of
from .errors import StepRefused
from .evoting import board_view

__all__ = ["ProtocolReport", "ResultRow", "commission_name", "protocol_report"]


@dataclass(frozen=True, slots=True)
class ProtocolReport:
    election: str
    title: dict[str, str]
    unit: dict[str, str]
    polling_day: str
    ruleset: str
    commission: str
    voters_on_list: int
    paper_ballots: int
    e_ballots: int
    invalid: int
    turnout_percent: str
    rows: tuple[ResultRow, ...]
    status: str
    winner: dict[str, str] | None
    reasons: tuple[dict[str, Any], ...]
    annulled: tuple[str, ...]
    decision: dict[str, Any] | None
    members: tuple[tuple[str, str], ...]
    head_size: int
    head_root: str
    head_signature: str
    fingerprint: str
    trustees_used: tuple[int, ...]


def protocol_report(ctx: WebContext, admin: Administration, election: Election) -> ProtocolReport:
    """Everything the protocol shows; refused until the results are published."""
    view = board_view(ctx, election.id)
    if view is None or view.results is None:
        raise StepRefused(CONSOLE.not_published)
    results = view.results
    manifest = view.manifest
    options = {o.id: o for o in manifest.options}
    rows = tuple(
        ResultRow(
            id=r["id"],
            kind=options[r["id"]].kind,
            name=dict(options[r["id"]].name),
            party=options[r["id"]].party,
            e_votes=int(r["e_votes"]),
            paper_votes=int(r["paper_votes"]),
            total=int(r["total"]),
        )
        for r in results["options"]
    )
    protocols = admin.protocols.protocols(election.id)
    voters = sum(p.voters_on_list for p in protocols)
    paper = sum(p.ballots_cast for p in protocols if not p.annulled)
    counted = int(results["counted"])
    outcome = results["outcome"]
    winner = outcome.get("winner")
    members = tuple(
        (m.name, m.role.value)
        for m in sorted(
            admin.commissions.members(election.commission),
            key=lambda m: (("chair", "secretary", "member").index(m.role.value), m.name),
        )
    )
    head = ctx.board(election.id).head()
    return ProtocolReport(
        election=election.id,
        title=dict(manifest.title),
        unit=dict(manifest.unit_name),
        polling_day=manifest.polling_day,
        ruleset=manifest.ruleset,
        commission=commission_name(ctx, election.commission),
        voters_on_list=voters,
        paper_ballots=paper,
        e_ballots=counted,
        invalid=sum(p.invalid for p in protocols if not p.annulled),
        turnout_percent=percent(paper + counted, voters),
        rows=rows,
        status=str(outcome.get("status")),
        winner=dict(options[winner].name)
        if isinstance(winner, str) and winner in options
        else None,
        reasons=tuple(dict(r) for r in outcome.get("reasons", [])),
        annulled=tuple(p.precinct for p in protocols if p.annulled),
        decision=decision_of(ctx, election.id),
        members=members,
        head_size=head.head.tree_size,
        head_root=head.head.root.hex(),
        head_signature=head.signature.hex(),
        fingerprint=view.fingerprint,
        trustees_used=tuple(int(j) for j in results.get("trustees_used", [])),
    )


def commission_name(ctx: WebContext, commission: str) -> str:
    with ctx.engine.connect() as conn:
        name = conn.execute(
            select(admin_commissions.c.name).where(admin_commissions.c.id == commission)
        ).scalar_one_or_none()
    return str(name) if name is not None else commission
