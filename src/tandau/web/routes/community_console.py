"""The akim's office's console pages for its community: sessions, attendance, votes, answers,
minutes.

Every route goes through :func:`.office_deps.office_scope` (the chair or
secretary of the community's own office; CSRF on writes).  Each form posts to its
route; on success the browser goes back to the page with a confirmation
(Post/Redirect/Get), on a refusal or bad input the page is shown again with the
localised problem and nothing stored.  Closing a session and signing its minutes
cannot be undone: both ask for confirmation first (``console.confirm``).  The same
steps as JSON: :mod:`.community_console_api`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from tandau.community.meeting_secret import secret_election_id
from tandau.storage import SqlBoardStore

from ..console.confirm import unless_confirmed
from ..console.pages import done, show, step
from .deps import Ctx
from .office_deps import (
    AttendBody,
    ConveneBody,
    Office,
    Officer,
    OfficeScope,
    ResponseBody,
    SessionId,
    SignBody,
    VoteBody,
    attend,
    close,
    convene,
    form_input,
    form_text,
    office_communities,
    respond,
    sign,
    vote,
)

__all__ = ["router", "session_context"]

router = APIRouter()

CHOICES = ("for", "against", "abstained")
#: The signers' roles as the minutes print them (the minutes are in Kazakh and Russian).
SIGNER_ROLES = {"chair": "Төраға / Председатель", "secretary": "Хатшы / Секретарь"}


def _base(office: Office) -> str:
    return f"/commission/c/{office.id}"


def _community_context(office: Office) -> dict[str, Any]:
    return {
        "account": office.account,
        "c": office.snapshot["community"],
        "sessions": sorted(office.snapshot["sessions"], key=lambda s: (s["day"], s["id"])),
        "today": office.ctx.clock.now().date().isoformat(),
    }


def session_context(office: Office, session: str) -> dict[str, Any]:
    s = office.session(session)
    day = date.fromisoformat(s["day"])
    answered = {r["item"] for r in s["responses"]}
    minutes = [m for m in office.snapshot["minutes"] if m["session"] == s["id"]]
    return {
        **_community_context(office),
        "s": s,
        "register": office.service().register(office.id, s["body_kind"], day),
        "voted": {v["item"] for v in s["votes"]},
        "to_answer": [
            v
            for v in s["votes"]
            if v["result"].get("adopted") is True and v["item"] not in answered
        ],
        "minutes": minutes,
        "choices": CHOICES,
        "secret": _secret_questions(office, s),
    }


def _secret_questions(office: Office, s: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Agenda items put to a secret vote (``tandau community secret-create``): their
    election, and whether the server holds its key (then the console prints the codes)."""
    store = SqlBoardStore(office.ctx.engine)
    ids = {i: secret_election_id(office.id, s["id"], i) for i in range(1, len(s["agenda"]) + 1)}
    return {
        i: {"election": e, "server_key": office.ctx.keys.has(e)}
        for i, e in ids.items()
        if store.size(e) > 0
    }


# -- the office's communities and a community's sessions ------------------------------------


@router.get("/commission/c", response_class=HTMLResponse, include_in_schema=False)
def communities_page(
    request: Request,
    ctx: Ctx,
    account: Officer,
) -> Response:
    return show(
        request,
        "community/console_list.html",
        lambda: {"account": account, "communities": office_communities(ctx, account.commission)},
    )


@router.get("/commission/c/{community}", response_class=HTMLResponse, include_in_schema=False)
def community_page(request: Request, office: OfficeScope) -> Response:
    return show(request, "community/console_community.html", lambda: _community_context(office))


def _convene_form(form: FormData) -> dict[str, Any]:
    agenda = [line.strip() for line in (form_text(form, "agenda") or "").splitlines()]
    return {
        "id": form_text(form, "id"),
        "body": form_text(form, "body"),
        "day": form_text(form, "day"),
        "place": form_text(form, "place"),
        "agenda": [a for a in agenda if a],
        "convened_on": form_text(form, "convened_on"),
    }


