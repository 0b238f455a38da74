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

from tandau.admin.records import Candidate
from tandau.admin.voters import VoterImport
from tandau.law import load_ruleset

from ..auth import AnyRole, Clerk, ListKeeper
from ..console.capability import Params, Section, election_for, election_section, voter_counts
from ..console.pages import csv_upload, field, form_model
from ..console.schemas import CorrectionIn, NomineeIn, OkOut, SignaturesIn, TextIn
from ..errors import BadRequest
from ..public_schemas import ElectionId
from .deps import Ctx

__all__ = ["router"]

router = APIRouter()
TAGS: list[str | Any] = ["commission"]

# -- candidates -----------------------------------------------------------------------


def _candidates(ctx: Ctx, account: AnyRole, election: ElectionId) -> dict[str, Any]:
    page = election_section(ctx, account, election, "candidates")
    admin = ctx.administration(account.commission)
    candidates = admin.nominations.candidates(page["election"].id)
    # The documents of a registration file are the election's ruleset's, as the law checks them.
    documents = load_ruleset(page["election"].ruleset).parameters.candidate.documents.value
    return {**page, "candidates": candidates, "documents": documents}


CANDIDATES = Section(
    router, "/commission/e/{election}/candidates", "console/candidates.html", _candidates
)


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


@CANDIDATES.step(
    "/candidates",
    "Record a nomination",
    status_code=201,
    key="nominated",
    read=form_model(NomineeIn),
    keep=True,
)
def nominate_api(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId, body: NomineeIn
) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    # The body's fields are the nomination's own (NomineeIn); an empty party is none.
    nominee = ctx.administration(account.commission).nominations.nominate(
        election=found.id, **{**body.model_dump(), "party": body.party or None}
    )
    return candidate_out(nominee, request.state.lang)


_SEPARATORS = re.compile(r"[\s,;]+")


async def _sheets(form: FormData, _params: Params) -> SignaturesIn:
    """One sheet per line; signers' IINs separated by spaces, commas or semicolons."""
    sheets = [
        [x for x in _SEPARATORS.split(line) if x] for line in field(form, "sheets").splitlines()
    ]
    return SignaturesIn.model_construct(sheets=[s for s in sheets if s])


@CANDIDATES.step(
    "/candidates/{candidate}/signatures",
    "Check a self-nominee's signature sheets",
    key="signatures",
    read=_sheets,
)
def signatures_api(
    request: Request,
    ctx: Ctx,
    account: Clerk,
    election: ElectionId,
    candidate: str,
    body: SignaturesIn,
) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    checked = ctx.administration(account.commission).nominations.submit_signatures(
        election=found.id, candidate=candidate, sheets=body.sheets
    )
    return candidate_out(checked, request.state.lang)


@CANDIDATES.step(
    "/candidates/{candidate}/decide",
    "Register the nominee or refuse with the law's reasons",
    key="decided",
)
def decide_api(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId, candidate: str
) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    decided = ctx.administration(account.commission).nominations.decide_registration(
        election=found.id, candidate=candidate
    )
    return candidate_out(decided, request.state.lang)


@CANDIDATES.step(
    "/candidates/{candidate}/withdraw",
    "Withdraw a candidate on their written application",
    key="withdrawn",
    read=form_model(TextIn, rename={"text": "application"}),
)
def withdraw_api(
    request: Request, ctx: Ctx, account: Clerk, election: ElectionId, candidate: str, body: TextIn
) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    withdrawn = ctx.administration(account.commission).nominations.withdraw(
        election=found.id, candidate=candidate, application=body.text
    )
    return candidate_out(withdrawn, request.state.lang)


# -- voter lists ----------------------------------------------------------------------


def _voters(ctx: Ctx, account: ListKeeper, election: ElectionId) -> dict[str, Any]:
    page = election_section(ctx, account, election, "voters")
    found = page["election"]
    admin = ctx.administration(account.commission)
    return {
        **page,
        **voter_counts(admin, found.id),
        "total": admin.voters.count(found.id),
        "corrections": admin.voters.corrections(found.id),
        "imported": None,
    }


VOTERS = Section(router, "/commission/e/{election}/voters", "console/voters.html", _voters)


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
    context = _voters(ctx, account, election)
    return {"total": context["total"], "precincts": context["counts"]}


@VOTERS.step(
    "/voters/import",
    "Import a voter list (CSV); ineligible people are reported, not listed",
    read=csv_upload,
    present=lambda request, params, imported: VOTERS.render(request, params, imported=imported),
)
def voters_import_api(
    request: Request, ctx: Ctx, account: ListKeeper, election: ElectionId, body: TextIn
) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    result = ctx.administration(account.commission).voters.import_csv(
        election=found.id, text=body.text
    )
    return import_out(result, request.state.lang)


@VOTERS.step(
    "/voters/corrections",
    "Correct the voter list (add, move or remove, with a reason)",
    key="corrected",
    read=form_model(CorrectionIn),
)
def voters_correct_api(
    ctx: Ctx, account: ListKeeper, election: ElectionId, body: CorrectionIn
) -> OkOut:
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
    return OkOut()
