"""The console's printable PDFs (kk or ru): candidates' list, voter list extract, protocol form.

A village secretary prints them for the notice board, the polling station and
the night of the count; they are read from the administration's records.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..auth import AnyRole, ListKeeper
from ..console.pages import election_for
from ..errors import PageNotFound
from ..forms_pdf import candidates_list, protocol_form, voter_extract
from ..public_schemas import ElectionId
from .deps import Ctx

__all__ = ["router"]

router = APIRouter()

Lang = Literal["kk", "ru"]
Precinct = Annotated[str, Path(max_length=64)]


def _known(precinct: object) -> None:
    if precinct is None:
        raise PageNotFound()


def _pdf(data: bytes, name: str) -> Response:
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@router.get("/commission/e/{election}/forms/candidates-{lang}.pdf", include_in_schema=False)
async def candidates_pdf(
    request: Request, ctx: Ctx, account: AnyRole, election: ElectionId, lang: Lang
) -> Response:
    def work() -> bytes:
        found = election_for(ctx, account, election)
        return candidates_list(found, ctx.administration().nominations.candidates(found.id), lang)

    return _pdf(await run_in_threadpool(work), f"candidates-{election}-{lang}.pdf")


@router.get("/commission/e/{election}/forms/{precinct}/voters-{lang}.pdf", include_in_schema=False)
async def voters_pdf(
    request: Request,
    ctx: Ctx,
    account: ListKeeper,
    election: ElectionId,
    precinct: Precinct,
    lang: Lang,
) -> Response:
    def work() -> bytes:
        found = election_for(ctx, account, election)
        admin = ctx.administration()
        _known(admin.districts.precinct(precinct))
        return voter_extract(found, precinct, admin.voters.voters(found.id, precinct), lang)

    return _pdf(await run_in_threadpool(work), f"voters-{election}-{precinct}-{lang}.pdf")


@router.get(
    "/commission/e/{election}/forms/{precinct}/protocol-{lang}.pdf", include_in_schema=False
)
async def protocol_form_pdf(
    request: Request,
    ctx: Ctx,
    account: AnyRole,
    election: ElectionId,
    precinct: Precinct,
    lang: Lang,
) -> Response:
    def work() -> bytes:
        found = election_for(ctx, account, election)
        admin = ctx.administration()
        _known(admin.districts.precinct(precinct))
        return protocol_form(found, precinct, admin.nominations.candidates(found.id), lang)

    return _pdf(await run_in_threadpool(work), f"protocol-form-{election}-{precinct}-{lang}.pdf")
