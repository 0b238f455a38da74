"""The FastAPI application factory.

``create_app(settings)`` wires the middleware (proxy headers, security headers,
body limits, sessions, language), the one error handler, the static files and
the route modules.  The JSON API lives under ``/api`` and is described by ``/api/openapi.json``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from tandau.crypto.errors import TandauError
from tandau.settings import ConfigurationError, Settings

from . import locale
from .access import PUBLIC, declare
from .context import WebContext
from .errors import BadRequest, MethodNotAllowed, PageNotFound, WebError
from .head import HeadAsGet
from .limits import BodyLimits
from .openapi import allowed_methods, install_openapi
from .problems import problem_for
from .proxies import ProxyHeaders
from .routes import ROUTERS
from .security import SecurityHeaders
from .templating import render

__all__ = ["create_app"]

log = logging.getLogger("tandau.web")


def _wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, error: TandauError, status: int | None = None) -> Response:
    lang = getattr(request.state, "lang", locale.DEFAULT)
    problem = problem_for(error, lang)
    if status is not None:
        problem.status = status
    if problem.status >= 500:
        log.error("server error %s on %s", problem.code, request.url.path)
    response: Response
    if _wants_json(request):
        response = JSONResponse(
            problem.to_json(request.url.path),
            status_code=problem.status,
            media_type="application/problem+json",
        )
    else:
        response = render(request, "error.html", status_code=problem.status, problem=problem)
    if problem.status == 429:
        seconds = getattr(error, "params", {}).get("seconds", 60)
        response.headers["Retry-After"] = str(seconds)
    return response


def create_app(settings: Settings, context: WebContext | None = None) -> FastAPI:
    ctx = context if context is not None else WebContext.build(settings)
    settings = ctx.settings  # with its secrets resolved
    if not settings.secret_key:
        raise ConfigurationError("no session secret: build the context from with_secrets()")

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if context is None:
            ctx.close()

    app = FastAPI(
        title="Tandau",
        version="1",
        description="Verifiable akim elections: voting booth, commission console, public board.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    install_openapi(app)
    app.state.ctx = ctx
    app.state.settings = settings

    @app.middleware("http")
    async def language(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        lang, chosen = locale.negotiate(request)
        request.state.lang = lang
        response = await call_next(request)
        if chosen:
            response.set_cookie(
                locale.COOKIE,
                lang,
                max_age=365 * 24 * 3600,
                samesite="lax",
                secure=settings.environment == "production",
            )
        response.headers.setdefault("Content-Language", lang)
        return response

    # The last added runs first: HEAD as GET, proxies (who the client is), security headers (on
    # every answer, refusals included), body limits (before anything reads the body
    # or the session), then the session, before anything reads it.
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="tandau_session",
        max_age=8 * 3600,
        same_site="strict",
        https_only=settings.environment == "production",
    )
    app.add_middleware(
        BodyLimits,
        max_bytes=settings.max_body_bytes,
        max_depth=settings.max_json_depth,
        on_error=error_response,
    )
    app.add_middleware(SecurityHeaders, hsts=settings.environment == "production")
    app.add_middleware(ProxyHeaders, trusted=settings.trusted_proxies)
    app.add_middleware(HeadAsGet)  # outermost: every answer to HEAD loses its body

    @app.exception_handler(TandauError)
    async def _domain_error(request: Request, exc: TandauError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "request"
        return error_response(request, BadRequest(detail=where))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_response(request, PageNotFound())
        if exc.status_code == 405:
            response = error_response(request, MethodNotAllowed())
            response.headers["Allow"] = allowed_methods(request.app, request.url.path)
            return response
        # Anything else the framework raises: the problem's status is the answer's status.
        return error_response(request, WebError(), status=exc.status_code)

    static = files("tandau.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for router in ROUTERS:
        app.include_router(router)
    for route in app.routes:
        if getattr(route, "path", None) == app.openapi_url:
            declare(route, PUBLIC)  # FastAPI's own route: the API description is public
    return app
