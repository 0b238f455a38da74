"""The demo server's clock control: the chair moves the calendar forward (demo only)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse

from tandau.i18n import N_

from ..auth import Chair
from ..demo_clock import OffsetClock
from ..errors import BadRequest, PageNotFound
from .deps import Ctx

__all__ = ["KZ", "router"]

router = APIRouter()

#: Kazakhstan's one time zone since 1 March 2024 (UTC+5), as the calendar reads it.
KZ = timezone(timedelta(hours=5))


@router.post("/commission/demo/clock", include_in_schema=False)
async def move_clock(request: Request, ctx: Ctx, _chair: Chair) -> RedirectResponse:
    if not ctx.settings.demo or not isinstance(ctx.clock, OffsetClock):
        raise PageNotFound()
    form = await request.form()
    text = str(form.get("moment", "")).strip()
    try:
        moment = datetime.fromisoformat(text).replace(tzinfo=KZ)
        ctx.clock.advance_to(moment)
    except ValueError as exc:
        raise BadRequest(N_("The request is not valid: {detail}"), detail="moment") from exc
    return RedirectResponse("/commission", status_code=303)
