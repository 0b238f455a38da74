"""Sign-in, sessions and the one role check every console route goes through.

The signed session cookie holds only the account id and its session version
(and the CSRF token the skeleton keeps there).  Each request reloads the
account: a deactivated account, or one whose session version moved on, is
signed out at once.

``require(*roles)`` is the dependency of every console route::

    @router.post("/commission/...")
    def step(account: Annotated[Account, require(Role.CHAIR)]) -> ...

It answers 401 without a commission session, 403 for another role, and for
every unsafe method (POST, PUT, PATCH, DELETE) checks the CSRF token — the
``X-CSRF-Token`` header (JSON calls) or the ``csrf_token`` form field — before
the route runs.  Sign-in attempts go through :func:`attempt_sign_in`: back-off
per (user name, client address) and a bucket per address (web.throttle).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request

from tandau.admin.records import Election

from .access import SIGN_IN
from .accounts import COMMISSION_ROLES, Account, Accounts, Role, SignInFailed
from .context import WebContext
from .errors import CsrfFailed, Forbidden, NotAuthenticated
from .proxies import rate_key
from .security import RateLimiter, check_csrf
from .throttle import SignInThrottle

__all__ = [
    "SAFE_METHODS",
    "AnyRole",
    "Chair",
    "Clerk",
    "ListKeeper",
    "Registrar",
    "SignInCsrf",
    "TrusteeRole",
    "accounts_of",
    "attempt_sign_in",
    "check_request_csrf",
    "csrf_protected",
    "current_account",
    "require",
    "scoped_election",
    "sign_in",
    "sign_in_throttle",
    "sign_out",
]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_ACCOUNT = "account"
_VERSION = "sv"
_CSRF = "csrf"


def accounts_of(ctx: WebContext) -> Accounts:
    return Accounts(ctx.engine, ctx.settings, ctx.wall_clock)


def sign_in(request: Request, account: Account) -> None:
    """Start a fresh session for ``account`` (a new CSRF token: no session fixation)."""
    request.session.clear()
    request.session[_ACCOUNT] = account.id
    request.session[_VERSION] = account.session_version
    request.state.user = account


def sign_out(request: Request, ctx: WebContext, account: Account) -> None:
    """End the session; the cookie is client-side, so its version is retired server-side too."""
    accounts_of(ctx).end_sessions(account.id)
    request.session.clear()
    request.state.user = None


def current_account(request: Request, ctx: WebContext) -> Account | None:
    """The signed-in commission account, or None (and a stale session is dropped)."""
    account_id = request.session.get(_ACCOUNT)
    version = request.session.get(_VERSION)
    if not isinstance(account_id, int) or isinstance(account_id, bool):
        return None
    account = accounts_of(ctx).get(account_id)
    if account is None or not account.active or account.session_version != version:
        request.session.pop(_ACCOUNT, None)
        request.session.pop(_VERSION, None)
        return None
    request.state.user = account
    return account


async def check_request_csrf(request: Request) -> FormData | None:
    """The CSRF token of an unsafe request: header for JSON calls, form field for forms.

    Returns the form it parsed (the route reads the same one), for closing afterwards.
    """
    submitted: Any = request.headers.get("x-csrf-token")
    form = None
    kind = request.headers.get("content-type", "")
    if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        if submitted is None:
            submitted = form.get("csrf_token")
    try:
        check_csrf(request, submitted if isinstance(submitted, str) else None)
    except CsrfFailed:
        if form is not None:
            await form.close()
        raise
    return form


@asynccontextmanager
async def _csrf_checked(request: Request) -> AsyncIterator[None]:
    """An unsafe request's CSRF check; its form is closed once the route is done."""
    form = None
    if request.method not in SAFE_METHODS:
        form = await check_request_csrf(request)
    try:
        yield
    finally:
        # Uploaded files are spooled to disk: close them once the route is done.
        if form is not None:
            await form.close()


def require(*roles: Role) -> Any:
    """The dependency admitting the given commission roles (all of them when none is named)."""
    allowed = frozenset(roles or COMMISSION_ROLES)

    async def dependency(request: Request) -> AsyncIterator[Account]:
        ctx: WebContext = request.app.state.ctx
        account = await run_in_threadpool(current_account, request, ctx)
        if account is None:
            raise NotAuthenticated()
        if account.role not in allowed:
            raise Forbidden()
        async with _csrf_checked(request):
            yield account

    dependency.access = allowed  # type: ignore[attr-defined]  # the route's rule (web.access)
    return Depends(dependency)


def csrf_protected() -> Any:
    """For unsafe routes open to anyone (the sign-in form): the CSRF check alone."""

    async def dependency(request: Request) -> AsyncIterator[None]:
        async with _csrf_checked(request):
            yield None

    dependency.access = SIGN_IN  # type: ignore[attr-defined]
    return Depends(dependency)


def sign_in_throttle(request: Request) -> SignInThrottle:
    """The app's sign-in throttle (web.throttle), made on first use."""
    state = request.app.state
    throttle: SignInThrottle | None = getattr(state, "sign_in_throttle", None)
    if throttle is None:
        ctx: WebContext = state.ctx
        shared = ctx.shared
        throttle = SignInThrottle(
            clock=lambda: ctx.wall_clock.now().timestamp(),
            per_address=RateLimiter(20, 20, store=shared.rates, scope="sign-in"),
            failures=shared.failures,
        )
        state.sign_in_throttle = throttle
    return throttle


def attempt_sign_in(
    request: Request, ctx: WebContext, username: str, password: str, code: str
) -> Account:
    """Check the credentials under the throttle: per (user, address) back-off, per-address bucket.

    The address is the real client's (web.proxies); a blocked attempt is refused
    before the password is checked.
    """
    throttle = sign_in_throttle(request)
    address = rate_key(request.client.host) if request.client else "unknown"
    throttle.check(username, address)
    try:
        account = accounts_of(ctx).authenticate(username, password, code)
    except SignInFailed:
        throttle.failed(username, address)
        raise
    throttle.succeeded(username, address)
    return account


def scoped_election(account: Account, election: Election) -> Election:
    """The election, if the account's commission runs it; Forbidden otherwise."""
    if election.commission != account.commission:
        raise Forbidden()
    return election


#: Route parameter types: ``account: Clerk`` admits the chair and the secretary, etc.
AnyRole = Annotated[Account, require()]
Chair = Annotated[Account, require(Role.CHAIR)]
Clerk = Annotated[Account, require(Role.CHAIR, Role.SECRETARY)]
ListKeeper = Annotated[Account, require(Role.CHAIR, Role.SECRETARY, Role.REGISTRAR)]
Registrar = Annotated[Account, require(Role.REGISTRAR)]
TrusteeRole = Annotated[Account, require(Role.TRUSTEE)]
SignInCsrf = Annotated[None, csrf_protected()]
