"""What route functions take from the request (the context, the language) and how they
answer with a file."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import Request
from starlette.responses import Response

from ..context import WebContext

__all__ = ["Ctx", "Lang", "context", "download", "language"]


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


def download(data: bytes | str, media_type: str, name: str, *, inline: bool = False) -> Response:
    """A file: shown in the browser (``inline``, PDFs to print) or saved as ``name``."""
    disposition = "inline" if inline else "attachment"
    safe = name.replace('"', "")
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'{disposition}; filename="{safe}"'},
    )
