"""The commission console: sign-in, accounts, territory, calling an election, its overview.

Every route but the sign-in form goes through ``require`` (401 without a commission
session, 403 for another role, CSRF on writes).  Each step is one handler, its JSON
route under ``/api/commission`` (tag ``commission``); the page's form route is
registered from it (web.console.capability, ADR 0021).  The
election's other sections live in ``console_candidates``, ``console_evoting`` and
``console_results``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import segno
from fastapi import APIRouter
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from tandau.admin.errors import AlreadyExists
from tandau.admin.records import Election, Unit, UnitLevel
from tandau.crypto.errors import TandauError
from tandau.i18n import CONSOLE
from tandau.law import builtin_ids
from tandau.schema import admin_elections, admin_precincts

from ..access import PUBLIC_ROUTE
from ..accounts import COMMISSION_ROLES, Account
from ..auth import (
    AnyRole,
    Chair,
    Clerk,
    SignInCsrf,
    accounts_of,
    attempt_sign_in,
    current_account,
    sign_in,
    sign_out,
)
from ..console import counting, evoting
from ..console.capability import Params, Section, election_for, election_section, precincts_of
from ..console.errors import StepRefused
from ..console.pages import csv_upload, done, field, form_model
from ..console.report import commission_name
from ..console.schemas import (
    AccountIn,
    AccountOut,
    AdvanceOut,
    AppointIn,
    DistrictIn,
    ElectionIn,
    ElectionOut,
    EnrollmentOut,
    OkOut,
    PrecinctIn,
    SessionIn,
    SessionOut,
    TextIn,
)
from ..context import ADMIN_BOARD, WebContext
from ..problems import problem_for
from ..public_schemas import ElectionId
from ..security import csrf_token
from ..templating import render
from .demo import KZ
from .deps import Ctx

__all__ = ["router"]

router = APIRouter()
TAGS: list[str | Any] = ["commission"]


# -- shared reads ---------------------------------------------------------------------


def account_out(a: Account) -> AccountOut:
    return AccountOut(
        id=a.id,
        commission=a.commission,
        username=a.username,
        name=a.name,
        role=a.role.value,
        active=a.active,
    )


def commission_elections(ctx: WebContext, commission: str) -> list[Election]:
    with ctx.engine.connect() as conn:
        ids = conn.execute(
            select(admin_elections.c.id)
            .where(admin_elections.c.commission == commission)
            .distinct()
        ).scalars()
        names = sorted(ids)
    lifecycle = ctx.administration().lifecycle
    return [lifecycle.election(e) for e in names]


def all_precincts(ctx: WebContext) -> list[Any]:
    with ctx.engine.connect() as conn:
        return list(conn.execute(select(admin_precincts).order_by(admin_precincts.c.number)))


def election_out(ctx: WebContext, election: Election) -> ElectionOut:
    admin = ctx.administration()
    precincts = precincts_of(admin, election.id)
    view = evoting.board_view(ctx, election.id)
    return ElectionOut(
        id=election.id,
        ruleset=election.ruleset,
        unit=election.unit,
        commission=election.commission,
        polling_day=election.polling_day.isoformat(),
        stage=election.stage.value,
        winner=election.winner,
        outcome=dict(election.outcome) if election.outcome is not None else None,
        calendar=admin.lifecycle.calendar(election.id).to_dict(),
        precincts=precincts,
        evoting=None
        if view is None
        else {
            "mode": view.manifest.mode,
            "fingerprint": view.fingerprint,
            "threshold": view.manifest.threshold,
            "trustees": len(view.manifest.trustees),
            "key_published": view.key_published,
            "credentials": view.credentials,
            "opened": view.opened,
            "closed": view.closed,
            "ballots": view.ballots,
            "tallied": view.tallied,
            "shares": list(view.shares),
            "published": view.results is not None,
        },
    )


def _ensure_admin_key(ctx: WebContext) -> None:
    """The administrative board's heads are signed by the commission too."""
    if not ctx.keys.has(ADMIN_BOARD):
        ctx.keys.create(ADMIN_BOARD, ctx.rng)


# -- sign-in --------------------------------------------------------------------------


@router.get(
    "/commission/login",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[PUBLIC_ROUTE],
)
def login_page(request: Request, ctx: Ctx) -> Response:
    if current_account(request, ctx) is not None:
        return RedirectResponse("/commission", status_code=303)
    return render(request, "console/login.html", problem=None, username="")


@router.post("/commission/login", include_in_schema=False)
async def login(request: Request, ctx: Ctx, _csrf: SignInCsrf) -> Response:
    form = await request.form()
    username = field(form, "username")

    def work() -> Account:
        return attempt_sign_in(
            request, ctx, username, str(form.get("password") or ""), field(form, "code")
        )

    try:
        account = await run_in_threadpool(work)
    except TandauError as exc:
        problem = problem_for(exc, request.state.lang)
        return render(
            request,
            "console/login.html",
            status_code=problem.status,
            problem=problem,
            username=username,
        )
    sign_in(request, account)
    return RedirectResponse("/commission", status_code=303)


