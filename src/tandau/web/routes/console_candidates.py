"""The console's candidates and voter-list sections: nomination, registration, lists.

Nomination, signature sheets, the registration decision and withdrawal are the
administration's steps (``tandau.admin.nominations``): the law's checks run
there, and a refusal is shown with every rule, its article and its message in the
user's language.  Voter lists hold personal data: only the chair, the secretary
and the registrar see them.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from tandau.admin.records import Candidate
from tandau.admin.voters import VoterImport
from tandau.crypto.errors import TandauError

from ..accounts import Account
from ..auth import AnyRole, Clerk, ListKeeper
from ..console import evoting
from ..console.errors import KIND_CSV
from ..console.pages import done, election_for, field, fields, show, step, upload_text
from ..console.schemas import CorrectionIn, NomineeIn, OkOut, SignaturesIn, TextIn
from ..context import WebContext
from ..errors import BadRequest
from ..public_schemas import ElectionId
from ..templating import render
from .deps import Ctx

__all__ = ["router"]

router = APIRouter()
TAGS: list[str | Any] = ["commission"]
MAX_CSV = 20 * 1024 * 1024

#: The documents of a registration file (``tandau.law`` document names).
DOCUMENTS = (
    "application",
    "deposit_receipt",
    "civil_service_compliance",
    "tax_declaration_certificate",
    "spouse_tax_declaration_certificate",
)


def _pilot(ctx: WebContext, election: str) -> bool:
    view = evoting.board_view(ctx, election)
    return view is not None and view.pilot


# -- candidates -----------------------------------------------------------------------


def _candidates_context(ctx: WebContext, account: Account, election: str) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    admin = ctx.administration(account.commission)
    return {
        "account": account,
        "election": found,
        "candidates": admin.nominations.candidates(found.id),
        "documents": DOCUMENTS,
        "pilot": _pilot(ctx, found.id),
        "section": "candidates",
    }


def candidate_out(c: Candidate, lang: str) -> dict[str, Any]:
    return {
        **c.public(),
        "valid_signatures": c.valid_signatures,
        "invalid_signatures": c.invalid_signatures,
        "refusal": [
            {"rule": v.rule, "article": v.article, "message": v.message.get(lang, "")}
            for v in c.refusal
        ],
    }


@router.get(
    "/commission/e/{election}/candidates", response_class=HTMLResponse, include_in_schema=False
)
def candidates_page(request: Request, ctx: Ctx, account: AnyRole, election: ElectionId) -> Response:
    return show(
        request,
        "console/candidates.html",
        lambda: _candidates_context(ctx, account, election),
    )


@router.get(
    "/api/commission/elections/{election}/candidates", tags=TAGS, summary="Nominees and candidates"
)
def candidates_api(
    request: Request, ctx: Ctx, account: AnyRole, election: ElectionId
) -> list[dict[str, Any]]:
    found = election_for(ctx, account, election)
    return [
        candidate_out(c, request.state.lang)
        for c in ctx.administration(account.commission).nominations.candidates(found.id)
    ]


def _nominate(ctx: WebContext, account: Account, election: str, body: NomineeIn) -> Candidate:
    found = election_for(ctx, account, election)
    return ctx.administration(account.commission).nominations.nominate(
        election=found.id,
        id=body.id,
        name=body.name,
        birth_date=body.birth_date,
        nomination=body.nomination,
        party=body.party or None,
        party_member=body.party_member,
        citizen=body.citizen,
        qualified=body.qualified,
        conviction=body.conviction,
        incapacitated=body.incapacitated,
        imprisoned=body.imprisoned,
        corruption_offence=body.corruption_offence,
        documents=list(body.documents),
    )


def _nominee_form(form: FormData) -> NomineeIn:
    def flag(name: str) -> bool:
        return field(form, name) in ("on", "true", "1")

    return NomineeIn.model_construct(
        id=field(form, "id"),
        name=field(form, "name"),
        birth_date=field(form, "birth_date"),
        nomination=field(form, "nomination"),
        party=field(form, "party") or None,
        party_member=flag("party_member"),
        citizen=flag("citizen"),
        qualified=flag("qualified"),
        conviction=flag("conviction"),
        incapacitated=flag("incapacitated"),
        imprisoned=flag("imprisoned"),
        corruption_offence=flag("corruption_offence"),
        documents=fields(form, "documents"),
    )


@router.post("/commission/e/{election}/candidates", include_in_schema=False)
async def nominate(request: Request, ctx: Ctx, account: Clerk, election: ElectionId) -> Response:
    form = await request.form()
    body = _nominee_form(form)
    return await step(
        request,
        lambda: _nominate(ctx, account, election, body),
        lambda _: done(f"/commission/e/{election}/candidates", "nominated"),
        "console/candidates.html",
        lambda: _candidates_context(ctx, account, election),
        values=form,
    )


@router.post(
    "/api/commission/elections/{election}/candidates",
    tags=TAGS,
    summary="Record a nomination",
    status_code=201,
)
def nominate_api(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId, body: NomineeIn
) -> dict[str, Any]:
    return candidate_out(_nominate(ctx, account, election, body), request.state.lang)


_SEPARATORS = re.compile(r"[\s,;]+")


def _sheets(text: str) -> list[list[str]]:
    """One sheet per line; signers' IINs separated by spaces, commas or semicolons."""
    sheets = [[x for x in _SEPARATORS.split(line) if x] for line in text.splitlines()]
    return [s for s in sheets if s]


