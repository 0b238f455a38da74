"""The console's refusals: a step the election's state does not allow, or a file that is wrong.

TandauError
└── WebError
    ├── StepRefused     web.console.step       409: not now, and why
    └── BadRequest
        └── BadFile     web.console.bad_file   400: an upload is missing, empty or too big
            └── RefusedFile                    409: a well-formed document this election refuses

What a refusal says this time is a console message, ``CONSOLE.<name>`` (the step
refused, a file kind): its kk/ru/en text is in the catalogue only (ADR 0024).
"""

from __future__ import annotations

from tandau.i18n import N_, Message

from ..errors import BadRequest, WebError

__all__ = ["BadFile", "RefusedFile", "StepRefused"]


class StepRefused(WebError, title="The election does not allow this step now."):
    code = "web.console.step"
    default = N_("The election does not allow this step now.")

    def __init__(self, message: Message, **params: object) -> None:
        super().__init__(message, **params)


class BadFile(BadRequest, title=BadRequest.title):
    code = "web.console.bad_file"
    default = N_("The uploaded file is not a valid {kind} file of this election.")

    def __init__(self, kind: Message, message: Message | None = None, **params: object) -> None:
        super().__init__(message or self.default, kind=kind, **params)


class RefusedFile(BadFile, title=BadFile.title):
    """A document that arrived whole but is not a valid file of its kind for this election.

    Wrong format or fingerprint, a body that does not parse, a proof that does not
    verify: the API's schema can only say "a JSON object", so this is a refusal (409,
    ADR 0014), not a malformed request.  Same code and text as :class:`BadFile`.
    """