@router.post("/commission/logout", include_in_schema=False)
def logout(request: Request, ctx: Ctx, account: AnyRole) -> Response:
    sign_out(request, ctx, account)
    return RedirectResponse("/commission/login", status_code=303)


@router.get(
    "/api/commission/session",
    tags=TAGS,
    summary="The signed-in account and CSRF token",
    dependencies=[PUBLIC_ROUTE],
)
def session_get(request: Request, ctx: Ctx) -> SessionOut:
    account = current_account(request, ctx)
    return SessionOut(
        account=account_out(account) if account else None, csrf_token=csrf_token(request)
    )


@router.post(
    "/api/commission/session",
    tags=TAGS,
    summary="Sign in (password and TOTP code)",
    responses={
        401: {"description": "Wrong user name, password or TOTP code"},
        429: {"description": "Too many sign-in attempts"},
    },
)
def session_post(request: Request, ctx: Ctx, _csrf: SignInCsrf, body: SessionIn) -> SessionOut:
    account = attempt_sign_in(request, ctx, body.username, body.password, body.code)
    sign_in(request, account)
    return SessionOut(account=account_out(account), csrf_token=csrf_token(request))


@router.delete("/api/commission/session", tags=TAGS, summary="Sign out")
def session_delete(request: Request, ctx: Ctx, account: AnyRole) -> OkOut:
    sign_out(request, ctx, account)
    return OkOut()


# -- dashboard ------------------------------------------------------------------------


@router.get("/commission", response_class=HTMLResponse, include_in_schema=False)
def dashboard(request: Request, ctx: Ctx, account: AnyRole) -> Response:
    return render(
        request,
        "console/dashboard.html",
        account=account,
        commission=commission_name(ctx, account.commission),
        elections=commission_elections(ctx, account.commission),
        demo_now=ctx.clock.now().astimezone(KZ) if ctx.settings.demo else None,
    )


@router.get("/api/commission/elections", tags=TAGS, summary="The commission's elections")
def elections_api(ctx: Ctx, account: AnyRole) -> list[ElectionOut]:
    return [election_out(ctx, e) for e in commission_elections(ctx, account.commission)]


# -- accounts and members -------------------------------------------------------------


def _accounts(ctx: Ctx, account: Chair) -> dict[str, Any]:
    return {
        "account": account,
        "accounts": accounts_of(ctx).of_commission(account.commission),
        "members": ctx.administration(account.commission).commissions.members(account.commission),
        "roles": [r.value for r in COMMISSION_ROLES],
        "enrollment": None,
        "qr": None,
    }


ACCOUNTS = Section(router, "/commission/accounts", "console/accounts.html", _accounts)


@router.get("/api/commission/accounts", tags=TAGS, summary="The commission's accounts")
def accounts_api(ctx: Ctx, account: Chair) -> list[AccountOut]:
    return [account_out(a) for a in accounts_of(ctx).of_commission(account.commission)]


def _enrolled(request: Request, params: Params, enrollment: EnrollmentOut) -> Response:
    """The new account's TOTP secret and its QR code, shown this once."""
    qr = segno.make(enrollment.provisioning_uri, error="m").svg_data_uri(scale=4)
    return ACCOUNTS.render(request, params, enrollment=enrollment, qr=qr)


@ACCOUNTS.form(
    "/commission/accounts", read=form_model(AccountIn, raw=("password",)), present=_enrolled
)
@router.post(
    "/api/commission/accounts",
    tags=TAGS,
    summary="Add an account (the TOTP secret is returned once)",
    status_code=201,
)
def accounts_add_api(ctx: Ctx, account: Chair, body: AccountIn) -> EnrollmentOut:
    e = accounts_of(ctx).create(
        commission=account.commission,
        username=body.username,
        name=body.name,
        role=body.role,
        password=body.password,
        rng=ctx.rng,
    )
    return EnrollmentOut(
        account=account_out(e.account),
        totp_secret=e.totp_secret,
        provisioning_uri=e.provisioning_uri,
    )


@ACCOUNTS.form("/commission/members", key="account", read=form_model(AppointIn))
@router.post(
    "/api/commission/members", tags=TAGS, summary="Record a member elected by the maslikhat"
)
def members_add_api(ctx: Ctx, account: Chair, body: AppointIn) -> OkOut:
    ctx.administration(account.commission).commissions.appoint(
        commission=account.commission,
        person=body.person,
        name=body.name,
        role=body.role,
        elected_on=body.elected_on,
    )
    return OkOut()


# -- territory: units and precincts ---------------------------------------------------


def _places(units: Sequence[Unit]) -> list[Unit]:
    """The settlements and rural okrugs an election can be called in."""
    return [u for u in units if u.level in (UnitLevel.SETTLEMENT, UnitLevel.RURAL_OKRUG)]


def _territory(ctx: Ctx, account: Clerk) -> dict[str, Any]:
    units = ctx.administration(account.commission).units.all()
    return {
        "account": account,
        "units": units,
        "precincts": all_precincts(ctx),
        "places": _places(units),
    }