def _signatures(
    ctx: WebContext, account: Account, election: str, candidate: str, sheets: list[list[str]]
) -> Candidate:
    found = election_for(ctx, account, election)
    return ctx.administration(account.commission).nominations.submit_signatures(
        election=found.id, candidate=candidate, sheets=sheets
    )


@router.post("/commission/e/{election}/candidates/{candidate}/signatures", include_in_schema=False)
async def signatures(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId, candidate: str
) -> Response:
    form = await request.form()
    sheets = _sheets(field(form, "sheets"))
    return await step(
        request,
        lambda: _signatures(ctx, account, election, candidate, sheets),
        lambda _: done(f"/commission/e/{election}/candidates", "signatures"),
        "console/candidates.html",
        lambda: _candidates_context(ctx, account, election),
    )


@router.post(
    "/api/commission/elections/{election}/candidates/{candidate}/signatures",
    tags=TAGS,
    summary="Check a self-nominee's signature sheets",
)
def signatures_api(
    request: Request,
    ctx: Ctx,
    account: Clerk,
    election: ElectionId,
    candidate: str,
    body: SignaturesIn,
) -> dict[str, Any]:
    checked = _signatures(ctx, account, election, candidate, body.sheets)
    return candidate_out(checked, request.state.lang)


def _decide(ctx: WebContext, account: Account, election: str, candidate: str) -> Candidate:
    found = election_for(ctx, account, election)
    return ctx.administration(account.commission).nominations.decide_registration(
        election=found.id, candidate=candidate
    )


@router.post("/commission/e/{election}/candidates/{candidate}/decide", include_in_schema=False)
async def decide(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId, candidate: str
) -> Response:
    return await step(
        request,
        lambda: _decide(ctx, account, election, candidate),
        lambda _: done(f"/commission/e/{election}/candidates", "decided"),
        "console/candidates.html",
        lambda: _candidates_context(ctx, account, election),
    )


@router.post(
    "/api/commission/elections/{election}/candidates/{candidate}/decide",
    tags=TAGS,
    summary="Register the nominee or refuse with the law's reasons",
)
def decide_api(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId, candidate: str
) -> dict[str, Any]:
    return candidate_out(_decide(ctx, account, election, candidate), request.state.lang)


def _withdraw(
    ctx: WebContext, account: Account, election: str, candidate: str, application: str
) -> Candidate:
    found = election_for(ctx, account, election)
    return ctx.administration(account.commission).nominations.withdraw(
        election=found.id, candidate=candidate, application=application
    )


@router.post("/commission/e/{election}/candidates/{candidate}/withdraw", include_in_schema=False)
async def withdraw(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId, candidate: str
) -> Response:
    form = await request.form()
    application = field(form, "application")
    return await step(
        request,
        lambda: _withdraw(ctx, account, election, candidate, application),
        lambda _: done(f"/commission/e/{election}/candidates", "withdrawn"),
        "console/candidates.html",
        lambda: _candidates_context(ctx, account, election),
    )


@router.post(
    "/api/commission/elections/{election}/candidates/{candidate}/withdraw",
    tags=TAGS,
    summary="Withdraw a candidate on their written application",
)
def withdraw_api(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId, candidate: str, body: TextIn
) -> dict[str, Any]:
    return candidate_out(
        _withdraw(ctx, account, election, candidate, body.text), request.state.lang
    )


# -- voter lists ----------------------------------------------------------------------


def _voters_context(ctx: WebContext, account: Account, election: str) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    admin = ctx.administration(account.commission)
    try:
        precincts = list(admin.districts.district(found.id).precincts)
    except TandauError:
        precincts = []
    return {
        "account": account,
        "election": found,
        "precincts": precincts,
        "counts": {p: admin.voters.count(found.id, p) for p in precincts},
        "total": admin.voters.count(found.id),
        "corrections": admin.voters.corrections(found.id),
        "imported": None,
        "pilot": _pilot(ctx, found.id),
        "section": "voters",
    }


