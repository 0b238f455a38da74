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
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from tandau.admin.errors import NotFound
from tandau.i18n import CONSOLE

from ..accounts import Account, Role
from ..auth import AnyRole, Chair, Clerk, ListKeeper, Registrar, TrusteeRole, accounts_of
from ..console import ceremony, counting, credentials, evoting
from ..console.capability import Params, Section, election_for, election_section, voter_counts
from ..console.pages import field, form_model, read_upload
from ..console.report import commission_name
from ..console.schemas import CeremonyFileIn, CeremonyOut, CredentialsOut, EvotingIn, OkOut
from ..context import WebContext
from ..errors import BadRequest
from ..pdf import credential_sheets
from ..public_schemas import ElectionId
from .deps import Ctx, download

__all__ = ["router"]

router = APIRouter()
TAGS: list[str | Any] = ["commission"]


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


@EVOTING.step(
    "/evoting",
    "Fix the electronic ballot, trustees and threshold; publish the manifest",
    key="evoting",
    to="/commission/e/{election}/ceremony",
    read=form_model(EvotingIn),
)
def evoting_api(ctx: Ctx, account: Chair, election: ElectionId, body: EvotingIn) -> OkOut:
    found = election_for(ctx, account, election)
    # The body's fields are the set-up's own (EvotingIn).
    evoting.set_up(ctx, ctx.administration(account.commission), found, **body.model_dump())
    view = evoting.board_view(ctx, election)
    return OkOut(detail={"fingerprint": view.fingerprint if view else None})


@EVOTING.step(
    "/voting/open",
    "Open voting (polling stage; key and credentials published)",
    key="opened",
    confirm="open",
)
def voting_open_api(ctx: Ctx, account: Chair, election: ElectionId) -> OkOut:
    counting.open_voting(ctx, election_for(ctx, account, election))
    return OkOut()


@EVOTING.step("/voting/close", "Close voting", key="closed", confirm="close")
def voting_close_api(ctx: Ctx, account: Chair, election: ElectionId) -> OkOut:
    counting.close_voting(ctx, election_for(ctx, account, election))
    return OkOut()


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


async def _ceremony_file(form: FormData, _params: Params) -> tuple[str, bytes]:
    """The file's kind (setup, dealing, response, reveal) and its bytes."""
    kind = field(form, "kind")
    label = ceremony.KINDS[kind][2] if kind in ceremony.KINDS else CONSOLE.kind_setup
    return kind, await read_upload(form, "file", label, ceremony.MAX_FILE_BYTES)


@CEREMONY.form("/commission/e/{election}/ceremony/upload", key="uploaded", read=_ceremony_file)
def ceremony_upload(
    ctx: Ctx, account: TrusteeRole, election: ElectionId, body: tuple[str, bytes]
) -> int:
    """One of the trustee's ceremony files, checked before it is posted; its trustee index."""
    kind, raw = body
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
    return OkOut(detail={"trustee": ceremony_upload(ctx, account, election, (body.kind, raw))})


@CEREMONY.step(
    "/ceremony/finalize",
    "Compute the election key from the files and publish the ceremony",
    key="finalized",
)
def ceremony_finalize_api(ctx: Ctx, account: Clerk, election: ElectionId) -> OkOut:
    election_for(ctx, account, election)
    ceremony.finalize_ceremony(ctx, election)
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
    return download(data, "application/zip", f"ceremony-{election}.zip")


# -- credentials ----------------------------------------------------------------------


def _credentials(ctx: Ctx, account: ListKeeper, election: ElectionId) -> dict[str, Any]:
    page = election_section(ctx, account, election, "credentials")
    found = page["election"]
    admin = ctx.administration(account.commission)
    return {
        **page,
        **voter_counts(admin, found.id),
        "batches": credentials.batches(ctx, found.id),
    }


CREDENTIALS = Section(
    router, "/commission/e/{election}/credentials", "console/credentials.html", _credentials
)


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
    return download(data, "application/pdf", f"credentials-{election}-{params['precinct']}.pdf")


@CREDENTIALS.step(
    "/credentials/{precinct}",
    "Issue a precinct's credentials; the codes are returned once and never stored",
    present=_sheets,
)
def credentials_api(
    ctx: Ctx, account: Registrar, election: ElectionId, precinct: str
) -> CredentialsOut:
    found = election_for(ctx, account, election)
    admin = ctx.administration(account.commission)
    issued = credentials.issue(ctx, admin, found, precinct, account)
    return CredentialsOut(precinct=issued.precinct, codes=list(issued.codes))
