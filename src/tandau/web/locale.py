"""The page language: ``?lang=``, then the ``lang`` cookie, then Accept-Language.

A ``?lang=`` choice is remembered in the cookie.  Kazakh, the state language, is
the default when nothing else says.
"""

from __future__ import annotations

from starlette.requests import Request

from tandau.i18n import SUPPORTED_LOCALES

__all__ = ["COOKIE", "DEFAULT", "from_accept_language", "negotiate"]

COOKIE = "lang"
DEFAULT = "kk"


def from_accept_language(header: str) -> str | None:
    """The supported language the header prefers most (q-values honoured)."""
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        piece = part.strip()
        if not piece:
            continue
        name, _, params = piece.partition(";")
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        primary = name.strip().lower().split("-")[0]
        if primary in SUPPORTED_LOCALES and q > 0:
            choices.append((-q, index, primary))
    return min(choices)[2] if choices else None


def negotiate(request: Request) -> tuple[str, bool]:
    """The language for this request and whether it was chosen by ``?lang=`` now."""
    asked = request.query_params.get("lang")
    if asked in SUPPORTED_LOCALES:
        return asked, True
    cookie = request.cookies.get(COOKIE)
    if cookie in SUPPORTED_LOCALES:
        return cookie, False
    header = from_accept_language(request.headers.get("accept-language", ""))
    return header or DEFAULT, False
