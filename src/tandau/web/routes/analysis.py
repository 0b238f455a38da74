"""The legislators' report as web pages: ``/analysis`` and ``/analysis/{question}``.

The same sections as ``tandau analysis report`` (:func:`tandau.analysis.report.build_sections`),
in the page's language (kk, ru, en).  The data are shipped with the package and
do not change while the server runs, so each language is computed once.
"""

from __future__ import annotations

import functools

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse

from tandau.analysis.report import SECTION_KEYS, Section, Words, build_sections

from ..access import PUBLIC_ROUTE
from ..errors import PageNotFound
from ..templating import render

__all__ = ["router"]

router = APIRouter(dependencies=[PUBLIC_ROUTE])  # the report is public


@functools.cache
def _sections(lang: str) -> tuple[Section, ...]:
    return tuple(build_sections(lang))


@router.get("/analysis", response_class=HTMLResponse, include_in_schema=False)
def analysis_index(request: Request) -> HTMLResponse:
    lang = getattr(request.state, "lang", "kk")
    words = Words(lang)
    return render(
        request,
        "analysis/index.html",
        title=words("title"),
        intro=words("intro"),
        sections=_sections(lang),
    )


@router.get("/analysis/{question}", response_class=HTMLResponse, include_in_schema=False)
def analysis_section(request: Request, question: str) -> HTMLResponse:
    if question not in SECTION_KEYS:
        raise PageNotFound()
    lang = getattr(request.state, "lang", "kk")
    words = Words(lang)
    index = SECTION_KEYS.index(question)
    return render(
        request,
        "analysis/section.html",
        title=words("title"),
        section=_sections(lang)[index],
        number=index + 1,
        method=words("method"),
        sources=words("sources"),
        n_label=words("n", n=_sections(lang)[index].n),
        previous=SECTION_KEYS[index - 1] if index else None,
        next=SECTION_KEYS[index + 1] if index + 1 < len(SECTION_KEYS) else None,
        contents=words("contents"),
    )
