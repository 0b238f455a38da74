"""Residents ask questions about the akim's report to the population, from the public page.

A public form (CSRF-protected like every form of the site, rate-limited per client
address like the booth's writes): a display name, the asker's settlement and the
question.  The form claims no identity on the register — an identifier there is
not a secret, so taking one would let anyone ask in a resident's name — and the
question is stored and shown as "submitted on the web, not verified"
(:meth:`~tandau.community.reports.ReportService.ask_unverified`; ADR 0017).  A
refusal or a bad field is shown in the page's language and nothing is stored.
The public page lists the question without who asked.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from tandau.community.errors import CommunityRefused
from tandau.community.reports import ReportService, WebQuestionIn
from tandau.community.service import CommunityService
from tandau.crypto.errors import TandauError
from tandau.schema import SqlCommunityStore

from ..access import PUBLIC_ROUTE
from ..auth import SignInCsrf
from ..context import WebContext
from ..errors import BadRequest, PageNotFound
from ..problems import problem_for
from ..templating import render
from .deps import Ctx, Lang
from .election_deps import client_address, limiter
from .office_deps import form_input, form_text

__all__ = ["router"]

router = APIRouter()
_ASK = "/c/{community}/reports/{report}/ask"


def _report(ctx: WebContext, community: str, report: str) -> dict[str, Any]:
    """The report's public view (questions without who asked) and the community's
    settlements; 404 if either is unknown."""
    store = SqlCommunityStore(ctx.engine)
    try:
        found = next(r for r in ReportService(store).public(community) if r["id"] == report)
        c = CommunityService(store).snapshot(community)["community"]
    except (CommunityRefused, StopIteration) as exc:
        raise PageNotFound() from exc
    return {**found, "settlements": list(c["settlements"])}


def _page(
    request: Request, ctx: WebContext, community: str, report: str, status_code: int = 200,
    **extra: Any,
) -> HTMLResponse:  # fmt: skip
    return render(
        request,
        "community/ask.html",
        status_code=status_code,
        community=community,
        r=_report(ctx, community, report),
        **{"problem": None, "done": None, "values": {}, **extra},
    )


@router.get(_ASK, response_class=HTMLResponse, include_in_schema=False, dependencies=[PUBLIC_ROUTE])
def ask_page(request: Request, community: str, report: str, ctx: Ctx) -> Response:
    return _page(request, ctx, community, report)


@router.post(_ASK, include_in_schema=False)
async def ask_post(
    request: Request, community: str, report: str, ctx: Ctx, lang: Lang, _csrf: SignInCsrf
) -> Response:
    limiter(request, "question").hit(client_address(request))
    try:  # a question about a report that does not exist is a bad request, not a page
        await run_in_threadpool(_report, ctx, community, report)
    except PageNotFound as exc:
        raise BadRequest(detail="report") from exc
    form = await request.form()
    # Only these fields are read: a register identifier sent along is ignored.
    values = {k: form_text(form, k) for k in ("name", "settlement", "text")}
    data = {"community": community, "report": report, **values}
    today = ctx.clock.now().date().isoformat()
    service = ReportService(SqlCommunityStore(ctx.engine))
    try:
        asked = await run_in_threadpool(
            lambda: service.ask_unverified(form_input(WebQuestionIn, {**data, "on": today}))
        )
    except TandauError as exc:
        problem = problem_for(exc, lang)
        return _page(
            request, ctx, community, report, problem.status, problem=problem, values=values
        )
    return _page(request, ctx, community, report, done=asked["number"])
