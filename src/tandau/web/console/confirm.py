"""The confirmation step before an irreversible console action (no JavaScript: CSP forbids it).

The console's buttons for opening and closing voting, publishing the results
and annulling a protocol post to their action as before; without
``confirmed=yes`` the server answers with a page that says what cannot be
undone and repeats the form's fields with a confirm button.  So nothing
irreversible happens on one click, and the JSON API (scripts) is unchanged.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from tandau.i18n import N_, Message

from ..accounts import Account
from ..templating import render

__all__ = ["IRREVERSIBLE", "unless_confirmed"]

#: What each step does and what can never be undone afterwards.
IRREVERSIBLE: dict[str, tuple[Message, Message]] = {
    "open": (
        N_("Open voting?"),
        N_(
            "Voters can cast ballots from this moment. The opening is written to the public board and cannot be taken back; the election key and the ballot can no longer change."  # noqa: E501
        ),
    ),
    "close": (
        N_("Close voting?"),
        N_(
            "No ballot can be cast after this, and voting can never be opened again. The closing is written to the public board."  # noqa: E501
        ),
    ),
    "publish": (
        N_("Publish the results?"),
        N_(
            "The results and the decryption proofs are written to the public board for everyone. Published results cannot be withdrawn or changed."  # noqa: E501
        ),
    ),
    "annul": (
        N_("Annul this precinct's protocol?"),
        N_(
            "The commission's decision is recorded with its reason and the members present. The annulled protocol's votes no longer count, and the decision cannot be undone."  # noqa: E501
        ),
    ),
    "close_session": (
        N_("Close this session?"),
        N_(
            "No one can be registered and no vote can be recorded after this; a closed session is never opened again. Its minutes can then be signed."  # noqa: E501
        ),
    ),
    "sign_minutes": (
        N_("Sign the minutes?"),
        N_(
            "Signed minutes never change: they are published with their SHA-256. A mistake can only be corrected by new signed minutes that reference these."  # noqa: E501
        ),
    ),
}


async def unless_confirmed(
    request: Request, kind: str, account: Account, back: str, election: object = None
) -> Response | None:
    """None when the form says ``confirmed=yes``; otherwise the confirmation page."""
    form = await request.form()
    if form.get("confirmed") == "yes":
        return None
    title, warning = IRREVERSIBLE[kind]
    lang: str = request.state.lang
    fields = [
        (k, v)
        for k, v in form.multi_items()
        if isinstance(v, str) and k not in ("csrf_token", "confirmed")
    ]
    return render(
        request,
        "console/confirm.html",
        account=account,
        election=election,
        section=None,
        heading=title.render(lang),
        warning=warning.render(lang),
        action=request.url.path,
        fields=fields,
        back=back,
    )