@router.post("/commission/c/{community}/sessions", include_in_schema=False)
async def convene_post(request: Request, office: OfficeScope) -> Response:
    form = await request.form()
    return await step(
        request,
        lambda: convene(office, form_input(ConveneBody, _convene_form(form))),
        lambda s: done(f"{_base(office)}/s/{s['id']}", "convened"),
        "community/console_community.html",
        lambda: _community_context(office),
        values=form,
    )


# -- one session ------------------------------------------------------------------------------


@router.get(
    "/commission/c/{community}/s/{session}", response_class=HTMLResponse, include_in_schema=False
)
def session_page(request: Request, office: OfficeScope, session: SessionId) -> Response:
    return show(request, "community/console_session.html", lambda: session_context(office, session))


async def _session_step(
    request: Request,
    office: Office,
    session: str,
    work: Callable[[FormData], object],
    key: str,
) -> Response:
    """A session page's step: the work on the posted form, then the page or its problem."""
    office.session(session)  # 404 for a session that does not exist
    form = await request.form()
    return await step(
        request,
        lambda: work(form),
        lambda _: done(f"{_base(office)}/s/{session}", key),
        "community/console_session.html",
        lambda: session_context(office, session),
        values=form,
    )


def _item(form: FormData) -> int | str | None:
    text = form_text(form, "item")
    return int(text) if text is not None and text.isascii() and text.isdigit() else text


@router.post("/commission/c/{community}/s/{session}/attendance", include_in_schema=False)
async def attendance_post(request: Request, office: OfficeScope, session: SessionId) -> Response:
    def work(form: FormData) -> object:
        data = {"present": form.getlist("present"), "remote": form.getlist("remote")}
        return attend(office, session, form_input(AttendBody, data))

    return await _session_step(request, office, session, work, "attendance")


@router.post("/commission/c/{community}/s/{session}/votes", include_in_schema=False)
async def vote_post(request: Request, office: OfficeScope, session: SessionId) -> Response:
    def work(form: FormData) -> object:
        ballots = {
            k.removeprefix("ballot."): v
            for k, v in form.multi_items()
            if k.startswith("ballot.") and isinstance(v, str) and v
        }
        data = {"item": _item(form), "proposal": form_text(form, "proposal"), "ballots": ballots}
        return vote(office, session, form_input(VoteBody, data))

    return await _session_step(request, office, session, work, "voted")


async def _confirmed_step(
    request: Request,
    office: Office,
    session: str,
    kind: str,
    work: Callable[[FormData], object],
    key: str,
) -> Response:
    """An irreversible step: the confirmation page first, then the step (console.confirm)."""
    office.session(session)
    back = f"{_base(office)}/s/{session}"
    asked = await unless_confirmed(request, kind, office.account, back)
    if asked is not None:
        return asked
    return await _session_step(request, office, session, work, key)


@router.post("/commission/c/{community}/s/{session}/close", include_in_schema=False)
async def close_post(request: Request, office: OfficeScope, session: SessionId) -> Response:
    def work(_: FormData) -> object:
        return close(office, session)

    return await _confirmed_step(request, office, session, "close_session", work, "session_closed")


@router.post("/commission/c/{community}/s/{session}/responses", include_in_schema=False)
async def response_post(request: Request, office: OfficeScope, session: SessionId) -> Response:
    def work(form: FormData) -> object:
        data = {
            "item": _item(form),
            "kind": form_text(form, "kind"),
            "text": form_text(form, "text"),
            "on": form_text(form, "on"),
        }
        return respond(office, session, form_input(ResponseBody, data))

    return await _session_step(request, office, session, work, "responded")


@router.post("/commission/c/{community}/s/{session}/minutes", include_in_schema=False)
async def minutes_post(request: Request, office: OfficeScope, session: SessionId) -> Response:
    def work(form: FormData) -> object:
        signers = [
            {"role": label, "name": form_text(form, role)} for role, label in SIGNER_ROLES.items()
        ]
        data = {
            "signers": signers,
            "on": form_text(form, "on"),
            "corrects": form_text(form, "corrects"),
            "correction": form_text(form, "correction"),
        }
        return sign(office, session, form_input(SignBody, data))

    return await _confirmed_step(request, office, session, "sign_minutes", work, "signed")