@router.get("/commission/e/{election}/voters", response_class=HTMLResponse, include_in_schema=False)
def voters_page(request: Request, ctx: Ctx, account: ListKeeper, election: ElectionId) -> Response:
    return show(request, "console/voters.html", lambda: _voters_context(ctx, account, election))


def import_out(result: VoterImport, lang: str) -> dict[str, Any]:
    return {
        "added": result.added,
        "refused": [
            {
                "line": r.line,
                "iin": r.iin,
                "violations": [
                    {"rule": v.rule, "article": v.article, "message": v.message.get(lang, "")}
                    for v in r.violations
                ],
            }
            for r in result.refused
        ],
    }


@router.get(
    "/api/commission/elections/{election}/voters",
    tags=TAGS,
    summary="Voters on the list, by precinct",
)
def voters_api(ctx: Ctx, account: ListKeeper, election: ElectionId) -> dict[str, Any]:
    context = _voters_context(ctx, account, election)
    return {"total": context["total"], "precincts": context["counts"]}


def _import(ctx: WebContext, account: Account, election: str, text: str) -> VoterImport:
    found = election_for(ctx, account, election)
    return ctx.administration(account.commission).voters.import_csv(election=found.id, text=text)


@router.post("/commission/e/{election}/voters/import", include_in_schema=False)
async def voters_import(
    request: Request, ctx: Ctx, account: ListKeeper, election: ElectionId
) -> Response:
    form = await request.form()
    lang = request.state.lang

    def context() -> dict[str, Any]:
        return _voters_context(ctx, account, election)

    try:
        text = await upload_text(form, "file", "text", KIND_CSV, MAX_CSV)
    except TandauError as exc:
        return show(request, "console/voters.html", context, error=exc)

    def shown(result: VoterImport) -> Response:
        page = context()
        page["imported"] = import_out(result, lang)
        return render(request, "console/voters.html", problem=None, done=None, **page)

    return await step(
        request,
        lambda: _import(ctx, account, election, text),
        shown,
        "console/voters.html",
        context,
    )


@router.post(
    "/api/commission/elections/{election}/voters/import",
    tags=TAGS,
    summary="Import a voter list (CSV); ineligible people are reported, not listed",
)
def voters_import_api(
    request: Request, ctx: Ctx, account: ListKeeper, election: ElectionId, body: TextIn
) -> dict[str, Any]:
    return import_out(_import(ctx, account, election, body.text), request.state.lang)


def _correct(ctx: WebContext, account: Account, election: str, body: CorrectionIn) -> None:
    found = election_for(ctx, account, election)
    voters = ctx.administration(account.commission).voters
    if body.action == "remove":
        voters.remove(election=found.id, iin=body.iin, reason=body.reason)
    elif body.action == "move":
        voters.move(
            election=found.id, iin=body.iin, precinct=body.precinct or "", reason=body.reason
        )
    elif body.action == "add":
        voters.add(
            election=found.id,
            iin=body.iin,
            name=body.name or "",
            birth_date=body.birth_date or "",
            citizen=True,
            residence_unit=body.residence_unit or "",
            precinct=body.precinct or "",
            reason=body.reason,
        )
    else:
        raise BadRequest(detail="action")


@router.post("/commission/e/{election}/voters/corrections", include_in_schema=False)
async def voters_correct(
    request: Request, ctx: Ctx, account: ListKeeper, election: ElectionId
) -> Response:
    form = await request.form()
    body = CorrectionIn.model_construct(
        action=field(form, "action"),
        iin=field(form, "iin"),
        reason=field(form, "reason"),
        precinct=field(form, "precinct") or None,
        name=field(form, "name") or None,
        birth_date=field(form, "birth_date") or None,
        residence_unit=field(form, "residence_unit") or None,
    )
    return await step(
        request,
        lambda: _correct(ctx, account, election, body),
        lambda _: done(f"/commission/e/{election}/voters", "corrected"),
        "console/voters.html",
        lambda: _voters_context(ctx, account, election),
    )


@router.post(
    "/api/commission/elections/{election}/voters/corrections",
    tags=TAGS,
    summary="Correct the voter list (add, move or remove, with a reason)",
)
def voters_correct_api(
    ctx: Ctx, account: ListKeeper, election: ElectionId, body: CorrectionIn
) -> OkOut:
    _correct(ctx, account, election, body)
    return OkOut()
