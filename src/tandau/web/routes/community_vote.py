"""A meeting member votes from a phone: code, agenda item, choice (an open vote by name).

The secretary issues one code per member present (``tandau community issue-codes``
or :class:`~tandau.community.member_ballots.MemberBallots`); the page asks for it
with each ballot.  The form is CSRF-protected like every form of the site.
"""

from __future__ import annotations

from typing import Any, cast

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from tandau.community.errors import CommunityRefused
from tandau.community.member_ballots import MemberBallots
from tandau.community.records import Choice
from tandau.community.service import CommunityService
from tandau.schema import SqlCommunityStore

from ..access import PUBLIC_ROUTE
from ..auth import SignInCsrf
from ..context import WebContext
from ..errors import BadRequest, PageNotFound
from ..problems import problem_for
from ..templating import render
from .deps import Ctx, Lang
from .election_deps import client_address, limiter

__all__ = ["router"]

router = APIRouter()
CHOICES = ("for", "against", "abstained")


def _session(
    ctx: WebContext, community: str, session: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        snap = CommunityService(SqlCommunityStore(ctx.engine)).snapshot(community)
    except CommunityRefused as exc:
        raise PageNotFound() from exc
    found = next((s for s in snap["sessions"] if s["id"] == session), None)
    if found is None:
        raise PageNotFound()
    return snap["community"], found


def _page(
    request: Request, ctx: WebContext, lang: str, community: str, session: str, **extra: Any
) -> HTMLResponse:
    c, s = _session(ctx, community, session)
    counted = {v["item"] for v in s["votes"]}
    return render(
        request,
        "community/vote.html",
        status_code=extra.pop("status_code", 200),
        name=c["name"][lang],
        community=community,
        s=s,
        open_items=[(i, a) for i, a in enumerate(s["agenda"], 1) if i not in counted],
        **{"problem": None, "done": None, **extra},
    )


@router.get(
    "/c/{community}/s/{session}/vote",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[PUBLIC_ROUTE],
)
def vote_page(request: Request, community: str, session: str, ctx: Ctx, lang: Lang) -> Response:
    return _page(request, ctx, lang, community, session)


@router.post("/c/{community}/s/{session}/vote", include_in_schema=False)
async def vote_post(
    request: Request, community: str, session: str, ctx: Ctx, lang: Lang, _csrf: SignInCsrf
) -> Response:
    limiter(request, "member_vote").hit(client_address(request))  # each try guesses a code
    try:  # a ballot for a session that does not exist is a bad request, not a page
        _session(ctx, community, session)
    except PageNotFound as exc:
        raise BadRequest(detail="session") from exc
    form = await request.form()
    code = str(form.get("code") or "")
    choice = str(form.get("choice") or "")
    try:
        item = int(str(form.get("item") or "0"))
    except ValueError:
        item = 0
    ballots = MemberBallots(SqlCommunityStore(ctx.engine))
    try:
        if choice not in CHOICES:  # no choice ticked: say so, not "no such item"
            raise BadRequest(detail="choice")
        done = await run_in_threadpool(
            ballots.cast, community, session, item, code, cast(Choice, choice)
        )
    except (BadRequest, CommunityRefused) as exc:
        problem = problem_for(exc, lang)  # 400 a bad field, 409 a refusal (ADR 0014)
        return _page(
            request,
            ctx,
            lang,
            community,
            session,
            problem=problem.detail,
            status_code=problem.status,
        )
    return _page(request, ctx, lang, community, session, done=done)
