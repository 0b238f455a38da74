"""What route functions take from the request: the context and the language."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import Request

from ..context import WebContext

__all__ = ["Ctx", "Lang", "context", "language"]


def context(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.ctx
    return ctx


def language(request: Request) -> str:
    lang: str = request.state.lang
    return lang


#: A route parameter ``ctx: Ctx`` receives the app's WebContext.
Ctx = Annotated[WebContext, Depends(context)]
#: A route parameter ``lang: Lang`` receives the request's language.
Lang = Annotated[str, Depends(language)]