TERRITORY = Section(router, "/commission/territory", "console/territory.html", _territory)


@TERRITORY.form("/commission/territory/units", key="units", read=csv_upload)
@router.post("/api/commission/units", tags=TAGS, summary="Import units (KATO-style CSV)")
def units_import_api(ctx: Ctx, account: Clerk, body: TextIn) -> OkOut:
    added = ctx.administration(account.commission).units.import_csv(body.text)
    return OkOut(detail={"imported": len(added)})


@TERRITORY.form("/commission/territory/precincts", key="precinct", read=form_model(PrecinctIn))
@router.post("/api/commission/precincts", tags=TAGS, summary="Create a precinct and its commission")
def precinct_add_api(ctx: Ctx, account: Clerk, body: PrecinctIn) -> OkOut:
    admin = ctx.administration(account.commission)
    # With its precinct commission, named after it, in the same transaction.
    admin.districts.create_precinct(
        code=body.code,
        number=body.number,
        unit=body.unit,
        address=body.address,
        commission=f"pec-{body.code}".lower()[:64],
    )
    return OkOut()


# -- calling an election --------------------------------------------------------------


def _new_election(ctx: Ctx, account: Clerk) -> dict[str, Any]:
    return {
        "account": account,
        "rulesets": sorted(builtin_ids()),
        "places": _places(ctx.administration(account.commission).units.all()),
        "precincts": all_precincts(ctx),
    }


NEW_ELECTION = Section(
    router, "/commission/elections/new", "console/election_new.html", _new_election
)


@NEW_ELECTION.form(
    "/commission/elections",
    read=form_model(ElectionIn),
    present=lambda _request, _params, called: done(f"/commission/e/{called.id}", "called"),
    keep=True,
)
@router.post("/api/commission/elections", tags=TAGS, summary="Call an election", status_code=201)
def new_election_api(ctx: Ctx, account: Clerk, body: ElectionIn) -> ElectionOut:
    if body.election == ADMIN_BOARD or evoting.board_taken(ctx, body.election):
        # The console's own board, or a board someone else made under this ID (a community's
        # secret vote, the demo's): an election never adopts a board it did not set up (409).
        raise AlreadyExists("election", body.election)
    _ensure_admin_key(ctx)
    admin = ctx.administration(account.commission)
    called = admin.lifecycle.call(
        election=body.election,
        ruleset=body.ruleset,
        unit=body.unit,
        commission=account.commission,
        polling_day=body.polling_day,
        term_ends=body.term_ends or None,
        # The district in the same transaction: a refused precinct leaves no election behind.
        precincts=body.precincts or None,
        district_number=body.district_number,
    )
    return election_out(ctx, called)


# -- the election's overview ----------------------------------------------------------


def _overview(ctx: Ctx, account: AnyRole, election: ElectionId) -> dict[str, Any]:
    page = election_section(ctx, account, election, "overview")
    info = election_out(ctx, page["election"])
    return {**page, "info": info, "precincts": all_precincts(ctx)}


OVERVIEW = Section(router, "/commission/e/{election}", "console/election.html", _overview)


@router.get("/api/commission/elections/{election}", tags=TAGS, summary="One election's state")
def overview_api(ctx: Ctx, account: AnyRole, election: ElectionId) -> ElectionOut:
    return election_out(ctx, election_for(ctx, account, election))


@OVERVIEW.step(
    "/advance", "Move the election to its next stage (the calendar permitting)", key="advanced"
)
def advance_api(ctx: Ctx, account: Clerk, election: ElectionId) -> AdvanceOut:
    election_for(ctx, account, election)
    moved = ctx.administration(account.commission).lifecycle.advance(election)
    until = moved.nomination_extended_until
    return AdvanceOut(
        stage=moved.stage.value, nomination_extended_until=until.isoformat() if until else None
    )


@OVERVIEW.step(
    "/district",
    "Form the electoral district",
    key="called",
    read=form_model(DistrictIn, rename={"number": "district_number"}),
)
def district_api(ctx: Ctx, account: Clerk, election: ElectionId, body: DistrictIn) -> OkOut:
    election_for(ctx, account, election)
    ctx.administration(account.commission).districts.form_district(
        election=election, number=body.number, precincts=body.precincts
    )
    return OkOut()


@OVERVIEW.step("/winner", "Register the elected akim", key="winner")
def winner_api(ctx: Ctx, account: Clerk, election: ElectionId) -> OkOut:
    found = election_for(ctx, account, election)
    view = evoting.board_view(ctx, found.id)
    if view is not None and view.results is not None:
        # The administration counts paper protocols only (see the console's notes): never
        # register a winner the published results with the e-votes do not name.
        published = view.results["outcome"].get("winner")
        decided = counting.decision_of(ctx, found.id)
        if decided is not None and str(decided.get("decision", "")).startswith("elect: "):
            published = str(decided["decision"])[len("elect: ") :]
        if published != found.winner:
            raise StepRefused(CONSOLE.winner_mismatch)
    ctx.administration(account.commission).lifecycle.register_winner(election)
    return OkOut()
