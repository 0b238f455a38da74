"""One console capability, two presentations: its JSON route and its page.

A capability is one function, the JSON route's handler: its parameters declare
the authorisation rule (``account: Clerk``), the path and the body model, and it
makes the one service call.  Its page presentation is registered from it by
:func:`form_step`: the page's form is read into the same body model, the same
handler runs (so the same role check, the same service call), and the browser is
answered by a presenter — by default a redirect back to the page with a short
confirmation (Post/Redirect/Get) — or shown the page again with the problem.

A page is a :class:`Section`: its address, its template and its loader, whose
parameters again say who may see it.  The section registers its own GET route;
JSON routes that list what the page shows call the same loader.

The JSON routes stay ordinary FastAPI routes, so ``/api/openapi.json`` describes
them as before; the page routes are left out of it (``include_in_schema=False``).
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar, get_type_hints

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from tandau.admin.administration import Administration
from tandau.admin.records import Election
from tandau.crypto.errors import TandauError

from ..accounts import Account
from ..auth import scoped_election
from ..context import WebContext
from ..templating import render
from .confirm import unless_confirmed
from .evoting import board_view
from .pages import done, show, typed_values

__all__ = [
    "ELECTION_API",
    "ELECTION_PAGE",
    "Params",
    "Section",
    "election_for",
    "election_section",
    "form_step",
    "precincts_of",
    "voter_counts",
]

#: A route's parameters as FastAPI resolved them: ``ctx``, ``account``, path parameters.
Params = dict[str, Any]
#: Reads a page's posted form into the handler's body model.
FormReader = Callable[[FormData, Params], Awaitable[Any]]
H = TypeVar("H", bound=Callable[..., Any])
#: Presents the handler's answer to the browser (runs in a worker thread).
Presenter = Callable[[Request, Params, Any], Response]
#: Where one election's console pages and its JSON API live: a step's two addresses
#: are these prefixes and the same path.
ELECTION_PAGE = "/commission/e/{election}"
ELECTION_API = "/api/commission/elections/{election}"
#: The OpenAPI tag of the console's JSON routes.
COMMISSION: list[str | Any] = ["commission"]


def election_for(ctx: WebContext, account: Account, election: str) -> Election:
    """The administration's election, if the account's commission runs it."""
    return scoped_election(
        account, ctx.administration(account.commission).lifecycle.election(election)
    )


def election_section(
    ctx: WebContext, account: Account, election: str, section: str
) -> dict[str, Any]:
    """What every page of one election shows: the election in scope, its e-voting view
    (None before e-voting is set up), whether it is a pilot, and the section's name."""
    found = election_for(ctx, account, election)
    view = board_view(ctx, found.id)
    return {
        "account": account,
        "election": found,
        "view": view,
        "pilot": view is not None and view.pilot,
        "section": section,
    }


def precincts_of(admin: Administration, election: str) -> list[str]:
    """The election's precincts; none before its district is formed."""
    try:
        return list(admin.districts.district(election).precincts)
    except TandauError:
        return []


def voter_counts(admin: Administration, election: str) -> dict[str, Any]:
    """The election's precincts and how many voters each one's list holds."""
    precincts = precincts_of(admin, election)
    return {
        "precincts": precincts,
        "counts": {p: admin.voters.count(election, p) for p in precincts},
    }


def _signature(
    handler: Callable[..., Any], drop: frozenset[str] = frozenset()
) -> inspect.Signature:
    """``handler``'s parameters with their annotations resolved, ``request`` first.

    FastAPI reads a route's dependencies (the role, the context) and path
    parameters from its signature: the page route takes the handler's own.
    """
    hints = get_type_hints(handler, include_extras=True)
    params = [
        p.replace(annotation=hints.get(p.name, p.annotation))
        for p in inspect.signature(handler).parameters.values()
        if p.name not in drop and p.name != "request"
    ]
    request = inspect.Parameter(
        "request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request
    )
    return inspect.Signature([request, *params], return_annotation=Response)


def _route(
    router: APIRouter,
    url: str,
    method: str,
    name: str,
    endpoint: Callable[..., Awaitable[Response]],
    signature: inspect.Signature,
) -> None:
    endpoint.__signature__ = signature  # type: ignore[attr-defined]
    endpoint.__name__ = name
    router.add_api_route(
        url,
        endpoint,
        methods=[method],
        name=name,
        response_class=HTMLResponse if method == "GET" else Response,
        response_model=None,
        include_in_schema=False,
    )


