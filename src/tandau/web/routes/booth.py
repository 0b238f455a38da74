"""The voting booth: the voter API (credential status, casting, audit) and the booth pages.

The browser derives the credential from the secret code, encrypts and signs
the ballot (``static/booth/booth.js``); the server only ever sees the public
credential and the encrypted ballot.  Casting reads at most
``MAX_BALLOT_BYTES`` and hands the exact bytes to the election service, which
checks everything before anything is stored.  The voter API takes no session
and no CSRF token: a ballot is authorised by its credential's signature, not
by a cookie, so a forged cross-site request could only cast a ballot the
attacker could cast anyway.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse

from tandau.admin.election import MAX_BALLOT_BYTES, ElectionService, parse_ballot
from tandau.crypto.elgamal import PublicKey
from tandau.crypto.selection import Opening
from tandau.protocol.ballot import Ballot, audit_ballot, verify_ballot
from tandau.protocol.events import OrderError

from ..access import PUBLIC_ROUTE
from ..context import WebContext
from ..errors import BadRequest
from ..public_schemas import (
    AuditIn,
    AuditOut,
    BallotIn,
    CredentialStatusOut,
    ElectionId,
    PublicCredential,
    ReceiptOut,
)
from ..views import ElectionIndex
from .deps import Ctx
from .election_deps import (
    Views,
    client_address,
    election_page,
    limiter,
    read_bounded,
)
from .kiosk_devices import device_token

__all__ = ["router"]

router = APIRouter(dependencies=[PUBLIC_ROUTE])  # every route here is public

_CAST_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "Polling-station election: not an enrolled kiosk device"},
    409: {
        "description": "Refused: voting not open, unknown or cancelled credential, audited ballot, "
        "wrong election, non-canonical encoding, a proof or the signature does not verify, "
        "a credential of another precinct than the kiosk's"
    },
    429: {"description": "Too many requests from this address"},
}


M = TypeVar("M", bound=BaseModel)


def _body(model: type[M], raw: bytes) -> M:
    """The body checked against the model the schema is made from: 400 naming the field."""
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        errors = exc.errors()
        where = (".".join(str(p) for p in errors[0]["loc"]) if errors else "") or "body"
        raise BadRequest(detail=where) from exc


def _body_schema(model: type[BaseModel]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
            },
        }
    }


# -- API -----------------------------------------------------------------------


@router.get(
    "/api/elections/{election}/credentials/{public_hex}",
    tags=["voter"],
    summary="Is a public credential on the list, and has it voted?",
    response_model=CredentialStatusOut,
)
def credential_status(
    election: ElectionId, public_hex: PublicCredential, views: Views
) -> CredentialStatusOut:
    """The booth derives the public credential from the code in the browser; only it is sent."""
    index = views.index(election)
    return CredentialStatusOut(
        listed=public_hex in index.credentials,
        voted=public_hex in index.latest,
        cancelled=public_hex in index.cancelled,
    )


def _check_kiosk(ctx: WebContext, election: str, token: str | None, credential: str) -> None:
    """An active kiosk of the election, at the precinct the credential was issued for."""
    devices = ctx.devices()
    device = devices.check(election=election, token=token)
    devices.check_precinct(device=device, credential=credential)


@router.post(
    "/api/elections/{election}/ballots",
    tags=["voter"],
    summary="Cast an encrypted ballot; returns the receipt",
    response_model=ReceiptOut,
    responses=_CAST_ERRORS,
    openapi_extra=_body_schema(BallotIn),
)
async def cast_ballot(election: ElectionId, request: Request, ctx: Ctx, views: Views) -> ReceiptOut:
    """Every check runs before the ballot is appended; a refused ballot changes nothing.

    Casting the same bytes again returns the same receipt; a new ballot under the
    same credential supersedes the earlier one (``revote``).
    """
    limiter(request, "cast").hit(client_address(request))
    raw = await read_bounded(request, MAX_BALLOT_BYTES)
    ballot = _body(BallotIn, raw)
    index = await run_in_threadpool(views.index, election)  # unknown elections stop here
    if _at_stations_only(index):
        token = device_token(request, election)
        await run_in_threadpool(_check_kiosk, ctx, election, token, ballot.credential)

    def work(svc: ElectionService) -> Any:
        return svc.cast(raw)

    receipt = await run_in_threadpool(ctx.with_election, election, work)
    index = await run_in_threadpool(views.index, election)
    credential = ballot.credential
    return ReceiptOut(
        election=election, revote=index.ballots_of[credential] > 1, **receipt.to_dict()
    )


def _at_stations_only(index: ElectionIndex) -> bool:
    """A polling-station election takes ballots only from its enrolled kiosks (ADR 0009)."""
    return index.manifest is not None and index.manifest.mode == "polling-station"


def _audit(index: ElectionIndex, obj: dict[str, Any]) -> tuple[AuditOut, Ballot]:
    manifest = index.require_manifest()
    if index.key_hex is None:
        raise OrderError("the election key is not published yet")
    key = PublicKey.from_hex(index.key_hex)
    ballot = parse_ballot(obj.get("ballot"))  # type: ignore[arg-type]
    opening = Opening.from_dict(obj.get("opening"))
    verify_ballot(manifest.fingerprint, key, manifest.rule, ballot)
    choices = audit_ballot(key, ballot, opening)
    out = AuditOut(
        verified=True,
        choices=list(choices),
        options=[o.id for o, m in zip(manifest.options, choices, strict=True) if m],
        tracking_code=ballot.tracking_code,
        cast=ballot.tracking_code in index.by_code,
    )
    return out, ballot


@router.post(
    "/api/elections/{election}/audit",
    tags=["voter"],
    summary="Check a spoiled ballot: does the opening re-encrypt to it? (Benaloh audit)",
    response_model=AuditOut,
    responses={
        **_CAST_ERRORS,
        409: {"description": "The audit failed, or the ballot or opening does not decode"},
    },
    openapi_extra=_body_schema(AuditIn),
)
async def audit(election: ElectionId, request: Request, ctx: Ctx, views: Views) -> AuditOut:
    """The same check as the check page and ``tandau voter audit``; ``cast`` warns that a
    ballot with this tracking code is on the board.

    A ballot whose opening verifies is recorded as audited: it can never be cast
    afterwards (record spec §R4.5; ``protocol.ballot_refused``, ``audited_ballot``).
    """
    limiter(request, "audit").hit(client_address(request))
    raw = await read_bounded(request, 2 * MAX_BALLOT_BYTES)
    obj = _body(AuditIn, raw).model_dump()
    index = await run_in_threadpool(views.index, election)
    out, ballot = await run_in_threadpool(_audit, index, obj)
    if not out.cast:
        at = ctx.clock.now().isoformat(timespec="seconds")
        await run_in_threadpool(
            ctx.with_election, election, lambda svc: svc.record_audit(ballot, at)
        )
    return out


# -- pages -----------------------------------------------------------------------


def _options(index: ElectionIndex, lang: str) -> list[dict[str, Any]]:
    manifest = index.require_manifest()
    return [
        {
            "index": i,
            "id": o.id,
            "kind": o.kind,
            "name": o.name.get(lang, o.id),
            "party": o.party,
        }
        for i, o in enumerate(manifest.options)
    ]


def _booth_data(index: ElectionIndex) -> dict[str, Any]:
    manifest = index.require_manifest()
    return {
        "election": index.election,
        "manifest": manifest.to_dict(),
        "electionKeyHex": index.key_hex,
        "fingerprintHex": index.fingerprint_hex,
        "optionIds": [o.id for o in manifest.options],
    }


@router.get("/e/{election}/vote", response_class=HTMLResponse, include_in_schema=False)
def vote_page(election: str, request: Request, views: Views) -> HTMLResponse:
    index = views.index(election)
    if not index.remote:
        return election_page(request, "booth/at_station.html", index)
    return _booth(request, index, kiosk=False, reset=0, idle=0)


@router.get("/e/{election}/kiosk", response_class=HTMLResponse, include_in_schema=False)
def kiosk_page(
    election: str,
    request: Request,
    ctx: Ctx,
    views: Views,
    reset: Annotated[int, Query(ge=2, le=120)] = 15,
    idle: Annotated[int, Query(ge=5, le=1800)] = 180,
) -> HTMLResponse:
    """A polling-station booth: one-time codes from the desk; it resets after each voter.

    In a polling-station election only an enrolled, active kiosk is served it (403).
    """
    index = views.index(election)
    if _at_stations_only(index):
        ctx.devices().check(election=election, token=device_token(request, election))
    return _booth(request, index, kiosk=True, reset=reset, idle=idle)


def _booth(
    request: Request, index: ElectionIndex, *, kiosk: bool, reset: int, idle: int
) -> HTMLResponse:
    lang: str = request.state.lang
    return election_page(
        request,
        "booth/booth.html",
        index,
        kiosk=kiosk,
        reset_seconds=reset,
        idle_seconds=idle,
        options=_options(index, lang),
        booth_data=_booth_data(index),
    )


@router.get("/e/{election}/check", response_class=HTMLResponse, include_in_schema=False)
def check_page(election: str, request: Request, views: Views) -> HTMLResponse:
    """The independent check of an audited ballot: in the browser and on the server."""
    index = views.index(election)
    lang: str = request.state.lang
    return election_page(
        request,
        "booth/check.html",
        index,
        options=_options(index, lang),
        booth_data=_booth_data(index),
    )
