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
from starlette.responses import Response

from tandau.admin.errors import NotFound
from tandau.crypto.errors import TandauError

from ..accounts import Account, Role
from ..auth import AnyRole, Chair, Clerk, ListKeeper, Registrar, TrusteeRole, accounts_of
from ..console import ceremony, counting, credentials, evoting
from ..console import errors as E
from ..console.capability import Params, Section, form_step
from ..console.pages import (
    done,
    election_for,
    election_section,
    field,
    form_model,
    precincts_of,
    read_upload,
    step,
)
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


def _evoting(ctx: Ctx, account: AnyRole, election: ElectionId) -> dict[str, Any]:
    page = election_section(ctx, account, election, "evoting")
    trustees = [
        a
        for a in accounts_of(ctx).of_commission(page["election"].commission)
        if a.role is Role.TRUSTEE and a.active
    ]
    return {**page, "trustee_accounts": trustees, "modes": evoting.MODES}


EVOTING = Section(router, "/commission/e/{election}/evoting", "console/evoting.html", _evoting)


@router.post(
    "/api/commission/elections/{election}/evoting",
    tags=TAGS,
    summary="Fix the electronic ballot, trustees and threshold; publish the manifest",
)
def evoting_api(ctx: Ctx, account: Chair, election: ElectionId, body: EvotingIn) -> OkOut:
    found = election_for(ctx, account, election)
    evoting.set_up(
        ctx,
        ctx.administration(account.commission),
        found,
        mode=body.mode,
        threshold=body.threshold,
        trustees=body.trustees,
    )
    view = evoting.board_view(ctx, election)
    return OkOut(detail={"fingerprint": view.fingerprint if view else None})


form_step(
    router,
    "/commission/e/{election}/evoting",
    evoting_api,
    EVOTING,
    key="evoting",
    to="/commission/e/{election}/ceremony",
    read=form_model(EvotingIn),
)


@router.post(
    "/api/commission/elections/{election}/voting/open",
    tags=TAGS,
    summary="Open voting (polling stage; key and credentials published)",
)
def voting_open_api(ctx: Ctx, account: Chair, election: ElectionId) -> OkOut:
    counting.open_voting(ctx, election_for(ctx, account, election))
    return OkOut()


@router.post(
    "/api/commission/elections/{election}/voting/close",
    tags=TAGS,
    summary="Close voting",
)
def voting_close_api(ctx: Ctx, account: Chair, election: ElectionId) -> OkOut:
    counting.close_voting(ctx, election_for(ctx, account, election))
    return OkOut()


form_step(
    router,
    "/commission/e/{election}/voting/open",
    voting_open_api,
    EVOTING,
    key="opened",
    confirm="open",
)
form_step(
    router,
    "/commission/e/{election}/voting/close",
    voting_close_api,
    EVOTING,
    key="closed",
    confirm="close",
)


# -- the ceremony ---------------------------------------------------------------------


def _ceremony(ctx: Ctx, account: AnyRole, election: ElectionId) -> dict[str, Any]:
    page = election_section(ctx, account, election, "ceremony")
    found, shown = page["election"], page["view"] is not None
    return {
        **page,
        "progress": ceremony.progress(ctx, found.id) if shown else None,
        "seat": evoting.trustee_seat(ctx, found.id, account) if shown else None,
    }


CEREMONY = Section(router, "/commission/e/{election}/ceremony", "console/ceremony.html", _ceremony)


@router.get(
    "/api/commission/elections/{election}/ceremony",
    tags=TAGS,
    summary="The ceremony's progress and complaints",
)
def ceremony_api(ctx: Ctx, account: AnyRole, election: ElectionId) -> CeremonyOut:
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


@router.post("/commission/e/{election}/ceremony/upload", include_in_schema=False)
async def ceremony_upload(
    request: Request, ctx: Ctx, account: TrusteeRole, election: ElectionId
) -> Response:
    form = await request.form()
    kind = field(form, "kind")
    params = {"ctx": ctx, "account": account, "election": election}
    try:
        label = ceremony.KINDS[kind][2] if kind in ceremony.KINDS else E.KIND_SETUP
        raw = await read_upload(form, "file", label, ceremony.MAX_FILE_BYTES)
    except TandauError as exc:
        return CEREMONY.show(request, params, error=exc)
    return await step(
        request,
        lambda: _upload(ctx, account, election, kind, raw),
        lambda _: done(f"/commission/e/{election}/ceremony", "uploaded"),
        CEREMONY.template,
        lambda: CEREMONY.load(params),
    )


def _upload(ctx: WebContext, account: Account, election: str, kind: str, raw: bytes) -> int:
    election_for(ctx, account, election)
    if kind not in ceremony.KINDS:
        raise BadRequest(detail="kind")
    return ceremony.upload(ctx, election, account, kind, raw)


@router.post(
    "/api/commission/elections/{election}/ceremony/files",
    tags=TAGS,
    summary="Upload one of the trustee's ceremony files (setup, dealing, response, reveal)",
)
def ceremony_upload_api(
    ctx: Ctx, account: TrusteeRole, election: ElectionId, body: CeremonyFileIn
) -> OkOut:
    raw = json.dumps(body.document).encode()
    return OkOut(detail={"trustee": _upload(ctx, account, election, body.kind, raw)})


@router.post(
    "/api/commission/elections/{election}/ceremony/finalize",
    tags=TAGS,
    summary="Compute the election key from the files and publish the ceremony",
)
def ceremony_finalize_api(ctx: Ctx, account: Clerk, election: ElectionId) -> OkOut:
    election_for(ctx, account, election)
    ceremony.finalize_ceremony(ctx, election)
    return OkOut()


form_step(
    router,
    "/commission/e/{election}/ceremony/finalize",
    ceremony_finalize_api,
    CEREMONY,
    key="finalized",
)


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


def _credentials(ctx: Ctx, account: ListKeeper, election: ElectionId) -> dict[str, Any]:
    page = election_section(ctx, account, election, "credentials")
    found = page["election"]
    admin = ctx.administration(account.commission)
    precincts = precincts_of(admin, found.id)
    return {
        **page,
        "precincts": precincts,
        "counts": {p: admin.voters.count(found.id, p) for p in precincts},
        "batches": credentials.batches(ctx, found.id),
    }


CREDENTIALS = Section(
    router, "/commission/e/{election}/credentials", "console/credentials.html", _credentials
)


@router.post(
    "/api/commission/elections/{election}/credentials/{precinct}",
    tags=TAGS,
    summary="Issue a precinct's credentials; the codes are returned once and never stored",
)
def credentials_api(
    ctx: Ctx, account: Registrar, election: ElectionId, precinct: str
) -> CredentialsOut:
    found = election_for(ctx, account, election)
    admin = ctx.administration(account.commission)
    issued = credentials.issue(ctx, admin, found, precinct, account)
    return CredentialsOut(precinct=issued.precinct, codes=list(issued.codes))


def _sheets(request: Request, params: Params, issued: CredentialsOut) -> Response:
    """The credential sheets as a PDF, one code per sheet (the codes are shown only now)."""
    ctx, election = params["ctx"], params["election"]
    view = evoting.board_view(ctx, election)
    assert view is not None
    data = credential_sheets(
        title=dict(view.manifest.title),
        precinct=params["precinct"],
        codes=issued.codes,
        commission=commission_name(ctx, params["account"].commission),
    )
    return _pdf(data, f"credentials-{election}-{params['precinct']}.pdf")


form_step(
    router,
    "/commission/e/{election}/credentials/{precinct}",
    credentials_api,
    CREDENTIALS,
    present=_sheets,
)