class Section:
    """A console page: its address, its template and its loader.

    The loader's parameters declare the page's rule and path, e.g.
    ``(ctx: Ctx, account: AnyRole, election: ElectionId)``; it returns the
    template's context.  ``name`` is the GET route's name.
    """

    def __init__(
        self, router: APIRouter, url: str, template: str, loader: Callable[..., dict[str, Any]]
    ) -> None:
        self.router = router
        self.url = url
        self.template = template
        self.loader = loader
        self._wants = tuple(inspect.signature(loader).parameters)

        async def page(request: Request, **params: Any) -> Response:
            return await run_in_threadpool(self.show, request, params)

        _route(router, url, "GET", f"{loader.__name__.strip('_')}_page", page, _signature(loader))

    def load(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return self.loader(**{k: params[k] for k in self._wants})

    def address(self, params: Mapping[str, Any]) -> str:
        return self.url.format(**params)

    def show(
        self,
        request: Request,
        params: Mapping[str, Any],
        error: TandauError | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> HTMLResponse:
        """The page, with a step's problem and the values typed, if there was one."""
        return show(request, self.template, lambda: self.load(params), error=error, values=values)

    def form(self, url: str, **options: Any) -> Callable[[H], H]:
        """Decorates a JSON route's handler: ``POST url`` is its page presentation
        (:func:`form_step`, with this section), the handler is unchanged."""

        def register(handler: H) -> H:
            form_step(self.router, url, handler, self, **options)
            return handler

        return register

    def step(
        self, path: str, summary: str, *, status_code: int | None = None, **options: Any
    ) -> Callable[[H], H]:
        """Declares one election step once: the JSON route ``POST ELECTION_API + path``
        (tagged and summarised for the OpenAPI document) and its page presentation
        ``POST ELECTION_PAGE + path`` (:meth:`form`, with ``options``)."""
        api = self.router.post(
            ELECTION_API + path, tags=COMMISSION, summary=summary, status_code=status_code
        )
        page = self.form(ELECTION_PAGE + path, **options)
        return lambda handler: page(api(handler))

    def render(self, request: Request, params: Mapping[str, Any], **shown: Any) -> Response:
        """The page after a step whose answer is shown on it once (a code, an import's report)."""
        page = {**self.load(params), **shown}
        return render(request, self.template, problem=None, done=None, values={}, **page)


def form_step(
    router: APIRouter,
    url: str,
    handler: Callable[..., Any],
    section: Section,
    *,
    key: str = "",
    to: str | None = None,
    read: FormReader | None = None,
    present: Presenter | None = None,
    confirm: str | None = None,
    keep: bool = False,
) -> None:
    """Register ``POST url``, the page presentation of the JSON ``handler``.

    ``read`` makes the handler's ``body`` from the form; ``present`` answers with
    the handler's result, by default a redirect to ``to`` (the section) with the
    confirmation ``key``.  ``confirm`` names the irreversible step whose
    confirmation page comes first (web.console.confirm); ``keep`` shows the typed
    values again after a refusal.
    """
    takes = inspect.signature(handler).parameters

    def answer(request: Request, params: Params, body: Any) -> Response:
        args = dict(params)
        if "request" in takes:
            args["request"] = request
        if "body" in takes:
            args["body"] = body
        result = handler(**args)
        if present is not None:
            return present(request, params, result)
        return done((to or section.url).format(**params), key)

    async def endpoint(request: Request, **params: Any) -> Response:
        if confirm is not None:
            found = await run_in_threadpool(
                election_for, params["ctx"], params["account"], params["election"]
            )
            back = section.address(params)
            asked = await unless_confirmed(request, confirm, params["account"], back, found)
            if asked is not None:
                return asked
        form = await request.form()
        try:
            body = await read(form, params) if read is not None else None
            return await run_in_threadpool(answer, request, params, body)
        except TandauError as exc:
            values = typed_values(form) if keep else None
            return await run_in_threadpool(section.show, request, params, exc, values)

    endpoint.capability = handler  # type: ignore[attr-defined]  # read back by the tests
    name = handler.__name__.removesuffix("_api")
    _route(router, url, "POST", name, endpoint, _signature(handler, frozenset({"body"})))
