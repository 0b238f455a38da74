"""The akim's office's console as JSON (tag ``community-office``): the same steps as the pages.

Every route goes through ``office_scope`` (chair or secretary of the community's own
office: 401 without a session, 403 for another role, another office's community or
a missing CSRF token).  Bodies are the community service's input models without the
fields the path gives; a step the records or the rules refuse answers 409 with the
refusal's ``code`` and nothing is stored (ADR 0014, ADR 0017).  A session's steps are
one table (:data:`SESSION_STEPS`), each a route with the same scope and shape.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter

from . import office_deps as steps
from .deps import Ctx
from .office_deps import Officer, OfficeScope, SessionId

__all__ = ["router"]

router = APIRouter(tags=["community-office"])
_PREFIX = "/api/commission/c/{community}"
_SESSION = _PREFIX + "/sessions/{session}"


@router.get("/api/commission/c", summary="The communities the account's office runs")
def communities(ctx: Ctx, account: Officer) -> list[dict[str, Any]]:
    return steps.office_communities(ctx, account.commission)


@router.get(_PREFIX, summary="A community as its office sees it (register, sessions, minutes)")
def community(office: OfficeScope) -> dict[str, Any]:
    return office.snapshot


@router.post(
    _PREFIX + "/sessions",
    summary="Convene a gathering or meeting (the district's notice period applies)",
    status_code=201,
)
def convene_api(office: OfficeScope, body: steps.ConveneBody) -> dict[str, Any]:  # type: ignore[valid-type]
    return steps.convene(office, body)


#: A session's steps: (path, summary, status, the step, its body model).
SESSION_STEPS: tuple[tuple[str, str, int, Callable[..., dict[str, Any]], Any], ...] = (
    ("attendance", "Register those present and remote; the session opens", 200, steps.attend,
     steps.AttendBody),
    ("votes", "Record an open vote by name on an agenda item", 201, steps.vote, steps.VoteBody),
    ("close", "Close the session (never opened again)", 200, steps.close, None),
    ("responses", "The akim's response to a decision: implemented, refused with reasons, "
     "escalated", 201, steps.respond, steps.ResponseBody),
    ("minutes", "Sign the minutes of a closed session (immutable; a correction references "
     "them)", 201, steps.sign, steps.SignBody),
)  # fmt: skip


def _session_endpoint(work: Callable[..., dict[str, Any]], body: Any) -> Callable[..., Any]:
    """The JSON route of one session step: the office's scope, the session, the body."""

    def endpoint(office: Any, session: Any, **given: Any) -> dict[str, Any]:
        return work(office, session, *given.values())

    params = [
        inspect.Parameter("office", inspect.Parameter.KEYWORD_ONLY, annotation=OfficeScope),
        inspect.Parameter("session", inspect.Parameter.KEYWORD_ONLY, annotation=SessionId),
    ]
    if body is not None:
        params.append(inspect.Parameter("body", inspect.Parameter.KEYWORD_ONLY, annotation=body))
    endpoint.__signature__ = inspect.Signature(params, return_annotation=dict[str, Any])  # type: ignore[attr-defined]
    return endpoint


for _path, _summary, _status, _work, _body in SESSION_STEPS:
    router.add_api_route(
        f"{_SESSION}/{_path}",
        _session_endpoint(_work, _body),
        methods=["POST"],
        summary=_summary,
        status_code=_status,
        name=f"community_session_{_path}",
    )
