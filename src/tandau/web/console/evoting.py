"""The e-voting side of an election: its manifest, its trustees' seats, and a view of its board.

The administration calls the election and registers the candidates; the
electronic ballot can be fixed only when registration is over (stage
``campaign`` or ``silence``).  Setting up e-voting then builds the manifest —
the registered candidates in the ruleset's ballot order, "against all" where
the ruleset has it, the trustees and the threshold, the voting mode — creates
the commission's head-signing key for the election's board, and posts the
manifest.  The board has the same id as the administration's election.

A threshold of at least 2 is required: no trustee can ever decrypt alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select

from tandau.admin.administration import Administration
from tandau.admin.records import Election, Stage
from tandau.crypto.selection import SelectionRule
from tandau.i18n import CONSOLE, N_, SUPPORTED_LOCALES, gettext
from tandau.law import load_ruleset
from tandau.protocol.manifest import Manifest, Option, Trustee
from tandau.storage.database import write_transaction
from tandau.storage.web_tables import web_trustee_seats

from ..accounts import WEB_LOCK_KEY, Account, Role
from ..auth import accounts_of
from ..context import WebContext
from ..errors import BadRequest
from .errors import StepRefused

__all__ = [
    "AGAINST_ID",
    "MODES",
    "BoardView",
    "board_taken",
    "board_view",
    "has_board",
    "seat_of",
    "seats",
    "set_up",
    "trustee_seat",
]

#: The option id of the "against all" line (as in the record spec's examples and the CLI).
AGAINST_ID = "against"
#: Modes the console offers: polling-station e-voting, or remote voting as a labelled pilot.
MODES = ("polling-station", "remote-pilot")
TITLE = N_("Election of the akim: {unit}")


@dataclass(frozen=True, slots=True)
class BoardView:
    """What the pages show of an election's board (copied out of the replayed state)."""

    manifest: Manifest
    size: int
    key_published: bool
    credentials: int
    opened: bool
    closed: bool
    ballots: int
    tallied: bool
    counted: int | None
    shares: tuple[int, ...]
    results: dict[str, Any] | None
    paper_precincts: tuple[str, ...]

    @property
    def pilot(self) -> bool:
        return self.manifest.mode == "remote-pilot"

    @property
    def fingerprint(self) -> str:
        return self.manifest.fingerprint.hex()


def board_taken(ctx: WebContext, election: str) -> bool:
    """Whether a board (or its head-signing key) of this ID exists, whoever made it."""
    return ctx.keys.has(election) or ctx.store.size(election) > 0


def has_board(ctx: WebContext, election: str) -> bool:
    """Whether the console set up e-voting for this administration election: its trustees'
    seats are recorded, the key exists and the manifest is on the board.

    Boards and elections share one ID space: a board of the same ID that the console did
    not set up (a community's secret vote, the demo's, one run from the command line) is
    not this election's, and no console step reads or writes it (ADR 0025).
    """
    return bool(seats(ctx, election)) and ctx.keys.has(election) and ctx.store.size(election) > 0


def board_view(ctx: WebContext, election: str) -> BoardView | None:
    if not has_board(ctx, election):
        return None

    def read(svc: Any) -> BoardView:
        st = svc.state
        tally = st.tally
        return BoardView(
            manifest=st.require_manifest(),
            size=st.size,
            key_published=st.key is not None,
            credentials=len(st.credentials),
            opened=st.opened,
            closed=st.closed,
            ballots=len(st.ballots_seen),
            tallied=st.tallied,
            counted=int(tally["counted"]) if isinstance(tally, dict) else None,
            shares=tuple(sorted(st.shares)),
            results=dict(st.results) if st.results is not None else None,
            paper_precincts=tuple(str(p.get("precinct")) for p in st.paper),
        )

    view: BoardView = ctx.with_election(election, read)
    return view


def seats(ctx: WebContext, election: str) -> dict[int, int]:
    """Trustee index → account id."""
    with ctx.engine.connect() as conn:
        rows = conn.execute(
            select(web_trustee_seats).where(web_trustee_seats.c.election == election)
        ).all()
    return {int(r.trustee): int(r.account) for r in rows}


