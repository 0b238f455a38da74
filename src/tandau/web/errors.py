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


class WebError(TandauError):
    code = "web.error"
    title = TandauError.title
    default = N_("The request was refused.")

    def __init__(self, message: Message | None = None, **params: object) -> None:
        self.msg = message or self.default
        self.params = params
        super().__init__(self.msg.render("en", params), **params)

    @property
    def localized(self) -> dict[str, str]:
        return localize_error(self)


class NotAuthenticated(WebError):
    code = "web.not_authenticated"
    title = "Please sign in to continue."
    default = N_("Please sign in to continue.")


class Forbidden(WebError):
    code = "web.forbidden"
    title = "Your role does not allow this action."
    default = N_("Your role does not allow this action.")


class CsrfFailed(WebError):
    code = "web.csrf"
    title = "The form has expired. Reload the page and try again."
    default = N_("The form has expired. Reload the page and try again.")


class RateLimited(WebError):
    code = "web.rate_limited"
    title = "Too many attempts. Please wait a minute and try again."
    default = N_("Too many attempts. Please wait a minute and try again.")


class PageNotFound(WebError):
    code = "web.not_found"
    title = "Nothing was found at this address."
    default = N_("Nothing was found at this address.")


class MethodNotAllowed(WebError):
    code = "web.method_not_allowed"
    title = "This address does not accept this method."
    default = N_("This address does not accept this method.")


class BadRequest(WebError):
    code = "web.bad_request"
    title = "The request is not valid."
    default = N_("The request is not valid: {detail}")
