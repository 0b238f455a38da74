"""The office's console prints the code slips of a meeting's secret vote (kk and ru).

A secret question created with its board-signing key in the server's key ring
(``tandau community secret-create --server-data-dir``; ADR 0017) needs no command
for its codes: the secretary presses one button on the session page, the server
draws one code per member registered **present** (remote participants are
consultative and get none), posts their public credentials to the board and
answers with a PDF of code slips, one a page, in Kazakh and Russian
(:func:`tandau.web.pdf.credential_sheets`, as for a precinct's voters).  The codes
exist only in that PDF.  Refused, with the page's localised problem and nothing
written, when the session is not open, the item is voted, the server holds no key
for the question, or its codes were issued already.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from starlette.requests import Request
from starlette.responses import Response

from tandau.admin import driver
from tandau.community.errors import CommunityRefused
from tandau.community.meeting_secret import secret_question
from tandau.protocol.credentials import new_code
from tandau.schema import SqlCommunityStore

from ..console.pages import step
from ..pdf import credential_sheets
from .community_console import session_context
from .office_deps import Office, OfficeScope, SessionId

__all__ = ["router"]

router = APIRouter()
Item = Annotated[int, Path(ge=1, le=100)]


def issue_slips(office: Office, session: str, item: int) -> bytes:
    """Draw the present members' codes, post their credentials, print the slips."""
    office.session(session)  # 404 for a session that does not exist
    ctx = office.ctx
    q = secret_question(SqlCommunityStore(ctx.engine), office.id, session, item)
    if not ctx.keys.has(q.election):
        raise CommunityRefused("no_server_key", election=q.election)

    def work(svc: Any) -> tuple[dict[str, str], tuple[str, ...]]:
        st = svc.sync()  # under the question's lock: two secretaries cannot issue twice
        if st.credentials or st.opened:
            raise CommunityRefused("codes_issued", session=session)
        manifest = st.require_manifest()
        codes = tuple(new_code(ctx.rng) for _ in q.voters)
        driver.publish_credentials(svc, [c.public for c in driver.credentials(manifest, codes)])
        return dict(manifest.title), codes

    title, codes = ctx.with_election(q.election, work)
    name = office.snapshot["community"]["name"]
    return credential_sheets(
        title=title,
        precinct=f"{name['kk']} / {name['ru']}, {session} · {item}",
        codes=codes,
        commission=office.account.commission,
    )


@router.post("/commission/c/{community}/s/{session}/secret/{item}/codes", include_in_schema=False)
async def slips_post(
    request: Request, office: OfficeScope, session: SessionId, item: Item
) -> Response:
    name = f'attachment; filename="codes-{office.id}-{session}-{item}.pdf"'
    return await step(
        request,
        lambda: issue_slips(office, session, item),
        lambda data: Response(
            data, media_type="application/pdf", headers={"Content-Disposition": name}
        ),
        "community/console_session.html",
        lambda: session_context(office, session),
    )
