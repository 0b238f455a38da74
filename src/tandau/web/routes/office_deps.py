"""The akim's office's console for a community: who may run it, and each step's work.

A community names the commission of its akim's office (``Community.commission``,
ADR 0017).  :func:`office_scope` is the one dependency of every office route: it
admits the chair and the secretary (``require``: 401/403 and CSRF as for any
console route), loads the community and answers 403, with a message saying so,
when the account's commission does not run it.  The steps are the community
service's own (:class:`~tandau.community.service.CommunityService`), so the rules,
the refusals and "nothing stored" are the service's; the JSON bodies are the
service's input models without the fields the path gives (:func:`body_model`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Path
from pydantic import BaseModel, create_model
from starlette.datastructures import FormData

from tandau.community.errors import CommunityRefused
from tandau.community.inputs import (
    AttendIn,
    ConveneIn,
    ResponseIn,
    SignIn,
    VoteIn,
)
from tandau.community.minutes import SignedMinutes
from tandau.community.records import as_dict
from tandau.community.rowstore import CommunityTx
from tandau.community.service import CommunityService
from tandau.i18n import N_
from tandau.law import parse_input
from tandau.law.inputs import InputModel
from tandau.schema import SqlCommunityStore

from ..accounts import Account, Role
from ..auth import require
from ..context import WebContext
from ..errors import Forbidden, PageNotFound
from .deps import context

__all__ = [
    "IDENT",
    "NOT_YOUR_COMMUNITY",
    "AttendBody",
    "ConveneBody",
    "Office",
    "OfficeScope",
    "Officer",
    "ResponseBody",
    "SessionId",
    "SignBody",
    "VoteBody",
    "attend",
    "body_model",
    "close",
    "convene",
    "form_input",
    "form_text",
    "office_communities",
    "respond",
    "sign",
    "vote",
]

M = TypeVar("M", bound=BaseModel)

IDENT = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
NOT_YOUR_COMMUNITY = N_(
    "This community is run by another akim's office: your commission cannot act for it."
)

#: Path parameters: the patterns the service's identifiers have.
CommunityId = Annotated[str, Path(pattern=IDENT, max_length=64)]
SessionId = Annotated[str, Path(pattern=IDENT, max_length=64)]
#: A route parameter ``account: Officer``: the chair or the secretary of a commission.
Officer = Annotated[Account, require(Role.CHAIR, Role.SECRETARY)]


@dataclass(frozen=True, slots=True)
class Office:
    """A signed-in officer of the community's akim's office, and the community's record."""

    account: Account
    ctx: WebContext
    snapshot: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.snapshot["community"]["id"])

    def service(self) -> CommunityService:
        return CommunityService(SqlCommunityStore(self.ctx.engine))

    def session(self, session: str) -> dict[str, Any]:
        found: dict[str, Any] | None = next(
            (s for s in self.snapshot["sessions"] if s["id"] == session), None
        )
        if found is None:
            raise PageNotFound()
        return found


def office_scope(
    community: CommunityId,
    account: Officer,
    ctx: Annotated[WebContext, Depends(context)],
) -> Office:
    """The community, if the account's commission is its akim's office; 404/403 otherwise."""
    try:
        snap = CommunityService(SqlCommunityStore(ctx.engine)).snapshot(community)
    except CommunityRefused as exc:
        raise PageNotFound() from exc
    if snap["community"].get("commission") != account.commission:
        raise Forbidden(NOT_YOUR_COMMUNITY)
    return Office(account, ctx, snap)


#: A route parameter ``office: OfficeScope``: the chair or secretary of the community's office.
OfficeScope = Annotated[Office, Depends(office_scope)]


def office_communities(ctx: WebContext, commission: str) -> list[dict[str, Any]]:
    """The communities whose akim's office is ``commission`` (id and names)."""
    with SqlCommunityStore(ctx.engine).transaction() as rows:
        found = CommunityTx(rows).communities()
    out = [{"id": c.id, "name": dict(c.name)} for c in found if c.commission == commission]
    return sorted(out, key=lambda c: c["id"])


# -- bodies: the service's inputs without what the path gives -----------------------------


def body_model(model: type[M], name: str, *given: str) -> type[InputModel]:
    """``model`` without the fields ``given`` by the path: one source for schema and rules."""
    kept: dict[str, Any] = {
        k: (f.annotation, f) for k, f in model.model_fields.items() if k not in given
    }
    made: type[InputModel] = create_model(name, __base__=InputModel, **kept)
    return made


ConveneBody = body_model(ConveneIn, "ConveneBody", "community")
AttendBody = body_model(AttendIn, "AttendBody", "community", "session")
VoteBody = body_model(VoteIn, "VoteBody", "community", "session")
ResponseBody = body_model(ResponseIn, "ResponseBody", "community", "session")
SignBody = body_model(SignIn, "SignBody", "community", "session")


def _full(model: type[M], body: InputModel, **path: str) -> M:
    return model.model_validate({**dict(body), **path})


# -- the steps ------------------------------------------------------------------------------


def convene(office: Office, body: InputModel) -> dict[str, Any]:
    s = office.service().convene(_full(ConveneIn, body, community=office.id))
    return as_dict(s)


def attend(office: Office, session: str, body: InputModel) -> dict[str, Any]:
    office.session(session)  # 404 for a session that does not exist
    data = _full(AttendIn, body, community=office.id, session=session)
    return as_dict(office.service().attend(data))


def vote(office: Office, session: str, body: InputModel) -> dict[str, Any]:
    office.session(session)
    data = _full(VoteIn, body, community=office.id, session=session)
    return as_dict(office.service().vote(data))


def close(office: Office, session: str) -> dict[str, Any]:
    office.session(session)
    return as_dict(office.service().close(office.id, session))


def respond(office: Office, session: str, body: InputModel) -> dict[str, Any]:
    office.session(session)
    data = _full(ResponseIn, body, community=office.id, session=session)
    return as_dict(office.service().respond(data))


def sign(office: Office, session: str, body: InputModel) -> dict[str, Any]:
    office.session(session)
    data = _full(SignIn, body, community=office.id, session=session)
    m: SignedMinutes = office.service().sign_minutes(data)
    return m.to_dict()


# -- forms ------------------------------------------------------------------------------------


def form_input(model: type[M], data: Mapping[str, Any]) -> M:
    """A form's fields as ``model``: a bad field is the service's InvalidInput, localised."""
    return parse_input(model, json.dumps({k: v for k, v in data.items() if v is not None}))


def form_text(form: FormData, name: str) -> str | None:
    """A form field's text, or None when it is empty (so a required field is missing)."""
    value = form.get(name)
    text = value.strip() if isinstance(value, str) else ""
    return text or None
