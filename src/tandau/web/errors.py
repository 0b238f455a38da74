"""The web layer's own errors; each explains itself in kk, ru and en.

TandauError
└── WebError                web.error
    ├── NotAuthenticated    web.not_authenticated   401: sign in first
    ├── Forbidden           web.forbidden           403: the role may not do this
    ├── CsrfFailed          web.csrf                403: the form's token is missing or wrong
    ├── RateLimited         web.rate_limited        429: too many attempts; wait
    ├── PageNotFound        web.not_found           404
    ├── MethodNotAllowed    web.method_not_allowed  405: the address takes other methods (Allow)
    └── BadRequest          web.bad_request         400: a form or JSON field is wrong
"""

from __future__ import annotations

from typing import ClassVar

from tandau.crypto.errors import TandauError
from tandau.i18n import N_, Message, localize_error

__all__ = [
    "BadRequest",
    "CsrfFailed",
    "Forbidden",
    "MethodNotAllowed",
    "NotAuthenticated",
    "PageNotFound",
    "RateLimited",
    "WebError",
]


class WebError(TandauError, title=TandauError.title):
    code = "web.error"
    #: The message when none is given; without one, the class's title says it all.
    default: ClassVar[Message | None] = None

    def __init__(self, message: Message | None = None, **params: object) -> None:
        self.msg = message or self.default or Message(self.title)
        self.params = params
        super().__init__(self.msg.render("en", params), **params)

    @property
    def localized(self) -> dict[str, str]:
        return localize_error(self)


class NotAuthenticated(WebError, title="Please sign in to continue.", code="web.not_authenticated"):
    """401: sign in first."""


class Forbidden(WebError, title="Your role does not allow this action.", code="web.forbidden"):
    """403: the account's role may not do this."""


class CsrfFailed(
    WebError, title="The form has expired. Reload the page and try again.", code="web.csrf"
):
    """403: the form's token is missing or wrong."""


class RateLimited(
    WebError,
    title="Too many attempts. Please wait a minute and try again.",
    code="web.rate_limited",
):
    """429: too many attempts; wait."""


class PageNotFound(WebError, title="Nothing was found at this address.", code="web.not_found"):
    """404: nothing is served at this address."""


class MethodNotAllowed(
    WebError, title="This address does not accept this method.", code="web.method_not_allowed"
):
    """405: the address takes other methods (the response says which, in ``Allow``)."""


class BadRequest(WebError, title="The request is not valid.", code="web.bad_request"):
    """400: a form or JSON field is wrong (``detail`` names it)."""

    default = N_("The request is not valid: {detail}")
