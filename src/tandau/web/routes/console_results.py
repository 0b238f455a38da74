"""The console's counting sections: paper protocols, the tally and decryption, decisions, results.

- Paper protocols are entered with the administration's arithmetic checks; a
  protocol is annulled by a decision of the commission (quorum checked).
- The tally is computed once voting is closed; each trustee uploads its
  decryption share (verified before it is posted); the chair publishes the
  results once the threshold of shares is in — never with fewer.
- The official results protocol is a public PDF in Kazakh and Russian once the
  results are published.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from tandau.admin.errors import NotFound
from tandau.admin.records import PROTOCOL_FIGURES, CandidateStatus
from tandau.i18n import CONSOLE

from ..access import PUBLIC_ROUTE
from ..auth import AnyRole, Chair, Clerk, TrusteeRole
from ..console import counting, evoting
from ..console.capability import Params, Section, election_for, election_section, precincts_of
from ..console.ceremony import MAX_FILE_BYTES
from ..console.pages import field, form_model, integer, read_upload
from ..console.report import protocol_report
from ..console.schemas import AnnulIn, DecisionIn, FileIn, OkOut, ProtocolIn
from ..context import WebContext
from ..errors import PageNotFound
from ..pdf import results_protocol
from ..public_schemas import ElectionId
from .deps import Ctx, download

__all__ = ["router"]

router = APIRouter()
TAGS: list[str | Any] = ["commission"]

FIGURES = PROTOCOL_FIGURES


# -- paper protocols ------------------------------------------------------------------


def _protocols(ctx: Ctx, account: AnyRole, election: ElectionId) -> dict[str, Any]:
    page = election_section(ctx, account, election, "protocols")
    found = page["election"]
    admin = ctx.administration(account.commission)
    candidates = {c.id: c for c in admin.nominations.candidates(found.id)}
    return {
        **page,
        "precincts": precincts_of(admin, found.id),
        "protocols": {p.precinct: p for p in admin.protocols.protocols(found.id)},
        "candidates": [candidates[c] for c in _on_ballot(ctx, found.id)],
        "members": admin.commissions.members(found.commission),
        "figures": FIGURES,
    }


PROTOCOLS = Section(
    router, "/commission/e/{election}/protocols", "console/protocols.html", _protocols
)


def _on_ballot(ctx: WebContext, election: str) -> list[str]:
    """The candidates on the ballot, as the protocol's votes must name them."""
    return [
        c.id
        for c in ctx.administration().nominations.candidates(election)
        if c.status is CandidateStatus.REGISTERED
    ]


def _protocol_body(ctx: WebContext, election: str, form: FormData) -> ProtocolIn:
    values: dict[str, Any] = {name: integer(form, name) for name in FIGURES}
    votes = {c: integer(form, f"votes.{c}") for c in _on_ballot(ctx, election)}
    return ProtocolIn.model_construct(precinct=field(form, "precinct"), votes=votes, **values)


async def _protocol_form(form: FormData, params: Params) -> ProtocolIn:
    return await run_in_threadpool(_protocol_body, params["ctx"], params["election"], form)


@PROTOCOLS.step(
    "/protocols",
    "Enter a precinct's paper protocol (the figures must balance)",
    status_code=201,
    key="protocol",
    read=_protocol_form,
    keep=True,
)
def protocol_enter_api(ctx: Ctx, account: Clerk, election: ElectionId, body: ProtocolIn) -> OkOut:
    found = election_for(ctx, account, election)
    # The body's fields are the protocol's own figures (ProtocolIn).
    ctx.administration(account.commission).protocols.enter(election=found.id, **body.model_dump())
    return OkOut()


@PROTOCOLS.step(
    "/protocols/{precinct}/annul",
    "Annul a precinct protocol by a decision of the commission",
    key="annulled",
    read=form_model(AnnulIn),
    confirm="annul",
)
def protocol_annul_api(
    ctx: Ctx, account: Clerk, election: ElectionId, precinct: str, body: AnnulIn
) -> OkOut:
    found = election_for(ctx, account, election)
    ctx.administration(account.commission).protocols.annul(
        election=found.id, precinct=precinct, reason=body.reason, present=list(body.present)
    )
    return OkOut()


