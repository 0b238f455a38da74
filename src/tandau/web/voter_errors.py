"""Errors of the voter and public pages; each explains itself in kk, ru and en.

TandauError
└── WebError
    ├── PageNotFound                    404
    │   ├── ResultsNotPublished         the results are not on the board yet
    │   └── TrackingCodeNotFound        no ballot with this tracking code
    ├── BadRequest                      400
    │   └── BadTrackingCode             not the shape of a tracking code
    └── PayloadTooLarge   web.too_large 413: a body over the limit, refused unread
"""

from __future__ import annotations

from tandau.i18n import N_

from .errors import BadRequest, PageNotFound, WebError

__all__ = [
    "BadTrackingCode",
    "PayloadTooLarge",
    "ResultsNotPublished",
    "TrackingCodeNotFound",
]


class ResultsNotPublished(PageNotFound, title=PageNotFound.title):
    default = N_("The results of this election are not published yet.")


class TrackingCodeNotFound(PageNotFound, title=PageNotFound.title):
    default = N_("No ballot with this tracking code is on the board.")


class BadTrackingCode(BadRequest, title=BadRequest.title):
    default = N_("A tracking code has 16 letters and digits, like ABCD-EFGH-2345-KLMN.")


class PayloadTooLarge(WebError, title="The request is too large."):
    code = "web.too_large"
