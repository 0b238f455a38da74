"""The public page of a rural district's community: sessions, votes, answers, minutes,
the akim's reports with residents' questions (never who asked).

Read-only and open to everyone.  Open votes show who voted how (the law's open,
by-name vote); secret votes show only the verified counts and a link to the
election's own public pages and record — never a voter's choice.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from tandau.community.budget import BudgetService
from tandau.community.errors import CommunityRefused
from tandau.community.minutes_pdf import minutes_pdf
from tandau.community.petitions import PetitionService
from tandau.community.polls import is_poll_of, summarize_poll
from tandau.community.reports import ReportService
from tandau.community.service import CommunityService
from tandau.schema import SqlCommunityStore
from tandau.storage import SqlBoardStore

from ..access import PUBLIC_ROUTE
from ..context import WebContext
from ..errors import PageNotFound
from ..templating import render
from ..views import ElectionViews
from .deps import Ctx, Lang
from .election_deps import Views

__all__ = ["router"]

router = APIRouter(dependencies=[PUBLIC_ROUTE])  # every route here is public


def _service(ctx: WebContext) -> CommunityService:
    return CommunityService(SqlCommunityStore(ctx.engine))


def _snapshot(ctx: WebContext, community: str) -> dict[str, Any]:
    try:
        return _service(ctx).snapshot(community)
    except CommunityRefused as exc:
        raise PageNotFound() from exc


def _polls(ctx: WebContext, views: ElectionViews, community: str) -> list[dict[str, Any]]:
    """The community's civic polls, newest day first (counts only once published).

    From the read models the election pages keep (synced by the entries added since),
    never a replay of each poll's whole board per request.
    """
    found = []
    for e in SqlBoardStore(ctx.engine).elections():
        if is_poll_of(community, e):
            i = views.index(e)
            m = i.require_manifest()
            found.append(summarize_poll(m, opened=i.opened, closed=i.closed, results=i.results))
    return sorted(found, key=lambda p: (p["day"], p["election"]), reverse=True)


def _today() -> str:
    return date.today().isoformat()


@router.get("/api/c/{community}", summary="A community's public record (JSON)")
def community_json(community: str, ctx: Ctx, views: Views) -> dict[str, Any]:
    snap = _snapshot(ctx, community)
    snap["community"].pop("district_ruleset", None)
    snap["reports"] = ReportService(SqlCommunityStore(ctx.engine)).public(community)
    snap["polls"] = _polls(ctx, views, community)
    return snap


@router.get("/c/{community}", response_class=HTMLResponse, include_in_schema=False)
def community_page(
    request: Request, community: str, ctx: Ctx, views: Views, lang: Lang
) -> Response:
    snap = _snapshot(ctx, community)
    sessions = snap["sessions"]
    today = _today()
    upcoming = [s for s in sessions if s["status"] == "convened" and s["day"] >= today]
    past = [s for s in sessions if s not in upcoming]
    serving = [m for m in snap["members"] if m["ended_on"] is None and m["term_end"] > today]
    store = SqlCommunityStore(ctx.engine)
    budget = BudgetService(store).lines(community)
    petitions = PetitionService(store).all(community, date.fromisoformat(today))
    return render(
        request,
        "community/page.html",
        c=snap["community"],
        name=snap["community"]["name"][lang],
        upcoming=upcoming,
        past=sorted(past, key=lambda s: s["day"], reverse=True),
        members=serving,
        minutes=snap["minutes"],
        budget=budget,
        petitions=petitions,
        reports=ReportService(store).public(community),
        polls=_polls(ctx, views, community),
    )


@router.get("/c/{community}/minutes/{minutes_id}.pdf", include_in_schema=False)
def minutes_file(
    community: str, minutes_id: str, ctx: Ctx, language: str = Query("kk", pattern="^(kk|ru)$")
) -> Response:
    try:
        m = _service(ctx).minutes(community, minutes_id)
    except CommunityRefused as exc:
        raise PageNotFound() from exc
    return Response(minutes_pdf(m, language), media_type="application/pdf")
