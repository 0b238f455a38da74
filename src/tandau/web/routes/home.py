"""The front page (the elections on this server) and the health check."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..access import PUBLIC_ROUTE
from ..templating import render
from .deps import Ctx

__all__ = ["router"]

router = APIRouter(dependencies=[PUBLIC_ROUTE])  # every route here is public


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, ctx: Ctx) -> HTMLResponse:
    return render(request, "home.html", elections=ctx.elections())


@router.get("/api/health", tags=["public"], summary="Liveness check")
def health() -> dict[str, str]:
    return {"status": "ok"}
