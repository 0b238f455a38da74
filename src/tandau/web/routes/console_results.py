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
from starlette.responses import HTMLResponse, Response

from tandau.admin.errors import NotFound
from tandau.admin.records import PROTOCOL_FIGURES, CandidateStatus
from tandau.crypto.errors import TandauError

from ..access import PUBLIC_ROUTE
from ..accounts import Account, Role
from ..auth import AnyRole, Chair, Clerk, TrusteeRole
from ..console import counting, evoting
from ..console import errors as E
from ..console.ceremony import MAX_FILE_BYTES
from ..console.confirm import unless_confirmed
from ..console.pages import done, election_for, field, fields, integer, read_upload, show, step
from ..console.report import protocol_report
from ..console.schemas import AnnulIn, DecisionIn, FileIn, OkOut, ProtocolIn
from ..context import WebContext
from ..errors import PageNotFound
from ..pdf import results_protocol
from ..public_schemas import ElectionId
from .deps import Ctx

__all__ = ["router"]

router = APIRouter()
TAGS: list[str | Any] = ["commission"]

FIGURES = PROTOCOL_FIGURES


# -- paper protocols ------------------------------------------------------------------


def _protocols_context(ctx: WebContext, account: Account, election: str) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    admin = ctx.administration(account.commission)
    try:
        precincts = list(admin.districts.district(found.id).precincts)
    except TandauError:
        precincts = []
    candidates = {c.id: c for c in admin.nominations.candidates(found.id)}
    view = evoting.board_view(ctx, found.id)
    return {
        "account": account,
        "election": found,
        "precincts": precincts,
        "protocols": {p.precinct: p for p in admin.protocols.protocols(found.id)},
        "candidates": [candidates[c] for c in _on_ballot(ctx, found.id)],
        "members": admin.commissions.members(found.commission),
        "figures": FIGURES,
        "pilot": view is not None and view.pilot,
        "section": "protocols",
    }


def _on_ballot(ctx: WebContext, election: str) -> list[str]:
    """The candidates on the ballot, as the protocol's votes must name them."""
    return [
        c.id
        for c in ctx.administration().nominations.candidates(election)
        if c.status is CandidateStatus.REGISTERED
    ]


@router.get(
    "/commission/e/{election}/protocols", response_class=HTMLResponse, include_in_schema=False
)
def protocols_page(request: Request, ctx: Ctx, account: AnyRole, election: ElectionId) -> Response:
    return show(
        request, "console/protocols.html", lambda: _protocols_context(ctx, account, election)
    )


def _enter(ctx: WebContext, account: Account, election: str, body: ProtocolIn) -> None:
    found = election_for(ctx, account, election)
    ctx.administration(account.commission).protocols.enter(
        election=found.id,
        precinct=body.precinct,
        voters_on_list=body.voters_on_list,
        ballots_received=body.ballots_received,
        ballots_issued=body.ballots_issued,
        ballots_unused=body.ballots_unused,
        ballots_spoiled=body.ballots_spoiled,
        ballots_cast=body.ballots_cast,
        invalid=body.invalid,
        against_all=body.against_all,
        votes=dict(body.votes),
    )


def _protocol_form(ctx: WebContext, election: str, form: FormData) -> ProtocolIn:
    values: dict[str, Any] = {name: integer(form, name) for name in FIGURES}
    votes = {c: integer(form, f"votes.{c}") for c in _on_ballot(ctx, election)}
    return ProtocolIn.model_construct(precinct=field(form, "precinct"), votes=votes, **values)


@router.post("/commission/e/{election}/protocols", include_in_schema=False)
async def protocol_enter(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId
) -> Response:
    form = await request.form()
    return await step(
        request,
        lambda: _enter(ctx, account, election, _protocol_form(ctx, election, form)),
        lambda _: done(f"/commission/e/{election}/protocols", "protocol"),
        "console/protocols.html",
        lambda: _protocols_context(ctx, account, election),
        values=form,
    )


@router.post(
    "/api/commission/elections/{election}/protocols",
    tags=TAGS,
    summary="Enter a precinct's paper protocol (the figures must balance)",
    status_code=201,
)
def protocol_enter_api(ctx: Ctx, account: Clerk, election: ElectionId, body: ProtocolIn) -> OkOut:
    _enter(ctx, account, election, body)
    return OkOut()


def _annul(ctx: WebContext, account: Account, election: str, precinct: str, body: AnnulIn) -> None:
    found = election_for(ctx, account, election)
    ctx.administration(account.commission).protocols.annul(
        election=found.id, precinct=precinct, reason=body.reason, present=list(body.present)
    )


@router.post("/commission/e/{election}/protocols/{precinct}/annul", include_in_schema=False)
async def protocol_annul(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId, precinct: str
) -> Response:
    found = await run_in_threadpool(election_for, ctx, account, election)
    back = f"/commission/e/{election}/protocols"
    asked = await unless_confirmed(request, "annul", account, back, found)
    if asked is not None:
        return asked
    form = await request.form()
    body = AnnulIn.model_construct(reason=field(form, "reason"), present=fields(form, "present"))
    return await step(
        request,
        lambda: _annul(ctx, account, election, precinct, body),
        lambda _: done(f"/commission/e/{election}/protocols", "annulled"),
        "console/protocols.html",
        lambda: _protocols_context(ctx, account, election),
    )


