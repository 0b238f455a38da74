"""The console's e-voting sections: setting up, the trustees' ceremony, credentials, open and close.

- E-voting is set up by the chair once the ballot is final (campaign or silence).
- The ceremony is guided: each trustee uploads the file its offline command wrote
  for the current step; the page shows who has uploaded what, every complaint and
  whether it was answered; the chair or secretary finalises.  Anything refused
  says why.
- Credentials are issued by the registrar, per precinct: the response is the PDF
  of credential sheets (one code per sheet), shown once and never stored.
- Voting is opened and closed by the chair, in the polling stage.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from tandau.admin.errors import NotFound
from tandau.crypto.errors import TandauError

from ..accounts import Account, Role
from ..auth import AnyRole, Chair, Clerk, ListKeeper, Registrar, TrusteeRole, accounts_of
from ..console import ceremony, counting, credentials, evoting
from ..console import errors as E
from ..console.confirm import unless_confirmed
from ..console.pages import done, election_for, field, fields, integer, read_upload, show, step
from ..console.report import commission_name
from ..console.schemas import CeremonyFileIn, CeremonyOut, CredentialsOut, EvotingIn, OkOut
from ..context import WebContext
from ..errors import BadRequest
from ..pdf import credential_sheets
from ..public_schemas import ElectionId
from .deps import Ctx

__all__ = ["router"]

router = APIRouter()
TAGS: list[str | Any] = ["commission"]


def _pdf(data: bytes, name: str) -> Response:
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# -- setting up -----------------------------------------------------------------------


def _evoting_context(ctx: WebContext, account: Account, election: str) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    view = evoting.board_view(ctx, found.id)
    trustees = [
        a
        for a in accounts_of(ctx).of_commission(found.commission)
        if a.role is Role.TRUSTEE and a.active
    ]
    return {
        "account": account,
        "election": found,
        "view": view,
        "trustee_accounts": trustees,
        "modes": evoting.MODES,
        "pilot": view is not None and view.pilot,
        "section": "evoting",
    }


@router.get(
    "/commission/e/{election}/evoting", response_class=HTMLResponse, include_in_schema=False
)
def evoting_page(request: Request, ctx: Ctx, account: AnyRole, election: ElectionId) -> Response:
    return show(request, "console/evoting.html", lambda: _evoting_context(ctx, account, election))


def _set_up(ctx: WebContext, account: Account, election: str, body: EvotingIn) -> None:
    found = election_for(ctx, account, election)
    evoting.set_up(
        ctx,
        ctx.administration(account.commission),
        found,
        mode=body.mode,
        threshold=body.threshold,
        trustees=body.trustees,
    )


@router.post("/commission/e/{election}/evoting", include_in_schema=False)
async def evoting_set_up(
    request: Request, ctx: Ctx, account: Chair, election: ElectionId
) -> Response:
    form = await request.form()

    def work() -> None:
        try:
            trustees = [int(x) for x in fields(form, "trustees")]
        except ValueError as exc:
            raise BadRequest(detail="trustees") from exc
        body = EvotingIn.model_construct(
            mode=field(form, "mode"), threshold=integer(form, "threshold"), trustees=trustees
        )
        _set_up(ctx, account, election, body)

    return await step(
        request,
        work,
        lambda _: done(f"/commission/e/{election}/ceremony", "evoting"),
        "console/evoting.html",
        lambda: _evoting_context(ctx, account, election),
    )


@router.post(
    "/api/commission/elections/{election}/evoting",
    tags=TAGS,
    summary="Fix the electronic ballot, trustees and threshold; publish the manifest",
)
def evoting_api(ctx: Ctx, account: Chair, election: ElectionId, body: EvotingIn) -> OkOut:
    _set_up(ctx, account, election, body)
    view = evoting.board_view(ctx, election)
    return OkOut(detail={"fingerprint": view.fingerprint if view else None})


def _voting(ctx: WebContext, account: Account, election: str, action: str) -> None:
    found = election_for(ctx, account, election)
    if action == "open":
        counting.open_voting(ctx, found)
    else:
        counting.close_voting(ctx, found)


async def _voting_page(
    request: Request, ctx: WebContext, account: Account, election: str, action: str
) -> Response:
    found = await run_in_threadpool(election_for, ctx, account, election)
    back = f"/commission/e/{election}/evoting"
    asked = await unless_confirmed(request, action, account, back, found)
    if asked is not None:
        return asked
    return await step(
        request,
        lambda: _voting(ctx, account, election, action),
        lambda _: done(
            f"/commission/e/{election}/evoting", "opened" if action == "open" else "closed"
        ),
        "console/evoting.html",
        lambda: _evoting_context(ctx, account, election),
    )


@router.post("/commission/e/{election}/voting/open", include_in_schema=False)
async def voting_open(request: Request, ctx: Ctx, account: Chair, election: ElectionId) -> Response:
    return await _voting_page(request, ctx, account, election, "open")


@router.post("/commission/e/{election}/voting/close", include_in_schema=False)
async def voting_close(
    request: Request, ctx: Ctx, account: Chair, election: ElectionId
) -> Response:
    return await _voting_page(request, ctx, account, election, "close")


@router.post(
    "/api/commission/elections/{election}/voting/open",
    tags=TAGS,
    summary="Open voting (polling stage; key and credentials published)",
)
def voting_open_api(ctx: Ctx, account: Chair, election: ElectionId) -> OkOut:
    _voting(ctx, account, election, "open")
    return OkOut()


@router.post(
    "/api/commission/elections/{election}/voting/close",
    tags=TAGS,
    summary="Close voting",
)
def voting_close_api(ctx: Ctx, account: Chair, election: ElectionId) -> OkOut:
    _voting(ctx, account, election, "close")
    return OkOut()


# -- the ceremony ---------------------------------------------------------------------


def _ceremony_context(ctx: WebContext, account: Account, election: str) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    view = evoting.board_view(ctx, found.id)
    progress = ceremony.progress(ctx, found.id) if view is not None else None
    seat = None
    if view is not None and account.role is Role.TRUSTEE:
        seat = next((i for i, a in evoting.seats(ctx, found.id).items() if a == account.id), None)
    return {
        "account": account,
        "election": found,
        "view": view,
        "progress": progress,
        "seat": seat,
        "pilot": view is not None and view.pilot,
        "section": "ceremony",
    }


def _ceremony_out(ctx: WebContext, account: Account, election: str) -> CeremonyOut:
    found = election_for(ctx, account, election)
    if evoting.board_view(ctx, found.id) is None:
        raise NotFound("election", election)
    p = ceremony.progress(ctx, found.id)
    return CeremonyOut(
        step=p.step,
        trustees=[
            {
                "index": t.index,
                "name": t.name,
                "setup": t.index in p.setups,
                "dealing": t.index in p.dealings,
                "response": t.index in p.responses,
            }
            for t in p.manifest.trustees
        ],
        complaints=[
            {"dealer": c.dealer, "recipient": c.recipient, "reason": c.reason, "answered": ok}
            for c, ok in p.complaints
        ],
        joint_key=p.result.joint_key.to_hex() if p.result is not None else None,
    )


@router.get(
    "/commission/e/{election}/ceremony", response_class=HTMLResponse, include_in_schema=False
)
def ceremony_page(request: Request, ctx: Ctx, account: AnyRole, election: ElectionId) -> Response:
    return show(request, "console/ceremony.html", lambda: _ceremony_context(ctx, account, election))


@router.get(
    "/api/commission/elections/{election}/ceremony",
    tags=TAGS,
    summary="The ceremony's progress and complaints",
)
def ceremony_api(ctx: Ctx, account: AnyRole, election: ElectionId) -> CeremonyOut:
    return _ceremony_out(ctx, account, election)


@router.post("/commission/e/{election}/ceremony/upload", include_in_schema=False)
async def ceremony_upload(
    request: Request, ctx: Ctx, account: TrusteeRole, election: ElectionId
) -> Response:
    form = await request.form()
    kind = field(form, "kind")

    def context() -> dict[str, Any]:
        return _ceremony_context(ctx, account, election)

    try:
        label = ceremony.KINDS[kind][2] if kind in ceremony.KINDS else E.KIND_SETUP
        raw = await read_upload(form, "file", label, ceremony.MAX_FILE_BYTES)
    except TandauError as exc:
        return show(request, "console/ceremony.html", context, error=exc)

    def work() -> int:
        election_for(ctx, account, election)
        if kind not in ceremony.KINDS:
            raise BadRequest(detail="kind")
        return ceremony.upload(ctx, election, account, kind, raw)

    return await step(
        request,
        work,
        lambda _: done(f"/commission/e/{election}/ceremony", "uploaded"),
        "console/ceremony.html",
        context,
    )


@router.post(
    "/api/commission/elections/{election}/ceremony/files",
    tags=TAGS,
    summary="Upload one of the trustee's ceremony files (setup, dealing, response, reveal)",
)
def ceremony_upload_api(
    ctx: Ctx, account: TrusteeRole, election: ElectionId, body: CeremonyFileIn
) -> OkOut:
    election_for(ctx, account, election)
    raw = json.dumps(body.document).encode()
    index = ceremony.upload(ctx, election, account, body.kind, raw)
    return OkOut(detail={"trustee": index})


def _finalize(ctx: WebContext, account: Account, election: str) -> None:
    election_for(ctx, account, election)
    ceremony.finalize_ceremony(ctx, election)


@router.post("/commission/e/{election}/ceremony/finalize", include_in_schema=False)
async def ceremony_finalize(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId
) -> Response:
    return await step(
        request,
        lambda: _finalize(ctx, account, election),
        lambda _: done(f"/commission/e/{election}/ceremony", "finalized"),
        "console/ceremony.html",
        lambda: _ceremony_context(ctx, account, election),
    )


@router.post(
    "/api/commission/elections/{election}/ceremony/finalize",
    tags=TAGS,
    summary="Compute the election key from the files and publish the ceremony",
)
def ceremony_finalize_api(ctx: Ctx, account: Clerk, election: ElectionId) -> OkOut:
    _finalize(ctx, account, election)
    return OkOut()


def _files(ctx: WebContext, account: Account, election: str) -> bytes:
    election_for(ctx, account, election)
    if evoting.board_view(ctx, election) is None:
        raise NotFound("election", election)

    def tally(svc: Any) -> dict[str, Any] | None:
        found: dict[str, Any] | None = svc.state.tally
        return found

    return ceremony.public_files(ctx, election, ctx.with_election(election, tally))


@router.get(
    "/commission/e/{election}/ceremony/files.zip",
    response_class=Response,
    include_in_schema=False,
)
async def ceremony_files(
    request: Request, ctx: Ctx, account: AnyRole, election: ElectionId
) -> Response:
    data = await run_in_threadpool(_files, ctx, account, election)
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="ceremony-{election}.zip"'},
    )


# -- credentials ----------------------------------------------------------------------


def _credentials_context(ctx: WebContext, account: Account, election: str) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    admin = ctx.administration(account.commission)
    view = evoting.board_view(ctx, found.id)
    try:
        precincts = list(admin.districts.district(found.id).precincts)
    except TandauError:
        precincts = []
    return {
        "account": account,
        "election": found,
        "view": view,
        "precincts": precincts,
        "counts": {p: admin.voters.count(found.id, p) for p in precincts},
        "batches": credentials.batches(ctx, found.id),
        "pilot": view is not None and view.pilot,
        "section": "credentials",
    }


@router.get(
    "/commission/e/{election}/credentials", response_class=HTMLResponse, include_in_schema=False
)
def credentials_page(
    request: Request, ctx: Ctx, account: ListKeeper, election: ElectionId
) -> Response:
    return show(
        request,
        "console/credentials.html",
        lambda: _credentials_context(ctx, account, election),
    )


def _issue(ctx: WebContext, account: Account, election: str, precinct: str) -> credentials.Issued:
    found = election_for(ctx, account, election)
    return credentials.issue(ctx, ctx.administration(account.commission), found, precinct, account)


@router.post("/commission/e/{election}/credentials/{precinct}", include_in_schema=False)
async def credentials_issue(
    request: Request, ctx: Ctx, account: Registrar, election: ElectionId, precinct: str
) -> Response:
    def work() -> bytes:
        issued = _issue(ctx, account, election, precinct)
        view = evoting.board_view(ctx, election)
        assert view is not None
        return credential_sheets(
            title=dict(view.manifest.title),
            precinct=precinct,
            codes=issued.codes,
            commission=commission_name(ctx, account.commission),
        )

    return await step(
        request,
        work,
        lambda data: _pdf(data, f"credentials-{election}-{precinct}.pdf"),
        "console/credentials.html",
        lambda: _credentials_context(ctx, account, election),
    )


@router.post(
    "/api/commission/elections/{election}/credentials/{precinct}",
    tags=TAGS,
    summary="Issue a precinct's credentials; the codes are returned once and never stored",
)
def credentials_api(
    ctx: Ctx, account: Registrar, election: ElectionId, precinct: str
) -> CredentialsOut:
    issued = _issue(ctx, account, election, precinct)
    return CredentialsOut(precinct=issued.precinct, codes=list(issued.codes))
