"""Server-rendered pages: one Jinja2 environment, strings through the catalogue.

Templates call ``_("msgid")`` and ``ngettext(singular, plural, n)``; both are bound
to the request's language at render time.  Autoescaping is on for every template.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from tandau.i18n import SUPPORTED_LOCALES, gettext, ngettext

from .security import csrf_token

__all__ = ["LANGUAGE_NAMES", "environment", "render"]

LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

environment = Environment(
    loader=PackageLoader("tandau.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _lang_url(request: Request, lang: str) -> str:
    """This page in another language: the same path and query, ``lang`` changed.

    The path is the one the client asked for, so it is made a path of this site:
    ``//host/x`` (or ``/\\host/x``) would be a link to another site on every page.
    """
    params = dict(request.query_params)
    params["lang"] = lang
    path = "/" + request.url.path.lstrip("/\\")
    return f"{path}?{urlencode(params)}"


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang: str = getattr(request.state, "lang", "kk")

    def _(msgid: str, **params: Any) -> str:
        text = gettext(lang, msgid)
        return text.format(**params) if params else text

    def _n(singular: str, plural: str, n: int, **params: Any) -> str:
        return ngettext(lang, singular, plural, n).format(n=n, **params)

    page = environment.get_template(template).render(
        request=request,
        lang=lang,
        languages=[(code, LANGUAGE_NAMES[code]) for code in SUPPORTED_LOCALES],
        lang_url=lambda code: _lang_url(request, code),
        _=_,
        ngettext=_n,
        csrf_token=lambda: csrf_token(request),
        user=getattr(request.state, "user", None),
        pilot=context.pop("pilot", False),
        **context,
    )
    return HTMLResponse(page, status_code=status_code)
