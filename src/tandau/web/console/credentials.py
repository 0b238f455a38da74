"""Credential issuing: one secret code per voter on a precinct's list, the public list to the board.

The registrar issues a precinct's credentials in one step: as many codes as the
precinct has voters on its list are drawn, their public credentials are posted
(record spec §R3), and the codes go back to the registrar once — as printable
sheets (one code per sheet) or, through the API, as JSON.  The server keeps no
code: the batch table records only the precinct, the number of codes, who issued
them and when — and, for the kiosks, which precinct each public credential
belongs to (``booth_credential_precincts``: a kiosk of another precinct refuses
it, ADR 0026).  A precinct is issued once, before voting opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select

from tandau.admin.administration import Administration
from tandau.admin.records import Election
from tandau.i18n import CONSOLE
from tandau.protocol import events as ev
from tandau.protocol.credentials import derive, new_code
from tandau.storage.booth_store import record_credential_precincts
from tandau.storage.database import write_transaction
from tandau.storage.web_tables import web_credential_batches

from ..accounts import WEB_LOCK_KEY, Account
from ..context import WebContext
from .errors import StepRefused
from .evoting import has_board

__all__ = ["Batch", "Issued", "batches", "issue"]


@dataclass(frozen=True, slots=True)
class Batch:
    precinct: str
    count: int
    issued_at: str


@dataclass(frozen=True, slots=True)
class Issued:
    """Codes to hand over once; never stored."""

    precinct: str
    codes: tuple[str, ...]

    def __repr__(self) -> str:
        return f"Issued(precinct={self.precinct!r}, count={len(self.codes)})"


def batches(ctx: WebContext, election: str) -> dict[str, Batch]:
    with ctx.engine.connect() as conn:
        rows = conn.execute(
            select(web_credential_batches).where(web_credential_batches.c.election == election)
        ).all()
    return {r.precinct: Batch(r.precinct, int(r._mapping["count"]), r.issued_at) for r in rows}


def issue(
    ctx: WebContext, admin: Administration, election: Election, precinct: str, account: Account
) -> Issued:
    """Draw the precinct's codes, post their public credentials, record the batch."""
    if not has_board(ctx, election.id):
        raise StepRefused(CONSOLE.evoting_missing)
    if precinct not in admin.districts.district(election.id).precincts:
        raise StepRefused(CONSOLE.unknown_precinct, precinct=precinct)
    count = admin.voters.count(election.id, precinct)
    if count == 0:
        raise StepRefused(CONSOLE.credentials_no_voters, precinct=precinct)

    def work(svc: Any) -> Issued:
        # Under the election's lock: two registrars cannot issue one precinct twice.
        st = svc.sync()
        if st.opened:
            raise StepRefused(CONSOLE.credentials_closed)
        if precinct in batches(ctx, election.id):
            raise StepRefused(CONSOLE.credentials_issued, precinct=precinct)
        fp = st.fingerprint
        codes = tuple(new_code(ctx.rng) for _ in range(count))
        public = sorted(derive(fp, c).public.hex() for c in codes)
        svc.post(ev.CREDENTIALS_LIST, {"credentials": public})
        with write_transaction(ctx.engine, WEB_LOCK_KEY) as conn:
            conn.execute(
                insert(web_credential_batches).values(
                    election=election.id,
                    precinct=precinct,
                    count=count,
                    issued_by=account.id,
                    issued_at=ctx.clock.now().isoformat(),
                )
            )
            record_credential_precincts(conn, election.id, precinct, public)
        return Issued(precinct, codes)

    issued: Issued = ctx.with_election(election.id, work)
    return issued
