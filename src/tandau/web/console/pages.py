"""What the console's page routes share: the election in scope, forms, and the answer to a step.

A page's form posts to its route; on success the browser is sent back to the
page with a short confirmation (``?done=<key>``, Post/Redirect/Get); on a refusal
or bad input the page is shown again with the problem — its status, title and
every violated rule with its article, in the user's language — as the one error
mapping (:func:`tandau.web.problems.problem_for`) describes it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from tandau.crypto.errors import TandauError
from tandau.i18n import CONSOLE, Message

from ..errors import BadRequest
from ..problems import problem_for
from ..templating import render
from .errors import BadFile
from .schemas import TextIn

__all__ = [
    "DONE",
    "csv_upload",
    "done",
    "field",
    "fields",
    "form_model",
    "integer",
    "read_upload",
    "show",
    "step",
    "typed_values",
    "upload_text",
]

T = TypeVar("T")
#: The largest CSV upload (units, voter lists).
MAX_CSV = 20 * 1024 * 1024
M = TypeVar("M", bound=BaseModel)

#: Confirmations shown after a successful step (``?done=<key>``).
DONE: Mapping[str, Message] = {
    "account": CONSOLE.done_account,
    "units": CONSOLE.done_units,
    "precinct": CONSOLE.done_precinct,
    "called": CONSOLE.done_called,
    "advanced": CONSOLE.done_advanced,
    "nominated": CONSOLE.done_nominated,
    "signatures": CONSOLE.done_signatures,
    "decided": CONSOLE.done_decided,
    "withdrawn": CONSOLE.done_withdrawn,
    "voters": CONSOLE.done_voters,
    "corrected": CONSOLE.done_corrected,
    "evoting": CONSOLE.done_evoting,
    "uploaded": CONSOLE.done_uploaded,
    "finalized": CONSOLE.done_finalized,
    "opened": CONSOLE.done_opened,
    "closed": CONSOLE.done_closed,
    "protocol": CONSOLE.done_protocol,
    "annulled": CONSOLE.done_annulled,
    "tallied": CONSOLE.done_tallied,
    "published": CONSOLE.done_published,
    "decision": CONSOLE.done_decision,
    "winner": CONSOLE.done_winner,
    "device_revoked": CONSOLE.done_device_revoked,
    # The akim's office's console for a community (routes.community_console).
    "convened": CONSOLE.done_convened,
    "attendance": CONSOLE.done_attendance,
    "voted": CONSOLE.done_voted,
    "session_closed": CONSOLE.done_session_closed,
    "responded": CONSOLE.done_responded,
    "signed": CONSOLE.done_signed,
}


def field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def fields(form: FormData, name: str) -> list[str]:
    return [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]


def integer(form: FormData, name: str) -> int:
    text = field(form, name)
    if not text or not text.isascii() or not text.isdigit() or len(text) > 9:
        raise BadRequest(detail=name)
    return int(text)


def _value(form: FormData, name: str, kind: Any, raw: bool) -> Any:
    """One form field as the JSON body model declares it (see :func:`form_model`)."""
    if raw:
        return str(form.get(name) or "")
    if kind is bool:
        return field(form, name) in ("on", "true", "1")
    if kind is int:
        return integer(form, name)
    if kind == list[int]:
        try:
            return [int(x) for x in fields(form, name)]
        except ValueError as exc:
            raise BadRequest(detail=name) from exc
    if get_origin(kind) is list:
        return fields(form, name)
    if type(None) in get_args(kind):
        return field(form, name) or None
    return field(form, name)


def form_model(
    model: type[M], rename: Mapping[str, str] | None = None, raw: tuple[str, ...] = ()
) -> Callable[[FormData, Any], Awaitable[M]]:
    """A reader of a page's form into the JSON route's body model, field by field.

    Text is trimmed (``raw`` fields, passwords, are not); an empty optional field
    is None; a check box is on or off; an integer that is not one is a BadRequest
    naming the field.  The model's own limits are the service's to enforce, as for
    JSON bodies built with ``model_construct``.  ``rename`` maps a model field to
    its form field.
    """
    names = rename or {}

    async def read(form: FormData, _params: Any) -> M:
        values = {
            name: _value(form, names.get(name, name), info.annotation, name in raw)
            for name, info in model.model_fields.items()
        }
        return model.model_construct(**values)

    return read


async def read_upload(form: FormData, name: str, label: Message, limit: int) -> bytes:
    upload = form.get(name)
    if not isinstance(upload, UploadFile):
        raise BadFile(label)
    try:
        data = await upload.read(limit + 1)
    finally:
        await upload.close()
    if not data or len(data) > limit:
        raise BadFile(label)
    return data


async def upload_text(
    form: FormData, file_field: str, text_field: str, label: Message, limit: int
) -> str:
    """A UTF-8 text from an uploaded file, or else from a text area."""
    upload = form.get(file_field)
    if isinstance(upload, UploadFile):
        if not upload.filename:
            await upload.close()
        else:
            data = await read_upload(form, file_field, label, limit)
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise BadFile(label) from exc
    text = form.get(text_field)
    return text if isinstance(text, str) else ""


async def csv_upload(form: FormData, _params: Any) -> TextIn:
    """A CSV file, or else the text area's text, as the JSON routes' ``TextIn`` body."""
    return TextIn.model_construct(
        text=await upload_text(form, "file", "text", CONSOLE.kind_csv, MAX_CSV)
    )


def done(url: str, key: str) -> RedirectResponse:
    return RedirectResponse(f"{url}?done={key}", status_code=303)


def show(
    request: Request,
    template: str,
    context: Callable[[], Mapping[str, Any]],
    *,
    error: TandauError | None = None,
    values: Mapping[str, Any] | None = None,
) -> HTMLResponse:
    """The page, with the problem of a failed step and the values typed, if there was one."""
    lang = getattr(request.state, "lang", "kk")
    problem = problem_for(error, lang) if error is not None else None
    done_key = request.query_params.get("done")
    message = DONE.get(done_key) if done_key else None
    return render(
        request,
        template,
        status_code=problem.status if problem is not None else 200,
        problem=problem,
        done=message.render(lang) if message is not None else None,
        values=dict(values or {}),
        **context(),
    )


async def step(
    request: Request,
    work: Callable[[], T],
    success: Callable[[T], Response],
    template: str,
    context: Callable[[], Mapping[str, Any]],
    values: FormData | None = None,
) -> Response:
    """Run a page's step off the event loop; its answer, or the page with the problem.

    ``values`` (the posted form) are shown again in the form after a refusal.
    """
    try:
        result = await run_in_threadpool(work)
    except TandauError as exc:
        typed = typed_values(values)
        return await run_in_threadpool(show, request, template, context, error=exc, values=typed)
    return success(result)


def typed_values(form: FormData | None) -> dict[str, str]:
    """What the user typed into a form, to show it again after a refusal (not the token)."""
    return {k: v for k, v in (form or {}).items() if isinstance(v, str) and k != "csrf_token"}