def seat_of(ctx: WebContext, election: str, account: Account) -> int:
    """The trustee index of ``account`` in ``election``; refused for anyone else."""
    for index, holder in seats(ctx, election).items():
        if holder == account.id:
            return index
    raise StepRefused(CONSOLE.not_a_trustee)


def trustee_seat(ctx: WebContext, election: str, account: Account) -> int | None:
    """The seat a page shows its trustee; None for other roles and unseated trustees."""
    if account.role is not Role.TRUSTEE:
        return None
    return next((i for i, a in seats(ctx, election).items() if a == account.id), None)


def _ballot(admin: Administration, election: Election) -> list[Option]:
    """The registered candidates in ballot order (kk order), then "against all"."""
    candidates = {c.id: c for c in admin.nominations.candidates(election.id)}
    options: list[Option] = []
    for line in admin.nominations.ballot(election.id, "kk"):
        if line.kind == "candidate":
            c = candidates[line.id]
            names = {lang: c.name for lang in SUPPORTED_LOCALES}
            options.append(Option(c.id, "candidate", names, c.party))
        else:
            names = {
                lang: next(
                    x.name
                    for x in admin.nominations.ballot(election.id, lang)
                    if x.kind == "against_all"
                )
                for lang in SUPPORTED_LOCALES
            }
            options.append(Option(AGAINST_ID, "against_all", names))
    return options


def set_up(
    ctx: WebContext,
    admin: Administration,
    election: Election,
    *,
    mode: str,
    threshold: int,
    trustees: Sequence[int],
) -> Manifest:
    """Fix the electronic ballot and post the manifest; nothing is stored when refused."""
    if mode not in MODES:
        raise BadRequest(detail="mode")
    if election.stage not in (Stage.CAMPAIGN, Stage.SILENCE):
        raise StepRefused(CONSOLE.evoting_stage)
    if ctx.store.size(election.id) > 0:  # ours, or another's board of the same ID
        raise StepRefused(CONSOLE.evoting_exists)
    chosen = list(trustees)
    if len(chosen) < 2 or not 2 <= threshold <= len(chosen):
        raise StepRefused(CONSOLE.threshold)
    accounts = {a.id: a for a in accounts_of(ctx).of_commission(election.commission)}
    if len(set(chosen)) != len(chosen) or any(
        a not in accounts or accounts[a].role is not Role.TRUSTEE or not accounts[a].active
        for a in chosen
    ):
        raise StepRefused(CONSOLE.trustee_accounts)
    options = _ballot(admin, election)
    if not any(o.kind == "candidate" for o in options):
        raise StepRefused(CONSOLE.evoting_no_candidates)
    unit = admin.units.get(election.unit)
    unit_names = unit.name.to_dict()
    ruleset = load_ruleset(election.ruleset)
    key = ctx.keys.load(election.id) or ctx.keys.create(election.id, ctx.rng)
    manifest = Manifest(
        election_id=election.id,
        title={
            lang: gettext(lang, TITLE.msgid).format(unit=unit_names[lang])
            for lang in SUPPORTED_LOCALES
        },
        unit_code=unit.code,
        unit_name=unit_names,
        office=ruleset.office,
        ruleset=ruleset.id,
        polling_day=election.polling_day.isoformat(),
        mode=mode,
        options=tuple(options),
        rule=SelectionRule(len(options)),
        trustees=tuple(Trustee(i, accounts[a].name) for i, a in enumerate(chosen, start=1)),
        threshold=threshold,
        commission_key=key.verify_key.hex(),
    )
    with write_transaction(ctx.engine, WEB_LOCK_KEY) as conn:
        # Seats of an earlier attempt that never reached the board are replaced.
        conn.execute(delete(web_trustee_seats).where(web_trustee_seats.c.election == election.id))
        for index, account in enumerate(chosen, start=1):
            conn.execute(
                insert(web_trustee_seats).values(
                    election=election.id, trustee=index, account=account
                )
            )
    ctx.with_election(election.id, lambda svc: svc.create(manifest))
    return manifest
