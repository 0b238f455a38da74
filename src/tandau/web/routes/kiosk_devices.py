"""Kiosk devices of polling-station elections (ADR 0009): the console's side and the kiosk's.

- The chair or secretary registers a device for an election and is shown its
  one-time enrolment code (and a QR code of the enrolment address) once; they
  list the devices, revoke one, and read the trail of who did what.
- A kiosk's browser opens ``/e/{election}/kiosk/enrol``, types the code, and gets
  the device token as an HttpOnly, SameSite=Strict cookie for that election; from
  then on it is served the kiosk booth and may cast.
"""

from __future__ import annotations

import hashlib
from typing import Any

import segno
from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from tandau.admin.devices import ENROL_TTL, BadEnrolmentCode, Device

from ..access import PUBLIC_ROUTE
from ..auth import AnyRole, Clerk
from ..console.capability import Params, Section, election_for, precincts_of
from ..console.pages import form_model
from ..problems import problem_for
from ..templating import render
from .deps import Ctx
from .election_deps import Views, client_address, limiter

__all__ = ["device_cookie", "device_token", "router"]

router = APIRouter()
TAGS: list[str | Any] = ["commission"]


def device_cookie(election: str) -> str:
    """The device token's cookie: one per election (named by a hash: any election ID fits)."""
    return "tandau_device_" + hashlib.sha256(election.encode()).hexdigest()[:16]


def device_token(request: Request, election: str) -> str | None:
    return request.cookies.get(device_cookie(election))


class DeviceIn(BaseModel):
    label: str = Field(min_length=1, max_length=256)
    #: The polling station it stands at; required when the district has several.
    precinct: str | None = Field(default=None, max_length=64)


class EnrolIn(BaseModel):
    code: str = Field(min_length=1, max_length=64)


class DeviceOut(BaseModel):
    id: int
    election: str
    label: str
    status: str
    created_by: str
    created_at: str
    enrolled_at: str | None
    revoked_at: str | None
    precinct: str | None


class RegisteredOut(BaseModel):
    device: DeviceOut
    enrolment_code: str
    enrol_url: str
    expires_in_hours: int


class TrailOut(BaseModel):
    device: int
    action: str
    actor: str
    at: str


def _out(device: Device) -> DeviceOut:
    return DeviceOut(**device.to_dict())


def _enrol_url(request: Request, election: str) -> str:
    return str(request.base_url).rstrip("/") + f"/e/{election}/kiosk/enrol"


# -- the console ------------------------------------------------------------------------


def _devices(ctx: Ctx, account: AnyRole, election: str) -> dict[str, Any]:
    found = election_for(ctx, account, election)
    service = ctx.devices()
    return {
        "account": account,
        "election": found,
        "section": "devices",
        "devices": service.devices(found.id),
        "precincts": precincts_of(ctx.administration(account.commission), found.id),
        "trail": service.trail(found.id),
        "registered": None,
    }


DEVICES = Section(router, "/commission/e/{election}/devices", "console/devices.html", _devices)


@router.get(
    "/api/commission/elections/{election}/devices",
    tags=TAGS,
    summary="The kiosk devices of an election",
)
def devices_api(ctx: Ctx, account: AnyRole, election: str) -> list[DeviceOut]:
    return [_out(d) for d in _devices(ctx, account, election)["devices"]]


def _registered(request: Request, params: Params, made: RegisteredOut) -> Response:
    """The new device's enrolment code and its QR code, shown this once."""
    code, url = made.enrolment_code, made.enrol_url
    qr = segno.make(f"{url}#code={code}", error="m").svg_data_uri(scale=4)
    shown = {"device": made.device, "code": code, "url": url, "qr": qr}
    return DEVICES.render(request, params, registered={**shown, "hours": made.expires_in_hours})


@DEVICES.step(
    "/devices",
    "Register a kiosk device; its one-time enrolment code is shown only now",
    read=form_model(DeviceIn),
    present=_registered,
)
def devices_register_api(
    request: Request, ctx: Ctx, account: Clerk, election: str, body: DeviceIn
) -> RegisteredOut:
    found = election_for(ctx, account, election)
    device, code = ctx.devices().register(
        election=found.id,
        label=body.label,
        actor=account.username,
        precinct=body.precinct,
        precincts=precincts_of(ctx.administration(account.commission), found.id),
    )
    return RegisteredOut(
        device=_out(device),
        enrolment_code=code,
        enrol_url=_enrol_url(request, election),
        expires_in_hours=int(ENROL_TTL.total_seconds() // 3600),
    )


@DEVICES.step(
    "/devices/{device}/revoke",
    "Revoke a kiosk device: it is refused from its next request",
    key="device_revoked",
)
def devices_revoke_api(ctx: Ctx, account: Clerk, election: str, device: int) -> DeviceOut:
    found = election_for(ctx, account, election)
    revoked = ctx.devices().revoke(election=found.id, device=device, actor=account.username)
    return _out(revoked)


@router.get(
    "/api/commission/elections/{election}/devices/trail",
    tags=TAGS,
    summary="Who registered, enrolled and revoked which device, when",
)
def devices_trail_api(ctx: Ctx, account: AnyRole, election: str) -> list[TrailOut]:
    return [
        TrailOut(device=t.device, action=t.action, actor=t.actor, at=t.at)
        for t in _devices(ctx, account, election)["trail"]
    ]


# -- the kiosk ----------------------------------------------------------------------------


def _set_cookie(request: Request, response: Response, election: str, token: str) -> None:
    response.set_cookie(
        device_cookie(election),
        token,
        max_age=60 * 60 * 24 * 60,
        httponly=True,
        samesite="strict",
        secure=request.app.state.settings.environment == "production",
        path="/",
    )


@router.get(
    "/e/{election}/kiosk/enrol",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[PUBLIC_ROUTE],
)
def enrol_page(election: str, request: Request, views: Views) -> HTMLResponse:
    """The form a kiosk's browser types its enrolment code into (open: the code is the secret)."""
    index = views.index(election)
    return render(request, "booth/enrol.html", e=index, problem=None)


@router.post("/e/{election}/kiosk/enrol", include_in_schema=False, dependencies=[PUBLIC_ROUTE])
async def enrol_form(election: str, request: Request, ctx: Ctx, views: Views) -> Response:
    limiter(request, "enrol").hit(client_address(request))
    index = await run_in_threadpool(views.index, election)
    form = await request.form()
    code = form.get("code")
    try:
        _, token = await run_in_threadpool(
            lambda: ctx.devices().enrol(election=election, code=str(code or "")[:64])
        )
    except BadEnrolmentCode as exc:
        problem = problem_for(exc, getattr(request.state, "lang", "kk"))
        return render(
            request, "booth/enrol.html", status_code=problem.status, e=index, problem=problem
        )
    response = RedirectResponse(f"/e/{election}/kiosk", status_code=303)
    _set_cookie(request, response, election, token)
    return response


@router.post(
    "/api/elections/{election}/devices/enrol",
    tags=["voter"],
    summary="A kiosk exchanges its one-time enrolment code for a device cookie",
    dependencies=[PUBLIC_ROUTE],
    responses={
        409: {"description": "The enrolment code is not valid, was used or has expired"},
        429: {"description": "Too many attempts from this address"},
    },
)
def enrol_api(
    election: str, request: Request, response: Response, ctx: Ctx, views: Views, body: EnrolIn
) -> DeviceOut:
    limiter(request, "enrol").hit(client_address(request))
    views.index(election)
    device, token = ctx.devices().enrol(election=election, code=body.code)
    _set_cookie(request, response, election, token)
    return _out(device)