@router.post(
    "/api/commission/elections/{election}/protocols/{precinct}/annul",
    tags=TAGS,
    summary="Annul a precinct protocol by a decision of the commission",
)
def protocol_annul_api(
    ctx: Ctx, account: Clerk, election: ElectionId, precinct: str, body: AnnulIn
) -> OkOut:
    _annul(ctx, account, election, precinct, body)
    return OkOut()


# -- tally, decryption, results -------------------------------------------------------


def _tally_context(ctx: WebContext, account: Account, election: str) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    view = evoting.board_view(ctx, found.id)
    seat = None
    if view is not None and account.role is Role.TRUSTEE:
        seat = next((i for i, a in evoting.seats(ctx, found.id).items() if a == account.id), None)
    return {
        "account": account,
        "election": found,
        "view": view,
        "seat": seat,
        "decision": counting.decision_of(ctx, found.id) if view and view.results else None,
        "members": ctx.administration(account.commission).commissions.members(found.commission),
        "pilot": view is not None and view.pilot,
        "section": "tally",
    }


@router.get("/commission/e/{election}/tally", response_class=HTMLResponse, include_in_schema=False)
def tally_page(request: Request, ctx: Ctx, account: AnyRole, election: ElectionId) -> Response:
    return show(request, "console/tally.html", lambda: _tally_context(ctx, account, election))


def _tally(ctx: WebContext, account: Account, election: str) -> int:
    return counting.compute_tally(ctx, election_for(ctx, account, election))


@router.post("/commission/e/{election}/tally", include_in_schema=False)
async def tally_compute(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId
) -> Response:
    return await step(
        request,
        lambda: _tally(ctx, account, election),
        lambda _: done(f"/commission/e/{election}/tally", "tallied"),
        "console/tally.html",
        lambda: _tally_context(ctx, account, election),
    )


@router.post(
    "/api/commission/elections/{election}/tally",
    tags=TAGS,
    summary="Compute and publish the encrypted tally (voting closed)",
)
def tally_api(ctx: Ctx, account: Clerk, election: ElectionId) -> OkOut:
    return OkOut(detail={"counted": _tally(ctx, account, election)})


@router.post("/commission/e/{election}/tally/share", include_in_schema=False)
async def share_upload(
    request: Request, ctx: Ctx, account: TrusteeRole, election: ElectionId
) -> Response:
    form = await request.form()

    def context() -> dict[str, Any]:
        return _tally_context(ctx, account, election)

    try:
        raw = await read_upload(form, "file", E.KIND_SHARE, MAX_FILE_BYTES)
    except TandauError as exc:
        return show(request, "console/tally.html", context, error=exc)
    return await step(
        request,
        lambda: counting.upload_share(ctx, election_for(ctx, account, election), account, raw),
        lambda _: done(f"/commission/e/{election}/tally", "uploaded"),
        "console/tally.html",
        context,
    )


@router.post(
    "/api/commission/elections/{election}/tally/shares",
    tags=TAGS,
    summary="Upload the trustee's decryption share (verified before it is posted)",
)
def share_upload_api(ctx: Ctx, account: TrusteeRole, election: ElectionId, body: FileIn) -> OkOut:
    raw = json.dumps(body.document).encode()
    index = counting.upload_share(ctx, election_for(ctx, account, election), account, raw)
    return OkOut(detail={"trustee": index})


def _publish(ctx: WebContext, account: Account, election: str) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    return counting.publish_results(ctx, ctx.administration(account.commission), found)


@router.post("/commission/e/{election}/results", include_in_schema=False)
async def publish(request: Request, ctx: Ctx, account: Chair, election: ElectionId) -> Response:
    found = await run_in_threadpool(election_for, ctx, account, election)
    back = f"/commission/e/{election}/tally"
    asked = await unless_confirmed(request, "publish", account, back, found)
    if asked is not None:
        return asked
    return await step(
        request,
        lambda: _publish(ctx, account, election),
        lambda _: done(f"/commission/e/{election}/tally", "published"),
        "console/tally.html",
        lambda: _tally_context(ctx, account, election),
    )


@router.post(
    "/api/commission/elections/{election}/results",
    tags=TAGS,
    summary="Combine the decryption shares (t needed) and publish the results",
)
def publish_api(ctx: Ctx, account: Chair, election: ElectionId) -> dict[str, Any]:
    return _publish(ctx, account, election)


def _decide(ctx: WebContext, account: Account, election: str, body: DecisionIn) -> None:
    found = election_for(ctx, account, election)
    counting.record_decision(
        ctx,
        ctx.administration(account.commission),
        found,
        resolution=body.resolution,
        candidate=body.candidate or None,
        reason=body.reason,
        present=list(body.present),
    )


@router.post("/commission/e/{election}/decision", include_in_schema=False)
async def decision(request: Request, ctx: Ctx, account: Clerk, election: ElectionId) -> Response:
    form = await request.form()
    body = DecisionIn.model_construct(
        resolution=field(form, "resolution"),
        candidate=field(form, "candidate") or None,
        reason=field(form, "reason"),
        present=fields(form, "present"),
    )
    return await step(
        request,
        lambda: _decide(ctx, account, election, body),
        lambda _: done(f"/commission/e/{election}/tally", "decision"),
        "console/tally.html",
        lambda: _tally_context(ctx, account, election),
    )


@router.post(
    "/api/commission/elections/{election}/decision",
    tags=TAGS,
    summary="Record the commission's decision on an outcome the law leaves to it",
)
def decision_api(ctx: Ctx, account: Clerk, election: ElectionId, body: DecisionIn) -> OkOut:
    _decide(ctx, account, election, body)
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
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="protocol-{election}-{lang}.pdf"'},
    )
