"""The console's printable PDFs (kk or ru): candidates' list, voter list extract, protocol form.

A village secretary prints them for the notice board, the polling station and
the night of the count; they are read from the administration's records.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path
from starlette.responses import Response

from tandau.admin.records import Election

from ..accounts import Account
from ..auth import AnyRole, ListKeeper
from ..console.capability import election_for
from ..context import WebContext
from ..errors import PageNotFound
from ..forms_pdf import candidates_list, protocol_form, voter_extract
from ..public_schemas import ElectionId
from .deps import Ctx, download

__all__ = ["router"]

router = APIRouter()

Lang = Literal["kk", "ru"]
Precinct = Annotated[str, Path(max_length=64)]


def _in_district(ctx: WebContext, account: Account, election: str, precinct: str) -> Election:
    """The election in scope, if ``precinct`` exists (PageNotFound otherwise)."""
    found = election_for(ctx, account, election)
    if ctx.administration().districts.precinct(precinct) is None:
        raise PageNotFound()
    return found


def _pdf(data: bytes, name: str) -> Response:
    return download(data, "application/pdf", name, inline=True)


@router.get("/commission/e/{election}/forms/candidates-{lang}.pdf", include_in_schema=False)
def candidates_pdf(ctx: Ctx, account: AnyRole, election: ElectionId, lang: Lang) -> Response:
    found = election_for(ctx, account, election)
    data = candidates_list(found, ctx.administration().nominations.candidates(found.id), lang)
    return _pdf(data, f"candidates-{election}-{lang}.pdf")


@router.get("/commission/e/{election}/forms/{precinct}/voters-{lang}.pdf", include_in_schema=False)
def voters_pdf(
    ctx: Ctx, account: ListKeeper, election: ElectionId, precinct: Precinct, lang: Lang
) -> Response:
    found = _in_district(ctx, account, election, precinct)
    voters = ctx.administration().voters.voters(found.id, precinct)
    return _pdf(
        voter_extract(found, precinct, voters, lang), f"voters-{election}-{precinct}-{lang}.pdf"
    )


@router.get(
    "/commission/e/{election}/forms/{precinct}/protocol-{lang}.pdf", include_in_schema=False
)
def protocol_form_pdf(
    ctx: Ctx, account: AnyRole, election: ElectionId, precinct: Precinct, lang: Lang
) -> Response:
    found = _in_district(ctx, account, election, precinct)
    candidates = ctx.administration().nominations.candidates(found.id)
    data = protocol_form(found, precinct, candidates, lang)
    return _pdf(data, f"protocol-form-{election}-{precinct}-{lang}.pdf")