# -- tally, decryption, results -------------------------------------------------------


def _tally(ctx: Ctx, account: AnyRole, election: ElectionId) -> dict[str, Any]:
    page = election_section(ctx, account, election, "tally")
    found, view = page["election"], page["view"]
    admin = ctx.administration(account.commission)
    return {
        **page,
        "seat": evoting.trustee_seat(ctx, found.id, account) if view is not None else None,
        "decision": counting.decision_of(ctx, found.id) if view and view.results else None,
        "members": admin.commissions.members(found.commission),
    }


TALLY = Section(router, "/commission/e/{election}/tally", "console/tally.html", _tally)


@TALLY.step("/tally", "Compute and publish the encrypted tally (voting closed)", key="tallied")
def tally_api(ctx: Ctx, account: Clerk, election: ElectionId) -> OkOut:
    counted = counting.compute_tally(ctx, election_for(ctx, account, election))
    return OkOut(detail={"counted": counted})


async def _share_file(form: FormData, _params: Params) -> bytes:
    return await read_upload(form, "file", CONSOLE.kind_share, MAX_FILE_BYTES)


@TALLY.form("/commission/e/{election}/tally/share", key="uploaded", read=_share_file)
def share_upload(ctx: Ctx, account: TrusteeRole, election: ElectionId, body: bytes) -> int:
    """The trustee's decryption share, verified before it is posted; its trustee index."""
    return counting.upload_share(ctx, election_for(ctx, account, election), account, body)


@router.post(
    "/api/commission/elections/{election}/tally/shares",
    tags=TAGS,
    summary="Upload the trustee's decryption share (verified before it is posted)",
)
def share_upload_api(ctx: Ctx, account: TrusteeRole, election: ElectionId, body: FileIn) -> OkOut:
    raw = json.dumps(body.document).encode()
    return OkOut(detail={"trustee": share_upload(ctx, account, election, raw)})


@TALLY.step(
    "/results",
    "Combine the decryption shares (t needed) and publish the results",
    key="published",
    confirm="publish",
)
def publish_api(ctx: Ctx, account: Chair, election: ElectionId) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    return counting.publish_results(ctx, ctx.administration(account.commission), found)


@TALLY.step(
    "/decision",
    "Record the commission's decision on an outcome the law leaves to it",
    key="decision",
    read=form_model(DecisionIn),
)
def decision_api(ctx: Ctx, account: Clerk, election: ElectionId, body: DecisionIn) -> OkOut:
    found = election_for(ctx, account, election)
    # The body's fields are the decision's own (DecisionIn); an empty candidate is none.
    decided = {**body.model_dump(), "candidate": body.candidate or None}
    counting.record_decision(ctx, ctx.administration(account.commission), found, **decided)
    return OkOut()


# -- the official protocol (public once published) ------------------------------------


def _protocol_pdf(ctx: WebContext, election: str, lang: str) -> bytes:
    admin = ctx.administration()
    try:
        found = admin.lifecycle.election(election)
    except NotFound as exc:
        raise PageNotFound() from exc
    if evoting.board_view(ctx, found.id) is None:
        raise PageNotFound()
    return results_protocol(protocol_report(ctx, admin, found), lang)


@router.get(
    "/commission/e/{election}/protocol-{lang}.pdf",
    dependencies=[PUBLIC_ROUTE],  # the published protocol is public
    tags=TAGS,
    summary="The official results protocol (kk or ru), public once the results are published",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
    },
)
async def protocol_pdf(
    request: Request, ctx: Ctx, election: ElectionId, lang: Literal["kk", "ru"]
) -> Response:
    data = await run_in_threadpool(_protocol_pdf, ctx, election, lang)
    return download(data, "application/pdf", f"protocol-{election}-{lang}.pdf", inline=True)
